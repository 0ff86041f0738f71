"""Corpus-level evidence that a name candidate form is an ordinary word, so the name route never scores it.

Candidates are generous by design (every Arabic word, every Han n-gram with an out-of-dictionary character), and
a short name's skeleton is shared by many words (Shear ~ شعار "slogan", Murati ~ مرة "time"). Three facts about
how the corpus writes a form tell words from names, each measured over the whole corpus, not one article:

- **lower case**: a capitalised Latin/Cyrillic/Greek run whose first word the corpus also writes in lower case is
  a sentence-initial word (*Menurut*, *Если Альтман*);
- **Arabic article**: an Arabic word the corpus also writes with the definite article (مرة / المرة) is a common
  noun: foreign names do not take الـ;
- **Han boundaries** (accessor variety): a Han n-gram that is always followed (or always preceded) by the same Han
  character is a piece of a longer word (是奥 in 是奥特曼, 苏茨科 in 苏茨科夫), not a word of its own; a boundary
  at punctuation, a name joiner (·) or another script counts as varied.

The word route still finds all of these as words; only cross-script/fuzzy *name* matching skips them.
"""

from __future__ import annotations

import polars as pl

from corpus.collection import Corpus

CASED_SCRIPTS = ("Latin", "Cyrillic", "Greek")
NOT_NAMES_SCHEMA = {"surface": pl.String}
_HAN = r"^\p{Han}"
_ARABIC_DEFINITE = r"^(?:[وبفك]?ال|لل)"
_JOINERS = r"[·・･‧•=＝]"


def lowercase_norms(corpus: Corpus) -> pl.DataFrame:
    """Norms of cased-script words that occur with a lower-case first letter somewhere in the corpus."""
    first = pl.col("surface").str.slice(0, 1)
    return (
        corpus.tokens.filter(
            pl.col("script").is_in(CASED_SCRIPTS) & (pl.col("kind") == "word") & (first != first.str.to_uppercase())
        )
        .select(pl.col("norm").alias("word")).unique()
    )


def _capitalised_words(spans: pl.DataFrame, lowercase: pl.DataFrame) -> pl.DataFrame:
    first = pl.col("surface").str.extract(r"^([^\s\-]+)", 1).str.to_lowercase().alias("word")
    return spans.select("surface", first).join(lowercase, on="word", how="semi").select("surface")


def _arabic_common_nouns(spans: pl.DataFrame, folds: pl.DataFrame) -> pl.DataFrame:
    bases = (
        folds.filter(pl.col("fold").str.contains(_ARABIC_DEFINITE))
        .select(pl.col("fold").str.replace(_ARABIC_DEFINITE, "").alias("word"))
        .filter(pl.col("word").str.len_chars() >= 3)
        .unique()
    )
    single = spans.filter(pl.col("surface").str.contains(r"^\p{Arabic}+$")).select("surface").unique()
    folded = single.join(folds, left_on="surface", right_on="norm", how="inner")
    return folded.join(bases, left_on="fold", right_on="word", how="semi").select("surface")


def _bounded_han(spans: pl.DataFrame) -> pl.DataFrame:
    def varied(side: str) -> pl.Expr:
        return (~pl.col(side).str.contains(_HAN)).any() | (pl.col(side).n_unique() >= 2)

    han = spans.filter(pl.col("surface").str.contains(_HAN) & ~pl.col("surface").str.contains(_JOINERS))
    stats = han.group_by("surface").agg(varied("before").alias("left"), varied("after").alias("right"))
    return stats.filter(~(pl.col("left") & pl.col("right"))).select("surface")


def not_names(corpus: Corpus, spans: pl.DataFrame, folds: pl.DataFrame) -> pl.DataFrame:
    """Distinct candidate surfaces the name route must skip (see the module docstring)."""
    frames = [
        _capitalised_words(spans, lowercase_norms(corpus)),
        _arabic_common_nouns(spans, folds),
        _bounded_han(spans),
    ]
    return pl.concat(frames).unique().sort("surface")
