"""Collection rules for the doctests of optional parts of the package."""

import importlib.util

# The plotting module's examples draw figures; without matplotlib (an optional extra) they skip.
collect_ignore = [] if importlib.util.find_spec("matplotlib") else ["src/alliance_health/plot.py"]
