"""The "测试人员控制台" action the login and main windows offer (light: imported at start-up)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr

SHORTCUT = "Ctrl+Shift+T"
#: the one name of the tester panel: menu, toolbar and window title
TITLE = QT_TR_NOOP("测试人员控制台")


def tester_action(parent: QWidget) -> QAction:
    """The "测试人员控制台" action (Ctrl+Shift+T) a window offers; hidden until the shell enables it."""
    action = QAction(tr("{title}(&T)…").format(title=tr(TITLE)), parent)
    action.setObjectName("testerAction")
    action.setIconText(tr(TITLE))  # the toolbar says what the menu says
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip(tr("时间跳转、数据场景、故障注入、短信发件箱 ({shortcut})").format(shortcut=SHORTCUT))
    action.setVisible(False)
    parent.addAction(action)
    return action
