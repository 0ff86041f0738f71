"""Per-language surfaces from issue 4: each sentence must yield exactly the expected figure."""

from __future__ import annotations

import pytest

from corpus.figures import Figure, extract_figures

# (lang, text, surface, kind, value, value_max, unit)
CASES = [
    # Russian
    ("ru", "выручка 1 234 567,89 рубля", "1 234 567,89 рубля", "money", 1234567.89, None, "RUB"),
    ("ru", "всего 1\u00a0234 человек", "1\u00a0234", "count", 1234, None, "человек"),
    ("ru", "всего 1\u202f234,5 тонны", "1\u202f234,5", "count", 1234.5, None, "тонны"),
    ("ru", "вложила более 10 миллиардов долларов", "10 миллиардов долларов", "money", 1e10, None, "USD"),
    ("ru", "10,5 млрд долл. в год", "10,5 млрд долл.", "money", 1.05e10, None, "USD"),
    ("ru", "около 300 тыс. руб", "300 тыс. руб", "money", 3e5, None, "RUB"),
    ("ru", "цена 500 ₽ за штуку", "500 ₽", "money", 500, None, "RUB"),
    ("ru", "стоимость 2 млн евро", "2 млн евро", "money", 2e6, None, "EUR"),
    ("ru", "с долей в 49 процентов", "49 процентов", "percent", 49, None, "%"),
    ("ru", "рост на 3,5%", "3,5%", "percent", 3.5, None, "%"),
    ("ru", "700 сотрудников ушли", "700", "count", 700, None, "сотрудников"),
    ("ru", "это случилось 20 ноября 2023 года", "20 ноября 2023 года", "date", "2023-11-20", None, None),
    ("ru", "до 20 ноября.", "20 ноября", "date", "--11-20", None, None),
    ("ru", "стоимостью более триллиона долларов", "триллиона долларов", "money", 1e12, None, "USD"),
    # Arabic
    ("ar", "بلغت ١٢٣٫٤٥ مليون دولار", "١٢٣٫٤٥ مليون دولار", "money", 123.45e6, None, "USD"),
    ("ar", "عددهم ١٬٢٣٤ موظفاً", "١٬٢٣٤", "count", 1234, None, "موظفاً"),
    ("ar", "استثمرت أكثر من 10 مليارات دولار", "10 مليارات دولار", "money", 1e10, None, "USD"),
    ("ar", "بحصة تبلغ 49%، كانت", "49%", "percent", 49, None, "%"),
    ("ar", "ارتفع بنسبة ٣٫٥٪ أمس", "٣٫٥٪", "percent", 3.5, None, "%"),
    ("ar", "نحو 5 آلاف ريال", "5 آلاف ريال", "money", 5000, None, "SAR"),
    ("ar", "بقيمة 200 جنيه", "200 جنيه", "money", 200, None, "EGP"),
    ("ar", "في ٢٠ نوفمبر ٢٠٢٣ أعلن", "٢٠ نوفمبر ٢٠٢٣", "date", "2023-11-20", None, None),
    ("ar", "في 20 تشرين الثاني أعلن", "20 تشرين الثاني", "date", "--11-20", None, None),
    ("ar", "حوالي ۱۲۳ شخصا", "۱۲۳", "count", 123, None, "شخصا"),
    # Chinese
    ("zh", "市值接近2.8万亿美元，", "2.8万亿美元", "money", 2.8e12, None, "USD"),
    ("zh", "消耗了微软130亿美元资金", "130亿美元", "money", 1.3e10, None, "USD"),
    ("zh", "投入了一百三十亿元", "一百三十亿元", "money", 1.3e10, None, "CNY"),
    ("zh", "这个公司一共也只有770名员工。", "770名", "count", 770, None, "员工"),
    ("zh", "共有三千五百名员工", "三千五百名", "count", 3500, None, "员工"),
    ("zh", "提高了百分之五的效率", "百分之五", "percent", 5, None, "%"),
    ("zh", "提高了15%-20%。", "15%-20%", "percent", 15, 20, "%"),
    ("zh", "纳德拉于11月20日在社交平台上宣布", "11月20日", "date", "--11-20", None, None),
    ("zh", "2023年11月20日发布", "2023年11月20日", "date", "2023-11-20", None, None),
    ("zh", "更新时间:2023-11-22 09:30:30作者", "2023-11-22 09:30:30", "date", "2023-11-22T09:30:30", None, None),
    ("zh", "售价１２３元", "１２３元", "money", 123, None, "CNY"),
    ("zh", "人民币100元", "人民币100元", "money", 100, None, "CNY"),
    ("zh", "这七百多人最有可能", "七百多人", "count", 700, None, "人"),
    # Japanese
    ("ja", "総額は1兆5000億円に達した", "1兆5000億円", "money", 1.5e12, None, "JPY"),
    ("ja", "百億ドルの投資", "百億ドル", "money", 1e10, None, "USD"),
    ("ja", "従業員770人のうち", "770人", "count", 770, None, "人"),
    ("ja", "2023年11月20日に発表", "2023年11月20日", "date", "2023-11-20", None, None),
    ("ja", "価格は５００円です", "５００円", "money", 500, None, "JPY"),
    ("ja", "シェアは３５％だ", "３５％", "percent", 35, None, "%"),
    # Indonesian
    ("id", "menginvestasikan $ 10 miliar lagi", "$ 10 miliar", "money", 1e10, None, "USD"),
    ("id", "senilai Rp 1.500 miliar", "Rp 1.500 miliar", "money", 1.5e12, None, "IDR"),
    ("id", "sebanyak 1.234,5 ton", "1.234,5", "count", 1234.5, None, "ton"),
    ("id", "tumbuh 1.5 persen", "1.5 persen", "percent", 1.5, None, "%"),
    ("id", "naik 3,5 persen", "3,5 persen", "percent", 3.5, None, "%"),
    ("id", "biaya 2 juta rupiah", "2 juta rupiah", "money", 2e6, None, "IDR"),
    ("id", "dari 770 karyawan", "770", "count", 770, None, "karyawan"),
    ("id", "pada 20 November 2023 lalu", "20 November 2023", "date", "2023-11-20", None, None),
    ("id", "pada 20 Nopember 2023 lalu", "20 Nopember 2023", "date", "2023-11-20", None, None),
    ("id", "pada tahun 2019, OpenAI", "2019", "date", "2019", None, None),
    # English
    ("en", "raised 1,234.5 tonnes", "1,234.5", "count", 1234.5, None, "tonnes"),
    ("en", "a $10bn deal", "$10bn", "money", 1e10, None, "USD"),
    ("en", "a $5m grant", "$5m", "money", 5e6, None, "USD"),
    ("en", "about US$ 3 billion", "US$ 3 billion", "money", 3e9, None, "USD"),
    ("en", "700-710 of them", "700-710", "count", 700, 710, None),
    ("en", "of 770 employees", "770", "count", 770, None, "employees"),
    ("en", "grew 12 per cent", "12 per cent", "percent", 12, None, "%"),
    ("en", "on November 20, 2023 the board", "November 20, 2023", "date", "2023-11-20", None, None),
    ("en", "on 20 November the board", "20 November", "date", "--11-20", None, None),
    ("en", "worth 1.500 dollars", "1.500 dollars", "money", 1.5, None, "USD"),
    ("en", "€200 each", "€200", "money", 200, None, "EUR"),
    ("en", "cost 5,000 yen", "5,000 yen", "money", 5000, None, "JPY"),
]


