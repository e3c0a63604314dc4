"""Packaged resources (QSS, icons, translations), read with ``importlib.resources``.

Going through ``importlib.resources`` instead of paths next to ``__file__`` keeps the same code
working from a source checkout, an installed wheel and a PyInstaller bundle (qutebrowser
``utils/resources.py`` does the same).
"""

from __future__ import annotations

from importlib.resources import files


def read_text(name: str, encoding: str = "utf-8") -> str:
    """The text of the resource ``name`` (e.g. ``"style.qss"``)."""
    return files(__name__).joinpath(name).read_text(encoding=encoding)


def read_bytes(name: str) -> bytes:
    """The bytes of the resource ``name`` (e.g. an icon)."""
    return files(__name__).joinpath(name).read_bytes()
