"""Proof uploads: how long the checks take, directly and over HTTP (prints figures, asserts nothing).

    python benchmarks/uploads.py [--repeat 5]

Measures ``check_document`` (the server's checks and re-encoding) on a 12-megapixel phone photo
(JPEG), a 5 MB PDF, a PNG scan and two pixel bombs (a header announcing 7000×7000 or 60000×60000
pixels with almost no data), then the same files through ``POST /files`` on an in-process server
with the client's progress callback, and a reviewer-free round of applications: create, save and
submit an exemption.  Medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import io
import statistics
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend_mock.app import create_app  # noqa: E402
from backend_mock.photos import UploadError, check_document  # noqa: E402
from backend_mock.seed import DEMO_PASSWORD  # noqa: E402
from backend_mock.seed.demo import DEMO_EXAMINEES  # noqa: E402
from backend_mock.server import ServerThread  # noqa: E402
from backend_mock.settings import Mode, Settings  # noqa: E402
from desktop.api import ApiClient  # noqa: E402
from desktop.api.errors import ApiError  # noqa: E402


def phone_photo() -> bytes:
    image = Image.effect_noise((4000, 3000), 40).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


def big_pdf(size: int = 5 * 1024 * 1024 - 100) -> bytes:
    head = b"%PDF-1.4\n"
    return head + b"0" * (size - len(head) - 6) + b"%%EOF\n"


def png_scan() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2480, 3508), (255, 255, 255)).save(out, "PNG")  # A4 at 300 dpi
    return out.getvalue()


def bomb(side: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, str]:
    times, outcome = [], ""
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            fn()
            outcome = "accepted"
        except (UploadError, ApiError) as exc:
            outcome = f"refused ({getattr(exc, 'reason', None) or getattr(exc, 'code', '')})"
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings(mode=Mode.TEST)
    files = {
        "12 MP phone photo (JPEG)": phone_photo(),
        "5 MB PDF": big_pdf(),
        "A4 300 dpi scan (PNG)": png_scan(),
        "pixel bomb 7000×7000 (PNG header)": bomb(7000),
        "pixel bomb 60000×60000 (PNG header)": bomb(60_000),
    }
    print(f"{'file':40} {'bytes':>10} {'check ms':>10} {'HTTP ms':>10}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(f"sqlite:///{Path(tmp) / 'b.db'}", settings, seed_size=0)
        with ServerThread(app) as server:
            client = ApiClient(server.url)
            cap = client.auth.captcha()
            client.auth.login(
                DEMO_EXAMINEES[0].exam_no, DEMO_PASSWORD, cap.captcha_id, client.mock.captcha_answer(cap.captcha_id)
            )
            for name, data in files.items():
                check, outcome = median_ms(lambda d=data: check_document(d, settings), args.repeat)
                calls: list[int] = []

                def send(d: bytes = data, seen: list[int] = calls) -> object:
                    return client.records.upload_bytes("f", d, progress=lambda sent, _total: seen.append(sent))

                http, _ = median_ms(send, args.repeat)
                per_run = len(calls) // args.repeat
                print(f"{name:40} {len(data):>10} {check:>10.1f} {http:>10.1f}  {outcome}, {per_run} progress calls")
            proof = client.records.upload_bytes("p.jpg", files["12 MP phone photo (JPEG)"]).file_id
            course = client.records.exemptable_courses()[0].code

            def round_trip() -> None:
                app_ = client.records.create("exemption", {"course_code": course}, [])
                client.records.save(app_.application_no, {"course_code": course, "basis": "证书"}, [proof])
                client.records.delete(app_.application_no)

            ms, _ = median_ms(round_trip, args.repeat)
            print(f"create + save + delete a draft: {ms:.1f} ms (median of {args.repeat})")
            client.close()
        app.state.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
