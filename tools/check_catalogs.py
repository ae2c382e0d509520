"""Fail when a translation catalog is stale, has untranslated entries, or fuzzy ones."""

import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po
from update_catalogs import extract

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fa", "en")


def extracted_ids() -> set[str]:
    """Message ids found in the code and templates now."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        extract(pot)
        with pot.open("rb") as handle:
            return {_msgid(m.id) for m in read_po(handle) if m.id}


def _msgid(message_id) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def problems(lang: str, wanted: set[str]) -> list[str]:
    """What is wrong with one language's catalog."""
    path = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = set()
    out = []
    for message in catalog:
        if not message.id:
            continue
        found.add(_msgid(message.id))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            out.append(f"{lang}: fuzzy: {_msgid(message.id)!r}")
        elif not all(strings):
            out.append(f"{lang}: untranslated: {_msgid(message.id)!r}")
    out += [
        f"{lang}: missing (run make translations-update): {m!r}" for m in sorted(wanted - found)
    ]
    return out


def main() -> int:
    """Check every catalog; print the problems; exit 1 when there are any."""
    wanted = extracted_ids()
    found = [p for lang in LANGUAGES for p in problems(lang, wanted)]
    for problem in found:
        print(problem)
    print(f"catalogs: {len(wanted)} messages, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
