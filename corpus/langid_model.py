"""py3langid's Latin-script model, scored column-wise from a compact copy in the cache dir.

py3langid finds its byte n-gram features with a DFA walk: one Python step per byte through a 39 MB transition
table. In an ingest that table is cold in the CPU cache for every article (ICU and NumPy run in between), and
the walk cost about 2 ms per Latin-script article — as much as the rest of its analysis — and every worker
loaded the 47 MB table. The automaton is an Aho–Corasick automaton over byte strings of at most
:data:`MAX_DEPTH` bytes, so its state after any byte is simply the longest suffix of the text (up to that depth)
that is one of its nodes. :class:`LatinModel` finds that suffix for every byte at once (a binary search per
suffix length over the nodes' packed byte strings), takes each state's feature exactly as the walk would, and
scores them with py3langid's own formula and arrays; the result is py3langid's, bit for bit (tests compare).

The compact copy (node strings, their features, the Naive Bayes weights of :data:`corpus.langid.LATIN_LANGUAGES`:
about 8 MB) is built once per machine from py3langid's LZMA-compressed model (about 1 s of CPU: decompression
and a breadth-first walk of the automaton) and written to the user cache dir, keyed by py3langid's version and
the model file's size; later loads read it in milliseconds. The build checks itself against the DFA walk on
random and real text; a model that is not such an automaton, or any failure (a read-only cache dir), falls back
to py3langid's own identifier: slower, never different.
"""

from __future__ import annotations

import hashlib
import math
import os
import unicodedata
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from corpus.paths import cache_dir

if TYPE_CHECKING:
    import numpy as np

#: Longest node string of py3langid's automaton (its byte n-grams are up to 6 bytes). A string is packed into
#: one integer: its bytes big-endian (the last byte lowest) in the low 48 bits, its length above them.
MAX_DEPTH = 6
_ARRAYS = ("node_keys", "node_features", "ptc", "pc", "classes")


class Classifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


class LatinModel:
    """py3langid's classifier (normalised probabilities) over its compact copy."""

    def __init__(self, node_keys: np.ndarray, node_features: np.ndarray, ptc: np.ndarray, pc: np.ndarray,
                 classes: list[str]) -> None:
        self._node_keys = node_keys          # sorted packed node strings (see MAX_DEPTH)
        self._node_features = node_features  # per node (in node_keys order): its feature, -1 for none
        self._ptc, self._pc, self._classes = ptc, pc, classes

    def classify(self, text: str) -> tuple[str, float]:
        """``(language, probability)`` exactly as py3langid's ``LanguageIdentifier.classify`` gives them."""
        import numpy as np

        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        features = self.features(data)
        if len(features):
            # py3langid sums the features in the order they first occur: the same order, the same float sums
            distinct, first, counts = np.unique(features, return_index=True, return_counts=True)
            order = np.argsort(first, kind="stable")
            scores = np.log1p(counts[order].astype(np.float32)) @ self._ptc[distinct[order]] + self._pc
        else:
            scores = np.full(len(self._classes), 0.0, dtype=np.float32)
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        best = int(scores.argmax())
        return self._classes[best], float(scores[best])

    def features(self, data: bytes) -> np.ndarray:
        """The feature the automaton emits after each byte of ``data`` (those that emit one), in text order."""
        import numpy as np

        codes = np.frombuffer(data, dtype=np.uint8).astype(np.uint64)
        n = len(codes)
        node = np.full(n, -1, dtype=np.int64)  # per byte: the longest suffix that is a node (-1: the root)
        window = np.zeros(n, dtype=np.uint64)
        for depth in range(1, min(MAX_DEPTH, n) + 1):
            window[depth - 1:] |= codes[: n - depth + 1] << np.uint64(8 * (depth - 1))
            keys = window[depth - 1:] | np.uint64(depth << 48)
            at = np.minimum(np.searchsorted(self._node_keys, keys), len(self._node_keys) - 1)
            hit = self._node_keys[at] == keys
            node[depth - 1:][hit] = at[hit]
        emitted = self._node_features[node[node >= 0]]
        return emitted[emitted >= 0]


