"""``python -m desktop``: start the desktop client (``--serve-embedded``: be its embedded demo backend)."""

import sys

from desktop.shell import embedded_process

if sys.argv[1:2] == [embedded_process.SERVE_OPTION]:
    sys.exit(embedded_process.serve())
# the embedded backend's imports run on the other core while Qt and the login window come up
embedded_process.start_early(sys.argv[1:])

from desktop.shell.app import main  # noqa: E402  (Qt is imported only now)

sys.exit(main())
