"""Numbers and money as committees write them: 4.365 cases, 81,27%, 66,4 tỷ đồng (English: 4,365; 81.27%; VND 66.4 billion)."""

from decimal import ROUND_HALF_UP, Decimal

_SCALES_VI = [(10**9, "tỷ đồng"), (10**6, "triệu đồng")]
_SCALES_EN = [(10**9, "billion"), (10**6, "million")]


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def format_number(value: int | float | Decimal | None, *, lang: str = "vi", decimals: int = 0) -> str:
    """Group thousands and place the decimal mark the way the language does."""
    if value is None:
        return ""
    thousands, mark = (".", ",") if lang == "vi" else (",", ".")
    quant = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    number = Decimal(str(value)).quantize(quant, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, frac = f"{abs(number):f}".partition(".")
    text = _group(whole, thousands)
    if decimals:
        text += mark + frac
    return sign + text


def format_percent(value: float | Decimal | None, *, lang: str = "vi", decimals: int = 2) -> str:
    """81,27% in Vietnamese, 81.27% in English; trailing zeros dropped (84,7%)."""
    if value is None:
        return ""
    text = format_number(value, lang=lang, decimals=decimals)
    mark = "," if lang == "vi" else "."
    if mark in text:
        text = text.rstrip("0").rstrip(mark)
    return text + "%"


def format_vnd(amount: int | Decimal | None, *, lang: str = "vi") -> str:
    """Money for reading: 66,4 tỷ đồng / VND 66.4 billion; small sums in full (350.000 đồng)."""
    if amount is None:
        return ""
    scales = _SCALES_VI if lang == "vi" else _SCALES_EN
    for size, word in scales:
        if abs(amount) >= size:
            text = format_number(Decimal(amount) / size, lang=lang, decimals=1)
            mark = "," if lang == "vi" else "."
            if text.endswith(mark + "0"):
                text = text[:-2]
            return f"{text} {word}" if lang == "vi" else f"VND {text} {word}"
    return (
        f"{format_number(amount, lang=lang)} đồng"
        if lang == "vi"
        else f"VND {format_number(amount, lang=lang)}"
    )
