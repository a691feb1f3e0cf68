"""``socialcalc serve [--host 127.0.0.1] [--port 8000] [--rates DIR] [--workers N]``: the HTTP API and the page.

Needs the ``server`` extra (``pip install 'socialcalc[server]'``); the web framework is imported only when the
command runs, never by ``import socialcalc`` or another command. The service has no authentication: it binds
to 127.0.0.1 by default and belongs behind the municipality's gateway.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from socialcalc.errors import InvalidInput

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add ``serve``."""
    p = sub.add_parser("serve", help="run the HTTP API and the caseworker page (needs socialcalc[server])",
                       description="Serve the rules over HTTP (FastAPI on uvicorn) with a Danish page at /. "
                                   "No authentication: keep it on 127.0.0.1 or behind the municipality's gateway.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--rates", metavar="DIR", default=None, help="rate directory (default: the packaged tables)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="allow browser calls from ORIGIN (repeatable; default: no CORS)")
    p.add_argument("--max-body", type=int, default=None, metavar="BYTES",
                   help="largest request body (default 262144; 413 above it)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from socialcalc.server import app as server_app
    except ImportError as err:
        raise InvalidInput("serve", err.name or "fastapi", code="cli.server_missing") from None
    if args.workers < 1:
        raise InvalidInput("--workers", args.workers, code="cli.workers")
    if not 0 <= args.port <= 65535:
        raise InvalidInput("--port", args.port, code="cli.port")
    if args.rates:
        os.environ[server_app.ENV_RATES] = os.path.abspath(args.rates)
    if args.cors_origin:
        os.environ[server_app.ENV_CORS] = ",".join(args.cors_origin)
    if args.max_body:
        os.environ[server_app.ENV_MAX_BODY] = str(args.max_body)
    server_app.app_from_env()  # fail here, once, on a bad rate directory, before any worker starts
    log_config = {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"err": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
        "loggers": {"uvicorn": {"handlers": ["err"], "level": "INFO", "propagate": False},
                    "socialcalc.server": {"handlers": ["err"], "level": "INFO", "propagate": False}},
    }
    uvicorn.run("socialcalc.server.app:app_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, access_log=False, log_config=log_config, server_header=False)
    return 0
