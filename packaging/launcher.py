"""The entry script of the packaged program (``build.spec``): the same ``main()`` as ``python -m desktop``."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
