"""Aliases: other names of one thing that no sound key can bridge (微软 = Microsoft, 硅谷 = Silicon Valley).

Neutral ground shared by search and entities, so neither imports the other's internals:

- :mod:`.sources`: the sources (corpus glosses, CLDR via ICU, the user's store aliases, the alias file) as
  :class:`~corpus.aliases.sources.AliasGroup` objects, each with its origin label;
- :mod:`.aligned`: names that co-occur in aligned paragraphs of translated article pairs (origin ``aligned``);
- :mod:`.dictionary`: Chinese proper nouns and their English names from CC-CEDICT (origin ``cedict``).

Nothing here is a list written for particular articles: every name comes from the corpus, ICU, CC-CEDICT or the
user.
"""

from corpus.aliases.sources import AliasGroup

__all__ = ["AliasGroup"]
