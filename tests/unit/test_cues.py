import pytest

from practice.scoring.cues import negated_content, person_ratios, polarities, question_kind
from practice.scoring.lang import UnsupportedLanguage, get_pack
from practice.scoring.understanding import conflict

EN = get_pack("en")


@pytest.mark.parametrize(
    ("text", "domain", "sign"),
    [
        ("The order came two days late", "timeliness", -1),
        ("it arrived on time", "timeliness", 1),
        ("it didn't arrive on time", "timeliness", -1),
        ("there was no delay at all", "timeliness", 1),
        ("nobody told us", "informed", -1),
        ("we kept you informed", "informed", 1),
        ("you were left in the dark", "informed", -1),
        ("the invoice is wrong", "correctness", -1),
        ("you're right, the amount is correct", "correctness", 1),
        ("the portal is broken again", "working", -1),
    ],
)
def test_polarity(text: str, domain: str, sign: int) -> None:
    assert polarities(EN, text)[domain] == sign


def test_negation_scope_is_local() -> None:
    # "nobody" negates "told", not "late" six words on.
    assert polarities(EN, "nobody told us the shipment was late") == {"informed": -1, "timeliness": -1}


@pytest.mark.parametrize(
    ("point", "clause", "expected"),
    [
        ("The shipment was late", "so it arrived on time", 1.0),
        ("nobody told us", "we kept you informed", 1.0),
        ("nobody told us", "you weren't warned", 0.0),
        ("nobody told us", "you were left in the dark", 0.0),
        ("the invoice doesn't match the quote", "so the invoice matches the quote", 1.0),
        ("the figures don't add up", "the figures add up", 0.7),
        ("The shipment was late", "the delivery came three days late", 0.0),
        ("The shipment was late", "you were counting on it arriving on time", 0.0),
        ("Your invoice charges us for forty licences", "so the invoice is correct", 0.6),
        ("we wait a week for every reply", "you've been our priority", 0.6),
    ],
)
def test_conflict(point: str, clause: str, expected: float) -> None:
    assert conflict(EN, point, clause) == expected


def test_negation_stops_at_punctuation_and_conjunctions_but_any_carries_it() -> None:
    marks = negated_content(EN, "nobody warned you, and two stores had to close")
    assert marks["warn"] is True and marks["two"] is False and marks["stor"] is False
    assert negated_content(EN, "nobody called and the stores closed")["stor"] is False
    assert polarities(EN, "no one from us gave you any warning")["informed"] == -1


def test_negated_content_marks_words_in_scope() -> None:
    marks = negated_content(EN, "they never answered my emails")
    assert marks["answer"] is True
    assert marks["email"] is False  # only the head of the negation: the emails were sent
    assert negated_content(EN, "an invoice you can't explain makes it look bad")["look"] is False
    assert negated_content(EN, "it is not the first billing mistake")["mistak"] is False
    assert negated_content(EN, "we never got any warning")["warn"] is True


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("What happened on your side?", "open"),
        ("So how did that affect your team?", "open"),
        ("Tell me more about what went wrong.", "open"),
        ("Can you walk me through it?", "open"),
        ("Did you get our email?", "closed"),
        ("Would a credit note help?", "closed"),
        ("Is that right?", "closed"),
        ("That sounds awful.", None),
    ],
)
def test_question_kind(sentence: str, kind: str | None) -> None:
    assert question_kind(EN, sentence) == kind


def test_person_ratios_ignore_listening_phrases() -> None:
    listening, _ = person_ratios(EN, "I hear you, and I understand you were let down.")
    story, _ = person_ratios(EN, "I had the same thing with my own supplier last year and I hated it.")
    assert listening == 0.0
    assert story > 0.15


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(UnsupportedLanguage, match="'xx' is not supported; supported: en, ro"):
        get_pack("xx")
