"""Listening Gym domain core: scoring, scenarios, client simulation, sessions.

Nothing here imports FastAPI, jinja2 or HTTP code. Serving runs the encoder on onnxruntime; torch,
sentence-transformers, transformers and scikit-learn (the `train` extra) are imported lazily, only by the torch
adapter (scoring/st_encoder.py), the export (scoring/onnx_export.py) and training (scoring/training.py).
"""
