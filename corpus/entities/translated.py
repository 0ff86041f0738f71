"""Chinese names that no sound reaches, read from CC-CEDICT: 微软 is Microsoft, 硅谷 Silicon Valley, 高盛 Goldman Sachs.

The other passes find Chinese names by sound (·-names, their parts, glosses), but Chinese news translates many
names by meaning and rarely glosses them. CC-CEDICT's proper nouns (:mod:`corpus.aliases.dictionary`, the source
search reads for its ``cedict`` aliases: no list is written here) give each such name its English one, which
becomes the mention's link, so 微软 joins the Latin Microsoft of the other articles.

Looked up in Chinese articles as runs of one to :data:`MAX_TOKENS` adjacent Han tokens (ICU keeps 微软 whole but
cuts 硅|谷), grown token by token with Polars joins while they begin a form: a form starts and ends where ICU puts
a word boundary, so 中山 (Zhongshan) is not read inside 其中|山区. Left out: forms CC-CEDICT also lists as a common
word (大众 the masses and Volkswagen, 时代 era and Time, 内地 the mainland), calendar names (周一 Monday) and time
zones (美东时间 USA Eastern Standard Time): words of every Chinese article, not names. The caller keeps a
dictionary hit only where no other pass found anything (:func:`corpus.entities.extract.extract`): CC-CEDICT reads
奥特曼 as Ultraman, the news as Altman, and the sound evidence of the corpus knows better than a dictionary.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from corpus.aliases.dictionary import HAN_ONLY, common_words, proper_names
from corpus.entities.evidence import calendar_words
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
    calendar = calendar_words()  # CC-CEDICT writes 周一 with a name's capital: Monday
    skipped = common_words()
    rows: list[tuple[str, str]] = []
    for form, (_, english) in proper_names().items():
        if len(form) < 2 or form in skipped or not HAN_ONLY.match(form) or "·" in form:
            continue
        name = english[1] if len(english) > 1 and english[0].startswith(english[1] + " ") else english[0]
        if name.casefold() not in calendar and not name.endswith(" Time"):
            rows.append((form, name))
    return pl.DataFrame(rows, schema={"surface": pl.String, "english": pl.String}, orient="row")


def type_votes(english: str) -> dict[str, float]:
    """What the English name's last word says of the type: a landform or street noun a place, an organisation
    noun an organisation, else nothing (the cues around the mention decide)."""
    last = english.rsplit(" ", 1)[-1].casefold()
    if last in LOC_SUFFIX_WORDS:
        return {"LOC": TYPE_WEIGHT}
    if last in ORG_SUFFIX_WORDS:
        return {"ORG": TYPE_WEIGHT}
    return {}


@lru_cache(maxsize=1)
def _prefixes() -> pl.DataFrame:
    """Every proper prefix of a dictionary form (微 of 微软, 摩根士 of 摩根士丹利): the runs worth extending."""
    forms = names()["surface"].to_list()
    return pl.DataFrame({"surface": sorted({form[:k] for form in forms for k in range(1, len(form))})})


def find(tokens: pl.DataFrame) -> list[tuple[str, int, int, str, str]]:
    """``(doc_id, start, end, surface, english)`` of every dictionary name among ``tokens`` (``doc_id``, ``start``,
    ``end``, ``surface``, ``script`` of Chinese articles), overlapping ones included (the caller resolves them).

    Runs grow one token at a time, and only runs that begin a dictionary form are grown (most Chinese words begin
    none), so each step joins a few rows instead of concatenating every run of every length."""
    table, prefixes = names(), _prefixes()
    han = (tokens.filter(pl.col("script") == "Han").select("doc_id", "start", "end", "surface")
           .sort("doc_id", "start").with_row_index("at"))
    if han.is_empty() or table.is_empty():
        return []
    following = han.select(pl.col("at") - 1, pl.col("doc_id").alias("next_doc"), pl.col("start").alias("next_start"),
                           pl.col("end").alias("next_end"), pl.col("surface").alias("next_surface"))
    runs = han  # runs of one token, then two...: at (last token), doc_id, start, end, surface
    hits = []
    for count in range(1, MAX_TOKENS + 1):
        hits.append(runs.join(table, on="surface"))  # a hash join with the dictionary's forms
        if count == MAX_TOKENS:
            break
        runs = (runs.join(prefixes, on="surface", how="semi")
                .join(following, on="at")  # the next token, in the same article, right after the run's end
                .filter((pl.col("next_doc") == pl.col("doc_id")) & (pl.col("next_start") == pl.col("end")))
                .select(pl.col("at") + 1, "doc_id", "start", pl.col("next_end").alias("end"),
                        pl.concat_str("surface", "next_surface").alias("surface")))
        if runs.is_empty():
            break
    found = pl.concat(hits).select("doc_id", "start", "end", "surface", "english").sort("doc_id", "start", "end")
    return list(found.iter_rows())
