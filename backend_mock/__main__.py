import sys

from backend_mock.cli import main

sys.exit(main())
