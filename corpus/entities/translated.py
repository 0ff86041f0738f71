"""Chinese names that no sound reaches, read from CC-CEDICT: 微软 is Microsoft, 硅谷 Silicon Valley, 高盛 Goldman Sachs.

The other passes find Chinese names by sound (·-names, their parts, glosses), but Chinese news translates many
names by meaning and rarely glosses them. CC-CEDICT's proper nouns (:mod:`corpus.aliases.dictionary`, the source
search reads for its ``cedict`` aliases: no list is written here) give each such name its English one, which
becomes the mention's link, so 微软 joins the Latin Microsoft of the other articles.

Looked up in Chinese articles as runs of one to :data:`MAX_TOKENS` adjacent Han tokens (ICU keeps 微软 whole but
cuts 硅|谷), in one Polars pass over the token frame: a form starts and ends where ICU puts a word boundary, so
中山 (Zhongshan) is not read inside 其中|山区. Left out: forms CC-CEDICT also lists as a common word (大众 the
masses and Volkswagen, 时代 era and Time, 内地 the mainland), calendar names (周一 Monday) and time zones (美东时间
USA Eastern Standard Time): words of every Chinese article, not names. The caller keeps a dictionary hit only where no other pass found
anything (:func:`corpus.entities.extract.extract`): CC-CEDICT reads 奥特曼 as Ultraman, the news as Altman, and the
sound evidence of the corpus knows better than a dictionary.
"""

from __future__ import annotations

from functools import lru_cache

import icu
import polars as pl

from corpus.aliases.dictionary import HAN_ONLY, common_words, proper_names
from corpus.entities.lexicon import LOC_SUFFIX_WORDS, ORG_SUFFIX_WORDS

#: Adjacent Han tokens joined into one looked-up form: ICU keeps dictionary words whole but cuts transliterations
#: into single characters (硅|谷, 摩|根|士|丹|利 Morgan Stanley).
MAX_TOKENS = 6
#: The type a name's last English word says (Silicon Valley, Goldman Sachs Group), with the gazetteer's weight.
TYPE_WEIGHT = 2.0


@lru_cache(maxsize=1)
def names() -> pl.DataFrame:
    """``surface`` (a Han form) → ``english``, the name its mention links to: CC-CEDICT's first name for it,
    without a corporate designator when CC-CEDICT gives that form too (微软 → Microsoft, not Microsoft Corporation,
    so that it joins the Microsoft other articles write)."""
    calendar = _calendar_names()
    skipped = common_words()
    rows: list[tuple[str, str]] = []
    for form, (_, english) in proper_names().items():
        if len(form) < 2 or form in skipped or not HAN_ONLY.match(form) or "·" in form:
            continue
        name = english[1] if len(english) > 1 and english[0].startswith(english[1] + " ") else english[0]
        if name not in calendar and not name.endswith(" Time"):
            rows.append((form, name))
    return pl.DataFrame(rows, schema={"surface": pl.String, "english": pl.String}, orient="row")


def _calendar_names() -> frozenset[str]:
    """English weekday and month names, from ICU (CC-CEDICT writes 周一 with a name's capital: Monday)."""
    symbols = icu.DateFormatSymbols(icu.Locale.getEnglish())
    return frozenset(name for name in (*symbols.getWeekdays(), *symbols.getMonths()) if name)


def type_votes(english: str) -> dict[str, float]:
    """What the English name's last word says of the type: a landform or street noun a place, an organisation
    noun an organisation, else nothing (the cues around the mention decide)."""
    last = english.rsplit(" ", 1)[-1].casefold()
    if last in LOC_SUFFIX_WORDS:
        return {"LOC": TYPE_WEIGHT}
    if last in ORG_SUFFIX_WORDS:
        return {"ORG": TYPE_WEIGHT}
    return {}


def find(tokens: pl.DataFrame) -> list[tuple[str, int, int, str, str]]:
    """``(doc_id, start, end, surface, english)`` of every dictionary name among ``tokens`` (``doc_id``, ``start``,
    ``end``, ``surface``, ``script`` of Chinese articles), overlapping ones included (the caller resolves them)."""
    table = names()
    han = tokens.filter(pl.col("script") == "Han").select("doc_id", "start", "end", "surface").sort("doc_id", "start")
    if han.is_empty() or table.is_empty():
        return []
    grams = []
    for count in range(1, MAX_TOKENS + 1):
        ahead = range(1, count)
        surface = pl.concat_str([pl.col("surface"), *(pl.col("surface").shift(-k) for k in ahead)])
        adjacent = pl.lit(True)
        for k in ahead:  # each next token starts where the one before ends, in the same article
            adjacent = adjacent & (pl.col("start").shift(-k) == pl.col("end").shift(-(k - 1))) \
                & (pl.col("doc_id").shift(-k) == pl.col("doc_id"))
        grams.append(han.lazy().select("doc_id", "start", pl.col("end").shift(-(count - 1)), surface.alias("surface"),
                                       adjacent.alias("adjacent"))  # every column from the unshifted frame
                     .filter("adjacent"))
    hits = (pl.concat(grams).join(table.lazy(), on="surface")  # one hash join with the dictionary's forms
            .select("doc_id", "start", "end", "surface", "english").sort("doc_id", "start", "end").collect())
    return list(hits.iter_rows())
