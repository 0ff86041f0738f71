"""Entities: who and what each article names, linked across languages (issue 4; see docs/entities.md).

    from corpus.entities import EntityIndex, build_entities
    index = build_entities(corpus, store)      # automatic linking + the user's edits
    index.entities / index.names / index.mentions / index.suggestions / index.for_doc(doc_id)
    editor = EntityEditor(corpus, store)       # merge / split / rename / set_type / accept / reject

Modules: :mod:`.extract` (mentions, no model) over :mod:`.alphabetic`, :mod:`.cjk`, :mod:`.gazetteer` and
:mod:`.evidence`; :mod:`.link` (clusters, ids, suggestions); :mod:`.autocache` (Parquet next to the frames);
:mod:`.edits` (the store's edits, replayed); :mod:`.index` (the public frames and the editor);
:mod:`.numbers` (figures per article, for ``babelscope numbers`` and the entity pane). Aliases (the user's, and
names paired in aligned translations) come from the shared :mod:`corpus.aliases`.
"""

from corpus.entities.index import (
    EntityEditor, EntityError, EntityIndex, aligned_aliases, build_entities, mention_key,
)
from corpus.entities.lexicon import TYPES

__all__ = ["TYPES", "EntityEditor", "EntityError", "EntityIndex", "aligned_aliases", "build_entities", "mention_key"]
