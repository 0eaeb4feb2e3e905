"""``marsad serve``: the HTTP API and the web workspace over a store."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="serve the HTTP API and the web workspace")
    p.add_argument("--db", type=Path, default=None, help="SQLite store (default from config)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--token",
        default=os.environ.get("MARSAD_TOKEN"),
        help="bearer token required on write endpoints (default $MARSAD_TOKEN; none: open)",
    )
    p.add_argument("--config", type=Path, help="TOML configuration (pipeline stages, db)")
    p.add_argument(
        "--max-upload-bytes", type=int, default=20 * 1024 * 1024, help="largest request body"
    )
    p.add_argument(
        "--rate", type=int, default=600, help="requests per minute allowed to one client"
    )
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.set_defaults(func=run_serve)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from marsad.api import ApiSettings, create_app
    from marsad.config import load_config
    from marsad.errors import MarsadError

    if not 0 < args.port < 65536:
        print(f"marsad serve: --port must be in 1..65535, got {args.port}", file=sys.stderr)
        return 2
    try:
        config = load_config(args.config)
        settings = ApiSettings(
            db=args.db or config.db,
            token=args.token or None,
            stages=config.stages,
            max_body_bytes=args.max_upload_bytes,
            rate=args.rate,
        )
        app = create_app(settings)
    except (MarsadError, ValueError) as exc:
        print(f"marsad serve: {exc}", file=sys.stderr)
        return 2
    if not _is_loopback(args.host) and not settings.token:
        print(
            f"marsad serve: warning: listening on {args.host} with no --token: anyone who can "
            "reach it may upload documents",
            file=sys.stderr,
        )
    print(f"marsad serve: http://{args.host}:{args.port}/ (store {settings.db})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
