"""What a listing's own text and price say: cover words, restricted goods, price against the reference.

Everything is matched on folded tokens (core.text: marks stripped, đ→d, punctuation dropped), so "XÁCH TAY",
"xach tay" and "xách-tay" match alike and "rep 1:1" is the token run `rep 1 1`.
"""

from dataclasses import dataclass

from sc389.core.text import fold_tokens

# Words sellers of counterfeit or smuggled goods use to say so without saying so (officers' field list,
# docs/detection.md). Each is a folded token run.
COVER_WORDS: tuple[str, ...] = (
    "xach tay",
    "hang xach tay",
    "noi dia trung",
    "hang noi dia trung",
    "rep 1 1",
    "rep 11",
    "hang rep",
    "replica",
    "like auth",
    "auth",
    "fake",
    "super fake",
    "hang f1",
    "hang sf",
    "mirror quality",
    "hang tuon",
    "hang xuat du",
    "khong hop khong tem",
)
# A cover word right after one of these is a denial or a guarantee ("không fake", "nói không với hàng fake",
# "hoàn tiền nếu phát hiện hàng fake").
NEGATIONS = frozenset({"khong", "chong", "no", "not", "tranh", "neu"})
NEGATION_REACH = 4
# "túi xách tay" is a handbag: "xách tay" there names the goods, not how they crossed the border.
INNOCENT_BEFORE = {"xach tay": frozenset({"tui", "vi", "balo", "cap"})}

# Goods whose trade is prohibited or restricted (Decree 59/2006 list, Law 2019 on tobacco harm, Decree 137/2020
# on fireworks): a listing offering them is a signal on its own.
RESTRICTED: tuple[str, ...] = (
    "thuoc la dien tu",
    "thuoc la nung nong",
    "vape",
    "pod system",
    "tinh dau vape",
    "thuoc la ngoai",
    "xi ga cuba",
    "phao no",
    "phao hoa no",
    "sung hoi",
    "sung ban dan",
    "sung te giac",
    "nga voi",
    "vay te te",
    "ma tuy",
)

PRICE_FAR_BELOW = 0.5  # below half the reference price
PRICE_VERY_FAR_BELOW = 0.3


def _runs(tokens: list[str], phrase: str, present: set[str] | None = None) -> list[int]:
    """Start positions of the token run `phrase` in tokens (`present`: the set of tokens, to skip at once the
    phrases that cannot be there, which is nearly all of them)."""
    words = phrase.split()
    if present is not None and not present.issuperset(words):
        return []
    n = len(words)
    return [i for i in range(len(tokens) - n + 1) if tokens[i : i + n] == words]


def cover_words(text: str) -> list[str]:
    """The cover words used in text (folded, in text order), denials and innocent uses left out; where
    phrases overlap the longest wins."""
    tokens = fold_tokens(text)
    present = set(tokens)
    found: dict[str, int] = {}  # phrase -> first position
    covered: set[int] = set()
    for phrase in sorted(COVER_WORDS, key=lambda p: -len(p.split())):
        for start in _runs(tokens, phrase, present):
            span = set(range(start, start + len(phrase.split())))
            if span & covered:
                continue
            before = tokens[max(0, start - NEGATION_REACH) : start]
            if NEGATIONS & set(before):
                continue
            if start and tokens[start - 1] in INNOCENT_BEFORE.get(phrase, ()):
                continue
            covered |= span
            found.setdefault(phrase, start)
    return sorted(found, key=found.get)


def restricted(text: str) -> list[str]:
    tokens = fold_tokens(text)
    present = set(tokens)
    return [phrase for phrase in RESTRICTED if _runs(tokens, phrase, present)]


@dataclass(frozen=True)
class Reference:
    brand: str  # as managed (NFC)
    brand_folded: str
    product: str
    product_folded: str
    price_vnd: int


def reference_for(*, brand: str, title: str, references: dict[str, list[Reference]]) -> Reference | None:
    """The reference price a listing is held to: the product of its brand named in the title (most words
    first), else the brand's own price. The brand is the listing's brand column, or a managed brand the
    title names."""
    tokens = fold_tokens(title)
    present = set(tokens)
    brand_key = " ".join(fold_tokens(brand))
    if brand_key not in references:
        brand_key = next((b for b in references if _runs(tokens, b, present)), "")
    candidates = references.get(brand_key, [])
    named = [r for r in candidates if r.product_folded and present.issuperset(r.product_folded.split())]
    if named:
        return max(named, key=lambda r: len(r.product_folded.split()))
    return next((r for r in candidates if not r.product_folded), None)
