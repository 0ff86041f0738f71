"""Re-anchoring by quote after an article is edited: before, inside, after the span; deleted text → orphan."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.annotations import AnnotationRepository, new_annotation, reanchor, reanchor_all
from corpus.store import Store

RU = ("Москва, 3 марта. Глава компании Иван Петров сообщил, что выручка выросла на 37 процентов. "
      "Аналитики считают, что выручка выросла из-за курса рубля. Компания планирует новые офисы.")
JA = "東京で三日、政府は新しい経済対策を発表した。対策の規模は十兆円に上る。専門家は効果に疑問を示した。"
QUOTE = "выручка выросла на 37 процентов"


def _annotation(text: str, quote: str, occurrence: int = 0):  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return new_annotation(doc_id="d", text=text, start=start, end=start + len(quote), label="claim",
                          content_hash="old")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(lambda t: "ОБНОВЛЕНО 4 марта. " + t, QUOTE, id="insert-before"),
        pytest.param(lambda t: t.replace("Глава компании", "Генеральный директор компании"), QUOTE, id="near-before"),
        pytest.param(lambda t: t + " Подробности позже.", QUOTE, id="insert-after"),
        pytest.param(lambda t: t.replace("сообщил, что", "сообщил журналистам, что"), QUOTE, id="touching-prefix"),
        pytest.param(lambda t: t.replace("выросла на 37", "выросла почти на 37"),
                     "выручка выросла почти на 37 процентов", id="insert-inside"),
        pytest.param(lambda t: t.replace("выросла на 37", "вырасла на 37"),
                     "выручка вырасла на 37 процентов", id="typo-inside"),
    ],
)
def test_span_follows_its_text(edit, expected: str) -> None:  # type: ignore[no-untyped-def]
    annotation = _annotation(RU, QUOTE)
    new_text = edit(RU)
    moved = reanchor(annotation, new_text, "new")
    assert not moved.orphan
    assert new_text[moved.start:moved.end] == moved.exact == expected
    assert moved.content_hash == "new" and moved.id == annotation.id and moved.modified == annotation.modified
    assert new_text[:moved.start].endswith(moved.prefix) and new_text[moved.end:].startswith(moved.suffix)


def test_repeated_words_do_not_capture_the_span() -> None:
    second = _annotation(RU, "выручка выросла", occurrence=1)
    new_text = RU.replace("Москва, 3 марта.", "Москва.")
    moved = reanchor(second, new_text, "new")
    assert moved.start == new_text.index("выручка выросла из-за")


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda t: t.replace("выручка выросла на 37 процентов", ""), id="span-deleted"),
        pytest.param(lambda t: t.replace("выручка выросла на 37 процентов", "прибыль упала"), id="span-rewritten"),
        pytest.param(lambda t: t.replace("выручка выросла на 37 процентов.", "."), id="span-and-space-deleted"),
        pytest.param(lambda t: "Совсем другая статья.", id="article-replaced"),
    ],
)
def test_lost_text_makes_an_orphan_that_keeps_its_quote(edit) -> None:  # type: ignore[no-untyped-def]
    annotation = _annotation(RU, QUOTE)
    lost = reanchor(annotation, edit(RU), "new")
    assert lost.orphan
    assert (lost.exact, lost.start, lost.end, lost.content_hash) == (QUOTE, annotation.start, annotation.end, "old")


def test_japanese_span_after_edits_before_and_inside() -> None:
    annotation = _annotation(JA, "対策の規模は十兆円に上る")
    new_text = "【速報】" + JA.replace("十兆円", "約十兆円")
    moved = reanchor(annotation, new_text, "new")
    assert new_text[moved.start:moved.end] == "対策の規模は約十兆円に上る"


def test_reanchor_all_updates_the_store_and_keeps_orphans(tmp_path: Path) -> None:
    with Store.open_path(tmp_path / "s.sqlite3") as store:
        repo = AnnotationRepository(store)
        kept = repo.add(doc_id="ru.txt", text=RU, start=RU.index(QUOTE), end=RU.index(QUOTE) + len(QUOTE),
                        label="claim", content_hash="old").after
        gone = repo.add(doc_id="ru.txt", text=RU, start=RU.index("Компания планирует"),
                        end=RU.index("Компания планирует") + 18, label="follow-up", content_hash="old").after
        other = repo.add(doc_id="ja.txt", text=JA, start=0, end=2, label="quote", content_hash="ja").after
        new_text = "Срочно. " + RU.replace(" Компания планирует новые офисы.", "")

        report = reanchor_all(store, {"ru.txt": (new_text, "new"), "ja.txt": (JA, "ja")})
        assert (report.checked, report.moved, [a.id for a in report.orphaned]) == (2, 1, [gone.id])
        moved = repo.get(kept.id)
        assert moved.start == kept.start + len("Срочно. ") and moved.content_hash == "new"
        assert repo.get(other.id) == other
        assert [a.id for a in repo.list(orphan=True)] == [gone.id]
        assert repo.count() == 3

        restored = reanchor_all(store, {"ru.txt": (RU, "old")})  # the edit was reverted: the orphan comes back
        assert restored.orphaned == [] and not repo.get(gone.id).orphan
