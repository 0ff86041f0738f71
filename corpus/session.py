"""Open a corpus the way every front end does: its store (for the user's overrides), then its frames.

The CLI and the app both call ``open_session`` so that an override set in one is honoured by the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus.collection import Corpus
from corpus.discover import corpus_root
from corpus.ingest import IngestReport, ProgressCallback, load_corpus
from corpus.override import Override
from corpus.paths import sample_corpus_dir
from corpus.store import Store


@dataclass
class Session:
    corpus: Corpus
    store: Store
    report: IngestReport

    def close(self) -> None:
        self.store.close()


def open_session(
    path: Path | str | None, *, progress: ProgressCallback | None = None, workers: int | None = None
) -> Session:
    """Load the corpus at ``path`` (None: the embedded sample) with the overrides stored for it."""
    source = Path(path) if path is not None else sample_corpus_dir()
    if not source.exists():  # before the store: a typo must not leave an empty store behind
        raise FileNotFoundError(f"no such file or folder: {path}")
    store = Store.open(corpus_root(source))
    try:
        overrides = {
            doc_id: Override(lang=o.lang, encoding=o.encoding, title=o.title)
            for doc_id, o in store.get_overrides().items()
        }
        corpus, report = load_corpus(path, overrides=overrides, progress=progress, workers=workers)
    except BaseException:
        store.close()
        raise
    return Session(corpus, store, report)
