"""Plain text out of HTML and Markdown articles.

Offsets in Babelscope point into an article's *text*; for HTML and Markdown that is the extracted text
(CONVENTIONS.md), so extraction must be deterministic: the same file always yields the same text and offsets.
Block elements become paragraphs separated by blank lines; scripts, styles and navigation chrome are dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table td th tr ul".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self.title: str | None = None
        self.first_heading: str | None = None
        self.lang: str | None = None
        self._in_title = False
        self._in_heading = False
        self._heading_text: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html" and attributes.get("lang"):
            self.lang = attributes["lang"]
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name") or ""
            if key and attributes.get("content"):
                self.meta[key.lower()] = attributes["content"]
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADING_TAGS:
            self._in_heading = True
            self._heading_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS and self._skip_depth:
            self._skip_depth -= 1
        if tag in _HEADING_TAGS:
            self._in_heading = False
            if self.first_heading is None and "".join(self._heading_text).strip():
                self.first_heading = " ".join("".join(self._heading_text).split())
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = ((self.title or "") + data).strip()
            return
        if self._skip_depth:
            return
        self._current.append(data)
        if self._in_heading:
            self._heading_text.append(data)

    def _flush(self) -> None:
        block = " ".join("".join(self._current).split())
        if block:
            self.blocks.append(block)
        self._current = []


def html_to_text(source: str) -> tuple[str, dict[str, str]]:
    """Extract paragraphs (blank-line separated) and metadata (title, lang, date, url, source) from HTML."""
    parser = _TextExtractor()
    parser.feed(source)
    parser.close()
    parser._flush()
    meta: dict[str, str] = {}
    title = parser.first_heading or parser.meta.get("og:title") or parser.title
    if title:
        meta["title"] = title
    if parser.lang:
        meta["lang"] = parser.lang
    for key, field in (("article:published_time", "date"), ("og:url", "url"), ("og:site_name", "source")):
        if parser.meta.get(key):
            meta[field] = parser.meta[key]
    return "\n\n".join(parser.blocks), meta


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`+)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:>\s?|[-*+]\s+(?!\S*\*\*)|\d+[.)]\s+)")
_MD_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def markdown_to_text(source: str) -> tuple[str, dict[str, str]]:
    """Light Markdown → text: headings, links, images, emphasis and quote/list markers removed, lines kept.

    YAML-ish front matter (``title:``, ``lang:``, ``date:``, ``url:``, ``source:``) becomes metadata.
    """
    meta: dict[str, str] = {}
    front = _MD_FRONT_MATTER.match(source)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip() in {"title", "lang", "date", "url", "source"} and value.strip():
                meta[key.strip()] = value.strip().strip("\"'")
        source = source[front.end():]
    lines = []
    for line in source.split("\n"):
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
            meta.setdefault("title", line)
        else:
            line = _MD_PREFIX.sub("", line)
        line = _MD_IMAGE.sub(r"\1", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines), meta
