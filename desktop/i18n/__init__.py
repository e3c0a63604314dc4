"""The program's own words in two languages (docs/i18n.md).

The source text is Simplified Chinese, written in the code; English comes from Qt Linguist
catalogues (``desktop/i18n/en/*.ts``, compiled to ``.qm`` by the build or, from source, at start).

- ``desktop.i18n.tr.tr(text)``: the text in the current language (``QCoreApplication.translate``).
- ``desktop.i18n.marks.QT_TR_NOOP(text)``: marks a text for the catalogues without translating it,
  for tables built at import time (translate at use with ``tr(value)``); it imports no Qt, so the API
  client and the item models may use it.
- ``desktop.i18n.catalogues``: which sources go into which catalogue, and compiling them.
"""
