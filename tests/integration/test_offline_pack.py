"""The saved-constituency pack: its compact encoding, the budget it must fit, and the endpoint."""

import json
import random

import pytest
from sqlalchemy import select

from tests.integration.helpers import busiest_constituency
from webapp.offline import pack as packing
from webapp.offline.pack import PackStation

HEAD = {"id": 1, "name": ["نمونه", "Sample"], "places": [["شهر", "شهرستان", "County"]]}


def _sums(values):
    total, out = 0, []
    for value in values:
        total += value
        out.append(total)
    return out


def decode(pack: dict) -> list[dict]:
    """What saved.js reads from a pack, written again in Python for the tests."""
    read = packing.read_ints
    if isinstance(pack["code"], dict):
        codes = [str(n).zfill(pack["code"]["w"]) for n in _sums(read(pack["code"]["d"]))]
    else:
        codes = pack["code"]
    lat, lon = _sums(read(pack["lat"])), _sums(read(pack["lon"]))
    names, flags = read(pack["nameAt"]), read(pack["flags"])
    stations = [
        {
            "code": code,
            "name": pack["names"][names[i]],
            "lat": lat[i] / pack["scale"],
            "lon": lon[i] / pack["scale"],
            "electronic": bool(flags[i] & 1),
            "mobile": bool(flags[i] >> 1 & 1),
            "sample": bool(flags[i] >> 2 & 1),
            "audience": packing.AUDIENCES[flags[i] >> 3],
        }
        for i, code in enumerate(codes)
    ]
    for column in pack.get("address", []):
        for station, at in zip(stations, read(column), strict=True):
            if at:
                station.setdefault("parts", []).append(pack["parts"][at - 1])
    return stations


def _station(i: int, rng: random.Random, **extra) -> PackStation:
    return PackStation(
        code=f"{1000000 + i:08d}",
        name=f"{rng.choice(['دبستان', 'مسجد', 'دبیرستان'])} {rng.randrange(300)}",
        lat=35.6 + rng.random() / 5,
        lon=51.3 + rng.random() / 5,
        place=0,
        electronic=i % 3 == 0,
        mobile=i % 5 == 0,
        sample=True,
        audience=packing.AUDIENCES[i % 3],
        address="، ".join(
            ["تهران", f"خیابان {rng.randrange(40)}", f"کوچهٔ {rng.randrange(200)}"]
            + ([f"پلاک {rng.randrange(300)}"] if i % 2 else [])
        ),
        landmark=rng.choice(["", "کنار مسجد", "روبروی پارک"]),
        neighbourhood=f"محلهٔ {rng.randrange(30)}",
        venue=rng.choice(packing.VENUES),
        access=tuple(rng.choice(packing.TRISTATE) for _ in range(4)),
        **extra,
    )


@pytest.mark.parametrize("value", [0, 1, -1, 15, -16, 16, 31, 32, 1000, -1000, 2**40, -(2**40)])
def test_integers_round_trip(value):
    text = packing.ints([value, 7, value])
    assert packing.read_ints(text) == [value, 7, value]
    assert set(text) <= set(packing.FINAL + packing.MORE)


def test_a_small_constituency_keeps_every_tier_and_round_trips():
    rng = random.Random(1)
    stations = [_station(i, rng, stops=[("روستا", 480, 600)] if i == 4 else []) for i in range(60)]
    body = packing.build(HEAD, stations)
    pack = json.loads(body)
    assert pack["tiers"] == ["index", "address", "details"]
    assert pack["scale"] == 10_000 and pack["addressWhole"] is True
    decoded = decode(pack)
    for original, back in zip(stations, decoded, strict=True):
        assert back["code"] == original.code and back["name"] == original.name
        assert (
            abs(back["lat"] - original.lat) <= 0.00005
            and abs(back["lon"] - original.lon) <= 0.00005
        )
        assert (back["electronic"], back["mobile"], back["audience"]) == (
            original.electronic,
            original.mobile,
            original.audience,
        )
        assert "، ".join(back["parts"]) == original.address
    assert packing.read_ints(pack["stops"]) == [4, pack["texts"].index("روستا"), 480, 600]


def test_a_constituency_as_big_as_tehran_still_fits_the_budget():
    rng = random.Random(2)
    stations = [_station(i, rng) for i in range(6_500)]
    body = packing.build(HEAD, stations)
    assert packing.wire_size(body) <= packing.BUDGET_BYTES
    pack = json.loads(body)
    # Fitting drops details before the address, and the address's last parts first.
    assert "index" in pack["tiers"] and pack["n"] == 6_500
    assert "details" not in pack["tiers"]
    assert len(decode(pack)) == 6_500


def test_codes_that_are_not_numbers_are_kept_as_text():
    rng = random.Random(3)
    stations = [_station(i, rng) for i in range(3)]
    stations[1].code = "A-17"
    pack = json.loads(packing.build(HEAD, stations))
    assert [s["code"] for s in decode(pack)] == sorted(s.code for s in stations)


def test_pack_endpoint_lists_every_published_station(app, client):
    from webapp.extensions import db
    from webapp.stations.models import Station

    cid = busiest_constituency(app)
    response = client.get(f"/constituencies/{cid}/pack.json", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(response.get_data()) <= packing.BUDGET_BYTES
    pack = json.loads(client.get(f"/constituencies/{cid}/pack.json").get_data())
    with app.app_context():
        rows = db.session.scalars(
            select(Station).filter_by(constituency_id=cid, published=True).order_by(Station.code)
        ).all()
        expected = [(s.code, s.name, s.lat, s.lon) for s in rows]
    got = decode(pack)
    assert [(s["code"], s["name"]) for s in got] == [row[:2] for row in expected]
    for station, (_code, _name, lat, lon) in zip(got, expected, strict=True):
        assert abs(station["lat"] - lat) < 0.000051 and abs(station["lon"] - lon) < 0.000051
    assert pack["id"] == cid and pack["n"] == len(expected)
    assert pack["tiers"] == ["index", "address", "details"]


def test_pack_endpoint_revalidates_and_404s(app, client):
    cid = busiest_constituency(app)
    first = client.get(f"/constituencies/{cid}/pack.json")
    again = client.get(
        f"/constituencies/{cid}/pack.json", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    assert client.get("/constituencies/999999/pack.json").status_code == 404
    assert client.get("/en/constituencies/999999/pack.json").status_code == 404
