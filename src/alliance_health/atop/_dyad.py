"""ATOP dyad-year files (directed and non-directed), read column by column into arrays.

A dyad-year file has one row per pair of states and year in which the two share an alliance
(``stateA``, ``stateB``, ``year``, ``atopally``, the five obligations, and ``atopid1``,
``atopid2``, ... naming the alliances). In the directed file each pair appears in both orders and
the obligations are those of ``stateA`` toward ``stateB``; in the non-directed file each pair
appears once (``stateA`` < ``stateB``) with the obligations between them. Column names and
meanings follow the 5.x codebooks as we know them (unconfirmed); the file type is told by the
rows: a file in which some row has ``stateA`` > ``stateB`` is directed.

References
----------
.. [1] Leeds, B. A. *Alliance Treaty Obligations and Provisions (ATOP) Codebook*, versions 5.0
   and 5.1 (dyad-year data). Rice University, atopdata.org.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from alliance_health import Source
from alliance_health._errors import FileFormatError, UnknownReferenceError
from alliance_health.atop._cells import Cells, merge_ranges, pandas
from alliance_health.atop._codebook import Release, dataset_source, release_of

__all__ = ["DyadYearData", "read_dyads"]

IntArray = npt.NDArray[np.int64]
_ATOPID: Final = re.compile(r"^atopid\d+$")
_MISSING: Final = frozenset({"", ".", "na", "nan"})


@attrs.frozen(kw_only=True, eq=False)
class DyadYearData:
    """The rows of an ATOP dyad-year file, as arrays, from :func:`read`.

    Attributes
    ----------
    name : str
        File name (or ``"<stream>"``).
    version : str
        The ATOP release.
    directed : bool
        Whether the file is directed (each pair in both orders; obligations of A toward B).
    state_a, state_b : numpy.ndarray of int
        COW codes of the two states.
    year : numpy.ndarray of int
        The year.
    codes : Mapping[str, numpy.ndarray]
        Each coded column the file has (``atopally``, the obligations, ...), as floats with
        ``NaN`` where missing.
    atopids : numpy.ndarray of int, shape (rows, k)
        The alliances of each dyad-year from the ``atopid1`` ... ``atopidk`` columns; 0 = none.
    members : Mapping[int, str]
        COW code -> member code used for :attr:`member_a` and :attr:`member_b`.

    Examples
    --------
    >>> import io
    >>> from alliance_health import atop
    >>> text = '''stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul,atopid1,version
    ... 2,732,1954,1,1,0,0,1,1,3240,5.1
    ... 732,2,1954,1,1,0,0,1,1,3240,5.1
    ... '''
    >>> dyads = atop.read(io.StringIO(text))
    >>> dyads
    DyadYearData(name='<stream>', version='5.1', directed=True, rows=2, years=1954-1954)
    >>> dyads.member_a.tolist(), dyads.codes["defense"].tolist(), dyads.atopids[:, 0].tolist()
    (['USA', 'KOR'], [1.0, 1.0], [3240, 3240])
    """

    name: str
    version: str
    directed: bool
    state_a: IntArray
    state_b: IntArray
    year: IntArray
    codes: Mapping[str, npt.NDArray[np.float64]]
    atopids: IntArray
    members: Mapping[int, str]

    @property
    def file_type(self) -> str:
        """The file type: ``"dyad-year"``."""
        return "dyad-year"

    @property
    def member_a(self) -> npt.NDArray[np.str_]:
        """Member codes of ``stateA`` (ISO 3166 alpha-3, or a COW abbreviation)."""
        return self._codes(self.state_a)

    @property
    def member_b(self) -> npt.NDArray[np.str_]:
        """Member codes of ``stateB``."""
        return self._codes(self.state_b)

    def _codes(self, cows: IntArray) -> npt.NDArray[np.str_]:
        unique, inverse = np.unique(cows, return_inverse=True)
        return np.array([self.members[int(c)] for c in unique], dtype=np.str_)[inverse]

    def dyad(self, a: int | str, b: int | str) -> DyadYearData:
        """The rows of one pair of states (COW codes or member codes), in the file's order.

        In a directed file, the rows with ``a`` as ``stateA``; in a non-directed file the order
        of ``a`` and ``b`` does not matter. A member code stands for every COW code that has it
        (``"DEU"``: 255 and 260).
        """
        ca, cb = self._cows(a), self._cows(b)
        keep = np.isin(self.state_a, ca) & np.isin(self.state_b, cb)
        if not self.directed:
            keep |= np.isin(self.state_a, cb) & np.isin(self.state_b, ca)
        return attrs.evolve(
            self,
            state_a=self.state_a[keep],
            state_b=self.state_b[keep],
            year=self.year[keep],
            codes={k: v[keep] for k, v in self.codes.items()},
            atopids=self.atopids[keep],
        )

    def _cows(self, state: int | str) -> list[int]:
        if not isinstance(state, str):  # a COW code, also as a numpy integer
            return [int(state)]
        cows = [cow for cow, code in self.members.items() if code == state]
        if not cows:
            msg = (
                f"{self.name} has no state with member code {state!r}; pass a COW code or one of"
                f" {', '.join(sorted(set(self.members.values()))[:10])}"
            )
            raise UnknownReferenceError(msg)
        return cows

    def source(self) -> Source:
        """The dataset citation for values taken from this file."""
        kind = "directed" if self.directed else "non-directed"
        return dataset_source(self.version, f"{self.name} ({kind} dyad-year)")

    def to_frame(self) -> Any:  # noqa: ANN401  (pandas is optional, so no annotation)
        """The rows as a pandas DataFrame; requires pandas.

        Columns ``stateA``, ``stateB``, ``memberA``, ``memberB``, ``year`` and the coded columns.
        """
        pd = pandas()
        columns = {
            "stateA": self.state_a,
            "stateB": self.state_b,
            "memberA": self.member_a,
            "memberB": self.member_b,
            "year": self.year,
            **self.codes,
        }
        return pd.DataFrame(columns)

    def __repr__(self) -> str:
        years = f"{self.year.min()}-{self.year.max()}" if self.year.size else "none"
        return (
            f"DyadYearData(name={self.name!r}, version={self.version!r},"
            f" directed={self.directed}, rows={self.year.size}, years={years})"
        )


def _column(cells: Cells, raw: Sequence[str | None], lines: Sequence[int], column: str) -> Any:  # noqa: ANN401
    """A column as floats (``NaN`` missing), checked: whole numbers, in range if coded."""
    if any(v is None for v in raw):
        i = next(i for i, v in enumerate(raw) if v is None)
        cells.integer(None, lines[i], None, column)
    text = [str(v).strip() for v in raw]
    missing = np.array([t.lower() in _MISSING for t in text], dtype=bool)
    try:
        values = np.array([t if not m else "nan" for t, m in zip(text, missing, strict=True)])
        numbers = values.astype(np.float64)
    except ValueError:
        numbers = np.array([_float(t) for t in text])
    bad = ~missing & ~(np.isfinite(numbers) & (numbers == np.round(numbers)))
    if column in cells.ranges:
        lo, hi = cells.ranges[column]
        bad |= ~missing & ((numbers < lo) | (numbers > hi))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        (cells.code if column in cells.ranges else cells.integer)(text[i], lines[i], None, column)
    return numbers


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("inf")


def read_dyads(
    reader: csv.DictReader[str],
    *,
    name: str,
    mapping: Mapping[int, str],
    ranges: Mapping[str, tuple[int, int]] | None,
    release_of_file: Callable[[Mapping[str, tuple[str, int]]], Release],
) -> DyadYearData:
    """Read the rows of a dyad-year file whose header ``reader`` has already checked."""
    header = list(reader.fieldnames or [])
    raw: dict[str, list[str | None]] = {c: [] for c in header}
    lines: list[int] = []
    found: dict[str, tuple[str, int]] = {}
    for record in reader:
        if None in record:
            msg = f"{name}, line {reader.line_num}: the row has more fields than the header"
            raise FileFormatError(msg)
        lines.append(reader.line_num)
        for c in header:
            raw[c].append(record[c])
        if "version" in record and (text := (record["version"] or "").strip()):
            key = release_of(text, f"{name}, line {reader.line_num}").version
            found.setdefault(key, (text, reader.line_num))
    release = release_of_file(found)
    cells = Cells(name, merge_ranges(release, "dyad-year", ranges), release, "dyad-year")
    ints = {c: _column(cells, raw[c], lines, c) for c in ("statea", "stateb", "year")}
    for c, values in ints.items():
        if np.isnan(values).any():
            i = int(np.flatnonzero(np.isnan(values))[0])
            msg = f"{cells.where(lines[i], None, c)}: the cell is empty; every row needs it"
            raise FileFormatError(msg)
    a, b = ints["statea"].astype(np.int64), ints["stateb"].astype(np.int64)
    if (same := np.flatnonzero(a == b)).size:
        where = cells.where(lines[same[0]], None, "stateb")
        msg = f"{where}: a state paired with itself ({a[same[0]]})"
        raise FileFormatError(msg)
    for cow in np.unique(np.concatenate([a, b])).tolist():
        if cow not in mapping:
            i = int(np.flatnonzero((a == cow) | (b == cow))[0])
            msg = (
                f"{cells.where(lines[i], None, 'statea/stateb')}: COW state code {cow} is neither"
                f" in the COW state list (v2016) nor among ATOP's members outside it; pass"
                f" cow_to_iso={{{cow}: 'XXX'}} to atop.read"
            )
            raise UnknownReferenceError(msg)
    coded = [c for c in header if c in cells.ranges]
    ids = [c for c in header if _ATOPID.match(c)]
    id_values = [np.nan_to_num(_column(cells, raw[c], lines, c)) for c in ids]
    return DyadYearData(
        name=name,
        version=release.version,
        directed=bool((a > b).any()),
        state_a=a,
        state_b=b,
        year=ints["year"].astype(np.int64),
        codes={c: _column(cells, raw[c], lines, c) for c in coded},
        atopids=(np.stack(id_values, axis=1) if ids else np.zeros((a.size, 0))).astype(np.int64),
        members={int(c): mapping[int(c)] for c in np.unique(np.concatenate([a, b]))},
    )
