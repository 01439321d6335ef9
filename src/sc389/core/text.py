"""Vietnamese text: storage form (NFC) and the folded form used only for matching.

Folding strips tone and vowel marks and maps đ→d, so "Lạng Sơn", "lang son", "LANG SON" and the old and new tone
placements ("Hoà"/"Hòa", "Thuỷ"/"Thủy") compare equal. It also merges Hùng and Hưng, so never show or store a
folded form as the name itself.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    """The stored form of any Vietnamese text: NFC, trimmed, inner whitespace collapsed."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _fold_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()


# Folding works word by word (marks never cross a space), so each distinct word is folded once and remembered:
# Vietnamese has a few thousand syllables, and bulk imports fold millions of strings.
_FOLDED_WORDS: dict[str, str] = {}
_FOLDED_WORDS_MAX = 200_000


def _fold_word(word: str) -> str:
    if word.isascii():  # nothing to strip: ids, numbers, codes (not remembered: they are mostly unique)
        return word.lower()
    folded = _FOLDED_WORDS.get(word)
    if folded is None:
        folded = _fold_slow(word)
        if len(_FOLDED_WORDS) < _FOLDED_WORDS_MAX:
            _FOLDED_WORDS[word] = folded
    return folded


def fold(text: str | None) -> str:
    """Lower-case, mark-free, đ→d form for search and matching."""
    if not text:
        return ""
    get = _FOLDED_WORDS.get
    words = [get(w) or _fold_word(w) for w in text.split()]
    return " ".join(w for w in words if w)


_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold_tokens(text: str | None) -> list[str]:
    """Folded words, punctuation dropped: the units a search query is matched by."""
    return [t for t in _NOT_WORD.split(fold(text)) if t]


# Whole texts repeat too (names, places, units, goods): a bulk import folds each distinct one once.
_FOLDED_TEXTS: dict[str, str] = {}
_FOLDED_TEXTS_MAX = 100_000


def fold_words(text: str | None) -> str:
    """The searchable form of a text: its folded words separated by single spaces ("12/QĐ-XPHC" → "12 qd xphc"),
    so that "starts a word" is `LIKE 'w%' OR LIKE '% w%'` and a word index sees the same words."""
    if not text:
        return ""
    folded = _FOLDED_TEXTS.get(text)
    if folded is None:
        folded = " ".join(fold_tokens(text))
        if len(_FOLDED_TEXTS) >= _FOLDED_TEXTS_MAX:
            _FOLDED_TEXTS.clear()  # unique texts (ids, narratives) must not crowd out the repeated ones for good
        _FOLDED_TEXTS[text] = folded
    return folded
