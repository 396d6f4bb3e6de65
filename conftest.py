"""Collection rules for the doctests: optional parts of the package, and re-homed classes."""

import doctest
import importlib.util

# The plotting module's examples draw figures; without matplotlib (an optional extra) they skip.
collect_ignore = [] if importlib.util.find_spec("matplotlib") else ["src/alliance_health/plot"]

# The public classes report ``alliance_health`` as their module (so tracebacks read
# ``alliance_health.ValidationError``). doctest collects a class's examples only from the module
# named by ``__module__``; collect them from the private module that defines them instead, once.
_from_module = doctest.DocTestFinder._from_module  # noqa: SLF001  (the hook doctest offers)


def _from_defining_module(self, module, obj):  # noqa: ANN001, ANN202
    from alliance_health._errors import DEFINED_IN  # noqa: PLC0415  (when doctests are collected)

    home = DEFINED_IN.get(obj) if isinstance(obj, type) else None
    if home is not None:
        return module.__name__ == home
    return _from_module(self, module, obj)


doctest.DocTestFinder._from_module = _from_defining_module  # noqa: SLF001
