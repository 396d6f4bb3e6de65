"""Every public name carries a numpydoc docstring with an Examples section of doctests.

The doctests themselves run with the package (``--doctest-modules``); this test makes sure that
none is missing, so that a new public class or function cannot ship without an example.
"""

import inspect
import re
import types

import alliance_health as ah

SUBMODULES = ("atop", "catalogue", "fixtures", "plot", "scenarios", "similarity", "testing")
_EXAMPLES = re.compile(
    r"^Examples\n-{8,}\n(?P<body>.*?)(?=^\S[^\n]*\n-{3,}$|\Z)",  # up to the next section
    re.MULTILINE | re.DOTALL,
)


def has_examples(doc: str | None) -> bool:
    """Whether ``doc`` has a numpydoc Examples section holding at least one doctest."""
    match = _EXAMPLES.search(inspect.cleandoc(doc or ""))
    return match is not None and ">>> " in match["body"]


def public_docstrings() -> dict[str, str | None]:
    """Own docstrings (not inherited) of the public classes, functions and submodules."""
    docs: dict[str, str | None] = {}
    for name in ah.__all__:
        obj = getattr(ah, name)
        if isinstance(obj, types.ModuleType):
            docs[f"{name} (module)"] = obj.__doc__
            for member in obj.__all__:
                attr = getattr(obj, member)
                if inspect.isclass(attr) or inspect.isfunction(attr):
                    docs[f"{name}.{member}"] = attr.__doc__
        elif inspect.isclass(obj) or inspect.isfunction(obj):
            docs[name] = obj.__doc__
    return docs


def test_the_walk_covers_the_public_api():
    docs = public_docstrings()
    for name in ("score", "Profile", "ValidationError", "build_layout", "scenarios.project"):
        assert name in docs
    for module in SUBMODULES:
        assert f"{module} (module)" in docs
    assert "SOURCE_KINDS" not in docs  # a constant, documented on the API page
    assert "atop.RANGES" not in docs


def test_examples_section_is_recognised():
    with_examples = """Summary.

    Examples
    --------
    >>> 1 + 1
    2
    """
    assert has_examples(with_examples)
    assert not has_examples("Summary.\n\nExamples are in the user guide.")
    assert not has_examples("Summary.\n\nExamples\n--------\nSee the gallery.")
    assert not has_examples(None)
    followed = "Summary.\n\nExamples\n--------\nSee below.\n\nNotes\n-----\n>>> 1\n1\n"
    assert not has_examples(followed)


def test_every_public_name_has_examples():
    offenders = sorted(name for name, doc in public_docstrings().items() if not has_examples(doc))
    assert not offenders, "public names without an Examples section of doctests: " + ", ".join(
        offenders
    )
