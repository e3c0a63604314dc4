"""Does every window fit the screen?  ``python scripts/fit_check.py``.

Opens every window and dialog of the program (login, forgot password, enrolment, the main window
of an examinee with every tab and sub-tab built, the staff console of each staff role with its
pages and dialogs, the tester panel, the cashier, the confirmations, the account dialogs ...)
against a real mock backend, on a virtual screen of each size in ``SIZES``, and checks each window:

- its frame lies inside the screen's available geometry, and its minimum size fits in it;
- its buttons (and the status bar, the fee total) are not clipped: by the window, by a parent
  too small for them, or by the screen edge (inside a scroll area counts as reachable);
- no list scrolls inside a scrolling page while both can scroll (the wheel would scroll the wrong one);
- a window without a parent opens centred on its screen;
- at 1366×768 the course list shows at least 8 rows with the main window maximised.

Each size runs in a child process on its own X server: ``Xvfb`` with ``openbox`` as the window
manager when the machine has them (displays ``--display`` and up); otherwise Qt's offscreen
platform with a screen of that size (no window manager: frames are not checked, it says so).

Prints one line per window that does not fit, then last:
``fit: W windows checked at S screen sizes, N do not fit``.  The exit status is 1 when N > 0.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from window_tour import (  # noqa: E402  (the windows: scripts/window_tour.py)
    describe,
    offscreen_screen,
    rect_text,
    seed_database,
    tour,
    x_server,
)

#: (width, height, QT_SCALE_FACTOR): the screens of issue 17
SIZES: tuple[tuple[int, int, float], ...] = ((1366, 768, 1.0), (1920, 1080, 1.5), (1920, 1080, 2.0), (1024, 600, 1.0))
RESULT_PREFIX = "FIT-RESULT "


# --- the parent: one virtual screen per size -----------------------------------------------------


def run_parent(args: argparse.Namespace) -> int:
    use_x = shutil.which("Xvfb") is not None and not args.offscreen
    if not use_x:
        print("fit: Xvfb not found: offscreen screens of each size, without a window manager", file=sys.stderr)
    sizes = [s for s in SIZES if not args.size or f"{s[0]}x{s[1]}@{s[2]:g}" in args.size]
    windows = failing = 0
    with tempfile.TemporaryDirectory(prefix="zikao-fit-") as tmp_name:
        tmp = Path(tmp_name)
        template = tmp / "seeded.db"
        seed_database(template)
        for index, (width, height, scale) in enumerate(sizes):
            db = tmp / f"fit-{index}.db"
            shutil.copyfile(template, db)
            display = args.display + index % 4
            screen = x_server(display, width, height) if use_x else offscreen_screen(tmp, width, height)
            with screen as env:
                env = {**env, "QT_SCALE_FACTOR": f"{scale:g}", "PYTHONPATH": str(ROOT)}
                child = [sys.executable, __file__, "--child", "--db", str(db), "--label", f"{width}×{height}@{scale:g}"]
                if args.only:
                    child += ["--only", *args.only]
                if args.font_scale != 1:
                    child += ["--font-scale", f"{args.font_scale:g}"]
                done = subprocess.run(child, env=env, stdout=subprocess.PIPE, text=True, timeout=1200)
            result: dict[str, Any] | None = None
            for line in done.stdout.splitlines():
                if line.startswith(RESULT_PREFIX):
                    result = json.loads(line[len(RESULT_PREFIX) :])
                elif args.verbose:
                    print(line)
            if result is None:
                print(f"{width}×{height}@{scale:g}: the check did not finish (exit {done.returncode})")
                failing += 1
                continue
            windows += result["windows"]
            for name, problems in result["failures"]:
                failing += 1
                print(f"{width}×{height}@{scale:g} {name}: {'; '.join(problems)}")
    print(f"fit: {windows} windows checked at {len(sizes)} screen sizes, {failing} do not fit")
    return 1 if failing else 0


# --- the child: every window on one screen --------------------------------------------------------


def run_child(args: argparse.Namespace) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    from desktop.shell.app import configure_appearance, set_application_names

    set_application_names()
    app = QApplication([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)
    configure_appearance(app)
    if args.font_scale != 1:  # the system's text size (Windows: Accessibility → Text size)
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * args.font_scale)
        app.setFont(font)
    framed = QApplication.platformName() != "offscreen"

    def inspect(window: Any) -> list[str]:
        problems = window_problems(window, framed)
        hint = window.minimumSizeHint()
        print(f"  {rect_text(window.frameGeometry())}, minimum {hint.width()}×{hint.height()}", flush=True)
        return problems

    checker = tour(args.db, args.label, inspect, args.only)
    print(RESULT_PREFIX + json.dumps({"windows": checker.windows, "failures": checker.failures}), flush=True)
    del app
    return 0


# --- what a fitting window is ---------------------------------------------------------------------


def key_widgets(window: Any) -> list[Any]:
    """The buttons a person must be able to press, the status bar and the fee total."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QMenuBar,
        QScrollBar,
        QStatusBar,
        QTabBar,
        QToolBar,
    )

    skip_inside = (QLineEdit, QAbstractSpinBox, QComboBox, QTabBar, QMenuBar, QScrollBar, QToolBar)
    found: list[Any] = []
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QStatusBar):
        if not widget.isVisibleTo(window) or widget.width() <= 0:
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not window:
            if isinstance(parent, skip_inside):
                inside = True
                break
            parent = parent.parentWidget()
        if not inside:
            found.append(widget)
    found += [w for w in window.findChildren(QLabel, "feeTotal") if w.isVisibleTo(window)]
    return found


