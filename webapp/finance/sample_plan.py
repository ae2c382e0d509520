"""The shape of sample finance: who spends how much, when, on what, and how rows reconcile.

Each sample candidate draws a share of their constituency's cap from a log-normal (median 12%,
about 2% above the cap); rows follow spending, sub-linearly. Amounts are log-normal per kind
(many small gifts, few large payments). Dates crowd towards polling day, 1402/12/11.
"""

import datetime as dt
import math
from bisect import bisect
from itertools import accumulate

from webapp.finance.codes import CATEGORIES

START = dt.date(2023, 11, 22)  # 1 Azar 1402: campaign accounts open
POLLING_DAY = dt.date(2024, 3, 1)  # 11 Esfand 1402
END = dt.date(2024, 4, 8)  # 20 Farvardin 1403: last bills settled
AS_OF = dt.datetime(2024, 4, 9, 4, 30, tzinfo=dt.UTC)  # the sample feed's as-of (08:00 Tehran)
AMENDED_AS_OF = dt.datetime(2024, 4, 16, 4, 30, tzinfo=dt.UTC)

SHARE_MEDIAN = 0.12
SHARE_SIGMA = 1.0
SHARE_MAX = 2.5
NO_FINANCE = 0.05  # candidates with no account activity at all

OUT_SHARE = 0.5
OUT_TYPES = {"expense": 0.9, "bank_fee": 0.07, "refund": 0.02, "loan_repayment": 0.01}
IN_TYPES = {
    "small_gift": 0.8,
    "contribution": 0.07,
    "self_funding": 0.05,
    "in_kind": 0.04,
    "party_transfer": 0.025,
    "loan": 0.015,
}
CATEGORY_WEIGHTS = {
    "advertising": 0.14,
    "printing": 0.24,
    "venues": 0.09,
    "staff": 0.12,
    "transport": 0.11,
    "office": 0.08,
    "online": 0.13,
    "consultants": 0.03,
    "other": 0.06,
}
# log10 of the median amount in rials before scaling to the candidate's budget
CATEGORY_LOG_MEDIAN = {
    "advertising": 8.6,
    "printing": 7.9,
    "venues": 8.2,
    "staff": 7.8,
    "transport": 7.4,
    "office": 8.0,
    "online": 7.7,
    "consultants": 8.4,
    "other": 7.0,
}
RECONCILIATION = {"matched": 0.86, "bank_only": 0.06, "report_only": 0.05, "mismatch": 0.03}
LATE_SHARE = 0.06

assert set(CATEGORY_WEIGHTS) == set(CATEGORIES)


class Picker:
    """Weighted choice from a dict in O(log n) with one random number."""

    def __init__(self, weights: dict):
        self.keys = list(weights)
        self.cumulative = list(accumulate(weights.values()))

    def __call__(self, rng) -> object:
        return self.keys[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def day_weights() -> dict[dt.date, float]:
    """Each campaign day's weight: rising towards polling day, a short tail after it."""
    weights = {}
    day = START
    while day <= END:
        if day <= POLLING_DAY:
            weights[day] = 0.2 + math.exp(-(POLLING_DAY - day).days / 18)
        else:
            weights[day] = 0.6 * math.exp(-(day - POLLING_DAY).days / 10)
        day += dt.timedelta(days=1)
    return weights


def spending_share(rng) -> float:
    """A candidate's spending as a share of the cap."""
    return min(SHARE_MAX, math.exp(rng.gauss(math.log(SHARE_MEDIAN), SHARE_SIGMA)))


def row_counts(rng, shares: list[float], total: int) -> list[int]:
    """Rows per candidate, about proportional to spending^0.6, adding up to `total`."""
    weights = [0.0 if s == 0 else s**0.6 * rng.uniform(0.7, 1.3) for s in shares]
    scale = total / (sum(weights) or 1)
    counts = [int(w * scale) for w in weights]
    remainder = total - sum(counts)
    active = [i for i, w in enumerate(weights) if w > 0]
    for i in range(remainder):
        counts[active[i % len(active)]] += 1
    return counts


def lognormal(rng, log_median: float, sigma: float = 0.45) -> float:
    """A log-normal amount around 10**log_median."""
    return 10 ** rng.gauss(log_median, sigma)


def round_to(value: float, step: int) -> int:
    """Round to a whole multiple of step, at least one step."""
    return max(step, int(round(value / step)) * step)
