"""Reading text safely: the nesting depth measured before parsing, byte-order marks, UTF-8."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_health._errors import FileFormatError
from alliance_health._files import parse

_TEXT = st.text(alphabet=st.sampled_from("ab[]{}\"\\'#\n "), max_size=8)
_TREES = st.recursive(
    st.none() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=12,
)


def _depth(tree: object) -> int:
    if isinstance(tree, list):
        return 1 + max(map(_depth, tree), default=0)
    if isinstance(tree, dict):
        return 1 + max(map(_depth, tree.values()), default=0)
    return 0


@given(tree=_TREES, indent=st.none() | st.integers(0, 2))
def test_depth_of_json_is_its_nesting(tree, indent):
    """Brackets inside strings (escaped quotes and backslashes included) do not count."""
    assert parse.depth(json.dumps(tree, indent=indent)) == _depth(tree)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1", 0),
        ("a = [[1], [2, [3]]]", 3),
        ("[[items]]\nx = { y = [1] }", 2),  # a header opens and closes
        ('a = "[[[["', 0),
        ("a = '[[[['", 0),
        ('a = """\n[[[\n"""', 0),
        ('a = """ \\""" [[ """', 0),  # an escaped quote inside a multi-line string
        ("a = '''\n[[[ ' '' {{\n'''", 0),
        ("# [[[[\na = [1]", 1),
        ('a = "unterminated [[[\nb = [1]', 1),  # the string ends with its line
    ],
)
def test_depth_of_toml_skips_strings_and_comments(text, expected):
    assert parse.depth(text) == expected


def test_parse_drops_a_byte_order_mark():
    assert parse.parse("\ufeffa = 1", "toml", "<string>") == {"a": 1}
    assert parse.decode(b"\xef\xbb\xbf{}", "<string>") == "{}"


def test_decode_names_the_bad_byte():
    with pytest.raises(FileFormatError, match=r"^f\.toml: the file is not UTF-8 text \(byte 1:"):
        parse.decode(b"a\xff", "f.toml")
