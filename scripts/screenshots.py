"""Screenshots of the real windows with demo data, for the docs: ``python scripts/screenshots.py``.

Starts the mock backend on a temporary database, logs in through the client, builds the real
windows offscreen, waits until they have loaded and saves ``docs/screenshots/<name>.png``.

To add a screenshot, write a function ``shot_xxx(ctx) -> QWidget`` that returns the widget to grab
once it is ready, and add it to ``SHOTS``.  ``--scale 2`` renders at 200 % (checks high-DPI).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.api import ApiClient
from desktop.api.types import LoginSession
from desktop.tasks import TaskRunner

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "docs" / "screenshots"


@dataclass
class Context:
    """What a screenshot function gets: the server, a logged-in client, a runner."""

    url: str
    client: ApiClient
    runner: TaskRunner
    tmp: Path
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def login(self, account: str) -> LoginSession:
        from backend_mock.seed import DEMO_PASSWORD

        cap = self.client.auth.captcha()
        answer = self.client.mock.captcha_answer(cap.captcha_id)
        return self.client.auth.login(account, DEMO_PASSWORD, cap.captcha_id, answer)


def wait_until(condition: Callable[[], bool], timeout_ms: int = 15_000) -> None:
    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("the window did not finish loading")
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(ms: int = 200) -> None:
    """Let layouts, style polish and pending paints happen before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


# --- the screenshots --------------------------------------------------------------------------------


def shot_personal_center(ctx: Context) -> QWidget:
    """The main window on 个人中心 of a demo examinee with a photo."""
    from backend_mock.seed.demo import DEMO_EXAMINEES
    from desktop.session import UserSession
    from desktop.views.main_window import MainWindow

    demo = next(d for d in DEMO_EXAMINEES if d.key == "bachelor_ready")
    session = UserSession(ctx.login(demo.exam_no), watch_application=False)
    host = ctx.url.split("//", 1)[-1]
    window = MainWindow(ctx.client, ctx.runner, session, f"内置演示服务 {host}")
    window.resize(1000, 680)
    window.show()
    page = window.page("个人中心")
    wait_until(lambda: page.profile is not None and not page.loading)
    ctx.cleanups.append(session.stop)
    ctx.cleanups.append(window.close_quietly)
    return window


def shot_login(ctx: Context) -> QWidget:
    """The login dialog of a demo-mode server, with the demo accounts listed."""
    from desktop.views.login_dialog import LoginDialog

    dialog = LoginDialog(ctx.runner, demo_mode_hint=True)
    dialog.resize(680, 660)
    dialog.show()
    dialog.set_backend(ctx.client, ctx.client.system.health())
    wait_until(lambda: dialog.captcha_id is not None and not dialog.busy and dialog.demo_table.rowCount() > 0)
    dialog.demo_table.selectRow(1)
    dialog.use_selected_demo_account()
    ctx.cleanups.append(dialog.close)
    return dialog


def shot_enrol(ctx: Context) -> QWidget:
    """新生报名 inside the enrolment window, partly filled in, with a photo chosen."""
    from backend_mock.seed.photos import make_photo
    from desktop.views.enrol_dialog import EnrolDialog
    from zikao_common.idnumber import make_id_number

    client = ctx.client
    cal = client.system.calendar()
    upcoming = [s for s in cal.sessions if s.enrolment_open > cal.server_time] or list(cal.sessions[-1:])
    client.mock.set_clock(upcoming[0].enrolment_open + timedelta(hours=1), frozen=True)
    ctx.cleanups.append(client.mock.reset_clock)

    dialog = EnrolDialog(client, ctx.runner)
    dialog.show()
    wait_until(lambda: dialog.reference_loaded and dialog.captcha.captcha_id is not None and not dialog.busy)
    dialog.name_edit.setText("欧阳晓光")
    dialog.id_edit.setText(make_id_number("430104", date(2001, 3, 9), 42, male=True))
    dialog.phone_edit.setText("13974112233")
    dialog.select_county("430104")
    majors = client.system.majors()
    dialog.select_major(next((m.id for m in majors if m.code == "080901"), majors[0].id))
    photo = ctx.tmp / "photo.jpg"
    photo.write_bytes(make_photo(11))
    dialog.load_photo(photo)
    wait_until(lambda: dialog.photo_ok and not dialog.busy)
    dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()))
    ctx.cleanups.append(dialog.close)
    return dialog


SHOTS: list[tuple[str, Callable[[Context], QWidget]]] = [
    ("login", shot_login),
    ("enrol", shot_enrol),
    ("personal_center", shot_personal_center),
]


# --- running ----------------------------------------------------------------------------------------


@contextmanager
def mock_server() -> Iterator[tuple[str, Path]]:
    from backend_mock.app import create_app
    from backend_mock.server import ServerThread
    from backend_mock.settings import Mode, Settings

    with tempfile.TemporaryDirectory(prefix="zikao-shots-") as tmp:
        app = create_app(f"sqlite:///{Path(tmp) / 'shots.db'}", Settings(mode=Mode.DEMO), seed_size=5)
        server = ServerThread(app).start()
        try:
            yield server.url, Path(tmp)
        finally:
            server.stop()
            app.state.engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these screenshots (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio, e.g. 2 for 200 %%")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    from desktop.app import configure_appearance, set_application_names

    set_application_names()
    app = QApplication([sys.argv[0]])
    configure_appearance(app)

    wanted = [(name, fn) for name, fn in SHOTS if not args.names or name in args.names]
    args.out.mkdir(parents=True, exist_ok=True)
    runner = TaskRunner()
    with mock_server() as (url, tmp):
        for name, make in wanted:
            client = ApiClient(url)
            ctx = Context(url=url, client=client, runner=runner, tmp=tmp)
            try:
                widget = make(ctx)
                settle()
                suffix = "" if args.scale == 1.0 else f"@{args.scale:g}x"
                path = args.out / f"{name}{suffix}.png"
                if not widget.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            finally:
                runner.wait()
                for cleanup in reversed(ctx.cleanups):
                    cleanup()
                client.close()
    runner.wait()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