@pytest.mark.parametrize(("lang", "text", "surface", "kind", "value", "value_max", "unit"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_surface(lang: str, text: str, surface: str, kind: str, value: object, value_max: object,
                 unit: str | None) -> None:
    figures = extract_figures(text, lang)
    assert len(figures) == 1, figures
    (figure,) = figures
    assert figure.surface == surface
    assert text[figure.start:figure.end] == surface
    assert figure.kind == kind
    if isinstance(value, str):
        assert figure.value == value
    else:
        assert figure.value == pytest.approx(value)
    assert figure.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert figure.unit == unit


NOT_FIGURES = [
    ("en", "GPT-4 and COVID-19 and Web3 and 5G"),
    ("zh", "包括GPT-2、GPT-3和DALL·E"),
    ("en", "version 1.2.3 of Office 365 and Windows 11"),
    ("ja", "*1. Tencent Technology"),
    ("ja", "2.後期:「アルトマン」"),
    ("id", "  • 3 、 Inforamtion"),
    ("id", "0/400"),
    ("zh", "01 微软惨胜"),
    ("ru", "звоните +7 (495) 123-45-67"),
    ("en", "call 555-123-4567 today"),
    ("zh", "在Microsoft Ignite大会上，微软十分需要，万一失败，百度和三星"),
    ("ja", "2つ目は、第二に"),
    ("zh", "公众号“20社”"),
    ("en", "at 09:30 the 1st"),
    ("ru", "в пятницу"),
    ("zh", "周一涨超"),
    ("ja", "月曜日に"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_FIGURES, ids=[t for _, t in NOT_FIGURES])
def test_not_figures(lang: str, text: str) -> None:
    assert extract_figures(text, lang) == []


def test_years_inside_dates_are_not_counts() -> None:
    figures = extract_figures("Это было 20 ноября 2023 года, и 700 человек ушли.", "ru")
    assert [(f.kind, f.value) for f in figures] == [("date", "2023-11-20"), ("count", 700.0)]


def test_compound_cjk_and_ranges() -> None:
    (figure,) = extract_figures("营收3万5000人", "zh")
    assert figure.value == 35000
    (year_range,) = extract_figures("copyright © 2012-2024 site", "en")
    assert (year_range.kind, year_range.value, year_range.value_max) == ("date", "2012", "2024")


def test_window_offsets_point_into_the_whole_text() -> None:
    text = "770名员工。743名员工。"
    figures = extract_figures(text, "zh", start=7)
    assert [(f.start, f.surface) for f in figures] == [(7, "743名")]
    assert all(isinstance(f, Figure) for f in figures)


def test_arabic_indic_and_fullwidth_digits_parse_like_ascii() -> None:
    assert extract_figures("٧٧٠ موظفا", "ar")[0].value == 770
    assert extract_figures("۷۷۰ کارمند", "ar")[0].value == 770
    assert extract_figures("７７０名", "zh")[0].value == 770


def test_patterns_tried_near_their_marker_match_as_a_full_scan(sample_dir) -> None:
    """dates._tried_near tries a date pattern only a head's width before its marker (a space + digit after a month
    name, 月, 年): the same matches as finditer, on the sample articles and on strings packed with the pieces."""
    import random

    from corpus.figures import dates

    rng = random.Random(4)
    pieces = ["January", "Sept.", "Nop", "ноября", "Декабря", "сент.", "نوفمبر", "كانون الثاني", "تشرين الأول",
              " ", "  ", "\n", ",", "1", "20", "2023", "x", "Mei", "a", "го", "год", " 2019", " 7", "May 5",
              "年", "月", "日", "二〇二三", "十一", "三", "号", "代"]
    texts = [path.read_text(encoding="utf-8") for path in sorted(sample_dir.glob("*.txt"))]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    cases = [(dates.MONTH_DAY_YEAR, dates._SPACE_DIGIT, dates._MONTH_WIDTH),
             (dates.MONTH_YEAR, dates._SPACE_DIGIT, dates._MONTH_WIDTH),
             (dates.CJK_DATE, dates._YUE, dates._CJK_DATE_WIDTH), (dates.CJK_YEAR, dates._NIAN, dates._CJK_YEAR_WIDTH)]
    for pattern, marker, width in cases:
        found = 0
        for text in texts:
            full = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in dates._tried_near(pattern, text, dates._starts_before(text, marker, width))] == full
            found += len(full)
        assert found > 100  # the strings do hold dates of every pattern
