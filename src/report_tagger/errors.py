"""The one exception type for problems a user can fix (bad data, missing model)."""


class ReportTaggerError(Exception):
    """A problem with the user's input; the message names the file, row or field."""
