"""Configuration read from the environment, with safe defaults for one machine."""

import os
import secrets
from pathlib import Path

from webapp.replica import binds

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance: Path) -> str:
    """Return SECRET_KEY from the environment, else one generated once into instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance / "secret_key"
    if not key_file.exists():
        instance.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _postgres_driver(url: str) -> str:
    """A PostgreSQL URL with the psycopg 3 driver named (others unchanged)."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def from_environment() -> dict:
    """Build the app config from environment variables."""
    instance = Path(os.environ.get("INSTANCE_DIR", PROJECT_ROOT / "instance"))
    database_url = _postgres_driver(
        os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'raynama.db'}"
    )
    return {
        "INSTANCE_DIR": str(instance),
        "DATA_DIR": os.environ.get("DATA_DIR", str(PROJECT_ROOT.parent / "shared" / "data")),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SECRET_KEY": _secret_key(instance),
        "BABEL_DEFAULT_LOCALE": "fa",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "STATIC_ROOT": str(PROJECT_ROOT / "static"),
        "MAX_QUERY_LENGTH": 200,
        # Absolute links in QR codes and shared texts, e.g. https://raynama.ir (no trailing /).
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", ""),
        # Queue levels and rate limits shared by several app servers (else in the database).
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "REDIS_PREFIX": os.environ.get("REDIS_PREFIX", "raynama:"),
        # Public answers kept whole (in Redis, else per process) for up to this long; 0 is off.
        "PAGE_CACHE_SECONDS": int(os.environ.get("PAGE_CACHE_SECONDS") or 60),
        # Demo: the site starts at this instant (e.g. 2024-03-01T11:30+03:30) and ticks on.
        "DEMO_NOW": os.environ.get("DEMO_NOW", ""),
        # How many reverse proxies stand in front (their X-Forwarded-For/-Proto are trusted).
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT") or 0),
        # Reads of GET requests may go to a PostgreSQL read replica (webapp/replica.py).
        "SQLALCHEMY_BINDS": binds(_postgres_driver(os.environ.get("DATABASE_REPLICA_URL", ""))),
    }
