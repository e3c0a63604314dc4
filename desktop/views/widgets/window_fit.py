"""Windows open centred on their screen, at a size that fits it.

``show_centred(window)`` (the shell opens its top-level windows with it) makes a window no larger
than the available geometry of its screen (its parent's, else the one under the mouse) and
centres it: on its parent for a dialog, on the screen for a window of its own.  Once the window
manager has put its frame around it the position is corrected for the frame, unless the person
has moved it meanwhile.  ``place(window, size)`` resizes a shown window the same way (a window
that grows for its content stays centred and on screen).  ``OneScroll(area)`` keeps a page that
scrolls on a small screen from having lists that scroll inside it.

A window can still have a minimum size larger than a small screen: its layout decides that.
``fits(window)`` says whether it does (``scripts/fit_check.py`` checks every window).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QScrollArea, QTableView, QWidget

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
    if preferred is not None:
        wanted = preferred
    elif window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        wanted = window.size()
    else:  # never sized (a new window is 640×480 until shown): the size its layout asks for
        wanted = window.sizeHint().expandedTo(window.minimumSizeHint())
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


class OneScroll(QObject):
    """A page in a scroll area scrolls as a whole, or its lists do: never both.

    While the page fits the area, its lists keep their own minimum height and scroll their rows.
    When the area is smaller than the page needs (a small screen), the page scrolls and each of
    its tables grows to show every row, so one scroll bar moves everything and the mouse wheel
    never scrolls a list inside a scrolling page.  Checked again when the area is resized and
    when a table's rows change.
    """

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self._own_minimum: dict[QTableView, int] = {}
        self._watched: set[int] = set()
        self._settled: tuple[int, ...] = ()
        self._phase = ""  # "decide": measure after a restore; "record": remember the state after a change
        self._decided_for = (0, 0)  # the area's size when the tables were grown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)  # after the layouts have taken in what changed
        self._timer.timeout.connect(self.update)
        # the area resized (its scroll bar came or went), the page's layout changed, a tab with
        # tables shown; the layout requests this object's own changes cause find nothing new to do
        area.viewport().installEventFilter(self)
        area.verticalScrollBar().rangeChanged.connect(self._timer.start)  # the page started or stopped scrolling
        if area.widget() is not None:
            area.widget().installEventFilter(self)

    @property
    def page_scrolls(self) -> bool:
        return bool(self._own_minimum)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self._timer.start()
        return False

    def _tables(self) -> list[QTableView]:
        page = self.area.widget()
        if page is None:
            return []
        every = page.findChildren(QTableView)
        for table in every:  # hidden ones too: shown with their tab, they are looked at again
            if id(table) not in self._watched and table.model() is not None:
                self._watched.add(id(table))
                model = table.model()
                for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                    signal.connect(self._timer.start)
                table.installEventFilter(self)
        return [t for t in every if t.isVisibleTo(page)]

    def _needed_height(self) -> int:
        """The height the area gives its page (as QScrollArea reckons it: wrapped text included)."""
        page = self.area.widget()
        assert page is not None
        minimum = page.minimumSizeHint()
        layout = page.layout()
        if layout is not None and layout.hasHeightForWidth():
            width = max(self._width(), minimum.width())
            return max(minimum.height(), page.heightForWidth(width))
        return minimum.height()

    def _width(self) -> int:
        """The page's width with the area's scroll bar shown, whether it is or not: the decision must
        not depend on the bar it makes appear (that would go back and forth)."""
        bar = self.area.verticalScrollBar()
        width = self.area.viewport().width()
        return width if bar.isVisible() else width - bar.sizeHint().width()

    def _state(self, tables: list[QTableView]) -> tuple[int, ...]:
        # the rows first: measuring a header lays out its table, which can change the page's minimum
        rows = [v for table in tables for v in (id(table), table.verticalHeader().length())]
        return (self._width(), self.area.viewport().height(), self._needed_height(), *rows)

    def update(self) -> None:
        """Decide again if something changed: restore the tables first, measure once the layouts
        have taken that in (the next turn of the event loop), then grow them if the page scrolls."""
        page = self.area.widget()
        if page is None:
            return
        tables = self._tables()
        view = (self._width(), self.area.viewport().height())
        if self._phase == "record":  # our own change has reached the layouts: remember the result
            self._phase = ""
            if view == self._decided_for:
                self._settled = self._state(tables)
                return
            # the area was resized meanwhile (e.g. maximised): decide again
        if self._phase != "decide":
            if self._state(tables) == self._settled:
                return  # nothing changed since the last decision
            if self._own_minimum:
                for table, minimum in self._own_minimum.items():
                    if shiboken6.isValid(table):
                        table.setMinimumHeight(minimum)
                self._own_minimum.clear()
                self._phase = "decide"
                self._timer.start()
                return
        self._phase = ""
        for table in tables:
            _sizes_changed(table, page)
        if self._needed_height() > self.area.viewport().height():
            # the page scrolls: its tables show every row
            for table in tables:
                if table.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                    continue
                full = table.verticalHeader().length() + 2 * table.frameWidth()
                if table.horizontalHeader().isVisible():
                    full += table.horizontalHeader().sizeHint().height()
                wide = table.horizontalHeader().length() > table.width() - 2 * table.frameWidth()
                if wide and table.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                    full += table.horizontalScrollBar().sizeHint().height()
                if full > table.minimumHeight():
                    self._own_minimum[table] = table.minimumHeight()
                    table.setMinimumHeight(full)
        if self._own_minimum:
            self._phase = "record"
            self._decided_for = view
            self._timer.start()
        else:
            self._settled = self._state(tables)


def _sizes_changed(widget: QWidget, top: QWidget) -> None:
    """Make the layouts from ``widget`` up to ``top`` measure again now (their sizes are cached
    until the layout requests, one level per turn of the event loop, reach them)."""
    current: QWidget | None = widget
    while current is not None:
        current.updateGeometry()
        layout = current.layout()
        if layout is not None:
            layout.invalidate()
        if current is top:
            return
        current = current.parentWidget()
