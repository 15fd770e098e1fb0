from practice.scoring.parroting import copied_share

CLIENT = "The shipment was three days late and nobody told us about it."


def test_verbatim_copy_is_all_copied() -> None:
    assert copied_share(CLIENT, "The shipment was three days late and nobody told us about it.") == 1.0


def test_a_frame_around_a_copy_still_reads_as_copy() -> None:
    assert (
        copied_share(CLIENT, "So you said the shipment was three days late and nobody told us about it.")
        > 0.7
    )


def test_own_words_are_not_copied() -> None:
    assert (
        copied_share(CLIENT, "So the delivery slipped by three days and no one gave you a heads-up.") == 0.0
    )


def test_short_replies_are_never_parrots() -> None:
    assert copied_share(CLIENT, "three days late") == 0.0
