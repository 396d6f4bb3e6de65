"""Design indicators of every ATOP alliance in one call, scored as a panel of alliance-years.

Treaty text is design, not practice. A study of all 745 ATOP 4.01 alliances found that design
scores grouped into the three pillars do not tell alliances that ended early or in violation from
the rest (AUC 0.50-0.55; 79 % of treaties name no specific threat), in line with Leeds & Savun
(2007) and Mattes (2012). So the panel holds design indicators of the mutual-obligation and
consultation pillars only, scores those two pillars, and has no shared-threat pillar and no
health: join it to your own threat and practice data before speaking of an alliance's health.

References
----------
.. [1] Leeds, B. A. & Anac, S. (2005). Alliance institutionalization and alliance performance.
   *International Interactions* 31(3), 183-202.
.. [2] Benson, B. V. & Clinton, J. D. (2016). Assessing the variation of formal military
   alliances. *Journal of Conflict Resolution* 60(5), 866-898.
.. [3] Leeds, B. A. & Savun, B. (2007). Terminating alliances: why do states abrogate
   agreements? *Journal of Politics* 69(4), 1118-1132.
.. [4] Mattes, M. (2012). Reputation, symmetry, and alliance design. *International
   Organization* 66(4), 679-707.
.. [5] OECD/JRC (2008). *Handbook on Constructing Composite Indicators*, step 7 (aggregation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import Indicator, Member, Pillar, Source
from alliance_health._errors import ScaleError, UnknownReferenceError, ValidationError
from alliance_health.atop._cells import pandas
from alliance_health.atop._codebook import LABELS
from alliance_health.atop._data import AtopData
from alliance_health.atop._indicators import INDICATORS

__all__ = ["PANEL_INDICATORS", "DesignPanel", "DesignScores", "design_panel"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
PANEL_INDICATORS: Final = ("treaty-pledge", "atop-milinst", "atop-consul", "atop-organ")
"""The design indicators :func:`design_panel` builds unless told otherwise: the written pledge
and Leeds & Anac's index (mutual obligation), the consultation pledge and the organisation the
treaty creates (consultation)."""
_PILLARS: Final = (Pillar.MUTUAL_OBLIGATION, Pillar.CONSULTATION)
_YEAR_KEY: Final = 10_000


@attrs.frozen(kw_only=True, eq=False)
class DesignScores:
    """Treaty-design scores of the mutual-obligation and consultation pillars, per alliance-year.

    Not an alliance's health: there is no shared-threat pillar (treaty text does not measure the
    recognition of a threat) and no practice. Each score is the weighted mean, on [0, 1], of the
    pillar's design indicators that have a value (normalised on their declared scales, as
    :func:`~alliance_health.score` does); ``NaN`` where none has.

    Attributes
    ----------
    atopid, year : numpy.ndarray of int
        The alliance-years, as in the :class:`DesignPanel`.
    mutual_obligation, consultation : numpy.ndarray of float
        The design score of each pillar.

    Examples
    --------
    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9001,2,1954,1955,1,0,0,0,1
    ... 9001,732,1954,1955,1,0,0,0,0
    ... '''
    >>> panel = atop.design_panel(atop.read(io.StringIO(text), version="5.1"))
    >>> scores = panel.scores()
    >>> scores
    DesignScores(alliances=1, alliance_years=2; treaty design, not alliance health)
    >>> scores.mutual_obligation.tolist(), scores.consultation.tolist()
    ([1.0, 1.0], [1.0, 1.0])
    """

    atopid: IntArray
    year: IntArray
    mutual_obligation: FloatArray
    consultation: FloatArray

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """Columns ``atopid``, ``year``, ``mutual_obligation_design``, ``consultation_design``."""
        return pandas().DataFrame(
            {
                "atopid": self.atopid,
                "year": self.year,
                "mutual_obligation_design": self.mutual_obligation,
                "consultation_design": self.consultation,
            }
        )

    def __repr__(self) -> str:
        return (
            f"DesignScores(alliances={np.unique(self.atopid).size},"
            f" alliance_years={self.atopid.size}; treaty design, not alliance health)"
        )


@attrs.frozen(kw_only=True, eq=False)
class DesignPanel:
    """Design indicators of every alliance in an ATOP file, one row per alliance-year.

    Built by :func:`design_panel`. The rows are the years in which some row of the alliance is
    in force (an alliance suspended for some years has no rows for them), sorted by ``atopid``
    and ``year``; each value is the highest among the alliance's rows in force that year, as in
    :func:`profile`.

    Attributes
    ----------
    atopid, year : numpy.ndarray of int, shape (N,)
        The alliance-years.
    values : numpy.ndarray of float, shape (N, K)
        The indicators' values in their own units; ``NaN`` where the file has no code.
    indicators : tuple of Indicator
        The K indicators (mutual obligation or consultation, all design).
    version : str
        The ATOP release.
    source : Source
        The dataset citation.

    Examples
    --------
    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9001,2,1954,1955,1,0,0,0,1
    ... 9001,732,1954,1955,1,0,0,0,1
    ... 9002,2,1960,1960,0,0,0,1,0
    ... 9002,200,1960,1960,0,0,0,1,0
    ... '''
    >>> panel = atop.design_panel(atop.read(io.StringIO(text), version="5.1"))
    >>> panel
    DesignPanel(version='5.1', alliances=2, alliance_years=3, indicators=4; treaty design)
    >>> panel.atopid.tolist(), panel.year.tolist(), panel.column("treaty-pledge").tolist()
    ([9001, 9001, 9002], [1954, 1955, 1960], [2.0, 2.0, 1.0])
    >>> panel.to_frame(scope="member").shape  # one row per member-year, for joining
    (6, 7)
    """

    atopid: IntArray
    year: IntArray
    values: FloatArray
    indicators: tuple[Indicator, ...]
    version: str
    source: Source
    members: tuple[tuple[int, Member], ...] = ()

    def column(self, indicator: str) -> FloatArray:
        """The values of one indicator, by id."""
        ids = [i.id for i in self.indicators]
        if indicator not in ids:
            msg = f"the panel has no indicator {indicator!r}; it has {', '.join(ids)}"
            raise UnknownReferenceError(msg)
        out: FloatArray = self.values[:, ids.index(indicator)]
        return out

    def scores(self) -> DesignScores:
        """Score the mutual-obligation and consultation pillars of every alliance-year at once."""
        lo = np.array([i.scale[0] for i in self.indicators])
        hi = np.array([i.scale[1] for i in self.indicators])
        flip = np.array([not i.higher_is_better for i in self.indicators])
        weight = np.array([i.weight for i in self.indicators])
        x = (self.values - lo) / (hi - lo)
        x = np.where(flip, 1.0 - x, x)
        pillars = []
        for pillar in _PILLARS:
            chosen = np.array([i.pillar is pillar for i in self.indicators], dtype=bool)
            present = ~np.isnan(x[:, chosen])
            total = (present * weight[chosen]).sum(axis=1)
            num = np.where(present, x[:, chosen], 0.0) @ weight[chosen]
            with np.errstate(invalid="ignore", divide="ignore"):
                pillars.append(np.where(total > 0, num / total, np.nan))
        return DesignScores(
            atopid=self.atopid,
            year=self.year,
            mutual_obligation=pillars[0],
            consultation=pillars[1],
        )

    def to_frame(self, *, scope: Literal["alliance", "member"] = "alliance") -> Any:  # noqa: ANN401
        """The panel as a pandas DataFrame, to join with your own threat and practice data.

        ``scope="alliance"``: columns ``atopid``, ``year`` and one per indicator id.
        ``scope="member"``: one row per member-year (``atopid``, ``year``, ``member``, then the
        alliance's design values), from a member-level file. Requires pandas.
        """
        pd = pandas()
        frame = pd.DataFrame({"atopid": self.atopid, "year": self.year})
        for k, ind in enumerate(self.indicators):
            frame[ind.id] = self.values[:, k]
        if scope == "alliance":
            return frame
        if scope != "member" or not self.members:
            msg = (
                f"scope must be 'alliance' or 'member' (member needs a member-level file); got"
                f" {scope!r} for a panel with {len(self.members)} members"
            )
            raise ValidationError(msg)
        starts = np.searchsorted(self.atopid, [a for a, _m in self.members], side="left")
        stops = np.searchsorted(self.atopid, [a for a, _m in self.members], side="right")
        rows = [
            (atopid, y, m.code)
            for (atopid, m), lo, hi in zip(self.members, starts, stops, strict=True)
            for y in self.year[lo:hi].tolist()
            if m.is_member(y)
        ]
        members = pd.DataFrame(rows, columns=["atopid", "year", "member"])
        return members.merge(frame, on=["atopid", "year"], how="left")

    def __repr__(self) -> str:
        return (
            f"DesignPanel(version={self.version!r}, alliances={np.unique(self.atopid).size},"
            f" alliance_years={self.atopid.size}, indicators={len(self.indicators)};"
            " treaty design)"
        )


def _depth_indicator(scale: tuple[float, float]) -> Indicator:
    return Indicator(
        id="bc-depth",
        pillar=Pillar.MUTUAL_OBLIGATION,
        label="Alliance depth (Benson & Clinton 2016)",
        scale=scale,
        unit="latent depth score",
        horizon=None,
        description=(
            "Benson & Clinton's (2016) latent depth of the treaty's commitments, from ATOP codes;"
            " supplied by the user, on the scale the user declares. Design, not practice."
        ),
    )


def design_panel(
    data: AtopData,
    *,
    indicators: Iterable[str] = PANEL_INDICATORS,
    depth: Mapping[int, float] | None = None,
    depth_scale: tuple[float, float] | None = None,
    until: int | None = None,
) -> DesignPanel:
    """Design indicators for every alliance of an ATOP file, as a panel of alliance-years.

    Parameters
    ----------
    data : AtopData
        A member-level or alliance-phase file (rows dated by phase). An alliance-level file is
        refused: its single row per alliance does not date the changes between phases.
    indicators : iterable of str, optional
        Ids from :data:`INDICATORS`; default :data:`PANEL_INDICATORS`.
    depth : Mapping[int, float], optional
        Benson & Clinton's (2016) depth score by atopid, added as indicator ``bc-depth``
        (mutual obligation) for every year of the alliance; alliances without one get ``NaN``.
    depth_scale : tuple of float
        The scale ``(lo, hi)`` of ``depth`` (required with it): scores are normalised on a
        declared scale, never on the range of the data.
    until : int, optional
        Last year of alliances still in force; default the last year the file mentions.

    Returns
    -------
    DesignPanel
        With :meth:`DesignPanel.scores` for the two design pillars; never a health score.

    Examples
    --------
    >>> import io
    >>> from alliance_health import atop
    >>> text = '''atopid,member,yrent,yrexit,defense,offense,neutral,nonagg,consul
    ... 9001,2,1954,0,1,0,0,0,1
    ... 9001,732,1954,0,1,0,0,0,1
    ... '''
    >>> data = atop.read(io.StringIO(text), version="5.1")
    >>> panel = atop.design_panel(data, depth={9001: 0.5}, depth_scale=(-2, 3), until=1956)
    >>> panel.year.tolist(), panel.column("bc-depth").tolist()
    ([1954, 1955, 1956], [0.5, 0.5, 0.5])
    >>> panel.scores().mutual_obligation.round(2).tolist()  # mean of pledge 1.0 and depth 0.5
    [0.75, 0.75, 0.75]
    """
    if not isinstance(data, AtopData) or data.file_type == "alliance":
        level = LABELS.get(getattr(data, "file_type", ""), type(data).__name__)
        msg = (
            "design_panel needs a member-level or alliance-phase ATOP file, whose rows are dated"
            f" by phase; got {level} data. The"
            " alliance-level file gives one row per alliance and would date every change at its"
            " founding (NATO's 1951 provisions in 1949)"
        )
        raise ValidationError(msg)
    keys = list(dict.fromkeys(indicators))
    for key in keys:
        if key not in INDICATORS:
            msg = f"unknown ATOP indicator {key!r}; known: {', '.join(INDICATORS)}"
            raise UnknownReferenceError(msg)
    specs = [INDICATORS[k] for k in keys]
    built = tuple(s.build(data.ranges) for s in specs)
    atopid, year, values = _expand(data, specs, until)
    if depth is not None:
        built, values = _with_depth(built, values, atopid, depth, depth_scale)
    members: tuple[tuple[int, Member], ...] = ()
    if data.file_type == "member":
        spans: dict[tuple[int, str], list[tuple[int, int | None]]] = {}
        for row in data.rows:
            if row.member is not None and row.start is not None:
                spans.setdefault((row.atopid, row.member), []).append((row.start, row.end))
        members = tuple((a, Member.from_spans(code, s)) for (a, code), s in spans.items())
    return DesignPanel(
        atopid=atopid,
        year=year,
        values=values,
        indicators=built,
        version=data.version,
        source=data.source(),
        members=members,
    )


def _expand(data: AtopData, specs: list[Any], until: int | None) -> tuple[Any, Any, Any]:
    """Rows to alliance-years: repeat each row over its years, then the maximum per year."""
    rows = data.rows
    for row in rows:
        if row.start is None:
            msg = f"{data.name}, line {row.line} (atopid {row.atopid}): the start year is missing"
            raise ValidationError(msg)
    starts = np.array([r.start for r in rows], dtype=np.int64)
    ends_given = [r.end for r in rows]
    last = until if until is not None else max([*starts.tolist(), *(e for e in ends_given if e)])
    ends = np.array([last if e is None else e for e in ends_given], dtype=np.int64)
    ids = np.array([r.atopid for r in rows], dtype=np.int64)
    codes = np.array(
        [[np.nan if (v := s.value(r)) is None else v for s in specs] for r in rows],
        dtype=np.float64,
    ).reshape(len(rows), len(specs))
    lengths = np.maximum(ends - starts + 1, 0)
    which = np.repeat(np.arange(len(rows)), lengths)
    offset = np.arange(which.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    key = ids[which] * _YEAR_KEY + starts[which] + offset
    order = np.argsort(key, kind="stable")
    key, which = key[order], which[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    if first.size == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty((0, len(specs)))
    values = np.fmax.reduceat(codes[which], first, axis=0)
    return key[first] // _YEAR_KEY, key[first] % _YEAR_KEY, values


def _with_depth(
    built: tuple[Indicator, ...],
    values: FloatArray,
    atopid: IntArray,
    depth: Mapping[int, float],
    scale: tuple[float, float] | None,
) -> tuple[tuple[Indicator, ...], FloatArray]:
    if scale is None:
        msg = (
            "depth needs depth_scale=(lo, hi), the scale of the depth scores (e.g. the range"
            " of Benson & Clinton's published scores); scores are normalised on a declared scale"
        )
        raise ValidationError(msg)
    indicator = _depth_indicator(scale)
    known = set(np.unique(atopid).tolist())
    unknown = sorted(set(depth) - known)
    if unknown:
        msg = f"depth names atopids not in the panel: {', '.join(map(str, unknown[:10]))}"
        raise UnknownReferenceError(msg)
    for a, v in depth.items():
        if not indicator.in_scale(v):
            msg = f"depth[{a}] = {v} is off depth_scale {indicator.scale}; widen the scale"
            raise ScaleError(msg)
    column = np.array([depth.get(int(a), np.nan) for a in atopid], dtype=np.float64)
    return (*built, indicator), np.column_stack([values, column])