def load_latin_model(languages: list[str]) -> Classifier:
    """The Latin detector restricted to ``languages``: :class:`LatinModel`, else py3langid's own identifier."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = Path(MODEL_DIR) / MODEL_FILE
    try:
        return _from_copy(_copy_path(model, languages), model, languages)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(languages)
        return identifier


def _copy_path(model: Path, languages: list[str]) -> Path:
    languages_digest = hashlib.blake2b(",".join(languages).encode(), digest_size=6).hexdigest()
    tag = f"{version('py3langid')}-{model.stat().st_size}-{languages_digest}"
    return cache_dir() / "langid" / f"py3langid-{tag}-nodes.npz"


def _from_copy(copy: Path, model: Path, languages: list[str]) -> LatinModel:
    import numpy as np  # here, not at import: the app's first paint needs no detector

    if not copy.exists():
        _write_copy(copy, model, languages)
    with np.load(copy, allow_pickle=False) as data:
        arrays = {name: data[name] for name in _ARRAYS}
    return LatinModel(arrays["node_keys"], arrays["node_features"], arrays["ptc"], arrays["pc"],
                      arrays["classes"].tolist())


def _write_copy(copy: Path, model: Path, languages: list[str]) -> None:
    """Decompress py3langid's model once, find its automaton's node strings, check, write (atomically)."""
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(model)
    transitions = np.frombuffer(nextmove, dtype=np.uint32 if nextmove.itemsize == 4 else np.uint64).reshape(-1, 256)
    row_of = np.frombuffer(row, dtype={2: np.uint16, 4: np.uint32, 8: np.uint64}[row.itemsize]).astype(np.int64)
    out = np.asarray(output, dtype=np.int64)
    keys = _node_keys(transitions, row_of)[1:]  # the root (state 0, the empty string) is "no node"
    order = np.argsort(keys)
    keep = [i for i, lang in enumerate(classes) if lang in set(languages)]
    latin = LatinModel(keys[order], out[1:][order], np.asarray(ptc)[:, keep], np.asarray(pc)[keep],
                       [classes[i] for i in keep])
    _check(latin, transitions, row_of, out)
    copy.parent.mkdir(parents=True, exist_ok=True)
    tmp = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        np.savez(handle, node_keys=latin._node_keys, node_features=latin._node_features.astype(np.int32),
                 ptc=latin._ptc, pc=latin._pc, classes=np.array(latin._classes))
    os.replace(tmp, copy)


def _node_keys(transitions: np.ndarray, row_of: np.ndarray) -> np.ndarray:
    """Each state's string, packed as :func:`pack` does: the bytes of its shortest path from the root, found
    breadth-first (in an Aho–Corasick automaton that is the node's own string). Raises ValueError when a string
    is longer than :data:`MAX_DEPTH`, i.e. the model is not the automaton this module assumes."""
    import numpy as np

    states = len(row_of)
    strings = np.zeros(states, dtype=np.uint64)  # the string's bytes, last byte lowest
    depths = np.zeros(states, dtype=np.uint64)
    seen = np.zeros(states, dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    while len(frontier):
        targets = transitions[row_of[frontier]].ravel()
        new = np.flatnonzero(~seen[targets])
        reached, first = np.unique(targets[new], return_index=True)
        if not len(reached):
            break
        depth += 1
        if depth > MAX_DEPTH:
            raise ValueError("automaton deeper than expected")
        via = new[first]  # index into frontier × 256 of the first edge that reaches each new state
        strings[reached] = (strings[frontier[via // 256]] << np.uint64(8)) | (via % 256).astype(np.uint64)
        depths[reached] = depth
        seen[reached] = True
        frontier = reached
    return strings | (depths << np.uint64(48))


def _check(latin: LatinModel, transitions: np.ndarray, row_of: np.ndarray, out: np.ndarray) -> None:
    """Raise ValueError unless the column-wise features equal the DFA walk's on random bytes and mixed text."""
    import numpy as np

    rng = np.random.default_rng(0)
    samples = [rng.integers(0, 256, 4000, dtype=np.uint8).tobytes(),
               rng.choice(np.frombuffer(b"etaoin shrdlu,.", dtype=np.uint8), 4000).tobytes(),
               ("Sam Altman kembali ke OpenAI. Le conseil a licencié le directeur général. "
                "Альтман 奥特曼 ألتمان — naïve café ŽŠČ øæå ß İı ").encode() * 20]
    for data in samples:
        state, walked = 0, []
        for byte in data:
            state = int(transitions[row_of[state], byte])
            if out[state] >= 0:
                walked.append(int(out[state]))
        if latin.features(data).tolist() != walked:
            raise ValueError("the automaton is not the longest-suffix automaton this module assumes")
