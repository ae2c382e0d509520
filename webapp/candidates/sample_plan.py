"""How many sample candidates each constituency gets and what happens to each of them.

About 15,200 candidates stood for the 290 seats in 2024, some 52 a seat, more in big cities.
The sample is a snapshot of the campaign week: most candidates approved, about one in nine
disqualified, one in twenty withdrawn after approval, a few still awaiting a final review.
"""

import datetime as dt
import random

# (status, cumulative share) of the campaign-week snapshot.
STATUS_SHARES = (("approved", 0.82), ("disqualified", 0.93), ("withdrawn", 0.98), ("registered", 1))
FEMALE_SHARE = 0.11
INCUMBENT_SHARE_OF_SEATS = 0.55
REGISTERED_ON = (dt.date(2023, 10, 10), 7)  # registration week, 18–24 Mehr 1402
REVIEWED_ON = dt.date(2024, 1, 18)  # executive boards' and Guardian Council reviews
FINAL_LIST_ON = dt.date(2024, 2, 20)
WITHDRAWN_FROM = (dt.date(2024, 2, 22), 7)
CAMPAIGN_DAYS = [dt.date(2024, 2, 22) + dt.timedelta(days=i) for i in range(7)]
SOURCES = {
    "registered": "ثبت‌نام در فرمانداری (نمونه)",
    "approved": "فهرست نهایی نامزدها (نمونه)",
    "disqualified": "اعلام شورای نگهبان (نمونه)",
    "withdrawn": "اعلام انصراف نامزد (نمونه)",
}


def allocate(seats_by_constituency: dict[int, tuple[int, bool]], total: int, rng) -> dict:
    """Candidates per constituency: proportional to seats with some spread, summing to `total`."""
    weights = {}
    for cid, (seats, minority) in sorted(seats_by_constituency.items()):
        weights[cid] = seats * (0.25 if minority else rng.uniform(0.7, 1.35))
    scale = total / sum(weights.values())
    counts = {
        cid: max(seats_by_constituency[cid][0] + 1, int(w * scale)) for cid, w in weights.items()
    }
    by_remainder = sorted(weights, key=lambda cid: int(weights[cid] * scale) - weights[cid] * scale)
    by_size = sorted(weights, key=lambda cid: -counts[cid])
    diff = total - sum(counts.values())
    for i in range(abs(diff)):
        if diff > 0:
            counts[by_remainder[i % len(by_remainder)]] += 1
        else:
            counts[by_size[i % len(by_size)]] -= 1
    return counts


def pick_status(rng: random.Random) -> str:
    """One status of the campaign-week snapshot."""
    roll = rng.random()
    return next(status for status, upto in STATUS_SHARES if roll < upto)


def history(rng: random.Random, status: str) -> list[tuple[str, dt.date]]:
    """The dated statuses leading to `status`, registration first."""
    start, spread = REGISTERED_ON
    steps = [("registered", start + dt.timedelta(days=rng.randrange(spread)))]
    if status == "registered":
        return steps
    if status == "disqualified":
        return steps + [("disqualified", REVIEWED_ON)]
    steps.append(("approved", FINAL_LIST_ON))
    if status == "withdrawn":
        first, days = WITHDRAWN_FROM
        steps.append(("withdrawn", first + dt.timedelta(days=rng.randrange(days))))
    return steps


def needs_code(status: str) -> bool:
    """Approved candidates get a ballot code; one who withdrew later keeps it."""
    return status in ("approved", "withdrawn", "elected")
