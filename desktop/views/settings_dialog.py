"""设置: the language (at the next start) and the high-contrast look (at once); docs/accessibility.md.

Opened from the login window (设置 button, Alt+G) and the main window (系统 → 设置, Ctrl+,).  The
choices are kept in the installation's settings (``AppSettings.language``, ``high_contrast``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.settings import AppSettings
from desktop.i18n.tr import tr
from desktop.views.widgets import appearance
from desktop.views.widgets.forms import add_row, form_layout, hint

#: the languages offered, each written in itself
LANGUAGE_NAMES = (("zh", "中文"), ("en", "English"))


class SettingsDialog(QDialog):
    """The language and the contrast; 确定 keeps them, 取消 puts the contrast back as it was."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("设置"))
        app = QApplication.instance()
        self._contrast_before = appearance.high_contrast_on(app) if isinstance(app, QApplication) else False

        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.language_note = hint(tr("界面语言在下次启动程序时改变。"))
        self.contrast_check = QCheckBox(tr("高对比度(&H)"))
        self.contrast_check.setObjectName("highContrastCheck")
        self.contrast_check.setChecked(settings.high_contrast or self._contrast_before)
        self.contrast_check.setAccessibleDescription(tr("白字黑底，选中和焦点为黄色；立即生效"))
        self.contrast_check.toggled.connect(self._apply_contrast)
        self.contrast_note = hint(tr("系统开启高对比度主题时，程序也使用高对比度。"))

        form = form_layout()
        add_row(form, tr("界面语言(&L)："), self.language_combo)
        form.addRow("", self.language_note)
        form.addRow("", self.contrast_check)
        form.addRow("", self.contrast_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("确定"))
        self.ok_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.language_combo.setFocus()

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    def _apply_contrast(self, on: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            appearance.apply(app, on)

    def accept(self) -> None:
        self.settings.language = self.language
        self.settings.high_contrast = self.contrast_check.isChecked()
        self.settings.sync()
        super().accept()

    def reject(self) -> None:
        if self.contrast_check.isChecked() != self._contrast_before:
            self._apply_contrast(self._contrast_before)
        super().reject()
