"""User fixes to an alignment: what merge/split/unlink/link store, that they persist in the store, come back when
the pair is aligned again (either orientation, after reopening, after the file changed) and can be undone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.align import fixes
from corpus.align.articles import Article
from corpus.align.service import align_articles
from corpus.session import open_session

RU, AR = "000_a950dea4a643e238.txt", "001_eb0aed705e4d506f.txt"


@pytest.fixture
def corpus_dir(tmp_path: Path, sample_dir: Path) -> Path:
    folder = tmp_path / "pair"
    folder.mkdir()
    for name in (RU, AR):
        shutil.copy(sample_dir / name, folder / name)
    return folder


def _pair(folder: Path):
    session = open_session(folder)
    return session, Article.from_corpus(session.corpus, RU), Article.from_corpus(session.corpus, AR)


def _bead_with(alignment, source_index: int) -> int:
    return fixes.bead_of(alignment, "source", source_index)


def test_merge_persists_and_is_reapplied_after_reopening(corpus_dir: Path) -> None:
    session, ru, ar = _pair(corpus_dir)
    try:
        before = align_articles(ru, ar, session.store).alignment
        bead = _bead_with(before, 3)
        assert (before.beads[bead].source, before.beads[bead].target) == ((3,), (6,))
        fixes.FixStore(session.store).add(ru, ar, "merge", fixes.merge(before, bead))
    finally:
        session.close()
    session, ru, ar = _pair(corpus_dir)  # a new process would see the same store
    try:
        after = align_articles(ru, ar, session.store)
        merged = after.alignment.beads[_bead_with(after.alignment, 3)]
        assert (merged.source, merged.target, merged.fixed) == ((3, 4), (6, 7), True)
        assert after.fixes is not None and after.fixes.actions == 1
        assert len(after.alignment.beads) == len(before.beads) - 1
        after.alignment.check()
        # the other orientation sees the same fix, transposed
        swapped = align_articles(ar, ru, session.store).alignment
        assert swapped.beads[fixes.bead_of(swapped, "source", 6)].target == (3, 4)
        # and without fixes the automatic alignment comes back
        plain = align_articles(ru, ar, session.store, use_fixes=False).alignment
        assert plain.beads[_bead_with(plain, 3)].target == (6,)
    finally:
        session.close()


def test_split_unlink_and_link(corpus_dir: Path) -> None:
    session, ru, ar = _pair(corpus_dir)
    store = fixes.FixStore(session.store)
    try:
        alignment = align_articles(ru, ar, session.store).alignment
        split_at = _bead_with(alignment, 16)  # ru 16 ↔ ar 19, 20
        store.add(ru, ar, "split", fixes.split(alignment, split_at))
        alignment = align_articles(ru, ar, session.store).alignment
        assert alignment.beads[_bead_with(alignment, 16)].target == (19,)
        assert ((), (20,)) in {(b.source, b.target) for b in alignment.beads}

        store.add(ru, ar, "unlink", fixes.unlink(alignment, _bead_with(alignment, 5)))
        alignment = align_articles(ru, ar, session.store).alignment
        assert ((5,), ()) in {(b.source, b.target) for b in alignment.beads}
        assert ((), (8,)) in {(b.source, b.target) for b in alignment.beads}

        store.add(ru, ar, "link", fixes.link([5], [9]))  # a newer fix overrides the unlink of ru 5
        alignment = align_articles(ru, ar, session.store).alignment
        assert alignment.beads[_bead_with(alignment, 5)].target == (9,)
        alignment.check()

        assert store.undo(ru, ar)  # the link goes, the unlink is back
        alignment = align_articles(ru, ar, session.store).alignment
        assert ((5,), ()) in {(b.source, b.target) for b in alignment.beads}
        assert store.clear(ru, ar) == 2
        assert not store.undo(ru, ar)
        alignment = align_articles(ru, ar, session.store).alignment
        assert alignment.beads[_bead_with(alignment, 16)].target == (19, 20)
    finally:
        session.close()


def test_operations_refuse_what_makes_no_sense(corpus_dir: Path) -> None:
    session, ru, ar = _pair(corpus_dir)
    try:
        alignment = align_articles(ru, ar, session.store).alignment
        one_to_one = _bead_with(alignment, 3)
        unaligned = next(n for n, b in enumerate(alignment.beads) if not b.source)
        with pytest.raises(fixes.FixError):
            fixes.split(alignment, one_to_one)
        with pytest.raises(fixes.FixError):
            fixes.unlink(alignment, unaligned)
        with pytest.raises(fixes.FixError):
            fixes.merge(alignment, len(alignment.beads) - 1)
        with pytest.raises(fixes.FixError):
            fixes.link([3, 5], [6])  # not contiguous
        with pytest.raises(ValueError):
            fixes.FixStore(session.store).add(ru, ar, "shuffle", [])
    finally:
        session.close()


def test_fix_survives_an_edit_above_it_and_orphans_are_reported(corpus_dir: Path) -> None:
    session, ru, ar = _pair(corpus_dir)
    try:
        fixes.FixStore(session.store).add(ru, ar, "link", fixes.link([10], [14]))
    finally:
        session.close()
    path = corpus_dir / RU
    text = path.read_text(encoding="utf-8-sig")
    path.write_text("Главная › Новости\n" + text, encoding="utf-8")  # every paragraph index moves by one
    session, ru, ar = _pair(corpus_dir)
    try:
        result = align_articles(ru, ar, session.store)
        bead = result.alignment.beads[_bead_with(result.alignment, 11)]
        assert (bead.target, bead.fixed) == ((14,), True)
        assert result.fixes is not None and result.fixes.orphans == 0
    finally:
        session.close()
    paragraph = text.splitlines()[10]
    path.write_text(text.replace(paragraph, "Абзац переписан целиком."), encoding="utf-8")
    session, ru, ar = _pair(corpus_dir)
    try:
        result = align_articles(ru, ar, session.store)
        assert result.fixes is not None and result.fixes.orphans == 1
        result.alignment.check()
    finally:
        session.close()
