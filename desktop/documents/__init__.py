"""Printable documents: the one renderer (``render``) and each document's template."""
