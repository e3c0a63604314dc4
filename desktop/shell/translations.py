"""Qt's own words in Simplified Chinese: the standard dialogs and buttons (确定, 取消, 显示详情…).

``install(app, language)`` loads Qt's translation that ships with PySide6 (``qtbase_zh_CN.qm``,
taken into the bundle by ``build.spec``), adds the few strings Qt's file lacks (``MISSING``) and
makes zh_CN the default locale, so date boxes, calendars and numbers are written the Chinese way.
English (``--lang en``) keeps Qt's own English and the system's locale, and loads the program's
English catalogues (``desktop.i18n.catalogues``, docs/i18n.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.i18n import language as language_module
from desktop.i18n.language import set_current as set_language

log = logging.getLogger(__name__)

CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript, QLocale.Country.China)

#: Qt's catalogues, in the order they are looked up
CATALOGUES = ("qtbase",)

#: strings of Qt's widgets that ``qtbase_zh_CN.qm`` has not caught up with (Qt 6 added mnemonics)
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class MissingStrings(QTranslator):
    """The strings of ``MISSING``; every other string is left to Qt's own file."""

    def translate(  # type: ignore[override]  # PySide6 stubs name the parameters differently
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null string) passes the question on to the next translator; "" would not
        return MISSING.get((context, source_text))

    def isEmpty(self) -> bool:
        return False


def translations_dir() -> Path:
    """Where Qt's ``.qm`` files are: Qt's own answer, or beside PySide6 in a bundle without qt.conf."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if folder.is_dir():
        return folder
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "translations"


@dataclass
class Installed:
    """What ``install`` changed, so that ``remove`` can put it back (tests run ``main()`` in their application)."""

    app: QCoreApplication
    translators: list[QTranslator] = field(default_factory=list)
    locale_before: QLocale = field(default_factory=QLocale)
    language_before: str = language_module.CHINESE

    def remove(self) -> None:
        for translator in self.translators:
            self.app.removeTranslator(translator)
        self.translators.clear()
        QLocale.setDefault(self.locale_before)
        set_language(self.language_before)


def install(app: QCoreApplication, language: str) -> Installed:
    """Qt in Chinese unless ``language`` is ``en``; returns what was installed (kept alive there)."""
    done = Installed(app, language_before=set_language(language))
    if language == language_module.ENGLISH:
        from desktop.i18n.catalogues import qm_files

        for path in qm_files():
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                done.translators.append(translator)
            else:
                log.warning("English catalogue %s not loaded", path)
        return done
    QLocale.setDefault(CHINESE)
    installed = done.translators
    folder = str(translations_dir())
    for name in CATALOGUES:
        translator = QTranslator(app)
        if translator.load(CHINESE, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt's Chinese translation %s not found in %s", name, folder)
    extra = MissingStrings(app)
    app.installTranslator(extra)  # installed last, asked first
    installed.append(extra)
    return done
