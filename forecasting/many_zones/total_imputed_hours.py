"""Which hours of a total (the hourly sum of its zones) its peaks set aside as imputed.

A zone's hour its source imputed is no peak evidence (`forecasting.zones.history`): a zone
on its own keeps that plain rule. A total's hour holds every zone's value, and the imputed
part of it is often tiny: an hour of a total is set aside for peaks (counted for energy, as
every imputed hour) only where the zones whose hours were imputed hold more than
`IMPUTED_SHARE_MEASURED` (1%) of the hour's total MW; below it the hour counts as measured.

Why, in numbers (fuzz 12a J1, EIA-930 2020-2024, the 110 zone files that run to 2024 summed
where every one has evidence; hours on UTC; annual peak of the measured hours against that of
all hours):

| rule: set aside where imputed zones hold | hours set aside | 2023 peak | 2024 peak |
|---|---|---|---|
| any MW (each zone's hour imputed = the total's) | 41.6% (months 5.8-73.3%) | -0.32% | -1.83% |
| > 0.5% | 27.9% | -0.32% | 0.00% |
| > 1% (the rule) | 10.9% (months 0.3-62.1%, median 4.5%) | 0.00% | 0.00% |
| > 2% | 5.1% (median month 1.5%) | 0.00% | 0.00% |
| > 5% | 2.8% | 0.00% | 0.00% |

(2021 and 2022 peaks 0.00% under every rule.) With "any", the US48 sum's 2024 peak hour
(567.6 GW) was set aside for NYIS-ZOND's 688 MW (0.12% of it) and its measured-only peak was
557.2 GW; the total's weather shapes lost the same four hours in ten, so a large total's
peaks leaned low for a few hundred imputed MW. At 1% an imputed part, even 50% off (NYIS-ZOND
imputed 688 MW where it reported 511), moves the total by at most 0.5%, well below the spread
of the peaks published (a 90/10 about 5% above its 50/50), and the hours set aside drop from
four in ten to one in ten; above 1% the hours set aside shrink little more (5.1% at 2%) while
an imputed part could move the hour by 1% or more. A small total keeps its set-aside hours:
NYIS-ZONJ + NYIS-ZOND's 2024 peak hour (10,932 MW, ZOND's 688 imputed: 6.3%) stays set aside
under any threshold up to 5% (0.9% of its hours set aside, 2024 peak 10,678 MW measured,
-2.32%); a share that large is no longer a rounding of the total.
"""

from __future__ import annotations

import pandas as pd

#: an hour of a total counts as measured while its imputed zones hold at most this share of it
IMPUTED_SHARE_MEASURED = 0.01


def total_imputed(loads: list[pd.Series], imputed: list[pd.Series],
                  index: pd.DatetimeIndex) -> pd.Series:
    """Hourly on ``index``: True where the sum of ``loads`` (MW, one per zone) is set aside
    for peaks, ``imputed`` each zone's hours its source imputed (`ZoneHistory.imputed`, same
    order): a single zone's own flags; for a sum, where the imputed zones hold more than
    `IMPUTED_SHARE_MEASURED` of the hour's total (module doc). An hour whose share cannot be
    taken (a zone without the hour, a total of 0 MW) is set aside when any zone's is."""
    flags = pd.concat(dict(enumerate(imputed)), axis=1, join="outer").eq(True)
    if len(loads) == 1:
        return flags.iloc[:, 0].reindex(index, fill_value=False).rename("imputed")
    mw = pd.concat(dict(enumerate(loads)), axis=1, join="outer")
    flags = flags.reindex(index=mw.index, columns=mw.columns, fill_value=False)
    total = mw.sum(axis=1, min_count=mw.shape[1])
    share = mw.where(flags).sum(axis=1) / total.where(total > 0)
    aside = (share > IMPUTED_SHARE_MEASURED).where(share.notna(), flags.any(axis=1))
    return aside.astype(bool).reindex(index, fill_value=False).rename("imputed")
