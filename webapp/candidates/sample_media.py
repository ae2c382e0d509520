"""Sample channels, campaign spaces and broadcast slots for the sample candidates."""

import datetime as dt
import math
import random

from sqlalchemy import select

from webapp.candidates import sample_plan as plan
from webapp.candidates.link_formats import MESSENGERS
from webapp.candidates.models import CampaignSpace
from webapp.extensions import db
from webapp.stations.rows import polling_instant

# (platform, share of candidates with a channel there)
CHANNEL_SHARES = (
    ("eitaa", 0.55),
    ("bale", 0.25),
    ("rubika", 0.2),
    ("splus", 0.08),
    ("igap", 0.02),
    ("instagram", 0.15),
    ("telegram", 0.1),
    ("aparat", 0.05),
    ("website", 0.08),
)
HOSTS = {
    "eitaa": "eitaa.com",
    "bale": "ble.ir",
    "rubika": "rubika.ir",
    "splus": "splus.ir",
    "igap": "igap.net",
    "instagram": "instagram.com",
    "telegram": "t.me",
    "aparat": "aparat.com",
}
SLOT_MINUTES = 10
EVENING = (17 * 60, 22 * 60)  # candidates' programmes, Tehran time
DEBATE = (16 * 60, 17 * 60)  # one programme about the whole constituency, first day


def _owner(rng: random.Random) -> str:
    roll = rng.random()
    return "official" if roll < 0.7 else ("campaign" if roll < 0.95 else "personal")


def _verification(rng: random.Random) -> str:
    roll = rng.random()
    return "unverified" if roll < 0.55 else ("listed" if roll < 0.9 else "proven")


def channel_rows(rng: random.Random, candidates: list[dict], ids: dict) -> list[dict]:
    """Channels for about two thirds of the sample candidates."""
    rows = []
    for candidate in candidates:
        if rng.random() > 0.68:
            continue
        handle = candidate["ref"].lower().replace("s-", "sample_").replace("-", "_")
        for platform, share in CHANNEL_SHARES:
            if rng.random() >= share / 0.68:
                continue
            if platform == "website":
                url = f"https://{handle.replace('_', '-')}.example.com"
            else:
                url = f"https://{HOSTS[platform]}/{handle}"
            rows.append(
                {
                    "candidate_id": ids[candidate["ref"]],
                    "platform": platform,
                    "owner": _owner(rng),
                    "url": url,
                    "handle": "" if platform == "website" else handle,
                    "verification": _verification(rng),
                    "source": "نمونه",
                    "last_checked": dt.date(2024, 2, 20),
                    "is_sample": True,
                }
            )
    return rows


def space_rows(constituencies, now: dt.datetime) -> list[dict]:
    """Each messenger's campaign space for every constituency without an official one."""
    official = set(
        db.session.execute(select(CampaignSpace.constituency_id, CampaignSpace.platform)).all()
    )
    return [
        {
            "constituency_id": c.id,
            "platform": platform,
            "url": f"https://{HOSTS[platform]}/sample_space_{c.id:03d}",
            "source": "نمونه",
            "is_sample": True,
            "updated_at": now,
        }
        for c in constituencies
        for platform in MESSENGERS
        if (c.id, platform) not in official
    ]


def _station(rng: random.Random, constituency, number: int) -> tuple[str, str]:
    """A local broadcaster name and an FM frequency for one constituency."""
    province = constituency.province.name_fa if constituency.province else "سراسری"
    name = f"رادیو {province}" + (f" — شبکهٔ {number + 1}" if number else "")
    return name, f"FM {rng.randrange(875, 1080) / 10:.1f}"


def broadcast_rows(rng, constituencies, candidates: list[dict], ids: dict) -> list[dict]:
    """Ten evening minutes for each approved candidate and one debate per constituency."""
    rows = []
    by_constituency: dict[int, list[dict]] = {}
    for candidate in candidates:
        if candidate["status"] == "approved":
            by_constituency.setdefault(candidate["constituency_id"], []).append(candidate)
    per_frequency = len(plan.CAMPAIGN_DAYS) * (EVENING[1] - EVENING[0]) // SLOT_MINUTES
    for constituency in constituencies:
        standing = by_constituency.get(constituency.id, [])
        rng.shuffle(standing)
        stations: list[tuple[str, str]] = []
        while len(stations) < max(1, math.ceil(len(standing) / per_frequency)):
            station = _station(rng, constituency, len(stations))
            if station[1] not in {frequency for _name, frequency in stations}:
                stations.append(station)
        name, frequency = stations[0]
        first_day = plan.CAMPAIGN_DAYS[0]
        rows.append(_slot(constituency.id, name, frequency, first_day, DEBATE, None))
        for n, candidate in enumerate(standing):
            name, frequency = stations[n // per_frequency]
            index = n % per_frequency
            day = plan.CAMPAIGN_DAYS[index % len(plan.CAMPAIGN_DAYS)]
            start = EVENING[0] + (index // len(plan.CAMPAIGN_DAYS)) * SLOT_MINUTES
            span = (start, start + SLOT_MINUTES)
            rows.append(_slot(constituency.id, name, frequency, day, span, ids[candidate["ref"]]))
    return rows


def _slot(cid: int, name: str, frequency: str, day, span, candidate_id) -> dict:
    return {
        "constituency_id": cid,
        "broadcaster": name,
        "frequency": frequency,
        "starts_at": polling_instant(day, span[0]),
        "ends_at": polling_instant(day, span[1]),
        "candidate_id": candidate_id,
        "is_sample": True,
    }
