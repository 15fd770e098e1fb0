"""Scoring a trainee's reply for understanding, behaviours and depth."""

from practice.scoring.behaviours import BEHAVIOURS
from practice.scoring.ports import Encoder, Scorer
from practice.scoring.results import KeyPointResult, ScoreInput, ScoreResult
from practice.scoring.scorer import ListeningScorer

__all__ = [
    "BEHAVIOURS",
    "Encoder",
    "KeyPointResult",
    "ListeningScorer",
    "ScoreInput",
    "ScoreResult",
    "Scorer",
]
