"""Coaching sentences: every language pack says every one of them, in its own words."""

from __future__ import annotations

from practice.scoring.feedback import ENGLISH, coaching
from practice.scoring.lang import get_pack
from practice.simulation.coaching import PHASE_COACHING, phase_feedback, tone


def test_the_romanian_pack_coaches_every_case_in_romanian() -> None:
    ro = get_pack("ro").coaching
    assert sorted(ro) == sorted(ENGLISH)
    assert coaching([], ["rebuttal"], False, "simple", ro) == ro["rebuttal"]
    assert coaching([], ["emotion_label", "open_question"], False, "complex", ro).startswith(
        "Ascultare puternică"
    )
    assert coaching([], ["rebuttal"], False, "simple") == ENGLISH["rebuttal"]


def test_phase_coaching_exists_in_every_language_and_praise_differs_from_warnings() -> None:
    assert {code: sorted(t) for code, t in PHASE_COACHING.items()} == dict.fromkeys(
        PHASE_COACHING, sorted(PHASE_COACHING["en"])
    )
    assert phase_feedback("ro", "future", []) == PHASE_COACHING["ro"]["future"]
    assert phase_feedback("de", "future", []) == PHASE_COACHING["en"]["future"]  # no table: English
    assert [
        tone(o) for o in ("understood", "future", "proposal", "partly", "rebutted", "irrelevant", None)
    ] == [
        "praise",
        "praise",
        "praise",
        "warn",
        "warn",
        "warn",
        "warn",
    ]
