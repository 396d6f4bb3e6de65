"""The arguments every analysis takes: a profile (or a built-in profile's id) and a model.

They live in the scoring layer, above the built-in profiles, so that ``score("rok-us", 2006)``
can resolve the id; the foundation's checks (``_validate``) know nothing of profiles or models.
"""

from __future__ import annotations

from alliance_health import fixtures
from alliance_health._domain.profile import Profile
from alliance_health._errors import ArgumentTypeError, UnknownReferenceError
from alliance_health._scoring.model import Model
from alliance_health._scoring.pooling import pooled

__all__ = ["to_model", "to_profile"]


def to_profile(value: object, name: str = "profile") -> Profile:
    """Return ``value`` if it is a Profile, or the built-in profile it names (``"rok-us"``).

    A profile whose values several coders coded comes back pooled (``_scoring.pooling``): every
    analysis scores the median coding with a range spanning the coders' ranges.

    Raises :class:`UnknownReferenceError` for a string that is no built-in profile's id and
    :class:`ArgumentTypeError` for anything else that is not a Profile.
    """
    if isinstance(value, Profile):
        return pooled(value)
    known = ", ".join(repr(i) for i in fixtures.available())
    if isinstance(value, str):
        if value in fixtures.available():
            return fixtures.get(value)
        msg = (
            f"{name} {value!r} is not the id of a built-in profile ({known}); to use a file,"
            f" load it first: alliance_health.load({value!r})"
        )
        raise UnknownReferenceError(msg)
    msg = (
        f"{name} must be a Profile or the id of a built-in profile ({known});"
        f" got {type(value).__name__} {value!r}"
    )
    raise ArgumentTypeError(msg)


def to_model(value: object) -> Model:
    """Return ``value`` if it is a Model, ``Model()`` for None; refuse anything else."""
    if value is None:
        return Model()
    if isinstance(value, Model):
        return value
    msg = (
        "model must be a Model, e.g. Model(p=1), or None for the default Model();"
        f" got {type(value).__name__} {value!r}"
    )
    raise ArgumentTypeError(msg)
