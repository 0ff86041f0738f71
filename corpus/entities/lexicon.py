"""Closed-class cue words for mention extraction: what marks a span as a person, an organisation or a place, and
the function words that can never be (part of) a name.

These are grammar, not names: organisation legal forms and nouns, honorifics and titles, locative prepositions,
common-noun acronyms. No entity of the sample corpus is listed here; names come from the text (capitalisation,
script runs, glosses, cross-article evidence), from ICU's region names (gazetteer.py) and from the shared alias
sources (:mod:`corpus.aliases`: the user's aliases, names paired in aligned paragraphs of translations).
"""

from __future__ import annotations

TYPES = ("PER", "ORG", "LOC", "PRODUCT")

# Legal forms and organisation nouns that END an organisation name (Latin/Cyrillic words, case-insensitive).
ORG_SUFFIX_WORDS = frozenset(
    {
        "inc", "inc.", "llc", "ltd", "ltd.", "corp", "corp.", "corporation", "co.", "gmbh", "ag", "sa", "plc",
        "company", "group", "holdings", "capital", "ventures", "partners", "management", "technology",
        "technologies", "labs", "lab", "foundation", "institute", "university", "bank", "fund", "media",
        "magazine", "news", "times", "post", "global", "systems", "software", "research",
        "тбк", "tbk", "pt",
    }
)
# Legal forms alone (Microsoft Corp is Microsoft): dropped when names are keyed for linking.
LEGAL_FORMS = frozenset({"inc", "llc", "ltd", "corp", "corporation", "co", "gmbh", "ag", "sa", "plc", "tbk", "pt"})
# Legal forms that START an organisation name (ООО «Ромашка», PT Telkom).
ORG_PREFIX_WORDS = frozenset({"ооо", "оао", "зао", "пао", "ао", "нко", "pt", "cv"})
# ... and the quoted-name pattern they introduce in Russian: ООО «Ромашка».
LEGAL_QUOTED = r"(?<!\w)(?:ООО|ОАО|ЗАО|ПАО|АО|НКО|ИП)\s?«[^»\n]{1,60}»"
# CJK organisation suffixes written right after the name (Han/kana runs).
CJK_ORG_SUFFIXES = ("株式会社", "有限公司", "集团", "公司", "银行", "大学", "研究所", "研究院", "社")
CJK_ORG_PREFIXES = ("株式会社",)
# Nouns that introduce an organisation name right after them (компания Microsoft, شركة OpenAI, perusahaan X).
ORG_CUE_BEFORE = frozenset(
    {
        "компания", "компании", "компанию", "компанией", "корпорация", "корпорации", "стартап", "стартапа",
        "стартапе", "фирма", "фирмы", "банк", "банка", "perusahaan", "startup", "firma", "company", "firm",
        "شركة", "لشركة", "بشركة", "وشركة", "مؤسسة", "مجموعة", "بنك",
    }
)
CJK_ORG_CUE_AFTER = ("公司", "集团", "社", "株式会社")

# Honorifics and titles before a person's name (case-insensitive for Latin/Cyrillic).
PER_CUE_BEFORE = frozenset(
    {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "pak", "bapak", "bu", "ibu", "sdr",
        "г-н", "г-жа", "господин", "госпожа", "мистер", "миссис",
        "السيد", "السيدة", "الدكتور", "المهندس",
    }
)
# Honorifics after a name inside a CJK run: trimmed from the span, a strong person cue.
CJK_PER_HONORIFICS = ("さん", "さま", "ちゃん", "くん", "氏", "様", "君", "先生")
# Han function/title characters that bound a ·-joined transliterated name (a name never contains them).
HAN_NAME_STOPS = frozenset("的是在与和也了被将把从对向于及等为由让给并而但就都还又说称表示上下中官长者人们这那其之")

# Locative prepositions / postpositions: a weak place cue (Microsoft is also "in" news).
LOC_CUE_BEFORE = frozenset({"в", "во", "из", "di", "ke", "dari", "in", "at", "from", "near"})
CJK_LOC_SUFFIXES = ("市", "州", "省", "県", "区", "国")
# Landform and street nouns that END a place name (Silicon Valley, Wall Street, Long Island; Latin words,
# case-insensitive). Not city or park: Manchester City and Gorky Park name a club and a band as often as a place.
LOC_SUFFIX_WORDS = frozenset(
    {
        "valley", "river", "bay", "island", "islands", "lake", "mountain", "mountains", "street", "avenue",
        "square", "county", "beach", "peninsula", "strait", "sea", "ocean", "gulf", "canyon", "desert", "coast",
    }
)
# Russian landform and street nouns (stems, any case follows) that a capitalised adjective before them names:
# Кремниевая долина, Красная площадь, Персидский залив. The noun is written in lower case, so no run holds it.
RU_LOC_NOUN_STEMS = ("долин", "залив", "остров", "площад", "улиц", "проспект", "бульвар", "пролив", "полуостров",
                     "озер", "океан", "пустын", "равнин", "хребт", "бухт")
# ... and the words that START one (San Francisco, Santa Clara, São Paulo, Fort Worth, Cape Town, Mount Everest).
LOC_PREFIX_WORDS = frozenset({"san", "santa", "santo", "são", "saint", "sankt", "fort", "port", "cape", "mount"})

# Common-noun acronyms and single letters written in capitals: never a name on their own.
ACRONYM_STOPLIST = frozenset(
    {
        "AI", "CEO", "CTO", "CFO", "COO", "CPO", "VP", "PR", "IT", "HR", "AGI", "LLM", "LLMS", "VS", "ID",
        "DAU", "MAU", "SAAS", "API", "APP", "IPO", "OK", "TV", "PC", "USB", "PDF", "FAQ", "UTC", "GMT", "AM", "PM",
        "UBI", "ML", "ООО", "ОАО", "ЗАО", "ПАО", "ИИ", "ИТ", "СМИ", "ЦЕО", "NLP", "GPU", "CPU", "R&D", "B2B", "B2C", "ESG", "KPI", "ROI", "VC", "Q&A",
    }
)

# Function words of the Latin/Cyrillic languages we read: they end a capitalised run even where a tiny corpus
# never shows them in lower case (a title line: "Striking the Perfect Balance Between Mission and Business").
FUNCTION_WORDS = frozenset(
    {
        # en
        "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "from", "with", "by", "between",
        "about", "into", "over", "after", "before", "is", "are", "was", "were", "be", "this", "that", "these",
        "those", "it", "its", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "one",
        "how", "why", "what", "who", "when", "where", "not", "no", "but", "if", "as", "so", "all", "new",
        # id
        "dan", "atau", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "dalam", "ini", "itu", "adalah",
        "tidak", "juga", "akan", "oleh", "saya", "anda", "kami", "kita", "mereka", "dia", "apa", "mengapa",
        "bagaimana", "jika", "tetapi", "namun", "setelah", "sebelum", "saat", "menurut", "satu", "dua",
        # ru
        "и", "в", "во", "на", "с", "со", "к", "ко", "по", "о", "об", "от", "до", "из", "за", "для", "при", "не",
        "но", "а", "или", "что", "как", "это", "он", "она", "они", "мы", "вы", "я", "его", "её", "их", "если",
        "когда", "где", "так", "уже", "еще", "ещё", "все", "всё",
    }
)
