"""The exception family of alliance_health.

Every error the library raises on purpose is an :class:`AllianceHealthError`. Each subclass also
inherits the builtin exception it refines, so ``except ValueError`` in a user's code keeps working
(the pattern of Hypothesis' ``InvalidArgument``). Messages name the field, the rule broken, the
value
seen and, where it is obvious, the fix.
"""

from __future__ import annotations

__all__ = [
    "AllianceHealthError",
    "DuplicateError",
    "FileFormatError",
    "InsufficientDataError",
    "ScaleError",
    "UnknownReferenceError",
    "ValidationError",
]


class AllianceHealthError(Exception):
    """Base class of every error raised on purpose by alliance_health."""


class ValidationError(AllianceHealthError, ValueError):
    """A value breaks a documented rule (NaN, a negative weight, a missing note, ...)."""


class ScaleError(ValidationError):
    """A value lies outside the declared scale of its indicator."""


class DuplicateError(ValidationError):
    """Two items share what must be unique: an id, or an observation's (indicator, member, year)."""


class UnknownReferenceError(AllianceHealthError, KeyError):
    """A name refers to nothing: an unknown indicator, member, source, event or fixture.

    ``KeyError`` quotes its argument in ``str()``; this class prints the message as written.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InsufficientDataError(AllianceHealthError, ValueError):
    """A pillar has no valid observation in the year asked for, so no score can be given."""


class FileFormatError(ValidationError):
    """A profile file is malformed: bad syntax, an unknown key, a wrong type, or too large."""
