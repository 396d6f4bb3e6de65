"""Similarity of states' foreign-policy portfolios, for whole panels of dyads at once.

Two allies whose alliance portfolios (or United Nations votes) look alike are usually read as having
similar security interests. This module computes the standard measures of that similarity and turns
them into shared-threat observations of a :class:`~alliance_health.Profile`.

Every measure takes two arrays of shape ``(..., n_items)``: the positions of the two sides on the
same ``n_items`` items (third states, resolutions). Leading axes are free (dyads, years, draws) and
broadcast against each other, and the result has the leading shape ``(...)``. An item that is
``NaN`` on either side is left out for that dyad (complete cases), so ragged panels can be padded
with ``NaN``. Where a measure is undefined (every item missing, a portfolio with no variation for
tau-b, no expected disagreement for kappa and pi) the result is ``NaN``, never an error.

- :func:`s_score`: Signorino & Ritter's (1999) S, in [-1, 1]; 1 for identical portfolios.
- :func:`tau_b`: Kendall's tau-b as Bueno de Mesquita (1975) used it, in [-1, 1]; 1 for identical
  portfolios that are not constant.
- :func:`cohen_kappa`: Cohen's kappa with distance weights (Häge 2011), at most 1; 1 for identical
  portfolios where defined.
- :func:`scott_pi`: Scott's pi with distance weights (Häge 2011); 1 for identical portfolios where
  defined.
- :func:`alignment_index`: Benati & Capurri's (2026) A, in [-1, 1]; ``1 - E`` for identical
  portfolios, E being the S expected by chance.
- :func:`pairwise`: any of them for every pair of members in every year of a panel, in one call.

What these numbers speak to is **shared interest**, revealed by whom states ally with or how they
vote. A shared interest is a proxy for, not an observation of, Sherwood-Randall's "shared
recognition of common threats": two allies may vote alike for reasons that have nothing to do with a
threat, and may recognise the same threat while their portfolios differ. :func:`indicator` builds a
shared-threat indicator that says so in its description; use it beside direct measures of threat
recognition (surveys, doctrine), not instead of them.

References
----------
.. [1] Bueno de Mesquita, B. (1975). Measuring systemic polarity. *Journal of Conflict
   Resolution* 19(2), 187-216.
.. [2] Signorino, C. S. & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the similarity of
   foreign policy positions. *International Studies Quarterly* 43(1), 115-144.
.. [3] Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign policy
   similarity for chance agreement. *Political Analysis* 19(3), 287-305.
.. [4] Cohen, J. (1968). Weighted kappa: nominal scale agreement with provision for scaled
   disagreement or partial credit. *Psychological Bulletin* 70(4), 213-220.
.. [5] Scott, W. A. (1955). Reliability of content analysis: the case of nominal scale coding.
   *Public Opinion Quarterly* 19(3), 321-325.
.. [6] Benati, S. & Capurri, A. (2026). The alignment index and its application to voting at the
   United Nations General Assembly. *Quality & Quantity*. doi:10.1007/s11135-026-02814-x

Examples
--------
Signorino's own worked example (the documentation of his GAUSS procedure ``S.g``): alliance
portfolios coded 0-3, weighted by the system shares of the four third states.

>>> from alliance_health import similarity
>>> similarity.s_score(
...     [3, 3, 2, 2], [2, 2, 3, 3], scale=(0, 3), weights=[0.5, 0.3, 0.1, 0.1]
... ).round(4)
np.float64(0.3333)

Many dyad-years at once: leading axes broadcast.

>>> import numpy as np
>>> x = np.array([[3, 0, 0, 1], [3, 3, 0, 0]])
>>> similarity.s_score(x, [3, 0, 0, 0], scale=(0, 3)).round(4).tolist()
[0.8333, 0.5]
"""

from __future__ import annotations

from alliance_health.similarity._inputs import DISTANCES, MEASURES, SCALES
from alliance_health.similarity._measures import (
    alignment_index,
    cohen_kappa,
    s_score,
    scott_pi,
    tau_b,
)
from alliance_health.similarity._panel import Pairwise, pairwise
from alliance_health.similarity._profile import indicator, to_observations

__all__ = [
    "DISTANCES",
    "MEASURES",
    "SCALES",
    "Pairwise",
    "alignment_index",
    "cohen_kappa",
    "indicator",
    "pairwise",
    "s_score",
    "scott_pi",
    "tau_b",
    "to_observations",
]

# The class reports this package, not its private module, as its home.
Pairwise.__module__ = __name__
