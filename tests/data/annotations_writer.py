"""Child process for the crash and concurrency tests: adds annotations in a loop, printing each id after commit.

Usage: python annotations_writer.py DB_PATH COUNT TAG
The parent kills it at random moments (SIGKILL) and then checks that every printed id is in the store.
"""

import sys
from pathlib import Path

from corpus.annotations import AnnotationRepository
from corpus.store import Store

TEXT = "Москва, 3 марта. Компания «Яндекс» сообщила о росте выручки на 37%. 公司表示收入增长。 الشركة أعلنت"


def main() -> None:
    db_path, count, tag = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    repo = AnnotationRepository(Store.open_path(db_path))
    print("ready", flush=True)
    for i in range(count):
        start = i % (len(TEXT) - 10)
        change = repo.add(
            doc_id=f"{tag}.txt", text=TEXT, start=start, end=start + 7, label="claim", content_hash="h",
            note=f"{tag} note {i} — заметка",
        )
        print(change.after.id, flush=True)


if __name__ == "__main__":
    main()
