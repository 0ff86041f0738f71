"""Break iterators are per thread: two threads segmenting at once never see each other's text."""

from __future__ import annotations

import threading

from corpus.breakers import break_iterator
from corpus.tokenise import iter_tokens


def test_each_thread_has_its_own_iterator() -> None:
    here = break_iterator("word", "ja")
    there: list[object] = []
    thread = threading.Thread(target=lambda: there.append(break_iterator("word", "ja")))
    thread.start()
    thread.join()
    assert here is break_iterator("word", "ja") and there[0] is not here
    assert break_iterator("word", "ja", purpose="form") is not here


def test_concurrent_segmentation_is_correct() -> None:
    texts = {"a": "Сэм Альтман вернулся в OpenAI. " * 200, "b": "アルトマン氏がOpenAIに復帰した。" * 200}
    expected = {k: [t[2] for t in iter_tokens(v, 0, len(v), "ja")] for k, v in texts.items()}
    errors: list[str] = []

    def work(key: str) -> None:
        for _ in range(30):
            text = texts[key]
            if [t[2] for t in iter_tokens(text, 0, len(text), "ja")] != expected[key]:
                errors.append(key)

    threads = [threading.Thread(target=work, args=(key,)) for key in ("a", "b", "a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
