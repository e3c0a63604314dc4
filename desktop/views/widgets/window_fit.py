"""Windows open centred on their screen, at a size that fits it.

``show_centred(window)`` (the shell opens its top-level windows with it) makes a window no larger
than the available geometry of its screen (its parent's, else the one under the mouse) and
centres it: on its parent for a dialog, on the screen for a window of its own.  Once the window
manager has put its frame around it the position is corrected for the frame, unless the person
has moved it meanwhile.  ``place(window, size)`` resizes a shown window the same way (a window
that grows for its content stays centred and on screen).

A window can still have a minimum size larger than a small screen: its layout decides that.
``fits(window)`` says whether it does (``scripts/fit_check.py`` checks every window).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: room left for a window frame before the window manager has drawn one (title bar and borders)
FRAME_ALLOWANCE = QSize(8, 32)


def screen_of(window: QWidget) -> QScreen:
    """The screen ``window`` belongs to: its parent's, its own once shown, else the one under the mouse."""
    parent = window.parentWidget()
    if parent is not None and parent.window().isVisible():
        screen = parent.window().screen()
    elif window.isVisible():
        screen = window.screen()
    else:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    return screen


def frame_margins(window: QWidget) -> QSize:
    """The size the window manager's frame adds (an allowance while there is no frame yet)."""
    frame, inner = window.frameGeometry(), window.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    return extra if extra.width() > 0 or extra.height() > 0 else FRAME_ALLOWANCE


def room_for(window: QWidget) -> QSize:
    """The largest client size of ``window`` whose frame fits in its screen's available geometry."""
    available = screen_of(window).availableGeometry().size()
    return available - frame_margins(window)


def fitting_size(window: QWidget, preferred: QSize | None = None) -> QSize:
    """``preferred`` (default: the window's size now) made no larger than its screen, no smaller than its minimum."""
    wanted = preferred if preferred is not None else window.size()
    return wanted.boundedTo(room_for(window)).expandedTo(window.minimumSize())


def centred_rect(window: QWidget, size: QSize) -> QRect:
    """Where a window of client ``size`` goes: centred on its parent or its screen, inside the screen."""
    available = screen_of(window).availableGeometry()
    margins = frame_margins(window)
    outer = QRect(QPoint(0, 0), size + margins)
    parent = window.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None else available.center()
    outer.moveCenter(centre)
    # inside the screen (the top-left corner wins when the window is larger than the screen)
    outer.moveLeft(max(available.left(), min(outer.left(), available.right() - outer.width() + 1)))
    outer.moveTop(max(available.top(), min(outer.top(), available.bottom() - outer.height() + 1)))
    return outer


def place(window: QWidget, preferred: QSize | None = None) -> None:
    """Size ``window`` to fit its screen (``preferred`` or its size now) and centre it.

    Before the window is shown its frame is not known yet: shortly after it is, it is centred again
    with the real frame, unless the person (or the program) has moved it meanwhile.
    """
    framed = window.isVisible()
    size = fitting_size(window, preferred)
    window.resize(size)
    window.move(centred_rect(window, size).topLeft())
    if framed:
        return
    where = window.pos()

    def with_frame() -> None:
        if window.isVisible() and not window.isMaximized() and window.pos() == where:
            size = fitting_size(window)
            window.resize(size)
            window.move(centred_rect(window, size).topLeft())

    QTimer.singleShot(150, window, with_frame)


def fits(window: QWidget) -> bool:
    """Does the minimum size of ``window`` (with its frame) fit in its screen's available geometry?"""
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    room = room_for(window)
    return minimum.width() <= room.width() and minimum.height() <= room.height()


def show_centred(window: QWidget, preferred: QSize | None = None) -> None:
    """Show a top-level ``window`` at a size that fits its screen, centred on it (or on its parent)."""
    if not window.isVisible() and not window.isMaximized():
        place(window, preferred)
    window.show()
