"""Sphinx configuration: MyST pages executed by myst-nb, numpydoc API reference.

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html`` (as CI does). The
data-driven pages (fixture tables, gallery) are generated into ``docs/_generated/`` first.
"""

import os
import sys
from pathlib import Path

import alliance_health

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS))

import generate  # noqa: E402  (needs the docs folder on the path)

generate.main()

# The kernels that execute the pages inherit this environment: without MPLBACKEND (CI sets Agg for
# scripts) they draw inline, as a notebook does, so the figures appear on the pages.
os.environ.pop("MPLBACKEND", None)
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

project = "alliance_health"
author = "alliance_health developers"
copyright = "2026, alliance_health developers"
release = version = alliance_health.__version__

extensions = [
    "myst_nb",  # MyST markdown, notebooks, and execution of code cells
    "numpydoc",  # the docstrings follow numpydoc, as in scipy and pvlib
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "_templates", "examples", "README.md", "**/.ipynb_checkpoints"]
templates_path = ["_templates"]

myst_enable_extensions = ["colon_fence", "deflist", "dollarmath"]
myst_heading_anchors = 3

# Every code cell and notebook runs on every build; an error in any of them fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 600
nb_merge_streams = True

autosummary_generate = True
autodoc_typehints = "none"  # numpydoc's Parameters sections give the types
autodoc_member_order = "bysource"
numpydoc_show_class_members = False  # members are documented by the autosummary templates
numpydoc_class_members_toctree = False
# A numpydoc References section may list works that the text does not cite by number ([1]_); they
# are still the sources of the module, so an unreferenced citation is not an error.
suppress_warnings = ["ref.citation"]

html_theme = "furo"
html_title = f"alliance_health {release}"
html_static_path: list[str] = []
