"""The Correlates of War state system, with the member code each state takes in a profile.

The table ``data/cow_states_2016.csv`` is the COW State System Membership List, v2016 (243
spells of 217 states), unchanged, with two columns added by this package:

- ``iso3``: the ISO 3166 alpha-3 code of the state, where one exists. A COW code whose state
  exists today (its last spell runs to the end of 2016) takes the state's current ISO 3166-1 code
  for all its years, following COW's judgement of continuity: ``RUS`` for Russia and the Soviet
  Union (365), ``SRB`` for Serbia and Yugoslavia (345), ``DEU`` for Germany (255). Three states
  that ended had an ISO code that ISO 3166-3 now lists as formerly used: the German Democratic
  Republic (265, ``DDR``), Czechoslovakia (315, ``CSK``) and the Yemen People's Republic (680,
  ``YMD``). Two held the ISO 3166-1 code their successor keeps: the German Federal Republic (260,
  ``DEU``) and the Yemen Arab Republic (678, ``YEM``), so that West Germany and united Germany,
  and North Yemen and united Yemen, are one member of an alliance. ``iso_list`` says which list
  (``3166-1`` or ``3166-3``) the code comes from.
- ``member``: the code the state takes in a profile: ``iso3`` where there is one, otherwise the
  COW abbreviation (``BAV`` Bavaria, ``AUH`` Austria-Hungary, ``KOS`` Kosovo, which has no ISO
  code). One historical abbreviation equals a different state's ISO code and is replaced:
  Korea (730, 1887-1905), COW ``KOR``, is ``KRE``, because ``KOR`` is the Republic of Korea
  (732). A test checks that no other member code is shared by two states except the two
  successions above.

ATOP also codes a few members outside the COW list; :data:`NON_SYSTEM` names those we have met.
The mapping ISO codes were written for this package from the ISO 3166 lists; they are not part of
the COW release.

References
----------
.. [1] Correlates of War Project (2017). State System Membership List, v2016.
   https://correlatesofwar.org/data-sets/state-system-membership
.. [2] ISO 3166-1:2020 and ISO 3166-3:2020, Codes for the representation of names of countries
   and their subdivisions. International Organization for Standardization.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Final

import attrs

from alliance_health import _validate
from alliance_health._errors import UnknownReferenceError, ValidationError

__all__ = ["COW_TO_ISO3", "NON_SYSTEM", "State", "member_codes", "state", "states"]

_SUCCESSIONS: Final = frozenset({frozenset({255, 260}), frozenset({678, 679})})


@attrs.frozen(kw_only=True)
class State:
    """A state of the Correlates of War system (or a member ATOP codes outside it).

    Attributes
    ----------
    cow : int
        COW state code, as ATOP's ``member`` column gives it.
    abbreviation : str
        COW state abbreviation (``"UKG"``, ``"BAV"``).
    name : str
        COW state name.
    iso3 : str or None
        ISO 3166 alpha-3 code (current, or formerly used for a state that ended), if any.
    member : str
        The code the state takes in a profile: ``iso3``, or else the COW abbreviation.
    spells : tuple of (datetime.date, datetime.date)
        The state's spells of COW system membership; empty outside the system.
    note : str
        Where the entry comes from, for states outside the COW list.

    Examples
    --------
    >>> from alliance_health import atop
    >>> bavaria = atop.state(245)
    >>> bavaria.name, bavaria.iso3, bavaria.member
    ('Bavaria', None, 'BAV')
    >>> atop.state(651).spells[1][0]  # Egypt re-enters the system in 1937
    datetime.date(1937, 5, 26)
    """

    cow: int
    abbreviation: str
    name: str
    iso3: str | None
    member: str
    spells: tuple[tuple[dt.date, dt.date], ...] = ()
    note: str = ""


NON_SYSTEM: Final[Mapping[int, State]] = MappingProxyType(
    {
        8152: State(
            cow=8152,
            abbreviation="ANM",
            name="Annam (Vietnam)",
            iso3=None,
            member="ANM",
            note=(
                "A member code of ATOP 4.01 outside the COW list, in atopid 1320 only: France and"
                " 8152, 15 Mar 1874 to 1883 (cowsys = 0). Identified by us from the date as the"
                " Treaty of Saigon between France and Annam, not from an ATOP list of codes"
                " (unconfirmed); the code ANM is ours."
            ),
        )
    }
)
"""Members ATOP codes outside the COW state list, with the code this package gives them."""


@functools.cache
def _table() -> Mapping[int, State]:
    spells: dict[int, list[tuple[dt.date, dt.date]]] = {}
    first: dict[int, dict[str, str]] = {}
    table = resources.files("alliance_health.atop").joinpath("data", "cow_states_2016.csv")
    lines = table.read_text(encoding="utf-8").splitlines()
    for row in csv.DictReader(lines):
        code = int(row["ccode"])
        first.setdefault(code, row)
        spells.setdefault(code, []).append(
            (
                dt.date(int(row["styear"]), int(row["stmonth"]), int(row["stday"])),
                dt.date(int(row["endyear"]), int(row["endmonth"]), int(row["endday"])),
            )
        )
    built = {
        code: State(
            cow=code,
            abbreviation=row["stateabb"],
            name=row["statenme"],
            iso3=row["iso3"] or None,
            member=row["member"],
            spells=tuple(spells[code]),
        )
        for code, row in first.items()
    }
    return MappingProxyType(built | dict(NON_SYSTEM))


def states() -> tuple[State, ...]:
    """Every state of the built-in table: the COW 2016 list, then ATOP's non-system members.

    Examples
    --------
    >>> from alliance_health import atop
    >>> table = atop.states()
    >>> len(table), sum(s.iso3 is None for s in table)
    (218, 19)
    >>> [s.member for s in table if s.cow in (200, 300, 732)]
    ['GBR', 'AUH', 'KOR']
    """
    return tuple(_table().values())


def state(cow: int) -> State:
    """The state with COW code ``cow``; :class:`UnknownReferenceError` if the table lacks it.

    Examples
    --------
    >>> from alliance_health import atop
    >>> atop.state(300).name, atop.state(300).member
    ('Austria-Hungary', 'AUH')
    """
    try:
        return _table()[cow]
    except KeyError:
        msg = (
            f"COW state code {cow!r} is neither in the Correlates of War state list (v2016) nor"
            " among ATOP's members outside it (atop.NON_SYSTEM)"
        )
        raise UnknownReferenceError(msg) from None


class _MemberCodes(Mapping[int, str]):
    """COW code -> member code for every state of the table, read on first use."""

    def __getitem__(self, cow: int) -> str:
        return _table()[cow].member

    def __iter__(self) -> Iterator[int]:
        return iter(_table())

    def __len__(self) -> int:
        return len(_table())

    def __repr__(self) -> str:
        return f"<COW_TO_ISO3: {len(self)} COW codes -> ISO 3166 alpha-3 or COW abbreviation>"


COW_TO_ISO3: Final[Mapping[int, str]] = _MemberCodes()
"""COW state code -> the member code of that state in a profile, for all 217 states of the COW
2016 list and ATOP's members outside it: the ISO 3166 alpha-3 code where one exists, otherwise the
COW abbreviation (see :func:`states`). Both German codes, 255 and 260, map to ``DEU``."""


def member_codes(cow_to_iso: Mapping[int, str] | None) -> Mapping[int, str]:
    """The built-in member codes with a user's own mapping laid over them, checked.

    A user code must be three capitals. It may not give one state the code of another state
    of the table (which would merge two members in every profile), unless the user maps every
    state that ends up with that code, which says the merge is meant.
    """
    merged = dict(COW_TO_ISO3)
    given: dict[int, str] = {}
    for cow, code in (cow_to_iso or {}).items():
        given[int(cow)] = _validate.check_iso3(code, f"cow_to_iso[{cow!r}]")
    merged |= given
    holders: dict[str, list[int]] = {}
    for cow, code in merged.items():
        holders.setdefault(code, []).append(cow)
    for cow, code in given.items():
        others = [c for c in holders[code] if c != cow and c not in given]
        if others and frozenset([cow, *others]) not in _SUCCESSIONS:
            other = _table()[others[0]]
            msg = (
                f"cow_to_iso[{cow}] = {code!r} is already the member code of COW {other.cow}"
                f" ({other.name}); two states would become one member. Choose another code, or"
                f" map {other.cow} as well if you mean them as one member"
            )
            raise ValidationError(msg)
    return MappingProxyType(merged)
