"""Re-extract messages, merge them into every catalog, and fill the English one from the ids.

English is the source language of the message ids, so the English catalog mirrors them;
Persian entries are translated by hand in translations/fa/LC_MESSAGES/messages.po.
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"


def main() -> int:
    """Extract, update, and mirror English."""
    run = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run(
        [
            *run,
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "gettext",
            "-k",
            "ngettext:1,2",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "-o",
            str(POT),
            "--ignore-dirs",
            "node_modules .venv static instance",
            ".",
        ],
        check=True,
        cwd=ROOT,
    )
    subprocess.run(
        [*run, "-q", "update", "--no-fuzzy-matching", "-i", str(POT), "-d", "translations"],
        check=True,
        cwd=ROOT,
    )
    english = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
    with english.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if message.id:
            message.string = message.id
            message.flags.discard("fuzzy")
    with english.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, no_location=True, sort_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
