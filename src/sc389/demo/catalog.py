"""The managed lists (violation types, commodity groups) and the goods the demo cases seize."""

from dataclasses import dataclass

from sc389.cases.choices import Category

# code: (category, Vietnamese name, English name)
VIOLATION_TYPES: dict[str, tuple[str, str, str]] = {
    "smuggling": (Category.SMUGGLING, "Buôn lậu", "Smuggling"),
    "cross_border": (
        Category.SMUGGLING,
        "Vận chuyển trái phép hàng hóa qua biên giới",
        "Illegal cross-border transport of goods",
    ),
    "prohibited_goods": (
        Category.SMUGGLING,
        "Buôn bán, vận chuyển hàng cấm",
        "Trading or transporting prohibited goods",
    ),
    "unknown_origin": (
        Category.SMUGGLING,
        "Kinh doanh hàng nhập lậu, hàng không rõ nguồn gốc xuất xứ",
        "Trading illegally imported goods or goods of unknown origin",
    ),
    "invoice_trading": (
        Category.TRADE_FRAUD,
        "Mua bán trái phép hóa đơn",
        "Illegal purchase and sale of invoices",
    ),
    "invoice_legalising": (
        Category.TRADE_FRAUD,
        "Sử dụng hóa đơn không hợp pháp để hợp thức hóa hàng lậu",
        "Using illegal invoices to legalise smuggled goods",
    ),
    "tax_fraud": (
        Category.TRADE_FRAUD,
        "Gian lận thuế, khai sai trị giá, mã số hàng hóa",
        "Tax fraud, misdeclared value or tariff code",
    ),
    "origin_fraud": (Category.TRADE_FRAUD, "Gian lận xuất xứ hàng hóa", "Origin fraud"),
    "ecommerce": (
        Category.TRADE_FRAUD,
        "Vi phạm trong hoạt động thương mại điện tử",
        "Violations in e-commerce",
    ),
    "measurement_price": (
        Category.TRADE_FRAUD,
        "Vi phạm về đo lường, niêm yết giá",
        "Measurement and price-listing violations",
    ),
    "counterfeit": (
        Category.COUNTERFEIT_IP,
        "Sản xuất, buôn bán hàng giả",
        "Producing or trading counterfeit goods",
    ),
    "trademark": (
        Category.COUNTERFEIT_IP,
        "Xâm phạm quyền sở hữu trí tuệ đối với nhãn hiệu",
        "Trademark infringement",
    ),
    "substandard": (Category.COUNTERFEIT_IP, "Kinh doanh hàng kém chất lượng", "Trading substandard goods"),
    "food_safety": (Category.OTHER, "Vi phạm an toàn thực phẩm", "Food safety violations"),
    "business_other": (
        Category.OTHER,
        "Vi phạm khác trong hoạt động kinh doanh",
        "Other business violations",
    ),
}

# code: (Vietnamese name, English name)
COMMODITY_GROUPS: dict[str, tuple[str, str]] = {
    "poultry": ("Gia cầm và sản phẩm gia cầm", "Poultry and poultry products"),
    "frozen_food": ("Thực phẩm đông lạnh, phụ phẩm động vật", "Frozen food and animal by-products"),
    "cigarettes": ("Thuốc lá điếu", "Cigarettes"),
    "sugar": ("Đường", "Sugar"),
    "fuel": ("Xăng dầu", "Fuel"),
    "cosmetics": ("Mỹ phẩm", "Cosmetics"),
    "milk": ("Sữa và sản phẩm từ sữa", "Milk and dairy products"),
    "electronics": ("Điện tử, điện thoại, linh kiện", "Electronics, phones and parts"),
    "apparel": ("Quần áo, giày dép, túi xách", "Clothing, footwear and bags"),
    "pharma": ("Thuốc tân dược, thực phẩm chức năng", "Medicines and food supplements"),
    "fruit": ("Hoa quả, nông sản", "Fruit and farm produce"),
    "firecrackers": ("Pháo nổ", "Firecrackers"),
    "toys": ("Đồ chơi trẻ em", "Children's toys"),
    "alcohol": ("Rượu, bia", "Alcoholic drinks"),
    "household": ("Hàng gia dụng", "Household goods"),
}


@dataclass(frozen=True)
class GoodsItem:
    """One kind of goods as it appears on seizure records: description, group, HS heading, unit, price, lot size."""

    description: str
    group: str
    hs_code: str
    unit: str
    price: tuple[int, int]  # VND per unit
    quantity: tuple[int, int]  # a usual lot
    large: int  # a lot from which the case is usually prosecuted


