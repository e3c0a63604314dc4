"""``zikao-mock-backend`` / ``python -m backend_mock``: run the mock backend as a server."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from backend_mock.settings import Mode, Settings


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
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from backend_mock.app import create_app
    from backend_mock.schema_version import OldSchema
    from backend_mock.server import ServerThread

    mode = Mode(args.mode)
    settings = Settings(mode=mode, auto_approve_enrolment=mode is Mode.DEMO)
    seed_size = None if args.no_seed else args.seed
    try:
        app = create_app(args.db or default_db_url(), settings, seed_size=seed_size, rebuild_old_schema=args.reset)
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
