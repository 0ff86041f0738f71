"""Query syntax: ``words``, ``"phrases"``, ``lang:xx``, ``doc:ID``, ``re:REGEX`` and ``=word`` (exact only).

Parsing is separate from matching so the app can show what a query means (and a syntax error) before running it.

- A bare word is one *term*: matched as a word (exact / folded / prefix / typo) and as a name in every script.
  Several bare words are several terms; an article must contain every term (AND), each term's hits are shown.
- ``"Sam Altman"`` is a phrase: each word matched like a bare word, in order, adjacent (joined only by spaces or
  name joiners such as ``·`` / ``・``); one hit spans the whole phrase.
- ``=word`` matches the word exactly as typed (case included): no folding, prefix, fuzzy, transliteration or alias.
- ``re:REGEX`` runs a Polars (Rust ``regex``) pattern over the article text; quote it to include spaces
  (``re:"Open ?AI"``).
- ``lang:ru`` / ``doc:ID`` filter; several ``lang:`` are OR'd.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.search.errors import SearchError

_TOKEN = re.compile(r'(?P<prefix>[A-Za-z]+:|=)?(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+))|(?P<stray>")')
_FILTERS = ("lang", "doc", "re")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to find: ``words`` (one word, or the words of a phrase), or a regular expression."""

    words: tuple[str, ...] = ()
    exact: bool = False
    regex: str | None = None

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        """The term as the user wrote it (for messages and the ``key`` of regex hits)."""
        if self.regex is not None:
            return f"re:{self.regex}"
        joined = " ".join(self.words)
        return ("=" if self.exact else "") + (f'"{joined}"' if self.is_phrase else joined)


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...]
    langs: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()


def parse(text: str) -> Query:
    """Parse a query string; raises :class:`SearchError` for an unclosed quote or an empty filter value."""
    terms: list[Term] = []
    langs: list[str] = []
    docs: list[str] = []
    for match in _TOKEN.finditer(text):
        if match.group("stray"):
            raise SearchError('unclosed quote: every " needs a closing "')
        prefix = match.group("prefix") or ""
        value = match.group("quoted") if match.group("quoted") is not None else match.group("bare")
        name = prefix[:-1].lower() if prefix.endswith(":") else ""
        if not prefix and value.endswith(":") and value[:-1].lower() in _FILTERS:
            raise SearchError(f"{value} needs a value, e.g. lang:ru, doc:003, re:Open.?AI")
        if name and name not in _FILTERS:  # `http://…` or `CEO:` is a word, not an unknown filter
            value, name, prefix = prefix + value, "", ""
        if name == "lang":
            if not value or not _LANG.match(value):
                raise SearchError(f"lang: needs a language code such as lang:ru, got {value!r}")
            langs.append(value.lower().split("-")[0])
        elif name == "doc":
            if not value:
                raise SearchError("doc: needs an article id, prefix or file name")
            docs.append(value)
        elif name == "re":
            if not value:
                raise SearchError("re: needs a regular expression")
            terms.append(Term(regex=value))
        else:
            words = tuple(w for w in value.split() if w)
            if words:
                terms.append(Term(words=words, exact=prefix == "="))
    return Query(tuple(terms), tuple(dict.fromkeys(langs)), tuple(dict.fromkeys(docs)))