# fmt: off
GOODS: dict[str, GoodsItem] = {
    "hens": GoodsItem("Gà thải loại nhập lậu, không có giấy kiểm dịch", "poultry", "0105", "con", (55_000, 85_000), (10, 200), 3000),
    "chicks": GoodsItem("Gà giống nhập lậu từ Trung Quốc", "poultry", "0105", "con", (6_000, 12_000), (100, 1500), 20000),
    "chicken_feet": GoodsItem("Chân gà đông lạnh không rõ nguồn gốc", "poultry", "0207", "kg", (35_000, 65_000), (30, 500), 8000),
    "offal": GoodsItem("Nầm lợn, lòng lợn đông lạnh bốc mùi hôi thối", "frozen_food", "0206", "kg", (25_000, 50_000), (30, 500), 8000),
    "cigarettes": GoodsItem("Thuốc lá điếu nhập lậu (Esse, Jet, 555)", "cigarettes", "2402", "bao", (18_000, 32_000), (20, 400), 1500),
    "sugar": GoodsItem("Đường kính trắng nhập lậu", "sugar", "1701", "kg", (15_000, 21_000), (50, 1000), 30000),
    "diesel": GoodsItem("Dầu diesel không rõ nguồn gốc", "fuel", "2710", "lít", (17_000, 23_000), (100, 1500), 40000),
    "petrol": GoodsItem("Xăng RON 92 không có hóa đơn chứng từ", "fuel", "2710", "lít", (19_000, 24_000), (50, 800), 30000),
    "cosmetics_fake": GoodsItem("Mỹ phẩm giả mạo nhãn hiệu (son môi, kem dưỡng da)", "cosmetics", "3304", "sản phẩm", (40_000, 250_000), (10, 150), 5000),
    "cosmetics_smuggled": GoodsItem("Mỹ phẩm nhập lậu không có nhãn phụ tiếng Việt", "cosmetics", "3304", "sản phẩm", (60_000, 400_000), (5, 120), 5000),
    "milk": GoodsItem("Sữa bột trẻ em nhập lậu", "milk", "1901", "hộp", (250_000, 700_000), (3, 30), 1000),
    "phones": GoodsItem("Điện thoại di động đã qua sử dụng nhập lậu", "electronics", "8517", "chiếc", (900_000, 4_500_000), (1, 12), 400),
    "earphones": GoodsItem("Tai nghe, sạc dự phòng không rõ nguồn gốc", "electronics", "8518", "chiếc", (40_000, 180_000), (10, 300), 10000),
    "clothes_fake": GoodsItem("Quần áo giả mạo nhãn hiệu Adidas, Nike", "apparel", "6109", "chiếc", (45_000, 180_000), (10, 200), 5000),
    "shoes_fake": GoodsItem("Giày dép giả mạo nhãn hiệu", "apparel", "6404", "đôi", (80_000, 300_000), (5, 100), 3000),
    "bags_fake": GoodsItem("Túi xách giả mạo nhãn hiệu Louis Vuitton, Gucci", "apparel", "4202", "chiếc", (120_000, 450_000), (3, 60), 2000),
    "clothes": GoodsItem("Quần áo may sẵn nhập lậu", "apparel", "6204", "chiếc", (30_000, 120_000), (20, 400), 10000),
    "supplements": GoodsItem("Thực phẩm chức năng không rõ nguồn gốc", "pharma", "2106", "hộp", (60_000, 350_000), (5, 120), 3000),
    "medicines": GoodsItem("Thuốc tân dược nhập lậu", "pharma", "3004", "hộp", (30_000, 250_000), (5, 120), 3000),
    "fruit": GoodsItem("Táo, lê, quýt Trung Quốc không rõ nguồn gốc", "fruit", "0808", "kg", (12_000, 35_000), (100, 1500), 50000),
    "firecrackers": GoodsItem("Pháo nổ các loại", "firecrackers", "3604", "kg", (250_000, 450_000), (1, 5), 6),
    "toys": GoodsItem("Đồ chơi trẻ em không có dấu hợp quy CR", "toys", "9503", "chiếc", (15_000, 90_000), (20, 400), 20000),
    "spirits": GoodsItem("Rượu ngoại nhập lậu", "alcohol", "2208", "chai", (250_000, 1_200_000), (2, 24), 600),
    "household": GoodsItem("Đồ gia dụng (nồi cơm điện, bếp từ) không rõ nguồn gốc", "household", "8516", "chiếc", (250_000, 900_000), (2, 30), 1500),
}
# fmt: on
