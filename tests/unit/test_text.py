from practice.scoring.lang import get_pack
from practice.scoring.text import clauses, sentences, stem, words
from practice.scoring.units import key_points, reply_units

EN = get_pack("en")


def test_sentences_keep_offsets() -> None:
    text = "It was late.  Nobody called! Why?"
    spans = sentences(text)
    assert [s.text for s in spans] == ["It was late.", "Nobody called!", "Why?"]
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_clauses_cut_at_conjunctions_and_join_short_bits() -> None:
    text = "The shipment was three days late and nobody told us, but you still billed us."
    parts = [c.text for c in clauses(text, EN.clause_boundary)]
    assert parts == ["The shipment was three days late", "and nobody told us", "but you still billed us."]
    assert [c.text for c in clauses("Late again and again.", EN.clause_boundary)] == ["Late again and again."]


def test_key_points_are_capped() -> None:
    message = " ".join(f"Problem number {i} is serious." for i in range(20))
    assert len(key_points(EN, message)) == 8


def test_reply_units_cover_clauses_sentences_and_whole_reply_once() -> None:
    reply = "So it came late and nobody warned you. That hurts."
    units = [u.text for u in reply_units(EN, reply)]
    assert "So it came late" in units
    assert "So it came late and nobody warned you." in units
    assert reply in units
    assert len(units) == len(set(units))


def test_words_and_stem() -> None:
    assert words("Didn’t ARRIVE, on-time") == ["didn't", "arrive", "on", "time"]
    assert stem("arrived") == stem("arrives") == stem("arrive") == "arriv"
    assert stem("cancelled") == stem("cancel") and stem("changes") == stem("changed") == stem("change")
    assert stem("late") == "lat" and stem("told") == "told"
