"""The package namespace: one list of public names, loaded on first use, and a light import."""

from __future__ import annotations

import ast
import subprocess
import sys
import types
from pathlib import Path

import pytest

import alliance_health as ah

INIT = Path(ah.__file__)


def _type_checking_imports() -> dict[str, str]:
    """``name -> module`` of the imports in the ``if TYPE_CHECKING:`` block of ``__init__.py``."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )
    found: dict[str, str] = {}
    for statement in block.body:
        assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
        for alias in statement.names:
            # `X as X` marks a re-export for type checkers (mypy --strict: no implicit re-export)
            assert alias.asname == alias.name, ast.unparse(statement)
            found[alias.name] = str(statement.module)
    return found


def test_type_checking_block_matches_the_one_list():
    imports = _type_checking_imports()
    missing = [
        f"    from {module} import {name} as {name}"
        for name, module in ah._EXPORTS.items()
        if imports.get(name) != module
    ]
    extra = sorted(set(imports) - set(ah._EXPORTS))
    assert not missing, "add to the TYPE_CHECKING block of __init__.py:\n" + "\n".join(missing)
    assert not extra, f"in the TYPE_CHECKING block but not in _EXPORTS: {', '.join(extra)}"


def test_all_follows_the_one_list_sorted():
    assert ah.__all__ == list(ah._EXPORTS)
    # constants first, then classes, then functions and modules, each alphabetical (ruff RUF022)
    order = sorted(ah.__all__, key=lambda n: (not n.isupper(), n[0].islower(), n))
    assert ah.__all__ == order, "keep _EXPORTS in sorted order"
    assert len(set(ah.__all__)) == len(ah.__all__)


@pytest.mark.parametrize("name", sorted(ah._EXPORTS))
def test_every_name_resolves_to_its_module(name):
    value = getattr(ah, name)
    module = ah._EXPORTS[name]
    if module == "alliance_health":
        assert isinstance(value, types.ModuleType)
        assert value.__name__ == f"alliance_health.{name}"
    else:
        assert value is getattr(sys.modules[module], name)


def test_dir_lists_every_public_name():
    assert set(ah.__all__) <= set(dir(ah))
    assert "__version__" in dir(ah)


def test_unknown_attribute():
    with pytest.raises(
        AttributeError, match=r"^module 'alliance_health' has no attribute 'scroe'$"
    ):
        ah.scroe  # noqa: B018  (the attribute access is the test)


def test_star_import_gives_every_public_name():
    namespace: dict[str, object] = {}
    exec("from alliance_health import *", namespace)  # noqa: S102  (a fixed statement)
    assert set(ah.__all__) <= set(namespace)


_PROBE = """
import sys
import alliance_health
heavy = sorted(m for m in ("scipy", "pandas", "matplotlib") if m in sys.modules)
own = sorted(m for m in sys.modules if m.startswith("alliance_health."))
print(",".join(heavy)); print(",".join(own))
alliance_health.Profile, alliance_health.load, alliance_health.catalogue
print(",".join(sorted(m for m in ("scipy", "pandas", "matplotlib") if m in sys.modules)))
"""


def test_import_is_light():
    """``import alliance_health`` loads none of scipy, pandas, matplotlib, nor its own modules."""
    out = subprocess.run(  # noqa: S603  (this interpreter, a fixed probe)
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(INIT.parent.parent)},
    ).stdout.splitlines()
    heavy_at_import, own_at_import, heavy_after_core = (line for line in out)
    assert heavy_at_import == ""
    # every name waits for its first use; only the exception family (a few classes) comes along
    assert own_at_import == "alliance_health._errors"
    assert heavy_after_core == ""  # the domain model and the file format need none of them
