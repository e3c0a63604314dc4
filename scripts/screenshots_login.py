"""Screenshots of the login and enrolment dialogs: ``python scripts/screenshots_login.py``.

Starts a demo-mode mock backend on a temporary database, builds the real dialogs offscreen, waits
until they have loaded and saves ``docs/screenshots/login.png`` and ``docs/screenshots/enrol.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from desktop.api import ApiClient
from desktop.tasks import TaskRunner

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "docs" / "screenshots"


# PySide6 6.12 on Python 3.11 drops a reference to None on every call of a void method (e.g.
# ``QApplication.processEvents()``); a tight loop of those aborts the interpreter ("deallocating
# None").  ``QEventLoop.processEvents`` returns a bool and is safe, so the loops below use it.
_LOOP: QEventLoop | None = None


def _process(ms: int = 50) -> None:
    global _LOOP
    if _LOOP is None:
        _LOOP = QEventLoop()
    _LOOP.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, ms)


def wait_until(condition: Callable[[], bool], timeout_ms: int = 15_000) -> None:
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("the dialog did not finish loading")
        _process()


def settle(ms: int = 300) -> None:
    deadline = QDeadlineTimer(ms)
    while not deadline.hasExpired():
        _process(20)


@contextmanager
def demo_server() -> Iterator[tuple[str, Path]]:
    from backend_mock.app import create_app
    from backend_mock.server import ServerThread
    from backend_mock.settings import Mode, Settings

    with tempfile.TemporaryDirectory(prefix="zikao-login-shots-") as tmp:
        app = create_app(f"sqlite:///{Path(tmp) / 'shots.db'}", Settings(mode=Mode.DEMO), seed_size=5)
        server = ServerThread(app).start()
        try:
            yield server.url, Path(tmp)
        finally:
            server.stop()
            app.state.engine.dispose()


def shot_login(client: ApiClient, runner: TaskRunner, _tmp: Path) -> QWidget:
    """The login dialog of a demo-mode server, with the demo accounts listed."""
    from desktop.views.login_dialog import LoginDialog

    dialog = LoginDialog(runner, demo_mode_hint=True)
    dialog.resize(680, 660)
    dialog.show()
    dialog.set_backend(client, client.system.health())
    wait_until(lambda: dialog.captcha_id is not None and not dialog.busy and dialog.demo_table.rowCount() > 0)
    dialog.demo_table.selectRow(1)
    dialog.use_selected_demo_account()
    return dialog


def shot_enrol(client: ApiClient, runner: TaskRunner, tmp: Path) -> QWidget:
    """新生报名 inside the enrolment window, partly filled in, with a photo chosen."""
    from backend_mock.seed.photos import make_photo
    from desktop.views.enrol_dialog import EnrolDialog
    from zikao_common.idnumber import make_id_number

    cal = client.system.calendar()
    upcoming = [s for s in cal.sessions if s.enrolment_open > cal.server_time] or list(cal.sessions[-1:])
    client.mock.set_clock(upcoming[0].enrolment_open + timedelta(hours=1), frozen=True)

    dialog = EnrolDialog(client, runner)
    dialog.show()
    wait_until(lambda: dialog.reference_loaded and dialog.captcha.captcha_id is not None and not dialog.busy)
    dialog.name_edit.setText("欧阳晓光")
    dialog.id_edit.setText(make_id_number("430104", date(2001, 3, 9), 42, male=True))
    dialog.phone_edit.setText("13974112233")
    dialog.select_county("430104")
    majors = client.system.majors()
    dialog.select_major(next((m.id for m in majors if m.code == "080901"), majors[0].id))
    photo = tmp / "photo.jpg"
    photo.write_bytes(make_photo(11))
    dialog.load_photo(photo)
    wait_until(lambda: dialog.photo_ok and not dialog.busy)
    dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()))
    return dialog


SHOTS: list[tuple[str, Callable[[ApiClient, TaskRunner, Path], QWidget]]] = [
    ("login", shot_login),
    ("enrol", shot_enrol),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these screenshots (default: all)")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    app = QApplication([sys.argv[0]])
    try:
        from desktop.app import configure_appearance, set_application_names

        set_application_names()
        configure_appearance(app)
    except ImportError:  # the shell is not there: plain Qt look
        pass

    args.out.mkdir(parents=True, exist_ok=True)
    runner = TaskRunner()
    with demo_server() as (url, tmp):
        for name, make in SHOTS:
            if args.names and name not in args.names:
                continue
            client = ApiClient(url)
            widget: QWidget | None = None
            try:
                widget = make(client, runner, tmp)
                settle()
                path = args.out / f"{name}.png"
                if not widget.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                print(f"saved {path}")
            finally:
                runner.wait()
                _process()
                if widget is not None:
                    widget.close()
                    widget.deleteLater()
                client.mock.reset_clock()
                client.close()
    runner.wait()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
