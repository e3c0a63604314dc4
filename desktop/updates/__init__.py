"""Signed automatic updates of the packaged program (TUF through tufup; docs/updates.md)."""
