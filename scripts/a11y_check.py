"""Can everyone use it?  ``python scripts/a11y_check.py``.

Three checks (issue 20, docs/accessibility.md):

- **screen readers**: every window and dialog of the program (the tour of ``scripts/window_tour.py``:
  examinee, every staff role, the tester panel) is walked through ``QAccessible`` as a screen reader
  sees it; every focusable object without a name is listed;
- **contrast**: every text/background pair of ``desktop/resources/style.qss`` and of the
  high-contrast sheet meets WCAG 2.x: 4.5:1, 3:1 for large text (18 pt, or 14 pt bold);
- **English**: the tour runs with the English catalogues installed; a Chinese text that a person
  reads and that is the program's own (a text of the code, once every string the server sent
  during the tour is taken out of it: names, courses, sessions, notices) is untranslated, and so
  is every unfinished entry of the catalogues (``scripts/i18n.py``).

Prints one line per finding, then last:
``a11y: W windows, U unnamed controls, C contrast failures, E untranslated strings``.
The exit status is 1 when any count but W is above 0.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SHEETS = ("style.qss", "style_high_contrast.qss")
NORMAL_RATIO = 4.5
LARGE_RATIO = 3.0
#: children of one object looked at, at most (a table's cells: the first rows say enough)
MAX_CHILDREN = 400


# --- contrast ---------------------------------------------------------------------------------------


RGB = tuple[float, float, float]


@dataclass(frozen=True)
class Rule:
    selectors: str
    props: dict[str, str]


def qss_rules(text: str) -> list[Rule]:
    """The rules of a Qt style sheet: selectors and their properties (comments dropped)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules: list[Rule] = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        props: dict[str, str] = {}
        for declaration in body.split(";"):
            name, sep, value = declaration.partition(":")
            if sep:
                props[name.strip().lower()] = value.strip()
        rules.append(Rule(" ".join(selectors.split()), props))
    return rules


NAMED = {"white": "#ffffff", "black": "#000000", "transparent": None}


def parse_colour(value: str) -> tuple[float, float, float, float] | None:
    """``#rgb``, ``#rrggbb``, ``#aarrggbb``, ``rgb()``/``rgba()`` or a few names → (r, g, b, alpha 0–1)."""
    value = value.strip().lower()
    if value in NAMED:
        named = NAMED[value]
        if named is None:
            return None
        value = named
    if match := re.fullmatch(r"#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})", value):
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        alpha = 1.0
        if len(digits) == 8:  # Qt writes the alpha first
            alpha, digits = int(digits[:2], 16) / 255, digits[2:]
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), alpha)
    if match := re.fullmatch(r"rgba?\(([^)]*)\)", value):
        parts = [p.strip() for p in match.group(1).split(",")]
        numbers = [float(p[:-1]) * 2.55 if p.endswith("%") else float(p) for p in parts]
        alpha = numbers[3] / 255 if len(numbers) > 3 and numbers[3] > 1 else (numbers[3] if len(numbers) > 3 else 1.0)
        return (numbers[0], numbers[1], numbers[2], alpha)
    return None


def first_colour(value: str) -> tuple[float, float, float, float] | None:
    """The colour in a ``background`` or ``border`` shorthand (``1px solid #dde3ea``)."""
    for token in re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|\b[a-z]+\b", value):
        colour = parse_colour(token)
        if colour is not None:
            return colour
    return None


def blend(colour: tuple[float, float, float, float], under: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, a = colour
    return (r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a))


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.x relative luminance."""

    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def large_text(props: dict[str, str]) -> bool:
    """WCAG's large text: at least 18 pt, or 14 pt bold (px: 24, 18.66 bold)."""
    match = re.fullmatch(r"([\d.]+)\s*(pt|px)", props.get("font-size", ""))
    if not match:
        return False
    size = float(match.group(1)) * (0.75 if match.group(2) == "px" else 1.0)
    bold = props.get("font-weight", "") in ("bold", "600", "700", "800", "900")
    return size >= 18 or (bold and size >= 14)


def background_of(props: dict[str, str]) -> tuple[float, float, float, float] | None:
    for name in ("background-color", "background"):
        if name in props:
            return first_colour(props[name])
    return None


