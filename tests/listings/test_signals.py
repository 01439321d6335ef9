"""The listing's own signals: cover words folded, denied or innocent uses left out; restricted goods; the
reference price a listing is held to."""

from sc389.core.text import fold_words
from sc389.listings import signals


def test_cover_words_match_with_or_without_marks_and_punctuation():
    assert signals.cover_words("Túi Gucci REP 1:1 hàng XÁCH TAY") == ["rep 1 1", "hang xach tay"]
    assert signals.cover_words("tui gucci rep 1-1, hang xach tay") == ["rep 1 1", "hang xach tay"]
    assert signals.cover_words("Nước hoa nội địa Trung, like auth") == ["noi dia trung", "like auth"]


def test_innocent_and_denied_uses_are_not_cover_words():
    assert signals.cover_words("Túi xách tay nữ Louis Vuitton chính hãng") == []
    assert signals.cover_words("Cam kết chính hãng, nói không với hàng fake") == []
    assert signals.cover_words("Hoàn tiền 200% nếu phát hiện hàng fake") == []
    assert signals.cover_words("Không phải hàng xách tay, có hóa đơn") == []
    # "auth" is a word of its own, not a piece of "author"
    assert signals.cover_words("Sách của author nổi tiếng") == []


def test_restricted_goods():
    assert signals.restricted("Thuốc lá điện tử pod system, tinh dầu vape") == [
        "thuoc la dien tu",
        "vape",
        "pod system",
        "tinh dau vape",
    ]
    assert signals.restricted("Bổ sung vitamin C") == []  # "sung" alone is not a gun


def _refs(*items):
    out = {}
    for brand, product, price in items:
        out.setdefault(fold_words(brand), []).append(
            signals.Reference(brand, fold_words(brand), product, fold_words(product), price)
        )
    return out


def test_reference_is_the_named_product_else_the_brand():
    refs = _refs(
        ("Chanel", "", 3_000_000), ("Chanel", "No 5 100ml", 3_900_000), ("Dior", "Sauvage", 3_200_000)
    )
    assert signals.reference_for(brand="", title="CHANEL No 5 100ml", references=refs).price_vnd == 3_900_000
    assert (
        signals.reference_for(brand="chanel", title="Coco Mademoiselle", references=refs).price_vnd
        == 3_000_000
    )
    assert signals.reference_for(brand="Dior", title="J'adore", references=refs) is None
    assert signals.reference_for(brand="", title="Dior Sauvage EDT", references=refs).price_vnd == 3_200_000
