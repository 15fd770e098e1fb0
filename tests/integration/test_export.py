"""`practice encoder export` runs (it needs the train extra) and reproduces the committed artefact's vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cli import main
from practice.scoring.onnx_encoder import OnnxEncoder, read_manifest
from tests.encoder_texts import parity_texts

pytestmark = [pytest.mark.slow, pytest.mark.model]


def test_the_export_reproduces_the_committed_encoder(
    tmp_path: Path, onnx_encoder: OnnxEncoder, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "encoder"
    assert main(["encoder", "export", "--out", str(out), "--quantize", "float16"]) == 0
    assert "float16: cosine to torch over" in capsys.readouterr().out
    fresh, committed = read_manifest(out), read_manifest()
    assert fresh["sha256"] == committed["sha256"]  # the same bytes: model, tokenizer and pooling
    same = ("name", "licence", "opset", "max_seq_length", "model", "tokenizer", "pooling", "quantisation")
    assert {k: fresh[k] for k in same} == {k: committed[k] for k in same}
    assert fresh["parity"]["float16"]["min_cosine"] >= 0.99
    texts = parity_texts()
    np.testing.assert_allclose(OnnxEncoder(out).encode(texts), onnx_encoder.encode(texts), atol=1e-5)