#: widgets that other widgets' text sits on
SURFACES = ("QMainWindow", "QDialog", "QWidget", "QFrame", "QGroupBox", "QStatusBar", "QToolBar", "QScrollArea")


def is_surface(selectors: str) -> bool:
    """Every selector of the rule names a container in its normal state (no ``:hover``, no sub-control)."""
    for selector in selectors.split(","):
        last = selector.split()[-1] if selector.split() else ""
        kind = re.split(r"[#.\[:]", last, maxsplit=1)[0]
        if kind not in SURFACES or ":" in last.replace("::pane", ""):
            return False
    return True


def contrast_failures(text: str, sheet: str = "style.qss") -> list[str]:
    """Every text/background pair of the sheet below its WCAG ratio, in words.

    A rule with a text colour and a background is one pair (and so are its selection colours).  A
    rule with a text colour only is paired with every surface of the sheet (the backgrounds of the
    rules without a text colour: windows, cards, frames), since its text may sit on any of them.
    Disabled controls are exempt (WCAG 1.4.3).
    """
    rules = [r for r in qss_rules(text) if ":disabled" not in r.selectors]
    white = (255.0, 255.0, 255.0)
    for rule in rules:  # a sheet that paints every widget (``QWidget { background… }``) has no white
        base = background_of(rule.props) if rule.selectors == "QWidget" else None
        if base is not None:
            white = blend(base, white)
    surfaces: dict[tuple[float, float, float], str] = {white: "the default"}
    for rule in rules:
        background = background_of(rule.props)
        if "color" not in rule.props and background is not None and is_surface(rule.selectors):
            surfaces.setdefault(blend(background, white), rule.selectors)
    failures: list[str] = []

    def judge(
        selectors: str, what: str, fg: Any, bg: tuple[float, float, float], on: str, props: dict[str, str]
    ) -> None:
        need = LARGE_RATIO if large_text(props) else NORMAL_RATIO
        ratio = contrast_ratio(blend(fg, bg), bg)
        if ratio + 1e-9 < need:
            failures.append(f"{sheet}: {selectors}: {what} on {on} is {ratio:.2f}:1 (needs {need:g}:1)")

    for rule in rules:
        fg = parse_colour(rule.props["color"]) if "color" in rule.props else None
        background = background_of(rule.props)
        if fg is not None:
            if background is not None and background[3] > 0:
                bg = blend(background, white)
                judge(rule.selectors, rule.props["color"], fg, bg, "its background", rule.props)
            else:
                for bg, where in surfaces.items():
                    judge(rule.selectors, rule.props["color"], fg, bg, f"{where}'s background", rule.props)
        sel_fg = parse_colour(rule.props.get("selection-color", ""))
        sel_bg = parse_colour(rule.props.get("selection-background-color", ""))
        if sel_bg is not None:
            fg_sel = sel_fg or (parse_colour("#ffffff") if luminance(blend(sel_bg, white)) < 0.18 else None)
            if fg_sel is not None:
                judge(rule.selectors, "the selected text", fg_sel, blend(sel_bg, white), "the selection", rule.props)
    return failures


def sheet_failures() -> list[str]:
    from desktop import resources

    found: list[str] = []
    for sheet in SHEETS:
        try:
            text = resources.read_text(sheet)
        except OSError:
            found.append(f"{sheet}: missing")
            continue
        found += contrast_failures(text, sheet)
    return found


# --- screen readers ---------------------------------------------------------------------------------


