"""Guards against a broken Qt binding release.

PySide6 6.12.0 drops a reference to ``None`` on every call of a method returning nothing; on
Python < 3.12 the program then aborts ("Fatal Python error: none_dealloc") after a while.
pyproject.toml excludes that release; this test fails if such a binding is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 50
