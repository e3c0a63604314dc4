"""The tests' one set of fixtures, loaded from the ``tests.fixtures`` package (``tests/fixtures/``).

Qt runs offscreen (set before anything imports Qt).  Every test gets its own server, clock and copy
of the seeded database (``tests.fixtures.servers``: ``server_factory``, ``live_server``,
``demo_server``, ``client``); GUI tests add pytest-qt's ``qtbot`` and the one ``runner``
(``tests.fixtures.gui``).  Two checks run around every test: no worker thread outlives it
(``tests.fixtures.threads``) and no embedded demo backend outlives the run (``tests.fixtures.processes``).
Test modules live by what they test in ``unit/``, ``api/``, ``gui/``, ``e2e/`` and ``contract/``;
they import helpers from ``tests.fixtures``, never from one another.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = [
    "tests.fixtures.servers",
    "tests.fixtures.gui",
    "tests.fixtures.threads",
    "tests.fixtures.processes",
    "tests.fixtures.staff",
    "tests.fixtures.registration_page",
    "tests.fixtures.exams_page",
    "tests.fixtures.console",
    "tests.fixtures.refusals",
    "tests.fixtures.updates",
]
