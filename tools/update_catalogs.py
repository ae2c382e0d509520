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


# Every name the code translates through: `_` and `gettext`, `ngettext`, and the lazy forms used
# for labels defined at import time (`lazy_gettext`, imported as `_l`); `_markup` on print pages.
KEYWORDS = ("_", "_markup", "gettext", "ngettext:1,2", "lazy_gettext", "_l", "lazy_ngettext:1,2")


def extract(pot: Path, locations: bool = False) -> None:
    """Extract every message of the code and templates into a POT file."""
    command = [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg"]
    for keyword in KEYWORDS:
        command += ["-k", keyword]
    if not locations:
        command.append("--no-location")
    command += ["--sort-output", "-o", str(pot)]
    command += ["--ignore-dirs", "node_modules .venv static instance", "."]
    subprocess.run(command, check=True, cwd=ROOT)


def main() -> int:
    """Extract, update, and mirror English."""
    run = [sys.executable, "-m", "babel.messages.frontend"]
    extract(POT)
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
