"""The ``alliance-health`` command line: parse, run one command, print its tables.

Exit status: 0 when the output was written, 1 for bad input (one line on stderr, no traceback),
2 for a command line that cannot be parsed (argparse's usage error), 141 when the reader of the
output went away (a closed pipe, as in ``alliance-health trajectory rok-us | head -1``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import warnings
from collections.abc import Sequence
from typing import Final

from alliance_health import __version__
from alliance_health._cli import coding, commands  # noqa: F401  (registers the commands)
from alliance_health._cli.options import PROG, output_format, warn
from alliance_health._cli.registry import COMMANDS, Output
from alliance_health._errors import AllianceHealthError, CoverageWarning

__all__ = ["build_parser", "main"]

_NEGATIVE: Final = re.compile(
    r"^-(inf(inity)?|nan|\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?)$", re.IGNORECASE
)
_CLOSED_PIPE: Final = 128 + 13  # what a shell reports for a writer stopped by SIGPIPE


def build_parser() -> argparse.ArgumentParser:
    """The parser: one subcommand per registered command, each with ``--format``."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score military alliances on shared threat, mutual obligation and"
        " consultation (Sherwood-Randall 2006), from the built-in profiles or a profile file.",
        epilog="exit status: 0 ok, 1 bad input (one line on stderr), 2 usage error",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="print the version"
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        title="commands",
        help="one of these; COMMAND --help lists its arguments",
    )
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        for add in (*cmd.arguments, output_format):
            add(p)
    return parser


def _negative_values(argv: Sequence[str]) -> list[str]:
    """``--p -inf`` as ``--p=-inf``: argparse takes "-inf" (and "-1e3") for an option.

    A token that reads as a negative number right after an option is that option's value.
    """
    out: list[str] = []
    for k, token in enumerate(argv):
        before = out[-1] if out else ""
        after_option = before.startswith("-") and "=" not in before and "--" not in argv[:k]
        if after_option and before != "--" and _NEGATIVE.match(token):
            out[-1] = f"{before}={token}"
        else:
            out.append(token)
    return out


def _render(result: Output, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, allow_nan=False) + "\n"
    if fmt == "csv":
        return result.to_csv()
    return result.to_text() + "\n"


def _write(text: str) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # As the Python documentation advises (signal module, "Note on SIGPIPE"): point stdout at
        # devnull, so that the flush at exit does not fail again, and stop quietly.
        with contextlib.suppress(OSError, ValueError):  # stdout may have no descriptor
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return _CLOSED_PIPE
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 usage, 141 pipe)."""
    parser = build_parser()
    args = parser.parse_args(_negative_values(sys.argv[1:] if argv is None else argv))
    fmt = args.format
    if args.json:
        warn("--json is deprecated; use --format json")
        fmt = "json"
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CoverageWarning)
            text = _render(COMMANDS[args.command].run(args), fmt)
    except (AllianceHealthError, OSError) as exc:
        sys.stderr.write(f"{PROG}: error: {' '.join(str(exc).split())}\n")
        return 1
    said: set[str] = set()
    for w in caught:  # a coverage warning on one line each, once; others as Python shows them
        message = " ".join(str(w.message).split())
        if not issubclass(w.category, CoverageWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        elif message not in said:
            said.add(message)
            warn(message)
    return _write(text)
