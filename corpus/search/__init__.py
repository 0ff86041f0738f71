"""Fuzzy cross-language search with a KWIC concordance: type a name in any script, find it in every script.

Modules, one job each:

- :mod:`.query` -- the query syntax (words, "phrases", lang:, doc:, re:, =word);
- :mod:`.spans` -- per-article name candidates (pruned) and glosses, once per article;
- :mod:`.index` / :mod:`.index_cache` -- keys once per distinct form, postings, kept in the Parquet cache;
- :mod:`.words` -- the word route (exact / folded / prefix / typo, CJK substrings);
- :mod:`.names_route` -- the name route (transliteration and fuzzy names across scripts);
- :mod:`.phrase` -- chaining word hits into phrase hits;
- :mod:`.regex_route` -- ``re:`` over the text with Polars;
- :mod:`.aliases` -- the alias book over the shared sources of :mod:`corpus.aliases` (glosses, CLDR, store, file,
  aligned paragraphs);
- :mod:`.hits` -- the hit arrays, overlap resolution and ranking; :mod:`.ranked` -- every hit of a query, rows
  on demand; :mod:`.context` -- KWIC left/right;
- :mod:`.searcher` -- :class:`Searcher`, the public API.
"""

from corpus.search.errors import SearchError
from corpus.search.searcher import RESULT_COLUMNS, SearchResult, Searcher

__all__ = ["RESULT_COLUMNS", "SearchError", "SearchResult", "Searcher"]
