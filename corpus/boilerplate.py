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
from functools import lru_cache

import icu

import polars as pl

_BREADCRUMB_START = re.compile(
    r"^(当前位置|您的位置|你的位置|位置|首页|現在位置|ホーム|home|главная|الرئيسية|beranda)\s*[:：>»›/|]",
)
_BREADCRUMB_SEP = re.compile(r"\s*[>»›|]\s*")
_COPYRIGHT = re.compile(
    r"(©|\(c\)\s*\d{4}|copyright|all rights reserved|版权所有|版权声明|著作権|無断転載|все права защищены|"
    r"جميع الحقوق محفوظة|hak cipta)",
)
_LOGO = re.compile(r"^(logo|логотип|شعار|标志|ロゴ)\b|\blogo$")
_WIDGET_WORDS = re.compile(
    r"^(share|tweet|facebook|twitter|whatsapp|telegram|linkedin|email|print|comments?|like|"
    r"分享|评论|点赞|收藏|转发|打印|شارك|تعليق|تعليقات|مشاركة|поделиться|комментарии|твитнуть|"
    r"シェア|コメント|ツイート|いいね|bagikan|komentar|suka|cetak)$",
)
_METADATA_LABEL = re.compile(
    r"^(date|author|by|published|updated|posted|source|image|photo|credit|дата|автор|источник|фото|"
    r"التاريخ|الكاتب|المصدر|صورة|تاريخ النشر|日期|作者|来源|更新时间|发布时间|图片来源|日付|著者|出典|画像|写真|"
    r"tanggal|penulis|sumber|sumber asli|sumber gambar|sumber foto|foto|gambar)\s*[:：]",
)
_RELATED = re.compile(
    r"^(related( articles| posts)?|read (more|also)|more from|читайте также|по теме|اقرأ أيضا|أحدث|ذات صلة|"
    r"相关(教程|阅读|文章|推荐)?|推荐阅读|延伸阅读|関連記事|あわせて読みたい|baca juga|berita terkait)",
)
_REPUBLISHED = re.compile(
    r"^(本文(来自|转载|经授权)|原文(链接|地址)|阅读原文|转载请注明|原文を(見る|読む)|this article (was|is) (originally )?published|"
    r"view original|read the original|читать (оригинал|полностью)|عرض الأصل|lihat asli)",
)
_DISCLAIMER = re.compile(
    r"(third[- ]party|pihak ketiga|第三方|第三者|третьих лиц|طرف ثالث).{0,120}(content|konten|内容|コンテンツ|контент|محتوى)",
)
_BULLET = re.compile(r"^[\s•·▪◦‣*-]+")
_TRAILING_MAX_CHARS = 60
_TRAILING_MIN_RUN = 4
_TRAILING_FURNITURE_SHARE = 0.4
_PLACEHOLDER = re.compile(r"^[\w]+_[\w]+$")
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


def _is_widget_line(text: str) -> bool:
    """``text`` (case-folded) is only share/comment/print widget words."""
    if len(text) > _WIDGET_MAX_CHARS:
        return False
    parts = [p for p in re.split(r"[\s|·•/,，、]+", text) if p]
    return bool(parts) and all(_WIDGET_WORDS.match(p) for p in parts)


def is_boilerplate_line(text: str) -> bool:
    """Whether one paragraph, on its own, reads as web furniture rather than article text."""
    return _is_furniture(text, _folded(text))


def _folded(paragraph: str) -> str | None:
    """The paragraph with white space collapsed and case folded, or None when it is too long for any rule."""
    return " ".join(paragraph.split()).casefold() if len(paragraph) <= FURNITURE_MAX_CHARS else None


def _is_furniture(paragraph: str, folded: str | None) -> bool:
    """:func:`is_boilerplate_line` given :func:`_folded` (the patterns are written case-folded: matching folded
    text is several times faster than IGNORECASE)."""
    if folded is None or len(folded) > FURNITURE_MAX_CHARS:
        return not any(unicodedata.category(ch)[0] in "LN" for ch in paragraph)
    if not folded:
        return True
    n = len(folded)  # every length test comes before its regex: most paragraphs are long body text
    if _BREADCRUMB_START.search(folded) or n < 200 and len(_BREADCRUMB_SEP.findall(folded)) >= 2:
        return True
    if n < 200 and _COPYRIGHT.search(folded):
        return True
    if n < 40 and _LOGO.search(folded):
        return True
    if (n <= _WIDGET_MAX_CHARS and _is_widget_line(folded)) or _PLACEHOLDER.match(folded):
        return True
    if n < 80 and _METADATA_LABEL.match(folded):
        return True
    if n < 120 and (_RELATED.match(folded) or _REPUBLISHED.match(folded)):
        return True
    if n < 400 and _DISCLAIMER.search(folded):
        return True
    if n <= 100 and _BULLET.sub("", folded).split(" (")[0] in language_names():
        return True  # one entry of a site's language menu
    return not any(unicodedata.category(ch)[0] in "LN" for ch in folded)


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


def classify(text: str, spans: list[tuple[int, int]], folded: list[str | None] | None = None) -> list[str]:
    """Kind of each paragraph span: boilerplate, heading or body (article-level cues only); ``folded`` is
    :func:`folded_paragraphs` when the caller has it already."""
    kinds: list[str] = []
    seen_short: set[str] = set()
    boilerplate = 0
    keys = folded_paragraphs(text, spans) if folded is None else folded
    for position, ((start, end), key) in enumerate(zip(spans, keys)):
        paragraph = text[start:end]
        short = key is not None and len(key) <= _REPEAT_MAX_CHARS
        if _is_furniture(paragraph, key) or short and key in seen_short:
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
