"""The examinee's program in English (docs/i18n.md): catalogue, pipeline, formats and every window.

English is installed the way the program installs it (``desktop.shell.translations.install``); the
windows are opened the way ``scripts/fit_check.py`` opens them (the scenarios of ``scripts/window_tour.py``), against a
real seeded backend.  No visible text may hold Chinese except data: what the server sent (every
string of every answer and error is recorded by the client) stays as it is.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from backend_mock.settings import Mode
from desktop.api import ApiClient, errors
from desktop.core import timefmt
from desktop.core.clock import BEIJING
from desktop.i18n import catalogues, language
from desktop.i18n.tr import tr
from desktop.shell import translations
from tests.fixtures.gui import task_runner
from tests.fixtures.servers import LiveServer

ROOT = Path(__file__).resolve().parents[2]
#: Chinese characters and the CJK / fullwidth punctuation that goes with them
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
TAG = re.compile(r"<[^>]+>")
#: desktop sources that belong to no catalogue (the official papers, the pictures, the catalogues'
#: own code, the launcher stubs)
OUTSIDE = ("desktop/documents/", "desktop/resources/", "desktop/i18n/", "desktop/launch.py", "desktop/__main__.py")


def ts_counts(name: str) -> tuple[int, int]:
    """(texts, unfinished) of catalogue ``name``, counted by ``scripts/i18n.py``."""
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    counts: tuple[int, int] = module.counts(catalogues.TS_DIR / f"{name}.ts")
    return counts


# --- the catalogue ---------------------------------------------------------------------------------


def test_every_desktop_source_is_in_exactly_one_catalogue() -> None:
    owners: dict[Path, list[str]] = {}
    for name in catalogues.CATALOGUES:
        for path in catalogues.sources(name):
            assert path.is_file(), f"catalogue {name} names {path}, which does not exist"
            owners.setdefault(path, []).append(name)
    wrong = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(OUTSIDE) or relative in OUTSIDE:
            assert path not in owners, f"{relative} is outside the catalogues but listed in {owners[path]}"
            continue
        if len(owners.get(path, [])) != 1:
            wrong.append(f"{relative}: {owners.get(path, [])}")
    assert not wrong, "every source belongs to exactly one catalogue (desktop/i18n/catalogues.py):\n" + "\n".join(wrong)


def test_examinee_catalogue_is_finished() -> None:
    texts, unfinished = ts_counts("examinee")
    assert texts > 500, texts  # the examinee's program has hundreds of texts
    assert unfinished == 0


def test_placeholders_survive_translation() -> None:
    """``{name}`` and ``%n`` of every source are in its English text (else ``.format`` breaks)."""
    import xml.etree.ElementTree as ET

    field = re.compile(r"\{[^{}]*\}|%n")
    broken = []
    for message in ET.parse(catalogues.TS_DIR / "examinee.ts").getroot().iter("message"):
        source = message.findtext("source") or ""
        # a plural has one English text per numerus form (singular, plural), each with every field
        forms = [form.text or "" for form in message.iter("numerusform")]
        for english in forms or [message.findtext("translation") or ""]:
            if sorted(field.findall(source)) != sorted(field.findall(english)):
                broken.append(f"{source!r} → {english!r}")
            if CJK.search(english):
                broken.append(f"{english!r} is not English")
    assert not broken, "\n".join(broken)


def test_pipeline_compiles_loads_and_translates(qapp: QApplication, tmp_path: Path) -> None:
    """compile_to → QTranslator → tr: the catalogue's English comes out of the program's ``tr``."""
    written = catalogues.compile_to(tmp_path)
    assert {path.name for path in written} == {f"{name}.qm" for name in catalogues.CATALOGUES}
    examinee = next(path for path in written if path.stem == "examinee")
    translator = QTranslator()
    assert translator.load(str(examinee)), examinee
    assert tr("刷新") == "刷新"  # nothing installed yet: the Chinese source
    QCoreApplication.installTranslator(translator)
    try:
        assert tr("刷新") == "Refresh"
        assert tr("已报考 %n 门{where}", None, 3).format(where="") == "3 courses registered"
        assert tr("已报考 %n 门{where}", None, 1).format(where="") == "1 course registered"  # numerus forms
        assert tr("这句话不在目录里") == "这句话不在目录里"  # unknown texts stay as they are
    finally:
        QCoreApplication.removeTranslator(translator)
    assert tr("刷新") == "刷新"
    assert tr("已报考 %n 门{where}", None, 1).format(where="") == "已报考 1 门"  # the source's %n, too


# --- the installed language and the formats ----------------------------------------------------------


def test_install_says_the_language(qapp: QApplication) -> None:
    assert language.current() == language.CHINESE
    installed = translations.install(qapp, "en")
    try:
        assert language.is_english()
        assert installed.translators, "the English catalogues were not loaded"
        assert tr("登录(&L)") == "&Log in"
    finally:
        installed.remove()
    assert language.current() == language.CHINESE
    assert tr("登录(&L)") == "登录(&L)"


def test_english_dates_and_times(english: translations.Installed) -> None:
    moment = datetime(2026, 12, 3, 14, 5, tzinfo=BEIJING)
    assert timefmt.datetime_text(moment) == "3 Dec 2026 14:05"
    assert timefmt.date_text(date(2027, 2, 20), weekday=True) == "Sat 20 Feb 2027"
    assert timefmt.date_text(date(2027, 2, 20), year=False) == "20 Feb"
    assert timefmt.time_text(time(9, 0, 5), seconds=True) == "09:00:05"
    assert timefmt.month_text(2027, 4) == "April 2027"
    start, end = datetime(2027, 2, 20, 10, tzinfo=BEIJING), datetime(2027, 2, 27, 17, tzinfo=BEIJING)
    assert timefmt.window_text(start, end) == "20 Feb 10:00 – 27 Feb 17:00"
    # an aware time elsewhere is still written in Beijing time
    utc = datetime(2026, 12, 3, 8, 30, tzinfo=UTC)
    assert timefmt.datetime_text(utc) == "3 Dec 2026 16:30"
    # official papers stay Chinese
    assert timefmt.datetime_text(moment, chinese=True) == "2026年12月3日 14:05"


def test_chinese_ui_stays_chinese(qapp: QApplication) -> None:
    """Without the English catalogues ``tr`` gives the source: the Chinese program is unchanged."""
    from desktop.views.login_dialog import LoginDialog

    with task_runner() as runner:
        dialog = LoginDialog(runner)
        try:
            assert dialog.login_button.text() == "登录(&L)"
            assert "湖南" in dialog.windowTitle()
            assert timefmt.date_text(date(2027, 2, 20), weekday=True) == "2027年2月20日（周六）"
        finally:
            dialog.close()
            dialog.deleteLater()


# --- every window in English ---------------------------------------------------------------------------


def load_window_tour() -> ModuleType:
    """``scripts/window_tour.py``: the windows and scenarios fit_check and the a11y check share."""
    spec = importlib.util.spec_from_file_location("window_tour_for_english", ROOT / "scripts" / "window_tour.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class RecordingClient(ApiClient):
    """The project's client, noting every string the server sent (answers and error messages)."""

    seen: set[str]

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            answer = super().request(method, path, **kwargs)
        except errors.ApiError as exc:
            self.seen.add(exc.message)
            raise
        self._note(answer)
        return answer

    def _note(self, value: object) -> None:
        if isinstance(value, str):
            if CJK.search(value):
                self.seen.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                self._note(item)
        elif isinstance(value, list | tuple):
            for item in value:
                self._note(item)


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person reads in ``window``: titles, labels, buttons, tabs,
    placeholders, tooltips, combo items, table headers and cells, menus and toolbars."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]
    widgets = [w for w in window.findChildren(QWidget) if w.isVisibleTo(window)]
    for widget in widgets:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        if widget.toolTip():
            found.append((f"{where} tooltip", widget.toolTip()))
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QLineEdit):
            found += [(f"{where} placeholder", widget.placeholderText()), (where, widget.text())]
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            found += [(f"{where} placeholder", widget.placeholderText()), (where, widget.toPlainText())]
        elif isinstance(widget, QComboBox):
            found += [(f"{where} item", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                found += [(f"{where} tab", widget.tabText(i)), (f"{where} tab tooltip", widget.tabToolTip(i))]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for column in range(columns):
                found.append((f"{where} header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")))
            for row in range(min(model.rowCount(), 50)):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(index, role)
                        if isinstance(value, str):
                            found.append((f"{where} cell {row},{column}", value))
    if isinstance(window, QMainWindow):
        for menu_action in window.menuBar().actions():
            found.append(("menu", menu_action.text()))
            menu = menu_action.menu()
            if menu is not None:
                found += [("menu item", a.text()) for a in menu.actions()]
    return found


def untranslated_elsewhere() -> set[str]:
    """The texts of the other catalogues' sources that their catalogue does not translate yet.

    The examinee's windows show a few widgets of the staff catalogue (the tester's menu item, the
    upload box): those are that catalogue's to translate, and count here once they are.
    """
    import ast
    import xml.etree.ElementTree as ET

    found: set[str] = set()
    for name in catalogues.CATALOGUES:
        if name == "examinee":
            continue
        ts = catalogues.TS_DIR / f"{name}.ts"
        finished = {
            message.findtext("source")
            for message in ET.parse(ts).getroot().iter("message")
            if (message.findtext("translation") or "").strip()
            and message.find("translation").get("type") != "unfinished"  # type: ignore[union-attr]
        }
        for path in catalogues.sources(name):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and CJK.search(text) and text not in finished:
                    found.add(text)
    return found


def chinese_left(text: str, data: list[str]) -> str:
    """``text`` without the server's strings in it: Chinese that remains is the program's own."""
    plain = TAG.sub("", text)
    for value in data:
        if value in plain:
            plain = plain.replace(value, "")
    return plain if CJK.search(plain) else ""


def test_every_examinee_window_is_english(
    english: translations.Installed, server_factory: Callable[..., LiveServer]
) -> None:
    window_tour = load_window_tour()
    seen: set[str] = set()
    findings: dict[str, str] = {}  # text → where it was first seen
    windows: list[str] = []
    elsewhere = untranslated_elsewhere()
    from desktop.views.settings_dialog import LANGUAGE_NAMES

    elsewhere |= {name for _code, name in LANGUAGE_NAMES}  # 设置 names each language in itself: 中文

    class EnglishChecker(window_tour.Checker):  # type: ignore[name-defined,misc]
        def new_client(self) -> ApiClient:
            client = RecordingClient(self.url)
            client.seen = seen
            self.cleanups.append(client.close)
            return client

        def main_window(self, login: Any) -> Any:
            from desktop.shell.controller import bring_to_front
            from desktop.shell.session import UserSession
            from desktop.views.main_window import MainWindow

            session = UserSession(login, watch_application=False)
            label = tr("内置演示服务 {netloc}").format(netloc=self.url.split("//", 1)[-1])
            window = MainWindow(self.client, self.runner, session, label)
            self.cleanups += [session.stop, window.close_quietly]
            show = getattr(window, "show_on_screen", None)  # as the shell opens it
            if show is not None:
                show()
            bring_to_front(window)
            self.idle()
            return window

        def check(self, name: str, window: Any, extra: list[str] | None = None) -> None:
            window_tour.settle_window(window)
            windows.append(name)
            data = sorted(seen | elsewhere, key=len, reverse=True)
            for where, text in visible_texts(window):
                left = chinese_left(text, data)
                if left:
                    findings.setdefault(text, f"[{name}] {where}")

    def every_record_form(c: Any) -> None:
        """考籍管理: a new application of every kind (fit_check opens only the exemption)."""
        from backend_mock.seed.demo import DEMO_EXAMINEES
        from desktop.api.records import KIND_TEXT

        demo = next(d for d in DEMO_EXAMINEES if d.key == "midway")
        window = c.main_window(c.login(demo.exam_no))
        page = window.show_page("考籍管理")
        c.idle()
        for kind in KIND_TEXT:
            page.create(kind)
            window_tour.wait_until(lambda k=kind: page.editor is not None and page.editor.application.kind == k)
            c.idle()
            c.check(f"考籍管理·新建{KIND_TEXT[kind]}", window)

    def graduation_form(c: Any) -> None:
        """毕业申请 in the application window: an eligible examinee starts the application form."""
        from datetime import timedelta

        from backend_mock.seed.demo import DEMO_EXAMINEES

        cal = c.client.system.calendar()
        opens = min(s.graduation_open for s in cal.sessions if s.graduation_open > cal.server_time)
        c.client.mock.set_clock((opens + timedelta(days=2)).replace(hour=10, minute=0), frozen=True)
        c.cleanups.insert(1, c.client.mock.reset_clock)
        demo = next(d for d in DEMO_EXAMINEES if d.key == "bachelor_ready")
        window = c.main_window(c.login(demo.exam_no))
        page = window.show_page("毕业申请")
        window_tour.wait_until(lambda: page.overview is not None and not page.busy)
        c.check("毕业申请", window)
        page.start()
        window_tour.wait_until(lambda: page.form is not None and not page.busy)
        c.idle()
        c.check("毕业申请·申请表", window)

    server = server_factory(Mode.DEMO)  # the demo accounts are listed, as fit_check has them
    with task_runner() as runner:
        checker = EnglishChecker(server.url, runner, "1366×768@1", lambda _window: [])  # check() looks itself
        scenarios = (
            window_tour.scenario_login,
            window_tour.scenario_examinee,
            window_tour.scenario_one_time_password,
            every_record_form,
            graduation_form,
        )
        for scenario in scenarios:
            try:
                scenario(checker)
            finally:
                checker.cleanup()
    assert len(windows) >= 20, windows  # login, enrolment, every tab and sub-tab, the dialogs, the cashier
    assert seen, "no Chinese came from the server: the data filter was not exercised"
    assert not findings, f"{len(findings)} Chinese texts in English mode:\n" + "\n".join(
        f"{where}: {text!r}" for text, where in findings.items()
    )


def test_every_province_is_in_the_catalogue() -> None:
    """The transfer forms list ``zikao_common``'s provinces; their names are marked in the view."""
    from desktop.views.records.forms import PROVINCE_NAMES
    from zikao_common.idnumber import PROVINCES

    assert sorted(PROVINCE_NAMES) == sorted(PROVINCES.values())
