"""Finance settings, read from the app config or the environment, with documented defaults."""

import os

from flask import current_app, has_app_context

DEFAULTS = {
    # Gifts from individuals below this many rials are shown only in aggregate (no name).
    "FINANCE_DISCLOSURE_THRESHOLD_RIAL": 100_000_000,
    # A self-report filed more than this many days after its transaction is "late".
    "FINANCE_LATE_DAYS": 10,
    # The cap given to constituencies with no official cap loaded (sample, per the seats).
    "FINANCE_SAMPLE_CAP_FIRST_SEAT_RIAL": 30_000_000_000,
    "FINANCE_SAMPLE_CAP_EXTRA_SEAT_RIAL": 10_000_000_000,
    # Exports stop after this many rows, with a message.
    "FINANCE_EXPORT_MAX_ROWS": 500_000,
}


def setting(name: str) -> int:
    """An integer setting: app config, else the environment, else the default."""
    if has_app_context() and name in current_app.config:
        return int(current_app.config[name])
    return int(os.environ.get(name, DEFAULTS[name]))
