"""The commands of ``alliance-health``: each is one function registered with :func:`command`."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import attrs

__all__ = ["COMMANDS", "Command", "Output", "command"]


class Output(Protocol):
    """What a command returns: a result or a table, which read as text, a dict and CSV."""

    def to_text(self) -> str:
        """Aligned text for people."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""

    def to_csv(self) -> str:
        """CSV (one table, or several separated by a blank line)."""


Arguments = Callable[[argparse.ArgumentParser], None]
"""Adds a group of arguments to a command's parser (see ``options``)."""


@attrs.frozen
class Command:
    """A subcommand: its name, its one-line help, its arguments and what it runs."""

    name: str
    help: str
    arguments: tuple[Arguments, ...]
    run: Callable[[argparse.Namespace], Output]


COMMANDS: dict[str, Command] = {}
"""The registered commands, in the order ``--help`` lists them."""


def command(
    name: str,
    *,
    help: str,  # noqa: A002  (argparse's word for it)
    arguments: Sequence[Arguments] = (),
) -> Callable[[Callable[[argparse.Namespace], Output]], Callable[[argparse.Namespace], Output]]:
    """Register a function as the subcommand ``name``, with the argument groups it takes."""

    def register(
        run: Callable[[argparse.Namespace], Output],
    ) -> Callable[[argparse.Namespace], Output]:
        COMMANDS[name] = Command(name=name, help=help, arguments=tuple(arguments), run=run)
        return run

    return register
