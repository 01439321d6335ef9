"""Person records → the comparison columns Splink reads, computed in DuckDB SQL (both cores, no Python per row).

Names are compared in two forms: NFC with the tone placement unified (Hòa = Hoà), and folded (marks stripped,
đ→d) for records typed without diacritics. Folding merges Hùng and Hưng, so an exact folded match counts for
much less when both records carry marks and the marks differ. A name written given-name-first ("Hùng Nguyễn
Văn") or in Western order is put back in family-middle-given order when its first word is not a family name and
its second or last one is (names.FAMILY_FOLDED).
"""

from .names import FAMILY_FOLDED

# The columns a person record may have (anything else in an input is ignored); only `id` is required.
INPUT_COLUMNS = ["id", "full_name", "dob", "sex", "cccd", "phone", "address", "tax_code", "plate"]

# The old tone placement ("hoà", "thuỷ") written the new way ("hòa", "thủy"): a key for comparison only.
_TONE_PAIRS = [
    ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
    ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
    ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
]  # fmt: skip


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _tone_unified(expr: str) -> str:
    for old, new in _TONE_PAIRS:
        expr = f"replace({expr}, {_sql_str(old)}, {_sql_str(new)})"
    return expr


def features_sql(source: str, columns: set[str]) -> str:
    """SELECT over `source` (a table or relation name) giving one row per record with Splink's columns."""

    def col(name: str) -> str:
        return (
            f"nullif(trim(CAST(\"{name}\" AS VARCHAR)), '')" if name in columns else "CAST(NULL AS VARCHAR)"
        )

    families = "[" + ", ".join(_sql_str(f) for f in sorted(FAMILY_FOLDED)) + "]"
    lowered = f"lower(nfc_normalize({col('full_name')}))"
    spaced = (
        f"trim(regexp_replace(regexp_replace({lowered}, '[[:punct:][:digit:]]', ' ', 'g'), '\\s+', ' ', 'g'))"
    )
    return f"""
    WITH raw AS (
        SELECT
            CAST({col("id")} AS VARCHAR) AS unique_id,
            list_filter(string_split({spaced}, ' '), lambda t: t <> '') AS nt,
            {col("dob")} AS dob_raw,
            lower({col("sex")}) AS sex_raw,
            regexp_replace(coalesce({col("cccd")}, ''), '\\D', '', 'g') AS idn,
            regexp_replace(coalesce({col("phone")}, ''), '\\D', '', 'g') AS ph,
            {col("address")} AS addr_raw,
            regexp_replace(coalesce({col("tax_code")}, ''), '\\D', '', 'g') AS tax,
            regexp_replace(upper(replace(replace(coalesce({col("plate")}, ''), 'đ', 'D'), 'Đ', 'D')),
                           '[^0-9A-Z]', '', 'g') AS pl
        FROM {source}
    ), tokens AS (
        SELECT *,
            list_transform(nt, lambda t: strip_accents(replace(t, 'đ', 'd'))) AS ft
        FROM raw
    ), ordered AS (
        SELECT *,
            CASE
                WHEN len(ft) >= 2 AND NOT list_contains({families}, ft[1]) AND list_contains({families}, ft[2])
                    THEN 1  -- given name first: "hung nguyen van"
                WHEN len(ft) >= 2 AND NOT list_contains({families}, ft[1])
                     AND list_contains({families}, ft[len(ft)])
                    THEN 2  -- Western order: "hung van nguyen"
                ELSE 0
            END AS name_order
        FROM tokens
    ), canonical AS (
        SELECT *,
            CASE name_order WHEN 1 THEN list_concat(ft[2:], [ft[1]]) WHEN 2 THEN list_reverse(ft) ELSE ft END AS cf,
            CASE name_order WHEN 1 THEN list_concat(nt[2:], [nt[1]]) WHEN 2 THEN list_reverse(nt) ELSE nt END AS cn,
            CAST(coalesce(try_strptime(dob_raw, '%Y-%m-%d'), try_strptime(dob_raw, '%d/%m/%Y'),
                          try_strptime(dob_raw, '%d-%m-%Y'), try_strptime(dob_raw, '%d.%m.%Y')) AS DATE) AS dob_d
        FROM ordered
    )
    SELECT
        unique_id,
        nullif(array_to_string(cf, ' '), '') AS name_f,
        nullif({_tone_unified("array_to_string(cn, ' ')")}, '') AS name_n,
        nt <> ft AS marked,
        CASE WHEN len(cf) >= 2 THEN cf[1] END AS fam,
        CASE WHEN len(cf) >= 1 THEN cf[len(cf)] END AS given,
        CASE WHEN len(cn) >= 1 THEN {_tone_unified("cn[len(cn)]")} END AS given_n,
        cf AS tokens,
        strftime(dob_d, '%Y-%m-%d') AS dob,
        CASE WHEN day(dob_d) <= 12 THEN strftime(make_date(year(dob_d), day(dob_d), month(dob_d)), '%Y-%m-%d')
             END AS dob_swapped,
        coalesce(year(dob_d), CASE WHEN regexp_full_match(coalesce(dob_raw, ''), '\\d{{4}}')
                                   THEN CAST(dob_raw AS INTEGER) END) AS birth_year,
        CASE WHEN sex_raw IN ('male', 'nam', 'm') THEN 'm'
             WHEN sex_raw IN ('female', 'nữ', 'nu', 'f') THEN 'f' END AS sex,
        CASE WHEN length(idn) IN (9, 12) THEN idn END AS cccd,
        CASE WHEN regexp_full_match(
                CASE WHEN starts_with(ph, '84') AND length(ph) IN (11, 12) THEN '0' || ph[3:] ELSE ph END,
                '0\\d{{9,10}}')
             THEN CASE WHEN starts_with(ph, '84') AND length(ph) IN (11, 12) THEN '0' || ph[3:] ELSE ph END
             END AS phone,
        nullif(trim(regexp_replace(strip_accents(replace(lower(nfc_normalize(coalesce(addr_raw, ''))), 'đ', 'd')),
                                   '[^a-z0-9]+', ' ', 'g')), '') AS addr,
        CASE WHEN length(tax) IN (10, 12, 13) THEN tax END AS tax_code,
        CASE WHEN length(pl) >= 6 THEN pl END AS plate
    FROM canonical
    """
