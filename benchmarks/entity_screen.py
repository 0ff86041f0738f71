"""How the entity screen and pane cope with a big corpus's entities, against simpler ways, in the same run.

    /tmp/venv/bin/python benchmarks/entity_screen.py [--entities 50000] [--docs 5000]

Builds a synthetic ``EntityIndex`` (the engine's own frame schemas; names in five scripts, a Zipf-like spread of
mentions over articles) and times what the app does with it: preparing the list when the index changes (names per
language, aliases, folded search keys), one filter keystroke, one cursor move (names and mention strips of the
selected entity), an article's entities for the pane, and the merge picker's aliases. Baselines: the picker's
aliases computed one entity at a time (the obvious loop, measured on a sample and scaled), and ``j`` through
Pilot on a 100-entity index (what is left is Textual's own rendering).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
import timeit
from types import SimpleNamespace

import polars as pl
from textual.app import App

from corpus.entities import EntityIndex
from corpus.entities.model import ENTITIES_SCHEMA, MENTIONS_SCHEMA, NAMES_SCHEMA, SUGGESTIONS_SCHEMA
from tui.entity_lists import entity_label, list_frame
from tui.entity_source import EntitySource
from tui.screens.entities import EntityScreen
from tui.settings import Settings
from tui.state import HighlightSet
from tui.widgets.entity_pane import EntityPane

FORMS = [("en", "{}"), ("ru", "{}ов"), ("ar", "ال{}"), ("zh", "{}特"), ("ja", "{}ン")]
TYPES = ["PER", "ORG", "LOC", "PRODUCT"]


def synthetic(n_entities: int, n_docs: int, seed: int = 7) -> tuple[EntityIndex, SimpleNamespace]:
    rng = random.Random(seed)
    doc_ids = [f"feeds/day{d // 100:03d}.jsonl#{d % 100}" for d in range(n_docs)]
    lang_of = {doc: FORMS[i % len(FORMS)][0] for i, doc in enumerate(doc_ids)}
    mentions = []
    for e in range(n_entities):
        base = f"Name{e:06d}"
        n = max(1, int(2000 / (e + 1) ** 0.7))
        for _ in range(n):
            doc = doc_ids[rng.randrange(n_docs)]
            lang = lang_of[doc]
            surface = dict(FORMS)[lang].format(base)
            start = rng.randrange(0, 9000)
            mentions.append((f"e{e}", doc, start, start + len(surface), surface, lang, TYPES[e % 4]))
    frame = pl.DataFrame(mentions, schema=MENTIONS_SCHEMA, orient="row").unique(["doc_id", "start"]).sort(
        ["doc_id", "start"])
    counts = frame.group_by("entity_id").agg(pl.len().cast(pl.Int64).alias("n_mentions"),
                                             pl.col("doc_id").n_unique().cast(pl.Int64).alias("n_docs"))
    entities = (
        pl.DataFrame({"id": [f"e{e}" for e in range(n_entities)], "type": [TYPES[e % 4] for e in range(n_entities)],
                      "name": [f"Name{e:06d}" for e in range(n_entities)]})
        .join(counts, left_on="id", right_on="entity_id").select(list(ENTITIES_SCHEMA))
        .sort("n_mentions", descending=True)
    )
    names = (frame.group_by("entity_id", "lang", pl.col("surface").alias("name"))
             .agg(pl.len().cast(pl.Int64).alias("count")).select(list(NAMES_SCHEMA)))
    suggestions = pl.DataFrame([("e1", "e2", 0.8, "sound")], schema=SUGGESTIONS_SCHEMA, orient="row")
    index = EntityIndex(entities, names, frame, suggestions)
    documents = pl.DataFrame({"doc_id": doc_ids, "lang": [lang_of[d] for d in doc_ids],
                              "title": [f"Article {i}" for i in range(n_docs)], "text": ["x" * 10_000] * n_docs})
    corpus = SimpleNamespace(doc_ids=doc_ids, documents=documents, text=lambda doc_id: "x" * 10_000)
    return index, SimpleNamespace(corpus=corpus, store=None)


def timed(fn, repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in seconds."""
    return min(timeit.repeat(fn, number=1, repeat=repeat))


class Bench(App[None]):
    def __init__(self, index: EntityIndex, session: SimpleNamespace) -> None:
        super().__init__()
        self.settings = Settings()
        self.highlights = HighlightSet()
        self.entities = EntitySource(self)
        self.session = session
        self.index = index

    def on_mount(self) -> None:
        self.entities.use(self.session, self.index)
        self.push_screen(EntityScreen(self.session))


async def per_key(index: EntityIndex, session: SimpleNamespace, presses: int = 100) -> float:
    """Seconds per ``j`` on the entity screen through Pilot (list, names and strips redrawn)."""
    app = Bench(index, session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(presses):
            await pilot.press("j")
        return (time.perf_counter() - start) / presses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=50_000)
    parser.add_argument("--docs", type=int, default=5_000)
    args = parser.parse_args()
    index, session = synthetic(args.entities, args.docs)
    print(f"{index.entities.height:,} entities, {index.mentions.height:,} mentions, {index.names.height:,} names, "
          f"{args.docs:,} articles")
    figures: dict[str, float] = {}

    figures["list prepared on index change"] = timed(lambda: list_frame(index))
    frame = list_frame(index)
    figures["one filter keystroke ('name0123')"] = timed(
        lambda: frame.filter(pl.col("search").str.contains("name0123", literal=True)))
    doc = session.corpus.doc_ids[0]
    figures["pane: one article's entities"] = timed(
        lambda: EntityPane._article_entities(SimpleNamespace(doc_id=doc), index))
    figures["merge picker: labels of the first 200 rows (worker prepares the list)"] = timed(
        lambda: [entity_label(r, "terminal") for r in frame.head(200).iter_rows(named=True)])
    figures["merge picker: one filter keystroke over every entity"] = timed(
        lambda: [c for c in frame["search"].to_list() if "name0123" in c])
    sample = index.entities["id"].head(200).to_list()
    per_entity = timed(lambda: [index.names.filter(pl.col("entity_id") == e)["name"].to_list() for e in sample], 1)
    figures["merge picker: aliases, one filter per entity (baseline, scaled)"] = per_entity * index.entities.height / 200
    figures["j on the entity screen, per key (this index)"] = asyncio.run(per_key(index, session))
    small, small_session = synthetic(100, 50)
    figures["j on the entity screen, per key (100 entities: baseline)"] = asyncio.run(per_key(small, small_session))
    width = max(len(k) for k in figures)
    for name, seconds in figures.items():
        print(f"{name:<{width}}  {seconds * 1000:10.1f} ms")


if __name__ == "__main__":
    main()
