"""report-tagger: tag Vietnamese security and police reports by topic."""

from .config import TAGS, Config
from .errors import ReportTaggerError
from .predict import Prediction, load_model, predict
from .tagger import TaggerModel

__all__ = [
    "TAGS",
    "Config",
    "Prediction",
    "ReportTaggerError",
    "TaggerModel",
    "load_model",
    "predict",
]
