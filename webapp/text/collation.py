"""Persian alphabetical order: آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی."""

ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_RANK = {ch: i for i, ch in enumerate(ALPHABET)}
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا"})
_ZWNJ = "\u200c"
MAX_NUMBER = 0xFFFFFF  # numbers beyond this sort together (keys stay six hex digits wide)


def persian_sort_key(name: str) -> tuple:
    """A sort key that orders Persian names alphabetically, then Latin and digits after them."""
    folded = (name or "").translate(_FOLD).replace(_ZWNJ, " ").strip()
    key = []
    digits = ""
    for ch in folded + " ":
        if ch.isdecimal():
            digits += ch
            continue
        if digits:
            # A run of digits in any script is one number, so «سیار ۲» comes before «سیار ۱۰».
            key.append((2, min(int(digits), MAX_NUMBER)))
            digits = ""
        if ch in _RANK:
            key.append((1, _RANK[ch]))
        elif ch == " ":
            key.append((0, 0))
        else:
            key.append((3, ord(ch.lower())))
    return tuple(key[:-1])  # without the space added to end the last run