def accessible_nodes(window: Any) -> Iterator[tuple[Any, int]]:
    """Every accessible object under ``window`` that is not hidden, with its depth (a screen reader's view)."""
    from PySide6.QtGui import QAccessible

    root = QAccessible.queryAccessibleInterface(window)
    if root is None:
        return
    stack: list[tuple[Any, int]] = [(root, 0)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if node is None or not node.isValid():
            continue
        key = id(node.object()) if node.object() is not None else id(node)
        if node.object() is not None:
            if key in seen and depth > 0:
                continue
            seen.add(key)
        if node.state().invisible:
            continue
        yield node, depth
        count = min(node.childCount(), MAX_CHILDREN)
        stack.extend((node.child(i), depth + 1) for i in reversed(range(count)))


#: roles whose children are items of a list or table (their text is data, their name is the cell's)
ITEM_ROLES = ("Cell", "Row", "RowHeader", "ColumnHeader", "ListItem", "TreeItem", "PageTab")


def role_name(node: Any) -> str:
    return str(node.role()).rsplit(".", 1)[-1]


def where(node: Any) -> str:
    obj = node.object()
    if obj is None:
        return role_name(node)
    chain = []
    current = obj
    while current is not None and len(chain) < 4:
        chain.append(current.objectName() or type(current).__name__)
        current = current.parent()
    return f"{role_name(node)} {' < '.join(chain)}"


def tab_reachable(obj: Any) -> bool:
    """A widget that Tab stops at (a label selectable with the mouse only takes a click's focus)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    if not isinstance(obj, QWidget):
        return True
    return bool(obj.focusPolicy() & Qt.FocusPolicy.TabFocus)


def unnamed_controls(window: Any) -> list[tuple[int, str]]:
    """The focusable objects of ``window`` a screen reader cannot name (item cells are data: not
    counted), each as (an identity while it lives, where it is)."""
    from PySide6.QtGui import QAccessible

    found: list[tuple[int, str]] = []
    for node, _depth in accessible_nodes(window):
        if role_name(node) in ITEM_ROLES:
            continue
        state = node.state()
        if not state.focusable or not tab_reachable(node.object()):
            continue
        if node.text(QAccessible.Text.Name).strip():
            continue
        found.append((id(node.object()) if node.object() is not None else id(node), where(node)))
    return found


# --- English ----------------------------------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def cjk_runs(text: str) -> list[str]:
    return CJK.findall(text)


@cache
def program_runs() -> frozenset[str]:
    """The runs of Chinese characters in the texts of the desktop's code (where data never comes from)."""
    runs: set[str] = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        if "documents" in path.parts:  # official papers stay Chinese (docs/i18n.md)
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                runs.update(cjk_runs(node.value))
    return frozenset(runs)


#: every string with Chinese in it the server sent during the tour (``record_server_texts``): its data
#: (names, courses, sessions, notices, the exam slots' labels) is shown as it came, in either language
SERVER_TEXTS: set[str] = set()


def _note(value: object) -> None:
    if isinstance(value, str):
        if CJK.search(value):
            SERVER_TEXTS.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _note(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _note(item)


def record_server_texts() -> Callable[[], None]:
    """Note what the server sends through the project's client (answers and refusals); returns the undo."""
    from desktop.api import errors
    from desktop.api.client import ApiClient

    original = ApiClient.request

    def request(self: ApiClient, method: str, path: str, **kwargs: Any) -> Any:
        try:
            answer = original(self, method, path, **kwargs)
        except errors.ApiError as exc:
            _note(exc.message)
            raise
        _note(answer)
        return answer

    ApiClient.request = request  # type: ignore[method-assign]
    return lambda: setattr(ApiClient, "request", original)


@cache
def same_in_every_language() -> frozenset[str]:
    """Program texts written the same in every language: the languages offered, each in itself."""
    from desktop.views.settings_dialog import LANGUAGE_NAMES

    return frozenset(name for _code, name in LANGUAGE_NAMES)


def without_data(text: str) -> str:
    """``text`` without the server's strings in it (the longest first) and the languages' own names."""
    for value in sorted((v for v in SERVER_TEXTS if v in text), key=len, reverse=True):
        text = text.replace(value, " ")
    return " " if text in same_in_every_language() else text


def is_program_text(text: str) -> bool:
    """``text`` holds a Chinese run that the code writes, once the server's data is taken out of it."""
    known = program_runs()
    return any(run in known for run in cjk_runs(without_data(text)) if len(run) > 1 or run in known)


def read_texts(window: Any) -> Iterator[str]:
    """What a person reads in ``window``: its title, what the screen reader says, the tab titles and hints."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLineEdit, QWidget

    yield window.windowTitle()
    for node, _depth in accessible_nodes(window):
        for kind in (QAccessible.Text.Name, QAccessible.Text.Description, QAccessible.Text.Value):
            yield node.text(kind)
    for widget in window.findChildren(QWidget):
        if widget.isVisibleTo(window):
            yield widget.toolTip()
            if isinstance(widget, QLineEdit):
                yield widget.placeholderText()


def normalised(text: str) -> str:
    """One text however it is shown: without its shortcut mark (``(&P)``, ``(P)``), colon or ellipsis."""
    text = re.sub(r"\(&?[A-Za-z0-9]\)|&(?=[^&])", "", text)
    return text.strip().rstrip("：:…").strip()


def untranslated_texts(window: Any) -> list[str]:
    return sorted({normalised(text) for text in read_texts(window) if text and is_program_text(text)})


def unfinished_entries(seen: set[str]) -> list[str]:
    """The unfinished entries of the catalogues (``scripts/i18n.py`` counts) not already in ``seen``."""
    import xml.etree.ElementTree as ET

    from i18n import counts

    from desktop.i18n.catalogues import CATALOGUES, TS_DIR

    found: list[str] = []
    for name in CATALOGUES:
        ts = TS_DIR / f"{name}.ts"
        if not ts.is_file():
            found.append(f"{name}: no catalogue")
            continue
        _texts, unfinished = counts(ts)
        if not unfinished:
            continue
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            forms = [] if translation is None else [translation, *translation.findall("numerusform")]
            done = "".join((form.text or "") for form in forms).strip()
            if translation is not None and translation.get("type") is None and done:
                continue
            source = normalised(message.findtext("source") or "")
            if source not in seen:
                seen.add(source)
                found.append(f"{name}.ts: unfinished {source!r}")
    return found


# --- the run ----------------------------------------------------------------------------------------


@dataclass
class Findings:
    windows: int = 0
    unnamed: list[str] | None = None
    contrast: list[str] | None = None
    untranslated: list[str] | None = None
    #: scenarios that broke before their windows could be checked (the exit status says so)
    broken: list[str] | None = None

    def summary(self) -> str:
        return (
            f"a11y: {self.windows} windows, {len(self.unnamed or [])} unnamed controls, "
            f"{len(self.contrast or [])} contrast failures, {len(self.untranslated or [])} untranslated strings"
        )


def inspector(unnamed: list[str], untranslated: dict[str, str]) -> Any:
    """The tour's ``inspect``: collects unnamed controls and untranslated texts, reports no fit problem."""

    seen: set[tuple[str, int]] = set()

    def inspect(window: Any) -> list[str]:
        title = window.windowTitle() or type(window).__name__
        for identity, control in unnamed_controls(window):
            if (title, identity) not in seen:  # a window checked in several states counts once
                seen.add((title, identity))
                unnamed.append(f"{title}: {control}")
        for text in untranslated_texts(window):
            untranslated.setdefault(text, title)
        return []

    return inspect


def run(only: list[str] | None = None, language: str = "en") -> Findings:
    from PySide6.QtWidgets import QApplication
    from window_tour import seed_database, tour

    from desktop.shell import translations
    from desktop.shell.app import configure_appearance, set_application_names

    set_application_names()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    configure_appearance(app)
    installed = translations.install(app, language)
    unnamed: list[str] = []
    untranslated: dict[str, str] = {}
    stop_recording = record_server_texts()
    try:
        with tempfile.TemporaryDirectory(prefix="zikao-a11y-") as tmp:
            db = Path(tmp) / "a11y.db"
            seed_database(db)
            checker = tour(db, "a11y", inspector(unnamed, untranslated), only, extras=False)
    finally:
        stop_recording()
        installed.remove()
    texts = [f"{title}: {text!r}" for text, title in untranslated.items()]
    broken = [f"{name}: {'; '.join(problems)}" for name, problems in checker.failures]
    texts += unfinished_entries(set(untranslated))
    return Findings(checker.windows, unnamed, sheet_failures(), texts, broken)


def report(findings: Findings) -> None:
    for line in findings.unnamed or []:
        print(f"unnamed: {line}")
    for line in findings.contrast or []:
        print(f"contrast: {line}")
    for line in findings.untranslated or []:
        print(f"untranslated: {line}")
    for line in findings.broken or []:
        print(f"not checked: {line}")
    print(findings.summary())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="only these scenarios (names in scripts/window_tour.py SCENARIOS)")
    parser.add_argument("--visible", action="store_true", help="show the windows (default: Qt's offscreen platform)")
    args = parser.parse_args(argv)
    if not args.visible:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    findings = run(args.only)
    report(findings)
    failing = sum(
        len(found or []) for found in (findings.unnamed, findings.contrast, findings.untranslated, findings.broken)
    )
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
