"""``python -m socialcalc`` runs the command line."""

import sys

from socialcalc.cli import main

sys.exit(main())
