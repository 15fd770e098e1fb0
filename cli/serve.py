"""`practice serve`: the web app and API under uvicorn."""

from __future__ import annotations

import argparse
import os
from typing import Any

from practice.settings import Settings


def register(commands: Any) -> None:
    serve = commands.add_parser("serve", help="start the web app and API (settings from GYM_* variables)")
    serve.add_argument("--host", help="address to bind (default GYM_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default GYM_PORT or 8000)")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    serve.set_defaults(run=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    import sys

    import uvicorn

    from practice.scoring.factory import EncoderUnavailable, check_encoder

    try:
        check_encoder(settings)
    except EncoderUnavailable as error:
        print(f"practice: {error}", file=sys.stderr)
        return 2

    host, port = args.host or settings.host, args.port or settings.port
    os.environ["GYM_HOST"], os.environ["GYM_PORT"] = host, str(port)  # the factory reads them in each worker
    print(
        f"practice: serving on http://{host}:{port} (API docs at /docs); loading the model first…", flush=True
    )
    uvicorn.run(
        "server.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        log_level=settings.log_level,
        # Slow clients: request heads must arrive within GYM_HEADER_TIMEOUT (bodies: api/timeouts.BodyTimeout).
        http="api.timeouts:HeadTimeoutProtocol",
        timeout_keep_alive=settings.keep_alive_timeout,
        limit_concurrency=settings.max_connections,
    )
    return 0
