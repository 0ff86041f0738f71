"""Annotation repository: add/edit/delete, filters, undo/redo via changes, refresh via revisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.annotations import CONTEXT_CHARS, AnnotationRepository
from corpus.store import Store

AR = "قال المتحدث باسم الشركة إن الإيرادات ارتفعت بنسبة 80 في المئة خلال العام الماضي، وفق البيان الرسمي."
ZH = "𠮷野家公司表示，收入增长了百分之八十。公司还表示将扩大业务。"


@pytest.fixture()
def repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = Store.open_path(tmp_path / "s.sqlite3")
    yield AnnotationRepository(store)
    store.close()


def _add(repo: AnnotationRepository, text: str, quote: str, label: str = "claim", doc: str = "001_ar.txt", note=""):  # type: ignore[no-untyped-def]
    start = text.index(quote)
    return repo.add(doc_id=doc, text=text, start=start, end=start + len(quote), label=label, content_hash="h1",
                    note=note).after


def test_add_stores_offsets_and_quote_selector(repo: AnnotationRepository) -> None:
    annotation = _add(repo, AR, "الإيرادات ارتفعت")
    stored = repo.get(annotation.id)
    assert stored == annotation
    assert AR[stored.start:stored.end] == stored.exact == "الإيرادات ارتفعت"
    assert stored.suffix == AR[stored.end:stored.end + CONTEXT_CHARS] and len(stored.suffix) == CONTEXT_CHARS
    assert stored.prefix == AR[max(0, stored.start - CONTEXT_CHARS):stored.start] and stored.prefix
    assert stored.created == stored.modified and stored.created.endswith("Z")


def test_offsets_are_code_points_for_astral_characters(repo: AnnotationRepository) -> None:
    annotation = _add(repo, ZH, "𠮷野家", doc="002_zh.txt")
    assert (annotation.start, annotation.end) == (0, 3)


def test_invalid_spans_are_refused(repo: AnnotationRepository) -> None:
    for start, end in ((5, 5), (6, 2), (-1, 3), (0, len(AR) + 1)):
        with pytest.raises(ValueError):
            repo.add(doc_id="d", text=AR, start=start, end=end, label="claim", content_hash="h")
    with pytest.raises(ValueError):
        repo.add(doc_id="d", text=AR, start=0, end=3, label="", content_hash="h")
    assert repo.count() == 0


def test_list_filters_by_label_doc_text_and_orphan(repo: AnnotationRepository) -> None:
    a = _add(repo, AR, "الإيرادات", label="figure")
    b = _add(repo, ZH, "收入增长", label="claim", doc="002_zh.txt", note="Check the Annual REPORT")
    c = _add(repo, ZH, "扩大业务", label="follow-up", doc="002_zh.txt")
    assert [x.id for x in repo.list()] == [a.id, b.id, c.id]
    assert [x.id for x in repo.list(label="claim")] == [b.id]
    assert [x.id for x in repo.list(doc_id="002_zh.txt")] == [b.id, c.id]
    assert [x.id for x in repo.list(text="annual report")] == [b.id]
    assert [x.id for x in repo.list(text="业务")] == [c.id]
    assert repo.list(orphan=True) == []
    assert [x.id for x in repo.list(order="label")] == [b.id, a.id, c.id]


def test_edit_delete_and_undo_redo(repo: AnnotationRepository) -> None:
    added = repo.add(doc_id="d", text=AR, start=0, end=3, label="claim", content_hash="h")
    noted = repo.update_note(added.after.id, "مصدر؟ source?")
    relabeled = repo.relabel(added.after.id, "disputed")
    assert noted.before == added.after and noted.after.note == "مصدر؟ source?"
    assert repo.get(added.after.id).label == "disputed"
    assert relabeled.after.modified >= noted.after.modified

    repo.apply(relabeled.inverse())  # undo relabel
    assert repo.get(added.after.id).label == "claim"
    repo.apply(relabeled)            # redo
    assert repo.get(added.after.id).label == "disputed"

    deleted = repo.delete(added.after.id)
    assert repo.get(added.after.id) is None
    repo.apply(deleted.inverse())    # undo delete: same id, same content
    restored = repo.get(added.after.id)
    assert restored is not None and restored.note == "مصدر؟ source?" and restored.created == added.after.created
    repo.apply(added.inverse())      # undo the add itself
    assert repo.count() == 0
    with pytest.raises(KeyError):
        repo.delete(added.after.id)
    with pytest.raises(KeyError):
        repo.update_note("00000000-0000-4000-8000-000000000000", "x")


def test_bulk_delete_is_one_undoable_batch(repo: AnnotationRepository) -> None:
    ids = [_add(repo, ZH, q, doc="002_zh.txt").id for q in ("公司", "收入", "业务")]
    changes = repo.delete_many([*ids[:2], "not-there"])
    assert [c.before.id for c in changes] == ids[:2] and all(c.after is None for c in changes)
    assert [a.id for a in repo.list()] == [ids[2]]
    repo.apply([c.inverse() for c in changes])
    assert {a.id for a in repo.list()} == set(ids)


def test_changes_report_other_instances_writes_and_deletions(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    with Store.open_path(db) as one, Store.open_path(db) as two:
        mine, theirs = AnnotationRepository(one), AnnotationRepository(two)
        seen = mine.revision()
        first = _add(theirs, AR, "الشركة")
        second = _add(theirs, AR, "البيان")
        update = mine.changes(seen)
        assert [a.id for a in update.upserted] == [first.id, second.id] and update.deleted == []
        theirs.update_note(first.id, "note")
        theirs.delete(second.id)
        later = mine.changes(update.rev)
        assert [a.note for a in later.upserted] == ["note"] and later.deleted == [second.id]
        assert mine.changes(later.rev) == type(later)(later.rev, [], [])


def test_since_lists_annotations_modified_after_a_time(repo: AnnotationRepository) -> None:
    old = _add(repo, AR, "الشركة")
    new = _add(repo, AR, "البيان")
    assert [a.id for a in repo.since(old.modified)] == [new.id]
    assert [a.id for a in repo.since("2000-01-01T00:00:00+00:00")] == [old.id, new.id]
