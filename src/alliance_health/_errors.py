"""The exception family of alliance_health.

Every error the library raises on purpose is an :class:`AllianceHealthError`. Each subclass also
inherits the builtin exception it refines, so ``except ValueError`` in a user's code keeps working
(the pattern of Hypothesis' ``InvalidArgument``). Messages name the field, the rule broken, the
value seen and, where it is obvious, the fix.
"""

from __future__ import annotations

__all__ = [
    "DEFINED_IN",
    "AllianceHealthError",
    "ArgumentTypeError",
    "CoverageWarning",
    "DuplicateError",
    "FileFormatError",
    "InsufficientDataError",
    "ScaleError",
    "UnknownReferenceError",
    "ValidationError",
]


class AllianceHealthError(Exception):
    """Base class of every error raised on purpose by alliance_health.

    Catch it to handle any of the library's own errors at once; errors from Python or NumPy
    themselves (a ``TypeError`` for a missing argument, say) are not caught by it.

    Examples
    --------
    >>> import alliance_health as ah
    >>> try:
    ...     ah.score(ah.testing.minimal_profile(), 1999)
    ... except ah.AllianceHealthError as err:
    ...     print(f"{type(err).__name__}: {err}")
    InsufficientDataError: year 1999 is before 'Minimal illustrative alliance' was founded (2000);
    ask for 2000 or later
    """


class ValidationError(AllianceHealthError, ValueError):
    """A value breaks a documented rule (NaN, a negative weight, a missing note, ...).

    Examples
    --------
    An observation must have a finite value:

    >>> import alliance_health as ah
    >>> ah.Observation(indicator="x", year=2006, value=float("nan"), source="s")
    Traceback (most recent call last):
    ...
    alliance_health.ValidationError: Observation.value must be a finite number; got nan

    It is also a ``ValueError``:

    >>> issubclass(ah.ValidationError, ValueError)
    True
    """


class ArgumentTypeError(AllianceHealthError, TypeError):
    """An argument is of the wrong kind: a string where a :class:`Model` is expected, say.

    Examples
    --------
    >>> import alliance_health as ah
    >>> ah.score(ah.testing.minimal_profile(), 2006, model="geometric")
    Traceback (most recent call last):
    ...
    alliance_health.ArgumentTypeError: model must be a Model, e.g. Model(p=1), or None for the
    default Model(); got str 'geometric'

    :func:`~alliance_health.loads` reads text (``str`` or UTF-8 ``bytes``), not ``None``:

    >>> ah.loads(None, format="toml")
    Traceback (most recent call last):
    ...
    alliance_health.ArgumentTypeError: loads() reads the text of a profile, a str or UTF-8
    bytes; got NoneType None (to read a file, use load(path))

    It is also a ``TypeError``:

    >>> issubclass(ah.ArgumentTypeError, TypeError)
    True
    """


class ScaleError(ValidationError):
    """A value lies outside the declared scale of its indicator.

    Examples
    --------
    A survey percentage of 140 on the 0-100 scale of the illustrative profile's indicator:

    >>> import attrs
    >>> import alliance_health as ah
    >>> p = ah.testing.minimal_profile()
    >>> wrong = attrs.evolve(p.observations[0], value=140)
    >>> attrs.evolve(p, observations=(wrong, *p.observations[1:]))
    Traceback (most recent call last):
    ...
    alliance_health.ScaleError: Profile.observations[0].value: 140.0 is off the scale
    (0.0, 100.0) of indicator 'threat-public' (AAA, 2006); rescale the value or fix the scale
    """


class DuplicateError(ValidationError):
    """Two items share what must be unique: an id, or an observation's (indicator, member, year).

    Examples
    --------
    The same member's survey entered twice for one year:

    >>> import attrs
    >>> import alliance_health as ah
    >>> p = ah.testing.minimal_profile()
    >>> attrs.evolve(p, observations=(*p.observations, p.observations[0]))
    Traceback (most recent call last):
    ...
    alliance_health.DuplicateError: Profile.observations (indicator, member, year) must be
    unique; repeated: ('threat-public', 'AAA', 2006)
    """


class UnknownReferenceError(AllianceHealthError, KeyError):
    """A name refers to nothing: an unknown indicator, member, source, event or fixture.

    ``KeyError`` quotes its argument in ``str()``; this class prints the message as written.

    Examples
    --------
    >>> import alliance_health as ah
    >>> ah.testing.minimal_profile().indicator("gdp")
    Traceback (most recent call last):
    ...
    alliance_health.UnknownReferenceError: Profile.indicators: unknown indicator 'gdp'
    (known: meetings, pledge, threat-public)

    It is also a ``KeyError``:

    >>> issubclass(ah.UnknownReferenceError, KeyError)
    True
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InsufficientDataError(AllianceHealthError, ValueError):
    """A pillar has no valid observation in the year asked for, so no score can be given.

    Examples
    --------
    The illustrative profile's surveys date from 2006, so 2005 has no shared-threat value:

    >>> import alliance_health as ah
    >>> ah.score(ah.testing.minimal_profile(), 2005)
    Traceback (most recent call last):
    ...
    alliance_health.InsufficientDataError: no valid observation of the shared threat pillar
    of 'Minimal illustrative alliance' in 2005: add an observation, lengthen an indicator's
    horizon, or choose another year
    """


class FileFormatError(ValidationError):
    """A profile file is malformed: bad syntax, an unknown key, a wrong type, or too large.

    Examples
    --------
    >>> import alliance_health as ah
    >>> ah.loads('name = "Entente"', format="toml")
    Traceback (most recent call last):
    ...
    alliance_health.FileFormatError: <string>: missing required key 'schema_version'
    (start the file with schema_version = 1)
    """


class CoverageWarning(UserWarning):
    """A pillar rests on less of its declared indicator weight than ``Model.coverage_threshold``.

    A warning, not an error: the score is given, its as-coded value re-weighted over the
    indicators observed and its Monte Carlo draws covering the missing ones (see "Missing and
    stale data" in the methods). The message names the pillar, the years and the missing
    indicators; ``Score.coverage`` holds the same facts as data.

    Examples
    --------
    The illustrative profile with a second, heavier consultation indicator that nobody coded:
    consultation rests on one third of its declared weight in 2006.

    >>> import warnings
    >>> import attrs
    >>> import alliance_health as ah
    >>> p = ah.testing.minimal_profile()
    >>> summits = ah.Indicator(
    ...     id="summits", pillar="consultation", label="Summits", scale=(0, 4), weight=2
    ... )
    >>> thin = attrs.evolve(p, indicators=(*p.indicators, summits))
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     s = ah.score(thin, 2006)
    >>> caught[0].category.__name__
    'CoverageWarning'
    >>> print(caught[0].message)
    Minimal illustrative alliance: less than 0.5 of the declared indicator weight is observed in
    consultation in 2006 (missing summits). The as-coded score re-weights the observed ...
    >>> s.consultation, round(s.coverage["consultation"].observed_weight_share, 3)
    (0.5, 0.333)
    """


DEFINED_IN: dict[type, str] = {}
"""The private module that defines each public class whose ``__module__`` is the package."""

# The errors report the package as their module from the start, so that a traceback reads
# ``alliance_health.ValidationError`` whichever part of the library raised it.
for _error in (
    AllianceHealthError,
    ValidationError,
    ArgumentTypeError,
    ScaleError,
    DuplicateError,
    UnknownReferenceError,
    InsufficientDataError,
    FileFormatError,
    CoverageWarning,
):
    DEFINED_IN[_error] = _error.__module__
    _error.__module__ = "alliance_health"
