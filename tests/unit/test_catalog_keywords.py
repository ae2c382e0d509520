"""Every name the code translates through is one the catalog extraction looks for."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from update_catalogs import KEYWORDS  # noqa: E402

IMPORT_RE = re.compile(r"from flask_babel import ([^\n]+)")
WRAPPER_RE = re.compile(r"^def (\w+)\(msgid\b", re.MULTILINE)  # a helper that translates its msgid
TRANSLATING = {"gettext", "ngettext", "lazy_gettext", "lazy_ngettext", "pgettext"}


def _names_used_for_translation() -> set[str]:
    names = set()
    for path in (ROOT / "webapp").rglob("*.py"):
        for imported in IMPORT_RE.findall(path.read_text(encoding="utf-8")):
            for part in imported.strip("()").split(","):
                words = part.split()
                if words and words[0] in TRANSLATING:
                    names.add(words[-1])  # `gettext as _` → `_`; `ngettext` → itself
        names.update(WRAPPER_RE.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_translation_alias_is_extracted():
    keywords = {k.split(":")[0] for k in KEYWORDS}
    used = _names_used_for_translation()
    assert {"_", "_l"} <= used
    assert used <= keywords, f"add {sorted(used - keywords)} to tools/update_catalogs.py"


def test_every_persian_message_is_translated():
    from babel.messages.pofile import read_po

    with (ROOT / "translations" / "fa" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="fa")
    missing = [
        m.id
        for m in catalog
        if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert missing == []
