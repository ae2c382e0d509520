"""`make loadtest`: wrk on loopback against production gunicorn, on the full sample data.

Starts `gunicorn -c gunicorn.conf.py` on a free port (workers from the CPU count, rate limits
off: every request comes from one address), then runs wrk with 200 connections for 60 s in
all, split evenly over five kinds of request, each drawn at random from many real URLs:
station pages (300 of them, warm in the page cache), search, near me, the queue fragment and
finance search (2,000 URLs each, mostly cold). Then, on the same
server, the same wrk against a bare Flask route (same app and middleware, no template, no
query) and the station page again, in three alternating 5 s rounds each, for the ratio of their
requests per second. Last, the RSS
of each worker. Prints a Markdown table for the README; exits 1 on any error or non-2xx/3xx.
"""

import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "200"))
TOTAL_SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
RATIO_SECONDS = int(os.environ.get("LOADTEST_RATIO_SECONDS", "5"))
RATIO_ROUNDS = 3
URLS_PER_KIND = 2000
HOT_STATIONS = 300  # station pages asked for: a city's worth, all of them warm in the cache
WRK_TIMEOUT = "10s"  # how long a phone on a slow link waits before giving up

LUA = """
local paths = {}
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)], {["Accept-Encoding"] = "gzip"})
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database() -> Path:
    url = os.environ.get("DATABASE_URL", "")
    if url and not url.startswith("sqlite"):
        sys.exit("make loadtest reads its URLs from the SQLite database; unset DATABASE_URL")
    return Path(url.removeprefix("sqlite:///")) if url else ROOT / "instance" / "raynama.db"


def _paths(rng: random.Random) -> dict[str, list[str]]:
    """Many real URLs of each kind, from the loaded database."""
    con = sqlite3.connect(f"file:{_database()}?mode=ro", uri=True)
    codes = [r[0] for r in con.execute("SELECT code FROM station WHERE published")]
    points = con.execute("SELECT lat, lon FROM station WHERE published").fetchall()
    cities = [r[0] for r in con.execute("SELECT name_fa FROM city")]
    names = [r[0] for r in con.execute("SELECT surname FROM candidate")]
    con.close()
    if len(codes) < 1000:
        sys.exit("the database holds few stations: run `make run` (or `make db`) first")

    def q(path: str, **params) -> str:
        return f"{path}?{urllib.parse.urlencode(params)}"

    def near() -> str:
        lat, lon = rng.choice(points)
        return q("/stations/near", lat=round(lat + rng.uniform(-0.02, 0.02), 4),
                 lon=round(lon + rng.uniform(-0.02, 0.02), 4))  # fmt: skip

    return {
        "station page": [f"/stations/{c}" for c in rng.sample(codes, HOT_STATIONS)],
        "search": [q("/stations", q=rng.choice(cities)) for _ in range(URLS_PER_KIND)],
        "near me": [near() for _ in range(URLS_PER_KIND)],
        "queue fragment": [f"/stations/{rng.choice(codes)}/queue" for _ in range(URLS_PER_KIND)],
        "finance search": [q("/finance", q=rng.choice(names)) for _ in range(URLS_PER_KIND)],
    }


def _start(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "RATELIMIT_ENABLED": "0",
        "ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "warning",
    }
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "tools.loadtest_wsgi:app"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    sys.exit("gunicorn did not answer /healthz within a minute")


def _wrk(port: int, paths: list[str], seconds: int, workdir: Path, name: str) -> dict:
    listing = workdir / f"{name.replace(' ', '_')}.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = workdir / "rotate.lua"
    script.write_text(LUA)
    threads = str(min(4, os.cpu_count() or 2))
    out = subprocess.run(
        ["wrk", "-t", threads, "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--latency",
         "--timeout", WRK_TIMEOUT,
         "-s", str(script), f"http://127.0.0.1:{port}", "--", str(listing)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return _parse(out)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _parse(out: str) -> dict:
    errors = 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": _ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)),
        "p99": _ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)),
        "errors": errors,
    }


def _ratio_runs(port: int, stations: list[str], workdir: Path) -> tuple[dict, dict]:
    """Bare route and station page in alternating rounds, so a busy moment hits both alike."""
    rounds = {"bare": [], "station": []}
    for _ in range(RATIO_ROUNDS):
        rounds["bare"].append(_wrk(port, ["/_bare"], RATIO_SECONDS, workdir, "bare"))
        rounds["station"].append(_wrk(port, stations, RATIO_SECONDS, workdir, "station"))
    return tuple(_combine(rounds[name]) for name in ("bare", "station"))


def _combine(runs: list[dict]) -> dict:
    seconds = RATIO_SECONDS * len(runs)
    return {
        "requests": sum(r["requests"] for r in runs),
        "rps": sum(r["requests"] for r in runs) / seconds,
        "p50": sorted(r["p50"] for r in runs)[len(runs) // 2],
        "p99": max(r["p99"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
    }


def _worker_rss_mb(master: int) -> list[float]:
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def main() -> int:
    rng = random.Random(1402)
    kinds = _paths(rng)
    port = _free_port()
    server = _start(port)
    rows, failed = [], False
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            for path in kinds["station page"]:  # every hot station page rendered once
                url = f"http://127.0.0.1:{port}{path}"
                ask = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
                urllib.request.urlopen(ask, timeout=30).read()
            for paths in kinds.values():
                _wrk(port, paths[:50], 2, workdir, "warm")
            each = max(1, TOTAL_SECONDS // len(kinds))
            for name, paths in kinds.items():
                rows.append((name, _wrk(port, paths, each, workdir, name)))
            bare, station = _ratio_runs(port, kinds["station page"], workdir)
            rss = _worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\nwrk, {CONNECTIONS} connections, {TOTAL_SECONDS} s over five kinds, loopback, "
          f"{len(rss)} gunicorn workers, {os.cpu_count()} CPUs\n")  # fmt: skip
    print("| request | requests | req/s | p50 | p99 | errors |")
    print("|---|---|---|---|---|---|")
    ratio_rows = [("bare Flask route (ratio)", bare), ("station page (ratio)", station)]
    for name, r in [*rows, *ratio_rows]:
        print(f"| {name} | {r['requests']:,} | {r['rps']:,.0f} | {r['p50']:.1f} ms "
              f"| {r['p99']:.1f} ms | {r['errors']} |")  # fmt: skip
        failed |= r["errors"] > 0
    ratio = station["rps"] / bare["rps"]
    print(f"\nstation page / bare route: {ratio:.2f} (target >= 0.5)")
    print("RSS per worker: " + ", ".join(f"{mb:.0f} MB" for mb in rss) + " (target <= 150 MB)")
    failed |= max(rss) > 150
    if failed:
        print("FAILED: errors, or a worker over 150 MB", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
