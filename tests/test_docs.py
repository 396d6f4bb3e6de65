"""The documentation a newcomer reads in a clone: every path it names exists, every list whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import alliance_health as ah

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "docs").glob("*.rst")])
# A path in backticks or quotes that starts at a top-level folder of the clone.
PATH = re.compile(
    r"[`\"'](?P<path>(?:\.ci|benchmarks|docs|examples|src|tests)/[A-Za-z0-9_.*/-]*)[`\"']"
)


def _named_paths(page: Path) -> list[str]:
    return sorted({m.group("path").rstrip("/") for m in PATH.finditer(page.read_text("utf-8"))})


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_path_a_page_names_exists(page):
    missing = [p for p in _named_paths(page) if not any(ROOT.glob(p))]
    assert not missing, f"{page.name} names paths that do not exist in a clone: {missing}"


def test_the_path_check_would_catch_a_dead_path(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("load `examples/no_such_file.toml` and `docs/index.md`", encoding="utf-8")
    named = _named_paths(page)
    assert named == ["docs/index.md", "examples/no_such_file.toml"]
    assert [p for p in named if not any(ROOT.glob(p))] == ["examples/no_such_file.toml"]


def test_api_page_lists_every_source_kind():
    text = (ROOT / "docs" / "api.rst").read_text("utf-8")
    section = text[text.index("``SOURCE_KINDS`` is the tuple") :].split("\n\n")[0]
    listed = re.findall(r"``([a-z-]+)``", section)
    assert [k for k in listed if k in ah.SOURCE_KINDS] == list(ah.SOURCE_KINDS)
