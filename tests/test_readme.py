"""The README's quick start is code a newcomer copies: it must run as written."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_quick_start_runs(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "the README has a python quick start"
    exec(compile(blocks[0], str(README), "exec"), {})  # noqa: S102  (our own README)
    out = capsys.readouterr().out
    assert "Score('rok-us', 2006" in out
    assert "attribution" in out


def test_setup_is_two_commands_that_ci_runs():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.DOTALL)
    assert block is not None
    commands = [ln for ln in block.group(1).splitlines() if ln and not ln.startswith("#")]
    assert len(commands) == 2
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci
