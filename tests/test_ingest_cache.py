"""The Parquet cache: keyed by content, analyser version and ICU version; a reopen reads it; a changed file
re-analyses only itself; overrides from the store re-analyse only their file; the process pool gives the same
frames as one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import icu
import polars as pl
import pytest
from polars.testing import assert_frame_equal

import corpus.ingest as ingest
from corpus import ANALYSER_VERSION
from corpus.cache import FrameCache, cache_key
from corpus.ingest import default_workers, load_corpus
from corpus.override import Override
from corpus.paths import sample_corpus_dir
from corpus.session import open_session


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(sample_corpus_dir(), target)
    return target


def _frames(corpus) -> dict[str, pl.DataFrame]:
    return {
        "documents": corpus.documents, "paragraphs": corpus.paragraphs, "sentences": corpus.sentences,
        "tokens": corpus.tokens, "vocabulary": corpus.vocabulary,
    }


def test_cache_key_has_the_analyser_icu_and_polars_versions(folder: Path) -> None:
    assert cache_key() == f"a{ANALYSER_VERSION}-icu{icu.ICU_VERSION}-pl{pl.__version__}"
    load_corpus(folder)
    cache = FrameCache(folder)
    manifest = cache.manifest()
    assert cache.folder.name == cache_key() and cache.has("documents") and manifest is not None
    assert cache.has_chunks(manifest["chunk"].unique().to_list())


def test_one_changed_file_rewrites_only_its_chunk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of two files: a change rewrites its own chunk (without it) and adds one; the others stay as they
    were, and chunk folders the manifest no longer names are deleted."""
    monkeypatch.setattr(ingest, "_CHUNK_FILES", 2)
    load_corpus(folder)
    cache = FrameCache(folder)
    before = dict(cache.manifest().select("rel", "chunk").iter_rows())
    assert len(set(before.values())) == 3
    changed = folder / "001_eb0aed705e4d506f.txt"
    changed.write_text(changed.read_text("utf-8") + "\nفقرة جديدة عن ألتمان.\n", encoding="utf-8")
    corpus, report = load_corpus(folder)
    assert (report.analysed_files, report.reused_files) == (1, 4)
    after = dict(cache.manifest().select("rel", "chunk").iter_rows())
    assert after["000_a950dea4a643e238.txt"] != before["000_a950dea4a643e238.txt"]  # its chunk lost 001
    assert after[changed.name] not in before.values()
    for rel in ("002_607b4259a36b8345.txt", "003_be91988be7a24db6.txt", "004_e6c42df7ed528c8f.txt"):
        assert after[rel] == before[rel]
    on_disk = {p.name for p in (cache.folder / "chunks").iterdir()}
    assert on_disk == set(after.values())
    fresh, _ = load_corpus(folder, use_cache=False)
    for name, frame in _frames(fresh).items():
        assert_frame_equal(frame, _frames(corpus)[name]), name
    reopened, report = load_corpus(folder)
    assert report.analysed_files == 0
    for name, frame in _frames(fresh).items():
        assert_frame_equal(frame, _frames(reopened)[name]), name


def test_a_missing_chunk_folder_means_a_fresh_ingest(folder: Path) -> None:
    load_corpus(folder)
    cache = FrameCache(folder)
    shutil.rmtree(cache.folder / "chunks")
    corpus, report = load_corpus(folder)
    assert report.analysed_files == 5 and corpus.tokens.height > 0


def test_reopening_an_unchanged_corpus_reads_the_cache(folder: Path) -> None:
    first, report = load_corpus(folder)
    assert report.analysed_files == 5 and report.reused_files == 0
    second, report = load_corpus(folder)
    assert (report.analysed_files, report.reused_files) == (0, 5)
    assert "tokens" not in second._loaded  # large frames are read lazily on first use
    for name, frame in _frames(first).items():
        assert_frame_equal(frame, _frames(second)[name], check_row_order=True), name


def test_a_changed_file_re_analyses_only_that_file(folder: Path) -> None:
    load_corpus(folder)
    changed = folder / "004_e6c42df7ed528c8f.txt"
    changed.write_text(changed.read_text("utf-8") + "\nParagraf baru tentang Altman.\n", encoding="utf-8")
    corpus, report = load_corpus(folder)
    assert (report.analysed_files, report.reused_files, report.removed_files) == (1, 4, 0)
    fresh, _ = load_corpus(folder, use_cache=False)
    for name, frame in _frames(fresh).items():
        assert_frame_equal(frame, _frames(corpus)[name]), name
    assert corpus.tokens.filter(pl.col("surface") == "baru").height >= 1


def test_touched_but_identical_files_are_reused(folder: Path) -> None:
    load_corpus(folder)
    target = folder / "000_a950dea4a643e238.txt"
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    _, report = load_corpus(folder)
    assert (report.analysed_files, report.reused_files) == (0, 5)


def test_removed_and_added_files_are_noticed(folder: Path) -> None:
    load_corpus(folder)
    (folder / "002_607b4259a36b8345.txt").unlink()
    (folder / "new.txt").write_text("Сэм Альтман вернулся в OpenAI после переговоров с советом.", encoding="utf-8")
    corpus, report = load_corpus(folder)
    assert (report.analysed_files, report.reused_files, report.removed_files) == (1, 4, 1)
    assert "002_607b4259a36b8345.txt" not in corpus.doc_ids and "new.txt" in corpus.doc_ids
    assert corpus.tokens.filter(pl.col("doc_id") == "002_607b4259a36b8345.txt").height == 0
    assert corpus.changed_on_disk() is False
    (folder / "new.txt").write_text("changed", encoding="utf-8")
    assert corpus.changed_on_disk() is True


def test_overrides_apply_on_the_next_ingest_and_re_analyse_only_their_file(folder: Path) -> None:
    load_corpus(folder)
    overrides = {"004_e6c42df7ed528c8f.txt": Override(lang="ms", title="Judul saya")}
    corpus, report = load_corpus(folder, overrides=overrides)
    assert (report.analysed_files, report.reused_files) == (1, 4)
    row = corpus.document("004_e6c42df7ed528c8f.txt")
    assert (row["lang"], row["lang_source"], row["title"]) == ("ms", "override", "Judul saya")
    _, report = load_corpus(folder, overrides=overrides)
    assert report.analysed_files == 0
    corpus, report = load_corpus(folder)  # override removed: back to the detected values
    assert report.analysed_files == 1 and corpus.document("004_e6c42df7ed528c8f.txt")["lang"] == "id"


def test_store_overrides_reach_ingest_through_the_session(folder: Path) -> None:
    cp1251 = folder / "legacy.txt"
    cp1251.write_bytes(("Альтман вернулся. " * 30).encode("koi8-r"))
    session = open_session(folder)
    try:
        detected = session.corpus.documents.filter(pl.col("doc_id") == "legacy.txt")["encoding"].to_list()
        skipped = [s.path for s in session.corpus.skipped]
        assert skipped == ["legacy.txt"] or detected != ["koi8-r"]  # short KOI8-R text: no detector is sure
        session.store.set_override("legacy.txt", encoding="koi8-r", lang="ru")
    finally:
        session.close()
    session = open_session(folder)
    try:
        row = session.corpus.document("legacy.txt")
        assert (row["encoding"], row["lang"]) == ("koi8-r", "ru")
        assert row["text"].startswith("Альтман вернулся.")
        assert session.report.analysed_files == 1
    finally:
        session.close()


def test_the_process_pool_uses_every_core_and_matches_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    for copy in range(6):
        shutil.copytree(sample_corpus_dir(), folder / f"c{copy}")
    pools: list[int] = []

    class RecordingPool(ingest.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs: object) -> None:
            pools.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(ingest, "ProcessPoolExecutor", RecordingPool)
    monkeypatch.setattr(ingest, "_PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(ingest, "_CHUNK_FILES", 4)
    progress: list[tuple[int, int]] = []
    parallel, _ = load_corpus(folder, use_cache=False, progress=lambda done, total: progress.append((done, total)))
    assert pools == [default_workers()] and default_workers() == (os.cpu_count() or 1)
    assert progress[0][0] == 0 and progress[-1][0] == progress[-1][1] > 0
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    single, _ = load_corpus(folder, use_cache=False, workers=1)
    for name, frame in _frames(single).items():
        assert_frame_equal(frame, _frames(parallel)[name]), name
    assert parallel.documents.height == 30


def test_a_corpus_still_reads_its_frames_after_another_process_replaced_the_chunks(folder: Path) -> None:
    """A second app on the same corpus re-ingests (new chunk ids, the old ones deleted): the first one's lazy
    frames come from the new chunks, cut to its own articles."""
    load_corpus(folder)
    first, _ = load_corpus(folder)
    assert "tokens" not in first._loaded
    FrameCache(folder).folder.joinpath("manifest.parquet").unlink()  # as if another process started afresh
    (folder / "new.txt").write_text("Сэм Альтман вернулся в OpenAI.", encoding="utf-8")
    second, report = load_corpus(folder)
    assert report.analysed_files == 6
    fresh, _ = load_corpus(folder, use_cache=False)
    expected = fresh.tokens.filter(pl.col("doc_id") != "new.txt")
    assert_frame_equal(first.tokens, expected)
    assert first.sentences.height == fresh.sentences.filter(pl.col("doc_id") != "new.txt").height


def test_another_process_s_fresh_chunks_are_not_pruned(folder: Path) -> None:
    """Two apps ingesting one corpus at once: a chunk folder no manifest of ours named is left alone while fresh
    (it may be the other's, for the manifest it is about to write), and deleted once an hour old."""
    load_corpus(folder)
    cache = FrameCache(folder)
    foreign = cache.folder / "chunks" / "0123456789abcdef"
    foreign.mkdir()
    (folder / "new.txt").write_text("Сэм Альтман вернулся в OpenAI.", encoding="utf-8")
    load_corpus(folder)
    assert foreign.is_dir()
    an_hour_ago = foreign.stat().st_mtime - 3601
    os.utime(foreign, (an_hour_ago, an_hour_ago))
    (folder / "new.txt").write_text("Сэм Альтман снова в OpenAI.", encoding="utf-8")
    load_corpus(folder)
    assert not foreign.exists()


def test_progress_says_finding_files_first_only_when_nothing_is_cached(folder: Path, tmp_path: Path) -> None:
    """(0, 0) comes before the walk of a corpus with nothing cached; then bytes with a real total (never 0, even
    for a corpus of empty files); a warm reopen reports nothing."""
    def record() -> tuple[list[tuple[int, int]], ingest.ProgressCallback]:
        calls: list[tuple[int, int]] = []
        return calls, lambda done, total: calls.append((done, total))

    cold, callback = record()
    load_corpus(folder, progress=callback)
    assert cold[0] == (0, 0) and all(total > 0 for _, total in cold[1:]) and cold[-1][0] == cold[-1][1]
    warm, callback = record()
    load_corpus(folder, progress=callback)
    assert warm == []
    empty = tmp_path / "empty-files"
    empty.mkdir()
    (empty / "a.txt").write_bytes(b"")
    (empty / "b.txt").write_bytes(b"")
    calls, callback = record()
    load_corpus(empty, progress=callback)
    assert calls[0] == (0, 0) and calls[1:] and all(total == 1 for _, total in calls[1:])
