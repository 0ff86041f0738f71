"""Align two articles end to end: features (cached), the user's fixes from the store, the DP, differences.

The CLI and the compare screen both call :func:`align_articles`, so ``babelscope align`` shows exactly what the
screen shows, fixes included.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.align.articles import Article, features_of
from corpus.align.differences import add_differences
from corpus.align.dp import align
from corpus.align.fixes import FixStore, LoadedFixes
from corpus.align.result import Alignment
from corpus.store import Store


@dataclass(slots=True)
class PairAlignment:
    source: Article
    target: Article
    alignment: Alignment
    fixes: LoadedFixes | None  # None when no store was given or fixes were not applied

    def to_json(self) -> dict:
        return self.alignment.to_json(self.source.info, self.target.info)


def align_articles(source: Article, target: Article, store: Store | None = None, *,
                   use_fixes: bool = True) -> PairAlignment:
    """The alignment of ``source`` with ``target`` honouring the fixes stored for the pair (if ``store``)."""
    fixes = FixStore(store).load(source, target) if store is not None and use_fixes else None
    source_features, target_features = features_of(source), features_of(target)
    alignment = align(source_features, target_features, fixes.constraints if fixes else None)
    add_differences(alignment, source_features, target_features, source.lang, target.lang,
                    indexed=source.entities is not None and target.entities is not None)
    alignment.check()
    return PairAlignment(source, target, alignment, fixes)
