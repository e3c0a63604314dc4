"""The GUI entry point: ``python -m desktop`` or the ``zikao`` script.

``main()`` sets up Qt (high-DPI policy, a CJK font, the style sheet), logging and settings, then
hands over to ``AppController``, which shows the login window at once and gives the embedded demo
backend its data folder (or uses ``--server``).  That backend is a child process, started by the
entry point (``desktop/__main__.py``, ``packaging/launcher.py``) before this module imports Qt
(``desktop.shell.embedded_process``).  Nothing here imports the backend, FastAPI or qtawesome.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.resources.fonts import BASE_POINT_SIZE, cjk_family

if TYPE_CHECKING:
    from desktop.shell.controller import AppController

ORGANISATION = "HunanZikao"
APPLICATION = "zikao-selfservice"
DISPLAY_NAME = QT_TR_NOOP("湖南自考自助服务")


log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="zikao", description=tr("{DISPLAY_NAME}（桌面客户端）").format(DISPLAY_NAME=tr(DISPLAY_NAME))
    )
    parser.add_argument("--server", metavar="URL", help=tr("使用该服务器，而不是内置演示服务"))
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help=tr("数据目录（设置、内置服务的数据库、日志）；默认为系统的应用数据目录"),
    )
    parser.add_argument("--lang", choices=("zh", "en"), help=tr("界面语言：zh 中文（默认），en English；下次启动也用"))
    parser.add_argument("--debug", action="store_true", help=tr("更详细的日志，并输出到控制台"))
    parser.add_argument(
        "--tester",
        action="store_true",
        help=tr("提供测试人员控制台（Ctrl+Shift+T）；连接演示或测试模式的服务器时总是提供"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=tr("自检：在临时目录启动内置服务、登录演示考生、打开每个模块、生成PDF，然后退出（0 = 通过）"),
    )
    # unknown arguments are left to Qt (-platform, -style ...)
    return parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))


def default_data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def configure_appearance(app: QApplication) -> None:
    """Font, style and style sheet (shared with ``scripts/screenshots.py``)."""
    from desktop.views.widgets.sort_arrows import SortArrowStyle

    if not isinstance(app.style(), SortArrowStyle):
        app.setStyle(SortArrowStyle(app.style().name()))
    family = cjk_family()
    font = QFont(app.font())
    if family:
        font.setFamily(family)
    else:
        log.warning("no font for Simplified Chinese found: install one (e.g. fonts-wqy-microhei)")
    font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    from desktop.views.widgets import accessible, appearance

    appearance.apply(app, appearance.system_high_contrast())

    accessible.install(app)  # a name for every control a screen reader reaches (docs/accessibility.md)


def set_application_names() -> None:
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setApplicationDisplayName(tr(DISPLAY_NAME))


def _quit_on_ctrl_c(controller: AppController) -> Callable[[], None]:
    """Ctrl+C in the terminal quits cleanly (logout, server stop); returns how to undo that.

    Python only runs signal handlers between bytecodes, and the Qt event loop runs in C++: a
    short timer gives the interpreter a chance now and then.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda *_args: controller.quit())
    timer = QTimer(controller)
    timer.timeout.connect(lambda: None)
    timer.start(250)

    def undo() -> None:
        timer.stop()
        signal.signal(signal.SIGINT, previous)

    return undo


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(argv)
    existing = QApplication.instance()  # only in tests: main() then runs inside their application
    if existing is None:
        # fractional scaling (125 %, 150 %) as the screen says, instead of rounding to 100 % / 200 %
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    set_application_names()
    app = existing or QApplication([sys.argv[0] if sys.argv else "zikao", *qt_args])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when the program ends

    # the self-test never touches a tester's own data: it runs in a temporary directory
    self_test_dir = (
        tempfile.TemporaryDirectory(prefix="zikao-self-test-", ignore_cleanup_errors=True) if args.self_test else None
    )
    data_dir: Path = args.data_dir or (Path(self_test_dir.name) if self_test_dir else default_data_dir())
    data_dir.mkdir(parents=True, exist_ok=True)

    from desktop.core.logging_setup import default_log_dir, install_qt_message_handler, setup_logging

    log_dir = data_dir / "logs" if args.data_dir else default_log_dir()
    log_file = setup_logging(log_dir, logging.DEBUG if args.debug else logging.INFO, console=args.debug)
    install_qt_message_handler()
    log.info("starting %s (log: %s)", DISPLAY_NAME, log_file)

    configure_appearance(app)

    from desktop.core.settings import AppSettings
    from desktop.shell import translations

    settings = AppSettings.in_directory(data_dir)
    if args.lang:
        settings.language = args.lang
    if settings.high_contrast:
        from desktop.views.widgets import appearance

        appearance.apply(app, True)
    translated = translations.install(app, "zh" if self_test_dir is not None else settings.language)
    QGuiApplication.setApplicationDisplayName(tr(DISPLAY_NAME))  # in the language just installed

    if self_test_dir is not None:
        from desktop.shell import self_test

        try:
            return self_test.run(app, data_dir)
        finally:
            logging.shutdown()
            self_test_dir.cleanup()
            if existing is not None:  # tests: their application as it was
                translated.remove()

    from desktop.shell.controller import AppController

    controller = AppController(settings, data_dir, args.server or settings.server_url or None, tester=args.tester)
    controller.quit_requested.connect(app.quit)
    undo_ctrl_c = _quit_on_ctrl_c(controller)
    controller.start()
    try:
        code = app.exec()
    finally:
        undo_ctrl_c()
        controller.shutdown()
        if existing is not None:
            translated.remove()
    log.info("exit %s", code)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
