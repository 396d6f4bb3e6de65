"""``python -m alliance_health._cli``: the same as the ``alliance-health`` command."""

import sys

from alliance_health._cli import main

sys.exit(main())
