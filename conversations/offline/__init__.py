"""PLACEHOLDER"""

from .intents import Intent
from .model import OfflineModel
from .parse import parse_intent

__all__ = ["Intent", "OfflineModel", "parse_intent"]
