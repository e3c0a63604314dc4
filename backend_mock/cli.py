"""``zikao-mock-backend`` / ``python -m backend_mock``: run the mock backend as a server."""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from backend_mock.settings import Mode, Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

# how the CLI tells its worker processes what to serve (uvicorn imports ``worker_app`` by name)
WORKER_ENV = "ZIKAO_BACKEND_WORKER"
# a test or demo server's rule numbers tuned by a benchmark (benchmarks/peak.py): JSON of Settings fields
SETTINGS_ENV = "ZIKAO_BACKEND_SETTINGS"


def default_db_url() -> str:
    return f"sqlite:///{Path('zikao-mock.db').resolve()}"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="zikao-mock-backend", description="湖南自考自助服务 mock backend")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    p.add_argument("--db", default=None, help="SQLAlchemy database URL (default: sqlite file zikao-mock.db)")
    p.add_argument(
        "--seed",
        type=int,
        default=50,
        metavar="SIZE",
        help="seed an empty database with the demo data and SIZE generated examinees (default 50)",
    )
    p.add_argument("--no-seed", action="store_true", help="leave an empty database empty")
    p.add_argument(
        "--reset",
        action="store_true",
        help="a database made by another version of the backend: drop its tables and seed it anew",
    )
    p.add_argument(
        "--mode",
        choices=[m.value for m in Mode],
        default=Mode.DEMO.value,
        help="demo (default): tester controls and demo accounts; test: tester controls; production: neither",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (default 1). With more than one, use PostgreSQL (--db postgresql+psycopg://...): "
        "the tester clock is kept in the database, latency and fault injection are refused",
    )
    p.add_argument(
        "--update-repository",
        default=None,
        metavar="DIR",
        help="serve this TUF update repository (scripts/release.py writes it) under /api/v1/updates (docs/updates.md)",
    )
    args = p.parse_args(argv)
    if args.workers < 1:
        p.error("--workers must be at least 1")
    return args


def settings_for(mode: Mode, update_repository: str | None = None) -> Settings:
    tuned = json.loads(os.environ.get(SETTINGS_ENV) or "{}")
    if tuned and mode is Mode.PRODUCTION:
        raise SystemExit(f"zikao-mock-backend: {SETTINGS_ENV} tunes test and demo servers only")
    served = {"update_repository": Path(update_repository).resolve()} if update_repository else {}
    return Settings.model_validate({"auto_approve_enrolment": mode is Mode.DEMO, **tuned, **served, "mode": mode})


def worker_app() -> FastAPI:
    """The app of one worker process of ``--workers N`` (``backend_mock.cli:worker_app``, a factory)."""
    from backend_mock.app import create_app

    config = json.loads(os.environ[WORKER_ENV])
    return create_app(
        config["db"],
        settings_for(Mode(config["mode"]), config.get("update_repository")),
        seed_size=None,
        workers=config["workers"],
    )


def serve_workers(args: argparse.Namespace, db_url: str, mode: Mode) -> int:
    """Prepare (and seed) the database once, then run ``args.workers`` uvicorn worker processes."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from backend_mock.app import prepare_database
    from backend_mock.clock import Clock

    prepare_database(
        db_url,
        settings_for(mode, args.update_repository),
        Clock(),
        None if args.no_seed else args.seed,
        rebuild_old_schema=args.reset,
    )
    os.environ[WORKER_ENV] = json.dumps(
        {"db": db_url, "mode": mode.value, "workers": args.workers, "update_repository": args.update_repository}
    )
    # our own socket, protocol given: asyncio then sets TCP_NODELAY on accepted connections (server.py)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.set_inheritable(True)
    host, port = sock.getsockname()[:2]
    config = uvicorn.Config(
        f"{__name__}:worker_app",
        factory=True,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=2,
    )
    url = f"http://{host}:{port}"
    print(f"mock backend ({mode.value}, {args.workers} workers) listening on {url}  —  docs: {url}/docs", flush=True)
    Multiprocess(config, sockets=[sock]).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from backend_mock.app import create_app
    from backend_mock.schema_version import OldSchema
    from backend_mock.server import ServerThread

    mode = Mode(args.mode)
    seed_size = None if args.no_seed else args.seed
    try:
        if args.workers > 1:
            return serve_workers(args, args.db or default_db_url(), mode)
        app = create_app(
            args.db or default_db_url(),
            settings_for(mode, args.update_repository),
            seed_size=seed_size,
            rebuild_old_schema=args.reset,
        )
    except OldSchema as exc:
        print(f"zikao-mock-backend: {exc}", file=sys.stderr)
        return 2
    server = ServerThread(app, args.host, args.port).start()
    print(f"mock backend ({mode.value}) listening on {server.url}  —  API docs: {server.url}/docs", flush=True)
    try:
        server.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
