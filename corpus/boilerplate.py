"""Which paragraphs are web boilerplate or headings rather than article body.

Boilerplate is *marked*, never deleted: the reader can dim or hide it, the aligner leaves it unaligned and search
can skip it. The cues are generic web furniture in the languages Babelscope targets (breadcrumbs, logos,
copyright, share widgets, bylines and update stamps, image credits, placeholders, "related" lists), short lines
repeated inside one article (captions repeating the headline) and, at corpus level, lines repeated across many
files (site menus and footers; see ``corpus_repeats``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import icu

import polars as pl

# The furniture rules, written case-folded; Polars evaluates them over a whole chunk's paragraphs at once.
_BREADCRUMB_START = (
    r"^(当前位置|您的位置|你的位置|位置|首页|現在位置|ホーム|home|главная|الرئيسية|beranda)\s*[:：>»›/|]"
)
_BREADCRUMB_SEP = (r"\s*[>»›|]\s*")
_COPYRIGHT = (
    r"(©|\(c\)\s*\d{4}|copyright|all rights reserved|版权所有|版权声明|著作権|無断転載|все права защищены|"
    r"جميع الحقوق محفوظة|hak cipta)"
)
#: Python's word characters (letters, digits, underscore): Rust's ``\w`` and ``\b`` also count combining marks,
#: and folding İ gives i + U+0307.
_WORD, _NOT_WORD = r"[\p{L}\p{N}_]", r"[^\p{L}\p{N}_]"
_LOGO = rf"^(logo|логотип|شعار|标志|ロゴ)(?:$|{_NOT_WORD})|(?:^|{_NOT_WORD})logo$"
_WIDGET_WORDS = (
    r"^(share|tweet|facebook|twitter|whatsapp|telegram|linkedin|email|print|comments?|like|"
    r"分享|评论|点赞|收藏|转发|打印|شارك|تعليق|تعليقات|مشاركة|поделиться|комментарии|твитнуть|"
    r"シェア|コメント|ツイート|いいね|bagikan|komentar|suka|cetak)$"
)
_METADATA_LABEL = (
    r"^(date|author|by|published|updated|posted|source|image|photo|credit|дата|автор|источник|фото|"
    r"التاريخ|الكاتب|المصدر|صورة|تاريخ النشر|日期|作者|来源|更新时间|发布时间|图片来源|日付|著者|出典|画像|写真|"
    r"tanggal|penulis|sumber|sumber asli|sumber gambar|sumber foto|foto|gambar)\s*[:：]"
)
_RELATED = (
    r"^(related( articles| posts)?|read (more|also)|more from|читайте также|по теме|اقرأ أيضا|أحدث|ذات صلة|"
    r"相关(教程|阅读|文章|推荐)?|推荐阅读|延伸阅读|関連記事|あわせて読みたい|baca juga|berita terkait)"
)
_REPUBLISHED = (
    r"^(本文(来自|转载|经授权)|原文(链接|地址)|阅读原文|转载请注明|原文を(見る|読む)|this article (was|is) (originally )?published|"
    r"view original|read the original|читать (оригинал|полностью)|عرض الأصل|lihat asli)"
)
_DISCLAIMER = (
    r"(third[- ]party|pihak ketiga|第三方|第三者|третьих лиц|طرف ثالث).{0,120}(content|konten|内容|コンテンツ|контент|محتوى)"
)
_BULLET = re.compile(r"^[\s•·▪◦‣*-]+")
_TRAILING_MAX_CHARS = 60
_TRAILING_MIN_RUN = 4
_TRAILING_FURNITURE_SHARE = 0.4
_PLACEHOLDER = rf"^{_WORD}+_{_WORD}+$"
_SENTENCE_END = "。．.!！…\"'”»」』)）"
_HEADING_MAX_CHARS = 100
_HEADING_MAX_WORDS = 16
_WIDGET_MAX_CHARS = 60
_REPEAT_MAX_CHARS = 100
#: No furniture rule matches a longer paragraph (the longest, the third-party disclaimer, stops at 400): skip
#: the regexes for it, which would otherwise scan a 50 MB one-line article several times.
FURNITURE_MAX_CHARS = 400
#: Paragraphs longer than this are never "the same line repeated across files" (menus, footers, bylines).
CORPUS_REPEAT_MAX_CHARS = 300


_WIDGET_SEPARATORS = r"[\s|·•/,，、]"
#: A line of nothing but widget words and separators.
_WIDGET_LINE = rf"^{_WIDGET_SEPARATORS}*(?:{_WIDGET_WORDS[1:-1]})(?:{_WIDGET_SEPARATORS}+(?:{_WIDGET_WORDS[1:-1]}))*{_WIDGET_SEPARATORS}*$"


def _folded(paragraph: str) -> str | None:
    """The paragraph with white space collapsed and case folded, or None when it is too long for any rule."""
    return " ".join(paragraph.split()).casefold() if len(paragraph) <= FURNITURE_MAX_CHARS else None


def furniture(folded: Sequence[str | None]) -> list[bool]:
    """Whether each paragraph, on its own, reads as web furniture rather than article text, given its
    :func:`folded_paragraphs` key (None, a paragraph too long for any rule, gives False here: :func:`classify`
    checks it has letters). The rules' regexes run in one Polars pass over all the keys given (an ingest chunk's
    paragraphs): per paragraph in Python they were the most expensive part of classifying. Every length test
    limits its rule: most paragraphs are long body text."""
    keys = pl.DataFrame({"key": list(folded)}, schema={"key": pl.String})
    key, n = pl.col("key"), pl.col("key").str.len_chars()
    rules = (
        key.str.contains(_BREADCRUMB_START)
        | (n < 200) & (key.str.count_matches(_BREADCRUMB_SEP) >= 2)
        | (n < 200) & key.str.contains(_COPYRIGHT)
        | (n < 40) & key.str.contains(_LOGO)
        | (n <= _WIDGET_MAX_CHARS) & key.str.contains(_WIDGET_LINE)
        | key.str.contains(_PLACEHOLDER)
        | (n < 80) & key.str.contains(_METADATA_LABEL)
        | (n < 120) & (key.str.contains(_RELATED) | key.str.contains(_REPUBLISHED))
        | (n < 400) & key.str.contains(_DISCLAIMER)
        # one entry of a site's language menu
        | (n <= 100) & key.str.replace(_BULLET.pattern, "").str.split(" (").list.first().is_in(language_names())
    )
    matched = keys.select(rules.fill_null(False))["key"].to_list()
    return [hit or fold is not None and not _has_letter_or_digit(fold) for hit, fold in zip(matched, folded)]


def _has_letter_or_digit(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Every language's name in its own language and in English, from the CLDR data ICU carries."""
    names: set[str] = set()
    english = icu.Locale("en")
    for locale in icu.Locale.getAvailableLocales().values():
        for name in (locale.getDisplayName(locale), locale.getDisplayLanguage(locale), locale.getDisplayName(english)):
            if name:
                names.add(name.casefold())
                names.add(name.split(" (")[0].casefold())
    return frozenset(names)


