"""Persian alphabetical order: آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی."""

ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_RANK = {ch: i for i, ch in enumerate(ALPHABET)}
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا"})
_ZWNJ = "\u200c"


def persian_sort_key(name: str) -> tuple:
    """A sort key that orders Persian names alphabetically, then Latin and digits after them."""
    folded = (name or "").translate(_FOLD).replace(_ZWNJ, " ").strip()
    key = []
    for ch in folded:
        if ch in _RANK:
            key.append((1, _RANK[ch]))
        elif ch == " ":
            key.append((0, 0))
        elif ch.isdigit():
            key.append((2, int(ch) if ch.isascii() else ord(ch)))
        else:
            key.append((3, ord(ch.lower())))
    return tuple(key)
