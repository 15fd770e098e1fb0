"""Property tests (hypothesis): any text, any unicode, empty or huge, gives the scorer a well-formed result and
gives the scenario loader either a scenario or a clear problem naming the file — never a crash."""

from __future__ import annotations

from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from practice.scenarios.loader import ScenarioError, load_scenario_text
from practice.scoring.behaviours import BEHAVIOURS
from tests.fakes import fake_scorer

ROOT = Path(__file__).parents[2]
SCORER = fake_scorer()
VALID = (ROOT / "scenarios" / "missed-delivery.yaml").read_text(encoding="utf-8")
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=4000)
SETTINGS = hypothesis.settings(max_examples=150, deadline=None)


@SETTINGS
@hypothesis.given(
    client=texts,
    reply=texts,
    key_points=st.none() | st.lists(st.text(max_size=500), max_size=12),
    language=st.sampled_from(["en", "ro"]),
)
def test_the_scorer_answers_any_text_in_range(
    client: str, reply: str, key_points: list[str] | None, language: str
) -> None:
    result = SCORER.score(client, reply, key_points, language)
    assert 0.0 <= result.understanding <= 1.0
    assert set(result.behaviours) == set(BEHAVIOURS)
    assert all(0.0 <= v <= 1.0 for v in result.behaviours.values())
    assert set(result.flags) <= set(BEHAVIOURS) and result.depth in ("none", "simple", "complex")
    for point in result.key_points:
        assert (
            point.evidence is None or reply[point.evidence.start : point.evidence.end] == point.evidence.text
        )
    assert result.feedback


def _loads_or_explains(text: str) -> None:
    try:
        load_scenario_text(text, "fuzzed.yaml")
    except ScenarioError as error:
        assert error.problems and all(p.file == "fuzzed.yaml" for p in error.problems)
        assert all(str(p) for p in error.problems)


@SETTINGS
@hypothesis.given(text=texts)
def test_the_loader_explains_any_text(text: str) -> None:
    _loads_or_explains(text)


@SETTINGS
@hypothesis.given(data=st.data())
def test_the_loader_explains_a_damaged_scenario(data: st.DataObject) -> None:
    """A real scenario with a stretch cut out, or garbage spliced in: YAML broken in realistic ways."""
    start = data.draw(st.integers(0, len(VALID)))
    end = data.draw(st.integers(start, min(len(VALID), start + 200)))
    splice = data.draw(
        st.sampled_from(["", ":", "- ", "\t", "{", "]", "'", "&a", "*a", "!!python/object:os.system", "\x00"])
    )
    _loads_or_explains(VALID[:start] + splice + VALID[end:])


@pytest.mark.parametrize("size", [0, 1, 100_000])
def test_the_loader_explains_empty_and_huge_input(size: int) -> None:
    _loads_or_explains("a" * size)
