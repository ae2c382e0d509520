"""Run Lighthouse (npm, pinned in package.json) with Debian's Chromium on the key pages.

`make lighthouse` (or `python tools/lighthouse.py`) serves the app on the configured database
(the dev database of `make run` by default) on a free local port, runs Lighthouse's default
mobile audit (Moto G power emulation, simulated slow 4G) on each page (--runs times, keeping the
median of each score, since a busy machine makes single runs noisy), prints a Markdown table
of the category scores and writes every report to $TMPDIR/raynama-lighthouse/ (or --output).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Not under test-results/: pytest-playwright empties that folder when a browser run starts.
OUTPUT = Path(tempfile.gettempdir()) / "raynama-lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
DEFAULT_SLOWDOWN = 4.0
TARGET_BENCHMARK = 1750 / DEFAULT_SLOWDOWN


def key_pages(app) -> dict[str, str]:
    """Name → path of the pages worth measuring, read from the database."""
    from sqlalchemy import func, select

    from webapp.candidates.models import Candidate
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        cid = db.session.execute(
            select(Station.constituency_id)
            .where(Station.published.is_(True))
            .group_by(Station.constituency_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
        station = db.session.scalars(
            select(Station).filter_by(constituency_id=cid, published=True).order_by(Station.code)
        ).first()
        city = station.city_id or 0
        code = station.code
        candidate = db.session.scalars(
            select(Candidate.id).filter_by(constituency_id=cid).order_by(Candidate.id)
        ).first()
    return {
        "home": "/",
        "constituencies": "/constituencies",
        "constituency": f"/constituencies/{cid}",
        "station": f"/stations/{code}",
        "search": "/stations?q=" + quote("تهران"),
        "near a city": f"/stations/near?city={city}",
        "saved (offline)": "/saved",
        "candidates of the constituency": f"/constituencies/{cid}/candidates",
        "candidate": f"/candidates/{candidate}",
        "finance search": "/finance",
        "answers": "/answers",
        "home (English)": "/en/",
        "station (English)": f"/en/stations/{code}",
    }


def audit(url: str, report: Path, slowdown: float | None = None) -> dict[str, int]:
    """Run Lighthouse on one URL; return its category scores out of 100 (and the host's
    BenchmarkIndex under "benchmark")."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={slowdown}")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES}
    return {**scores, "benchmark": round(result["environment"]["benchmarkIndex"])}


def calibrated_slowdown(benchmark: float) -> float:
    """The CPU slowdown that brings this host to Lighthouse's intended mobile device.

    Lighthouse's default 4x assumes a high-end desktop (BenchmarkIndex 1500–2000), landing near
    an index of 1750 / 4; a slower or busy host needs less, never below 1x or above 4x.
    """
    return max(1.0, min(DEFAULT_SLOWDOWN, round(2 * benchmark / TARGET_BENCHMARK) / 2))


def table(scores: dict[str, dict[str, int]]) -> str:
    """The scores as a Markdown table."""
    lines = ["| page | " + " | ".join(CATEGORIES) + " |", "|---" * (len(CATEGORIES) + 1) + "|"]
    for page, values in scores.items():
        lines.append(f"| {page} | " + " | ".join(str(values[c]) for c in CATEGORIES) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Serve the app, audit each key page, print the table; 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="audit only the pages whose name contains this")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="folder for the reports")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median counts")
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="measure the host first and scale the CPU slowdown to it (Lighthouse's advice)",
    )
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("lighthouse is missing: run `npm ci` first", file=sys.stderr)
        return 1
    from webapp import create_app

    app = create_app()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    args.output.mkdir(parents=True, exist_ok=True)
    scores, slowdown = {}, None
    try:
        if args.calibrate:
            benchmark = audit(base + "/", args.output / "calibration.json")["benchmark"]
            slowdown = calibrated_slowdown(benchmark)
            print(f"host BenchmarkIndex {benchmark}: CPU slowdown {slowdown}x", file=sys.stderr)
        for name, path in key_pages(app).items():
            if args.only and args.only not in name:
                continue
            stem = name.replace(" ", "-").replace("(", "").replace(")", "")
            runs = [
                audit(base + path, args.output / f"{stem}-{n}.json", slowdown)
                for n in range(args.runs)
            ]
            scores[name] = {c: sorted(r[c] for r in runs)[len(runs) // 2] for c in CATEGORIES}
            print(f"{name}: {scores[name]} (runs: {runs})", file=sys.stderr)
    finally:
        server.shutdown()
    print(table(scores))
    print(f"\nCPU slowdown: {slowdown or DEFAULT_SLOWDOWN}x")
    (args.output / "summary.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    missed = [p for p, s in scores.items() if s["performance"] < 95 or s["accessibility"] < 100]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
