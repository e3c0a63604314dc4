"""The backend's messages and their English catalogue (docs/backend-messages.md).

``python scripts/server_messages.py`` finds every message in ``backend_mock`` (the msgids) and adds
the new ones to ``backend_mock/locale/en/LC_MESSAGES/backend_mock.po`` with an empty English form,
marking those no longer used as obsolete; write the English forms there. The tests use ``extract``
to find a msgid without an English form and a message written as an f-string.

A msgid is the Chinese template of ``Msg("...")``, or a literal text given as the message of a
refusal (``ApiError`` and its subclasses, the helpers in ``MESSAGE_ARGUMENT``, ``ValueError`` of
a validator), the ``title`` of a ``Field``, or a value of a label table (``backend_mock.inputs.FIELD_LABELS``...).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "backend_mock"
CATALOGUE = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "backend_mock.po"
#: data, not messages: the seed (names, courses, notices) stays as it is
SKIPPED = ("seed/",)
#: callables whose argument at this position is a message a person reads
MESSAGE_ARGUMENT = {
    "Msg": 0,
    "ApiError": 0,
    "NotAuthenticated": 0,
    "Forbidden": 0,
    "NotFound": 0,
    "Conflict": 0,
    "Unprocessable": 0,
    "TooManyRequests": 0,
    "ValueError": 0,
    "PollTooEarly": 0,
    "UploadError": 1,
    "invalid": 1,
    "_invalid": 1,
    "_field": 1,
}


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@dataclass
class Messages:
    #: msgid → where it is written (``path:line``)
    ids: dict[str, list[str]] = field(default_factory=dict)
    #: ``path:line`` of a Chinese message built as an f-string (cannot be translated)
    formatted: list[str] = field(default_factory=list)


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _strings(node: ast.expr) -> Iterator[ast.expr]:
    """The texts ``node`` may be: itself, or each branch of ``a if c else b``."""
    if isinstance(node, ast.IfExp):
        yield from _strings(node.body)
        yield from _strings(node.orelse)
    else:
        yield node


def extract(package: Path = PACKAGE) -> Messages:
    found = Messages()
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative.startswith(SKIPPED):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            position = MESSAGE_ARGUMENT.get(_name(node))
            if _name(node) == "Field":  # a field's label in one body (``Field(title=...)``)
                texts = [k.value for k in node.keywords if k.arg == "title"]
            elif position is None or len(node.args) <= position:
                continue
            else:
                texts = [node.args[position]]
            for arg in (s for text in texts for s in _strings(text)):
                where = f"backend_mock/{relative}:{arg.lineno}"
                literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                if literal and (_is_cjk(arg.value) or (_name(node) == "Msg" and arg.value)):
                    found.ids.setdefault(arg.value, []).append(where)
                elif isinstance(arg, ast.JoinedStr) and _is_cjk(ast.unparse(arg)):
                    found.formatted.append(where)
    for text in table_messages():
        found.ids.setdefault(text, []).append("backend_mock/inputs.py")
    return found


def table_messages() -> list[str]:
    """Texts held in tables (a label of a field, a phrase of a validation error, a shared rule)."""
    sys.path.insert(0, str(ROOT))
    from backend_mock.errors import _OTHER_PHRASE, _VALIDATION_PHRASES
    from backend_mock.inputs import CONTROL_RULE, FIELD_LABELS, LINE_RULE
    from zikao_common.numbers import NOT_ASCII_RULE
    from zikao_common.uploads import TYPE_RULE

    return [
        *FIELD_LABELS.values(),
        *_VALIDATION_PHRASES.values(),
        _OTHER_PHRASE,
        NOT_ASCII_RULE,
        TYPE_RULE,
        CONTROL_RULE,
        LINE_RULE,
    ]


def update(catalogue: Path = CATALOGUE) -> tuple[int, int]:
    """Add the new msgids to the catalogue and mark the unused obsolete: (added, obsolete)."""
    messages = extract()
    po = polib.pofile(str(catalogue)) if catalogue.exists() else polib.POFile(wrapwidth=0)
    if not catalogue.exists():
        po.metadata = {
            "Project-Id-Version": "zikao-selfservice backend",
            "Language": "en",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
    known = {entry.msgid: entry for entry in po}

    def files(places: list[str]) -> list[tuple[str, str]]:
        # file names only (like xgettext --add-location=file): editing a module does not touch the catalogue
        return [(name, "") for name in dict.fromkeys(p.rsplit(":", 1)[0] for p in places)][:3]

    added = obsolete = 0
    for msgid, places in messages.ids.items():
        entry = known.get(msgid)
        if entry is None:
            po.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=files(places)))
            added += 1
        else:
            entry.obsolete = False
            entry.occurrences = files(places)
    for entry in po:
        if entry.msgid and entry.msgid not in messages.ids and not entry.obsolete:
            entry.obsolete = True
            obsolete += 1
    catalogue.parent.mkdir(parents=True, exist_ok=True)
    po.wrapwidth = 0
    po.save(str(catalogue))
    return added, obsolete


if __name__ == "__main__":
    added, obsolete = update()
    found = extract()
    missing = sum(1 for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete and not entry.msgstr)
    print(f"{len(found.ids)} messages: {added} new, {obsolete} obsolete, {missing} without English")
    for where in found.formatted:
        print(f"{where}: a Chinese f-string message: write it as Msg(template, name=value)")
