"""Allow ``python -m listsmith``."""

import sys

from listsmith.cli import main

sys.exit(main())
