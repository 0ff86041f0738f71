"""An article's title when its metadata gives none.

The first heading-like paragraph near the top wins, unless it is a bare section label ("Timeline", "График",
"Video"): news pages reuse such words as sub-headings, and a library full of rows called "График" names nothing.
Without a usable heading the title is the first sentence of the first body paragraph, minus a leading rubric
glued to it by the page's text extraction ("Комментарий Microsoft застряла…" → "Microsoft застряла…").
"""

from __future__ import annotations

_LOOKAHEAD = 6
_MAX_CHARS = 120

#: Section and rubric labels in the corpus languages (casefolded): never a title on their own.
RUBRICS = frozenset(
    """
    timeline chart graph graphic infographic video photo photos gallery update updates comment comments opinion
    analysis background summary explainer live related advertisement
    график графика хронология инфографика видео фото фотогалерея обновление комментарий комментарии мнение
    анализ аналитика справка реклама
    الجدول الزمني رسم بياني فيديو صور تحديث تعليق رأي تحليل خلفية إعلان
    时间线 时间表 图表 视频 图片 组图 更新 评论 观点 分析 背景 广告
    タイムライン 年表 グラフ 図表 動画 写真 更新 コメント 論説 解説 分析 広告
    linimasa grafik video foto galeri pembaruan komentar opini analisis latar iklan
    """.split()
)


def shorten(text: str, limit: int = _MAX_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def is_rubric(text: str) -> bool:
    """Whether ``text`` is only a section label (``Timeline:``, ``График``), whatever its case or trailing colon."""
    return " ".join(text.strip(" \t#*:：").split()).casefold() in RUBRICS


def strip_rubric(sentence: str) -> str:
    """``sentence`` without a leading rubric word, when a capitalised or non-cased word follows it."""
    head, _, rest = sentence.strip().partition(" ")
    rest = rest.lstrip()
    if rest and is_rubric(head) and not rest[0].islower():
        return rest
    return sentence


def pick_title(
    text: str,
    paragraphs: list[tuple[int, int, str]],
    first_sentence: tuple[int, int] | None,
) -> str:
    """``paragraphs`` are ``(start, end, kind)``; ``first_sentence`` is the first body sentence's span."""
    content = [(s, e, k) for s, e, k in paragraphs if k != "boilerplate"]
    for start, end, kind in content[:_LOOKAHEAD]:
        line = text[start:end].strip("#* ")
        if kind == "heading" and any(ch.isalpha() for ch in line) and not is_rubric(line):
            return shorten(line)
    if first_sentence:
        return shorten(strip_rubric(text[first_sentence[0]:first_sentence[1]]))
    if content:
        return shorten(text[content[0][0]:content[0][1]])
    return ""
