"""Indicators built from ATOP codes: their definitions, and the dates of entry into force."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from alliance_health import Indicator, Pillar, catalogue
from alliance_health.atop._codebook import INSTITUTION_COLUMNS, OBLIGATIONS
from alliance_health.atop._codings import MILINST_MEANING, PLEDGE_MEANING, institution_reasons
from alliance_health.atop._data import AtopRow

__all__ = ["DEFAULT_INDICATORS", "ENTRY_INTO_FORCE", "INDICATORS", "Spec"]


@attrs.frozen(kw_only=True)
class Spec:
    """How one indicator is built from ATOP rows."""

    build: Callable[[Mapping[str, tuple[int, int]]], Indicator]
    value: Callable[[AtopRow], int | None]
    explain: Callable[[AtopRow, int], str]
    columns: tuple[str, ...]


def _pledge_note(row: AtopRow, value: int) -> str:
    codes = " ".join(f"{c}={row.codes[c]}" for c in OBLIGATIONS)
    return f"{codes} -> {value}: {PLEDGE_MEANING[value]}"


def _milinst_note(row: AtopRow, value: int) -> str:
    high, moderate = institution_reasons(row.codes)
    reasons = high if value == 2 else moderate if value == 1 else ["no qualifying provision"]
    return f"{'; '.join(reasons)} -> {value} ({MILINST_MEANING[value]})"


def _milinst_indicator(_ranges: Mapping[str, tuple[int, int]]) -> Indicator:
    return Indicator(
        id="atop-milinst",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Military institutionalisation (Leeds & Anac 2005)",
        scale=(0, 2),
        unit="ordinal 0-2",
        horizon=None,
        description=(
            "How far the treaty binds the members' forces together in peacetime, from ATOP's"
            " codes by Leeds & Anac's (2005) rule: 2 high (common defence policy, integrated"
            " command, or bases), 1 moderate (peacetime military contact, training or technology"
            " aid, subordination of forces, specified contributions, or a military organisation),"
            " 0 none. Written provisions, not practice."
        ),
    )


def _column_spec(
    key: str,
    column: str,
    label: str,
    text: str,
    *,
    pillar: Pillar = Pillar.MUTUAL_OBLIGATION,
    higher_is_better: bool = True,
) -> Spec:
    def build(ranges: Mapping[str, tuple[int, int]]) -> Indicator:
        lo, hi = ranges[column]
        return Indicator(
            id=key,
            pillar=pillar,
            label=label,
            scale=(lo, hi),
            unit=f"ATOP {column.upper()} code",
            higher_is_better=higher_is_better,
            horizon=None,
            description=f"{text} Treaty text (design), not practice.",
        )

    return Spec(
        build=build,
        value=lambda row: row.codes.get(column),
        explain=lambda _row, value: f"ATOP {column}={value}",
        columns=(column,),
    )


_CONSULT = Pillar.CONSULTATION
INDICATORS: Final[Mapping[str, Spec]] = MappingProxyType(
    {
        "treaty-pledge": Spec(
            build=lambda _r: catalogue.get("treaty-pledge").indicator(),
            value=lambda row: row.pledge,
            explain=_pledge_note,
            columns=OBLIGATIONS,
        ),
        "atop-milinst": Spec(
            build=_milinst_indicator,
            value=lambda row: row.institutionalisation,
            explain=_milinst_note,
            columns=INSTITUTION_COLUMNS,
        ),
        "atop-defense": _column_spec(
            "atop-defense", "defense", "Defence pledge (ATOP)", "ATOP DEFENSE, 0/1."
        ),
        "atop-offense": _column_spec(
            "atop-offense", "offense", "Offence pledge (ATOP)", "ATOP OFFENSE, 0/1."
        ),
        "atop-consul": _column_spec(
            "atop-consul",
            "consul",
            "Consultation pledge (ATOP)",
            "ATOP CONSUL: the members promise to consult in a crisis, 0/1.",
            pillar=_CONSULT,
        ),
        "atop-active": _column_spec(
            "atop-active", "active", "Active support required (ATOP)", "ATOP ACTIVE, 0/1."
        ),
        "atop-conditional": _column_spec(
            "atop-conditional",
            "conditio",
            "Obligations conditional (ATOP)",
            "ATOP CONDITIO: the pledge holds only under stated conditions, 0/1 (lower is a"
            " firmer pledge).",
            higher_is_better=False,
        ),
        "atop-intcom": _column_spec(
            "atop-intcom", "intcom", "Integrated military command (ATOP)", "ATOP INTCOM, 0/1."
        ),
        "atop-milcon": _column_spec(
            "atop-milcon",
            "milcon",
            "Military contact (ATOP)",
            "ATOP MILCON: 2 peacetime contact, 3 common defence policy.",
        ),
        "atop-base": _column_spec("atop-base", "base", "Troops and bases (ATOP)", "ATOP BASE."),
        "atop-milaid": _column_spec(
            "atop-milaid",
            "milaid",
            "Military aid (ATOP)",
            "ATOP MILAID: 3 and 4 involve training or technology.",
        ),
        "atop-organ": _column_spec(
            "atop-organ",
            "organ1",
            "Organisation created (ATOP)",
            "ATOP ORGAN1: the first organisation the treaty creates, 0 none to 3 the most formal.",
            pillar=_CONSULT,
        ),
    }
)
"""Indicators :func:`profile` and :func:`design_panel` can build, by id (each key is the id of the
indicator it builds). Each is alliance-level, valid until superseded, and in the mutual-obligation
pillar except ``atop-consul`` and ``atop-organ`` (consultation). Where several rows are in force
in a year (one per member, or treaty phases), the alliance takes the highest value among them: a
provision counts if any member's row has it."""

DEFAULT_INDICATORS: Final = ("treaty-pledge", "atop-milinst")
"""The indicators :func:`profile` builds unless told otherwise."""

ENTRY_INTO_FORCE: Final[Mapping[int, Mapping[str, int]]] = MappingProxyType(
    {
        3180: MappingProxyType(
            {
                **dict.fromkeys(("GRC", "TUR"), 1952),
                "DEU": 1955,
                "ESP": 1982,
                **dict.fromkeys(("CZE", "HUN", "POL"), 1999),
                **dict.fromkeys(("BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"), 2004),
                **dict.fromkeys(("ALB", "HRV"), 2009),
                "MNE": 2017,
            }
        ),
        3240: MappingProxyType({"USA": 1954, "KOR": 1954}),
    }
)
"""Years in which membership entered into force, where ATOP dates the signature instead, for
NATO (atopid 3180: accession protocols signed 1951, 1954, 1981, 1997, 2003, 2008 and 2016; in
force on 18 Feb 1952, 6 May 1955, 30 May 1982, 12 Mar 1999, 29 Mar 2004, 1 Apr 2009 and 5 Jun
2017; NATO, *Member countries* and *Enlargement*) and the U.S.-ROK Mutual Defense Treaty (3240:
signed 1 Oct 1953, in force 17 Nov 1954; 5 UST 2368). Pass one as ``profile(..., entry=...)``."""
