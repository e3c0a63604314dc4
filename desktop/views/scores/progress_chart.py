"""学习进度 drawn with QPainter (QtCharts is not in PySide6-Essentials): credits against the plan's
minimum, and per course type the courses passed, exempted and remaining as stacked bars."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.api.scores import Progress
from desktop.i18n.tr import tr

PASSED = QColor("#2e8b57")
EXEMPTED = QColor("#3b7dd8")
REMAINING = QColor("#d9dee6")
TEXT = QColor("#1f2933")
MARK = QColor("#b3261e")

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ROW = 38
BAR = 22
LABEL_WIDTH = 112
TOP = 30


class ProgressChart(QWidget):
    """Horizontal stacked bars; the numbers are also given as text beside the chart (ProgressView)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressChart")
        self.progress: Progress | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("学习进度图"))

    def set_progress(self, progress: Progress | None) -> None:
        self.progress = progress
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, int, int, int, str]]:
        """(label, passed, exempted, remaining, numbers) per bar: credits first, then each course type."""
        p = self.progress
        if p is None:
            return []
        short = max(0, p.min_credits - p.credits_done)
        result = [
            (
                tr("学分"),
                p.credits_passed,
                p.credits_exempted,
                short,
                tr("{credits_done}/{min_credits}学分").format(credits_done=p.credits_done, min_credits=p.min_credits),
            )
        ]
        for k in p.by_kind:
            result.append(
                (
                    tr(k.kind_text),
                    k.passed,
                    k.exempted,
                    k.remaining,
                    tr("{value}/%n门", None, k.total).format(value=k.passed + k.exempted),
                )
            )
        return result

    def describe(self) -> str:
        return tr("；").join(
            tr("{label}：通过{a}，免考{b}，未完成{c}").format(label=label, a=a, b=b, c=c)
            for label, a, b, c, _ in self.rows()
        )

    def sizeHint(self) -> QSize:
        return QSize(560, TOP + ROW * max(1, len(self.rows())))

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rows = self.rows()
        font = QFont(self.font())
        painter.setFont(font)
        if not rows:
            painter.setPen(TEXT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("暂无数据"))
            painter.end()
            return
        numbers_width = 96
        left = LABEL_WIDTH
        width = max(60, self.width() - left - numbers_width - 12)
        self._legend(painter, left)
        for i, (label, passed, exempted, remaining, numbers) in enumerate(rows):
            y = TOP + i * ROW
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y, left - 10, BAR), RIGHT, label)
            total = max(1, passed + exempted + remaining)
            x = float(left)
            for value, colour in ((passed, PASSED), (exempted, EXEMPTED), (remaining, REMAINING)):
                if value <= 0:
                    continue
                w = width * value / total
                rect = QRectF(x, y, w, BAR)
                painter.fillRect(rect, colour)
                if w >= 22:
                    painter.setPen(QColor("white") if colour != REMAINING else TEXT)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(value))
                x += w
            painter.setPen(QPen(QColor("#8a94a3"), 1))
            painter.drawRect(QRectF(left, y, width, BAR))
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(left + width + 8, y, numbers_width, BAR),
                LEFT,
                numbers,
            )
        painter.end()

    def _legend(self, painter: QPainter, left: int) -> None:
        x = float(left)
        for text, colour in ((tr("已通过"), PASSED), (tr("免考", "course state"), EXEMPTED), (tr("未完成"), REMAINING)):
            painter.fillRect(QRectF(x, 6, 14, 14), colour)
            painter.setPen(TEXT)
            width = max(60, painter.fontMetrics().horizontalAdvance(text) + 4)  # English words are longer
            painter.drawText(QRectF(x + 18, 2, width, 22), LEFT, text)
            x += 24 + width
