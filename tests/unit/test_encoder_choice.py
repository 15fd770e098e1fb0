"""Which encoder the settings choose, the error when the chosen one cannot be loaded, what both adapters share
(pooling), and the artefact check that refuses a damaged export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from practice.scoring import factory
from practice.scoring.encoding import mean_pool
from practice.scoring.factory import EncoderUnavailable, build_encoder, check_encoder
from practice.scoring.onnx_encoder import EncoderArtefactError, OnnxEncoder, read_manifest, sha256, verify
from practice.settings import Settings

ENCODER_DIR = Path(__file__).parents[2] / "practice" / "data" / "encoder"


def test_onnx_is_the_default_and_gym_encoder_chooses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GYM_ENCODER", raising=False)
    assert Settings().encoder == "onnx"
    monkeypatch.setenv("GYM_ENCODER", "torch")
    assert Settings().encoder == "torch"
    monkeypatch.setenv("GYM_ENCODER", "tensorflow")
    with pytest.raises(ValidationError, match="'onnx' or 'torch'"):
        Settings()


def test_encoder_threads_and_the_old_torch_threads_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GYM_ENCODER_THREADS", raising=False)
    monkeypatch.delenv("GYM_TORCH_THREADS", raising=False)
    assert Settings().encoder_threads is None
    monkeypatch.setenv("GYM_TORCH_THREADS", "3")
    assert Settings().encoder_threads == 3
    monkeypatch.setenv("GYM_ENCODER_THREADS", "1")
    assert Settings().encoder_threads == 1  # the new name wins
    assert Settings(encoder_threads=2).encoder_threads == 2
    monkeypatch.setenv("GYM_ENCODER_THREADS", "0")
    with pytest.raises(ValidationError):
        Settings()


def test_torch_chosen_but_not_installed_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factory, "installed", lambda module: module not in ("torch", "transformers"))
    with pytest.raises(
        EncoderUnavailable, match=r"needs the train extra, but torch, transformers is not"
    ) as e:
        build_encoder(Settings(encoder="torch"))
    assert ".[train]" in str(e.value) and "GYM_ENCODER=onnx" in str(e.value)
    check_encoder(Settings(encoder="onnx"))  # the ONNX path does not need them


def test_installed_is_false_for_a_blocked_or_absent_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch_blocked_here", None)
    assert not factory.installed("torch_blocked_here")
    assert not factory.installed("no_such_module_anywhere")
    assert factory.installed("numpy")


def test_mean_pool_ignores_padding_and_gives_unit_rows() -> None:
    tokens = np.array([[[1, 0], [3, 0], [100, 100]], [[0, 0], [0, 0], [0, 0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0], [0, 0, 0]], dtype=np.int64)
    pooled = mean_pool(tokens, mask)
    np.testing.assert_allclose(pooled[0], [1.0, 0.0])  # the mean (2, 0), padding left out, at unit length
    assert np.isfinite(pooled).all() and pooled.dtype == np.float32


def small_artefact(folder: Path) -> dict[str, object]:
    folder.mkdir()
    (folder / "model.onnx").write_bytes(b"not really a model")
    (folder / "tokenizer.json").write_text("{}")
    manifest = {"sha256": {n: sha256(folder / n) for n in ("model.onnx", "tokenizer.json")}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return manifest


def test_a_damaged_or_missing_artefact_is_refused_with_the_way_out(tmp_path: Path) -> None:
    with pytest.raises(EncoderArtefactError, match="practice encoder export"):
        OnnxEncoder(tmp_path)
    folder = tmp_path / "export"
    manifest = small_artefact(folder)
    verify(folder, read_manifest(folder))
    (folder / "model.onnx").write_bytes(b"version https://git-lfs.github.com/spec/v1\n")
    with pytest.raises(EncoderArtefactError, match="does not match its sha256"):
        verify(folder, manifest)
    (folder / "model.onnx").unlink()
    with pytest.raises(EncoderArtefactError, match="missing"):
        verify(folder, manifest)


def test_the_committed_artefact_matches_its_manifest() -> None:
    manifest = read_manifest()
    verify(ENCODER_DIR, manifest)
    assert manifest["licence"] == "Apache-2.0" and manifest["max_seq_length"] == 256
    assert set(manifest["sha256"]) == {"model.onnx", "tokenizer.json", "pooling.json"}
