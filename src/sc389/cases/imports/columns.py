"""The columns of the import templates: a stable machine key, the Vietnamese header, the English header.

A file may use any of the three as its header (compared folded: case, marks and spaces do not matter), so a
sheet exported by another tool with machine keys imports as well as the template filled in by hand.

Sheet "Vụ việc" (and the CSV): one row per case, with one goods line, one party and the outcomes inline.
Sheets "Hàng hóa" and "Đối tượng" (XLSX only, optional): further goods lines and parties, one per row, keyed by
the force's own case id (`external_ref`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sc389.core.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Vietnamese, as in the template
    header_en: str
    help: object  # lazy text for the guide sheet
    required: bool = False
    example: str = ""


CASE_SHEET = "Vụ việc"
GOODS_SHEET = "Hàng hóa"
PARTIES_SHEET = "Đối tượng"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"

# fmt: off
CASE_COLUMNS = [
    Column("external_ref", "Mã vụ việc của đơn vị", "Unit's case id", _("Bắt buộc; duy nhất trong đơn vị; nhập lại cùng mã thì cập nhật vụ việc."), True, "HN-2025-0001"),
    Column("detected_on", "Ngày phát hiện", "Date detected", _("Bắt buộc; dd/mm/yyyy."), True, "05/03/2025"),
    Column("category", "Lĩnh vực", "Category", _("Buôn lậu / Gian lận thương mại / Hàng giả (hoặc mã); có thể bỏ trống nếu ghi loại vi phạm."), False, "Buôn lậu"),
    Column("violation_type", "Mã loại vi phạm", "Violation type code", _("Mã trong danh mục loại vi phạm (sheet Danh mục)."), False, ""),
    Column("channel", "Phương thức, địa bàn", "Channel", _("Đường mòn, Cửa khẩu, Chợ, Kho, Sàn TMĐT, Mạng xã hội, Chuyển phát nhanh ... (hoặc mã)."), False, "Đường mòn, lối mở"),
    Column("channel_url", "Đường dẫn (URL)", "URL", _("Với sàn TMĐT, mạng xã hội: đường dẫn gian hàng, bài đăng."), False, ""),
    Column("channel_shop", "Gian hàng, tài khoản", "Shop or account", _("Tên gian hàng, tài khoản bán hàng."), False, ""),
    Column("province", "Tỉnh", "Province", _("Mã hoặc tên tỉnh; giúp phân biệt xã trùng tên."), False, "Lạng Sơn"),
    Column("place", "Xã, phường (địa bàn)", "Commune (place)", _("Bắt buộc: mã hoặc tên xã, phường, đặc khu; vụ trước 01/7/2025 được ghi huyện, xã cũ."), True, "Xã Đồng Đăng"),
    Column("place_text", "Nơi phát hiện", "Place (text)", _("Đường mòn, cửa khẩu, chợ, địa chỉ ..."), False, "Mốc 1119"),
    Column("narrative", "Tóm tắt vụ việc", "Narrative", _("Diễn biến, hành vi vi phạm."), False, "Vận chuyển gia cầm không rõ nguồn gốc"),
    Column("participants", "Đơn vị phối hợp", "Participating units", _("Mã các đơn vị phối hợp, cách nhau bằng dấu ;"), False, ""),
    Column("goods_description", "Tên hàng hóa", "Goods", _("Một dòng hàng; thêm dòng ở sheet Hàng hóa."), False, "Gà thải loại"),
    Column("goods_group", "Nhóm hàng", "Commodity group", _("Mã hoặc tên nhóm hàng (sheet Danh mục)."), False, ""),
    Column("goods_hs_code", "Mã HS", "HS code", _("4, 6, 8 hoặc 10 chữ số."), False, ""),
    Column("goods_quantity", "Số lượng", "Quantity", _("Số kiểu Việt Nam: 1.200 hoặc 1,5."), False, "1.200"),
    Column("goods_unit", "Đơn vị tính", "Unit of measure", _("kg, tấn, bao, chiếc ..."), False, "kg"),
    Column("goods_value_vnd", "Trị giá hàng (đồng)", "Goods value (VND)", _("Số đồng, không âm: 45.000.000."), False, "45.000.000"),
    Column("party_kind", "Loại đối tượng", "Party kind", _("Cá nhân, Doanh nghiệp, Hộ kinh doanh, Phương tiện, Gian hàng trực tuyến, Số điện thoại."), False, "Cá nhân"),
    Column("party_role", "Vai trò", "Role", _("Đối tượng vi phạm (mặc định), Chủ hàng, Người điều khiển phương tiện ..."), False, ""),
    Column("party_name", "Họ tên, tên đơn vị", "Name", _("Tên cá nhân, doanh nghiệp, hộ kinh doanh."), False, "Nguyễn Văn An"),
    Column("party_date_of_birth", "Ngày sinh", "Date of birth", _("dd/mm/yyyy; đối chiếu với số CCCD."), False, "12/04/1985"),
    Column("party_sex", "Giới tính", "Sex", _("Nam / Nữ; đối chiếu với số CCCD."), False, "Nam"),
    Column("party_id_number", "Số CCCD", "CCCD number", _("12 chữ số; kiểm tra năm sinh và giới tính mã hóa trong số."), False, ""),
    Column("party_tax_code", "Mã số thuế", "Tax code", _("10 hoặc 13 số (kiểm tra số kiểm tra), hoặc 12 số định danh cá nhân."), False, ""),
    Column("party_plate", "Biển kiểm soát", "Plate", _("Ví dụ 12A-123.45."), False, ""),
    Column("party_phone", "Số điện thoại", "Phone", _("Ví dụ 0912 345 678."), False, ""),
    Column("party_address", "Địa chỉ", "Address", _("Nơi cư trú, trụ sở."), False, ""),
    Column("penalty_number", "Số quyết định xử phạt", "Penalty decision number", _("Ví dụ 123/QĐ-XPHC."), False, ""),
    Column("penalty_date", "Ngày quyết định xử phạt", "Penalty decision date", _("dd/mm/yyyy; cần khi có số quyết định."), False, ""),
    Column("penalty_fine_vnd", "Tiền phạt (đồng)", "Fine (VND)", _("Số đồng, không âm."), False, ""),
    Column("penalty_confiscated_vnd", "Trị giá hàng tịch thu (đồng)", "Confiscated value (VND)", _("Số đồng, không âm."), False, ""),
    Column("remittance_date", "Ngày nộp ngân sách", "Remittance date", _("dd/mm/yyyy."), False, ""),
    Column("remittance_amount_vnd", "Số tiền nộp ngân sách (đồng)", "Remitted (VND)", _("Số đồng, lớn hơn 0."), False, ""),
    Column("prosecution_number", "Số quyết định khởi tố", "Prosecution decision number", _("Số quyết định khởi tố vụ án."), False, ""),
    Column("prosecution_date", "Ngày khởi tố", "Prosecution date", _("dd/mm/yyyy."), False, ""),
    Column("defendants", "Số bị can", "Defendants", _("Số nguyên không âm."), False, ""),
    Column("investigating_agency", "Cơ quan điều tra tiếp nhận", "Investigating agency", _("Cơ quan nhận hồ sơ khởi tố."), False, ""),
    Column("transfer_to", "Chuyển đến (mã đơn vị hoặc cơ quan)", "Transferred to", _("Mã đơn vị trong hệ thống, hoặc tên cơ quan nhận."), False, ""),
    Column("transfer_date", "Ngày chuyển", "Transfer date", _("dd/mm/yyyy."), False, ""),
    Column("transfer_number", "Số văn bản chuyển", "Transfer document number", _("Số công văn chuyển."), False, ""),
]

GOODS_COLUMNS = [
    Column("external_ref", "Mã vụ việc của đơn vị", "Unit's case id", _("Mã vụ việc ở sheet Vụ việc."), True, "HN-2025-0001"),
    *(c for c in CASE_COLUMNS if c.key.startswith("goods_")),
]
PARTY_COLUMNS = [
    Column("external_ref", "Mã vụ việc của đơn vị", "Unit's case id", _("Mã vụ việc ở sheet Vụ việc."), True, "HN-2025-0001"),
    *(c for c in CASE_COLUMNS if c.key.startswith("party_")),
]
# fmt: on


def header_index(columns: list[Column]) -> dict[str, str]:
    """Folded header (key, Vietnamese or English) → key."""
    index = {}
    for c in columns:
        for name in (c.key, c.header, c.header_en):
            index[fold(name)] = c.key
    return index


def column_letter(position: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet user finds the column."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
