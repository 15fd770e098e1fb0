import numpy as np

from practice.scoring.calibration import IDENTITY, Calibration, background_similarity


def test_identity_leaves_similarities_alone() -> None:
    sims = np.array([0.1, 0.5, 0.9], dtype=np.float32)
    assert IDENTITY(sims) is sims


def test_background_maps_onto_reference_and_one_stays_one() -> None:
    calibrate = Calibration(background=0.44, reference=0.14)
    out = calibrate(np.array([0.44, 1.0, 0.72], dtype=np.float32))
    assert np.allclose(out[:2], [0.14, 1.0])
    assert out[0] < out[2] < out[1]  # order is kept


def test_background_similarity_is_the_mean_cross_signal_cosine() -> None:
    a = np.array([[1.0, 0.0]], dtype=np.float32)
    b = np.array([[0.6, 0.8]], dtype=np.float32)
    assert np.isclose(background_similarity({"a": a, "b": b}), 0.6)
