"""Texts a person reads, in Chinese (the default) or English: the client asks with ``Accept-Language``.

A message is written once, where it is raised, as a Chinese template with named parameters
(``Msg("课程 {course} 不在您的专业计划中", course=code)``); the template is the gettext msgid. It is
translated when the response is written (``render``), so one raise serves both languages and the
error ``code`` and ``details`` keys stay the same. The English forms live in the gettext catalogue
``backend_mock/locale/en/LC_MESSAGES/backend_mock.po`` (docs/backend-messages.md says how to add one).

The catalogue is read with ``polib`` and looked up with the standard library's ``gettext``: the
``.po`` file in the repository is the only form, so a source checkout, the tests and the packaged
program read the same text and no compiled ``.mo`` can fall out of date.
"""

from __future__ import annotations

import gettext
import io
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import polib

log = logging.getLogger("backend_mock")

DOMAIN = "backend_mock"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT = "zh"
LANGUAGES = ("zh", "en")
#: how the messages of several fields are joined into one line
SEPARATORS = {"zh": "；", "en": "; "}


class Msg(str):
    """A text a person reads: its Chinese form (the ``str`` itself) plus the template and parameters.

    Parameters may be data (names, numbers: kept as they are), dates (formatted by the template's
    format spec, which each language writes its own way) or other ``Msg`` (translated too).
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        spoken = _spoken.get()
        if spoken is not None and params:
            spoken.setdefault(str.__str__(self), self)
        return self

    def render(self, language: str) -> str:
        if language == DEFAULT or not self.template:
            return str.__str__(self)
        text = translations(language).gettext(self.template)
        if not self.params:
            return text
        try:
            return text.format(**{name: _part(value, language) for name, value in self.params.items()})
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            # a form that does not fit its template (tests/unit/test_server_catalogue.py should have said)
            log.exception("the %s form of %r does not fit its parameters", language, self.template)
            return str.__str__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, Any]) -> Msg:
    return Msg(template, **params)


#: the messages made while answering one request, by their Chinese text (see ``remembering``)
_spoken: ContextVar[dict[str, Msg] | None] = ContextVar("spoken", default=None)


@contextmanager
def remembering() -> Iterator[dict[str, Msg]]:
    """Remember every ``Msg`` with parameters made inside (also on worker threads the context reaches),
    so that an answer whose models kept only the Chinese text can be written in another language."""
    spoken: dict[str, Msg] = {}
    token = _spoken.set(spoken)
    try:
        yield spoken
    finally:
        _spoken.reset(token)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` (entries still marked fuzzy are left out, as msgfmt does)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == DEFAULT or not path.exists():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(polib.pofile(str(path)).to_binary()))


def _part(value: Any, language: str) -> Any:
    """A parameter in ``language``: a ``Msg`` translated (as a part of a sentence), anything else as it is."""
    return value.render(language) if isinstance(value, Msg) else value


def render(value: Any, language: str) -> Any:
    """``value`` with every ``Msg`` in it (also inside dicts and lists) in ``language``, as sentences.

    A plain ``str`` that the catalogue holds (a literal message raised without parameters) is
    translated too; any other text is data and stays as it is. English parts are written in
    lower case (``{label} is required``): a whole message starts with a capital.
    """
    if isinstance(value, Msg):
        text = value.render(language)
        return text if language == DEFAULT else text[:1].upper() + text[1:]
    if isinstance(value, str):
        if language == DEFAULT or not value:
            return value
        text = translations(language).gettext(value)
        return value if text == value else text[:1].upper() + text[1:]
    if isinstance(value, Mapping):
        return {key: render(item, language) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [render(item, language) for item in value]
    if isinstance(value, datetime | date):
        return value  # formatted by the template that holds it
    return value


def negotiate(accept_language: str | None) -> str:
    """The language to answer in for an ``Accept-Language`` header (RFC 9110 §12.5.4).

    Ranges are ordered by their q-value (1 when absent; a malformed q drops the range); ``q=0``
    refuses a language. ``en``, ``en-GB``... choose English, ``zh``, ``zh-CN``... Chinese, ``*``
    the default; nothing acceptable also gives the default.
    """
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, *options = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for option in options:
            name, _, raw = option.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(raw.strip())
                except ValueError:
                    quality = -1.0
        if tag and 0 < quality <= 1:
            ranked.append((-quality, index, tag.lower()))
    for _quality, _index, tag in sorted(ranked):
        primary = tag.split("-", 1)[0]
        if primary in LANGUAGES:
            return primary
        if primary == "*":
            return DEFAULT
    return DEFAULT


def enumeration(items: list[Any], *, clauses: bool = False, alternatives: bool = False) -> Msg:
    """Items as one text, each language its own way: 窗口工作人员、审核员 (counter clerk and reviewer;
    ``alternatives``: ... or reviewer), or ``clauses``: 原因一；原因二 (first reason; second reason).

    The last join has a template of its own (same Chinese, another parameter name) so that English
    can say "and" or "or" there.
    """
    if not items:
        return Msg("{item}", item="")
    text = items[0] if isinstance(items[0], Msg) else Msg("{item}", item=items[0])
    for n, item in enumerate(items[1:], start=2):
        if clauses:
            text = Msg("{items}；{item}", items=text, item=item)
        elif n < len(items):
            text = Msg("{items}、{item}", items=text, item=item)
        elif alternatives:
            text = Msg("{items}、{choice}", items=text, choice=item)
        else:
            text = Msg("{items}、{last}", items=text, last=item)
    return text