def clipped_by(widget: Any, window: Any) -> str | None:
    """What hides part of ``widget`` (a parent or the window), or None: it can be seen or scrolled to."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractScrollArea

    rect = QRect(QPoint(0, 0), widget.size())
    current = widget
    while current is not window:
        parent = current.parentWidget()
        if parent is None:
            return None
        rect = rect.translated(current.pos())
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            # scrolled to when needed: the scroll area itself must be in view
            current, rect = area, QRect(QPoint(0, 0), area.size())
            continue
        inside = rect.intersected(QRect(QPoint(0, 0), parent.size()))
        if inside != rect:
            return describe(parent) if parent is not window else "the window"
        current = parent
    return None


def window_problems(window: Any, framed: bool) -> list[str]:
    from PySide6.QtCore import QPoint, QRect

    problems: list[str] = []
    screen = window.screen()
    # one logical pixel of slack: at 150 % / 200 % the frame's odd device pixels round up
    avail = screen.availableGeometry().adjusted(-1, -1, 1, 1)
    frame = window.frameGeometry() if framed else window.geometry()
    if frame.isEmpty():  # now and then Qt on X reports a shown dialog's frame as 0×0: its client area then
        frame = window.geometry()
    if not avail.contains(frame):
        problems.append(f"window {rect_text(frame)} outside the screen {rect_text(avail)}")
    margins_w = frame.width() - window.width()
    margins_h = frame.height() - window.height()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() + margins_w > avail.width() or minimum.height() + margins_h > avail.height():
        problems.append(f"minimum size {minimum.width()}×{minimum.height()} larger than the screen")
    clipped: list[str] = []
    for widget in key_widgets(window):
        by = clipped_by(widget, window)
        on_screen = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).translated(window.geometry().topLeft())
        if by is not None:
            clipped.append(f"{describe(widget)} (by {by})")
        elif by is None and not avail.contains(on_screen) and not scrolled_away(widget, window):
            clipped.append(f"{describe(widget)} (off screen)")
    if clipped:
        problems.append("clipped: " + ", ".join(dict.fromkeys(clipped)))
    problems += nested_scrolling(window)
    if window.parentWidget() is None and not window.isMaximized():
        centre = frame.center() - avail.center()
        if abs(centre.x()) > 8 or abs(centre.y()) > 8:
            problems.append(f"not centred ({rect_text(frame)} on {rect_text(avail)})")
    return problems


def scrolled_away(widget: Any, window: Any) -> bool:
    """``widget`` lies in a scroll area's content (off screen only as far as the area is)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return True
        parent = parent.parentWidget()
    return False


def nested_scrolling(window: Any) -> list[str]:
    """A list that scrolls inside a page that scrolls too (both vertically, both needed now)."""
    from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QPlainTextEdit, QTextEdit

    found: list[str] = []
    for inner in window.findChildren(QAbstractScrollArea):
        if not isinstance(inner, QAbstractItemView | QTextEdit | QPlainTextEdit) or not inner.isVisibleTo(window):
            continue
        if inner.verticalScrollBar().maximum() <= 0:
            continue
        parent = inner.parentWidget()
        while parent is not None and parent is not window:
            if isinstance(parent, QAbstractScrollArea) and parent.verticalScrollBar().maximum() > 0:
                found.append(f"nested scrolling: {describe(inner)} scrolls inside {describe(parent)}")
                break
            parent = parent.parentWidget()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", type=int, default=71, help="first X display number to use (default :71)")
    parser.add_argument("--offscreen", action="store_true", help="do not use Xvfb even where it is installed")
    parser.add_argument("--size", nargs="*", help="only these sizes, e.g. 1366x768@1 1920x1080@2")
    parser.add_argument("--only", nargs="*", help="only these scenarios (names in scripts/window_tour.py SCENARIOS)")
    parser.add_argument("--font-scale", type=float, default=1.0, help="the app font this much larger, e.g. 1.5")
    parser.add_argument("--verbose", action="store_true", help="show what the checks print")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return run_child(args) if args.child else run_parent(args)


if __name__ == "__main__":
    sys.exit(main())