def is_heading_line(text: str, headline_position: bool = False) -> bool:
    """A short line without sentence-final punctuation.

    A question is a heading only when short or in headline position: headlines ask questions, but so does prose.
    """
    stripped = text.strip().rstrip("*# ").strip()
    if not stripped or len(stripped) > _HEADING_MAX_CHARS:
        return False
    if text.lstrip().startswith("#"):
        return True
    if len(stripped.split()) > _HEADING_MAX_WORDS:
        return False
    if stripped[-1] in _SENTENCE_END:
        return False
    if stripped[-1] in "?？؟" and not headline_position and len(stripped) > 40:
        return False
    # a line with a sentence break inside is prose, not a heading
    return not re.search(r"[.。!！?？؟]\s+\S", stripped)


def folded_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """Each paragraph with white space collapsed and case folded (None when longer than any rule reads): the
    key :func:`classify` matches, and the one ingest fingerprints for the corpus-wide repeated-line pass."""
    return [_folded(text[start:end]) for start, end in spans]


def classify(
    text: str,
    spans: list[tuple[int, int]],
    folded: list[str | None] | None = None,
    furniture_flags: list[bool] | None = None,
) -> list[str]:
    """Kind of each paragraph span: boilerplate, heading or body (article-level cues only). ``folded`` and
    ``furniture_flags`` are :func:`folded_paragraphs` and :func:`furniture` of the spans when the caller has them
    (ingest computes them for a whole chunk at once)."""
    kinds: list[str] = []
    seen_short: set[str] = set()
    boilerplate = 0
    keys = folded_paragraphs(text, spans) if folded is None else folded
    flags = furniture(keys) if furniture_flags is None else furniture_flags
    for position, ((start, end), key, flag) in enumerate(zip(spans, keys, flags)):
        paragraph = text[start:end]
        short = key is not None and len(key) <= _REPEAT_MAX_CHARS
        if flag or key is None and not _has_letter_or_digit(paragraph) or short and key in seen_short:
            kinds.append("boilerplate")  # furniture, or a caption/widget repeating an earlier line (the headline)
            boilerplate += 1
        elif is_heading_line(paragraph, headline_position=boilerplate + 3 > position):
            kinds.append("heading")
        else:
            kinds.append("body")
        if short:
            seen_short.add(key)
    _mark_trailing_chrome(text, spans, kinds)
    return kinds


def _mark_trailing_chrome(text: str, spans: list[tuple[int, int]], kinds: list[str]) -> None:
    """A run of short lines ending the page that is mostly furniture is all furniture (menus, app ads, widgets)."""
    run = 0
    for start, end in reversed(spans):
        if end - start > _TRAILING_MAX_CHARS:
            break
        run += 1
    if run < _TRAILING_MIN_RUN:
        return
    tail = range(len(spans) - run, len(spans))
    furniture = sum(kinds[i] == "boilerplate" or bool(_BULLET.match(text[spans[i][0]:spans[i][1]])) for i in tail)
    if furniture >= _TRAILING_FURNITURE_SHARE * run:
        for i in tail:
            kinds[i] = "boilerplate"


def corpus_repeats(paragraphs: pl.DataFrame, min_docs: int = 3, min_share: float = 0.02) -> pl.DataFrame:
    """Mark as boilerplate the short paragraphs whose text recurs in many articles (menus, footers, bylines).

    ``paragraphs`` needs a ``fingerprint`` column (hash of the folded paragraph text; only read for paragraphs of
    at most :data:`CORPUS_REPEAT_MAX_CHARS`) and ``chars``; a line counts
    as repeated when at least ``max(min_docs, min_share × articles)`` distinct articles contain it.
    """
    n_docs = paragraphs.select(pl.col("doc_id").n_unique()).item() if paragraphs.height else 0
    threshold = max(min_docs, int(min_share * n_docs))
    repeated = (
        paragraphs.filter(pl.col("chars") <= CORPUS_REPEAT_MAX_CHARS)
        .group_by("fingerprint")
        .agg(pl.col("doc_id").n_unique().alias("docs"))
        .filter(pl.col("docs") >= threshold)
        .select("fingerprint")
    )
    if repeated.height == 0:
        return paragraphs
    return paragraphs.with_columns(
        pl.when(pl.col("fingerprint").is_in(repeated["fingerprint"].implode()))
        .then(pl.lit("boilerplate"))
        .otherwise(pl.col("kind"))
        .alias("kind")
    )
