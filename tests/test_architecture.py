"""The house plan, enforced: layers import downwards only, and no module outgrows one concept.

The layers and the rule are written up in ``docs/architecture.md``; this test is their guard. Every
``import`` statement counts, including those inside functions (lazy imports are still dependencies).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "alliance_health"

# Each top-level unit of the package (a module or a sub-package) and its layer. A unit may import
# units of its own layer or of lower layers, never of higher ones.
LAYERS: dict[str, int] = {
    # 0 foundation: errors, argument checks, the table protocol
    "_errors": 0,
    "_validate": 0,
    "_check": 0,
    "_check_args": 0,
    "_present": 0,
    # 1 the domain model
    "_domain": 1,
    # 2 definitions and files that build domain objects
    "catalogue": 2,
    "_files": 2,
    # 3 the built-in profiles (data files read through _files)
    "fixtures": 3,
    # 4 scoring: the model, the engine, score
    "_scoring": 4,
    # 5 analyses built on the engine
    "_analysis": 5,
    # 6 extensions that use the public API: interoperability, scenarios, reliability, test helpers
    "atop": 6,
    "similarity": 6,
    "scenarios": 6,
    "reliability": 6,
    "testing": 6,
    # 7 presentation: plots and the command line
    "plot": 7,
    "_cli": 7,
}
MAX_LINES = 450


def _units() -> dict[str, list[Path]]:
    units: dict[str, list[Path]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel == Path("__init__.py"):
            continue  # the package namespace re-exports everything: it sits above every layer
        units.setdefault(rel.parts[0].removesuffix(".py"), []).append(path)
    return units


def _imported_units(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package_parts = path.relative_to(PACKAGE).parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: resolve against this module's package
                base = list(package_parts[: len(package_parts) - node.level + 1])
                target = ".".join(["alliance_health", *base, *(node.module or "").split(".")])
                names = [target.rstrip(".")]
                if not node.module:
                    names = [f"{target.rstrip('.')}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
                if node.module == "alliance_health":
                    names = [f"alliance_health.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "alliance_health" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_every_unit_has_a_layer():
    unknown = sorted(set(_units()) - set(LAYERS))
    assert not unknown, f"give these modules a layer in LAYERS and docs/architecture.md: {unknown}"


def _public_top_level_names() -> set[str]:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            names |= {elt.value for elt in ast.walk(node.value) if isinstance(elt, ast.Constant)}
    return {n for n in names if isinstance(n, str)}


@pytest.mark.parametrize("unit", sorted(_units()))
def test_imports_point_down_the_layers(unit):
    layer = LAYERS.get(unit)
    if layer is None:
        pytest.fail(f"{unit} has no layer")
    public = _public_top_level_names() - set(LAYERS)
    upward = []
    for path in _units()[unit]:
        for target in sorted(_imported_units(path) - {unit}):
            if target in public:
                # ``from alliance_health import Profile``: a public re-export. Extensions (layer 6+)
                # use the public API; lower layers must import from the owning layer instead.
                if layer < LAYERS["atop"]:
                    upward.append(f"{path.relative_to(PACKAGE)} -> alliance_health.{target}")
                continue
            if target not in LAYERS:
                continue  # e.g. __version__
            if LAYERS[target] > layer:
                upward.append(f"{path.relative_to(PACKAGE)} -> {target} (layer {LAYERS[target]})")
    assert not upward, f"layer {layer} ({unit}) imports upwards: {upward}"


def test_no_import_cycle_between_units():
    graph = {
        unit: {t for p in paths for t in _imported_units(p) if t in LAYERS and t != unit}
        for unit, paths in _units().items()
    }
    seen: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if seen.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt] if nxt in stack else [node, nxt]
                pytest.fail(f"import cycle: {' -> '.join(cycle)}")
            if nxt not in seen:
                visit(nxt, [*stack, nxt])
        seen[node] = 2

    for unit in sorted(graph):
        if unit not in seen:
            visit(unit, [unit])


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_no_module_outgrows_one_concept(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines; split it by concept"
