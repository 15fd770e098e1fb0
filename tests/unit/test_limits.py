"""The caps of practice/scoring/limits.py: what one reply, one input and one call may expand into."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from practice.scoring.lang import get_pack
from practice.scoring.limits import MAX_INPUT_TEXTS, MAX_REPLY_UNITS, MAX_TEXTS_PER_CALL, InputTooLarge
from practice.scoring.results import ScoreInput
from practice.scoring.scorer import Prepared
from practice.scoring.units import reply_units
from tests.fakes import BagOfWordsEncoder, fake_scorer
from tests.worst import dense_reply, worst_item

EN = get_pack("en")
SCENARIOS = Path(__file__).parents[2] / "scenarios"
REPLY = (
    "So it came late, three days late, and nobody warned you. That hurts, and it cost you a client. "
    "Is that right?"
)


def _exemplar_replies() -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("reply"), str):
                found.append(node["reply"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(SCENARIOS.glob("**/*.yaml")):  # drafts too: more replies
        scenario = yaml.safe_load(path.read_text())
        if scenario.get("language", "en") == "en":
            walk(scenario)
    return found


def test_natural_replies_up_to_the_longest_allowed_are_read_whole() -> None:
    replies = _exemplar_replies()
    assert len(replies) > 150
    # The exemplars strung together into long replies of up to 4,000 characters (600 to 700 words).
    long_replies, current = [], ""
    for reply in replies:
        if len(current) + len(reply) + 1 > 4000:
            long_replies.append(current)
            current = ""
        current = f"{current} {reply}".strip()
    assert len(long_replies) >= 5
    for text in long_replies:
        units = reply_units(EN, text)
        assert units == reply_units(EN, text, cap=10**6)  # not coarsened
        assert len(units) <= MAX_REPLY_UNITS


def test_a_reply_is_read_more_coarsely_in_steps_until_it_fits() -> None:
    def texts(cap: int) -> list[str]:
        return [u.text for u in reply_units(EN, REPLY, cap=cap)]

    assert len(texts(100)) == 10  # clauses, comma stretches, sentences and the whole reply
    assert "three days late" in texts(100)
    # Without comma stretches: clauses, sentences and the whole reply.
    assert texts(8) == [
        "So it came late, three days late",
        "and nobody warned you.",
        "That hurts",
        "and it cost you a client.",
        "Is that right?",
        "So it came late, three days late, and nobody warned you.",
        "That hurts, and it cost you a client.",
        REPLY,
    ]
    # Sentences and the whole reply.
    assert texts(4) == [
        "So it came late, three days late, and nobody warned you.",
        "That hurts, and it cost you a client.",
        "Is that right?",
        REPLY,
    ]
    # Runs of neighbouring sentences.
    assert texts(3) == [
        "So it came late, three days late, and nobody warned you. That hurts, and it cost you a client.",
        "Is that right?",
        REPLY,
    ]


def test_a_reply_of_hundreds_of_one_word_sentences_is_read_in_even_runs() -> None:
    reply = dense_reply(0)
    assert len(reply_units(EN, reply, cap=10**6)) == 801  # uncapped: every sentence, and the whole reply
    units = reply_units(EN, reply)
    assert len(units) == MAX_REPLY_UNITS
    runs, whole = units[:-1], units[-1]
    assert whole.text == reply
    assert runs[0].start == 0 and runs[-1].end == len(reply)
    assert all(a.end < b.start for a, b in itertools.pairwise(runs))  # in order, no overlap
    sizes = {len(run.text.split()) for run in runs}
    assert sizes == {5, 6}  # 800 sentences in 159 runs


def test_the_costliest_input_expands_into_at_most_max_input_texts() -> None:
    item = worst_item(0)
    prepared = Prepared(ScoreInput(item["client_message"], item["response"], tuple(item["key_points"])), EN)
    assert len(set(prepared.texts())) == MAX_INPUT_TEXTS == 180


def _inputs(count: int) -> list[ScoreInput]:
    items = [worst_item(i) for i in range(count)]
    return [ScoreInput(i["client_message"], i["response"], tuple(i["key_points"])) for i in items]


def test_a_call_past_the_text_cap_is_refused_before_anything_is_encoded() -> None:
    encoder = BagOfWordsEncoder()
    scorer = fake_scorer(encoder)
    fits = MAX_TEXTS_PER_CALL // MAX_INPUT_TEXTS
    assert fits == 22
    assert len(scorer.score_many(_inputs(fits))) == fits
    calls = len(encoder.calls)
    with pytest.raises(InputTooLarge) as refused:
        scorer.score_many(_inputs(fits + 1))
    assert refused.value.field == "items" and refused.value.limit == MAX_TEXTS_PER_CALL
    assert f"{(fits + 1) * MAX_INPUT_TEXTS} texts" in str(refused.value)
    assert len(encoder.calls) == calls


def test_overlong_texts_and_too_many_key_points_are_refused_naming_the_field() -> None:
    scorer = fake_scorer()
    with pytest.raises(InputTooLarge) as refused:
        scorer.score_many([ScoreInput("It was late.", "x" * 4001)])
    assert refused.value.field == "response" and refused.value.limit == 4000
    with pytest.raises(InputTooLarge) as refused:
        scorer.score_many([ScoreInput("x" * 4001, "So it was late.")])
    assert refused.value.field == "client_message"
    points = tuple(f"point {i}" for i in range(13))
    with pytest.raises(InputTooLarge) as refused:
        scorer.score_many([ScoreInput("It was late.", "So it was late.", points)])
    assert refused.value.field == "key_points" and refused.value.limit == 12
    assert scorer.score_many([ScoreInput("It was late.", "x" * 4000, points[:12])])
