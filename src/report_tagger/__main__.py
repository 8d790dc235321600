"""`python -m report_tagger` is the `report-tagger` command."""

import sys

from .cli import main

sys.exit(main())
