"""py3langid's model, restricted to the Latin-script languages, loaded from a decompressed copy in the cache dir.

py3langid ships its model LZMA-compressed; decompressing it costs about 0.7 s of CPU in every process that
identifies a Latin-script article — in a cold ingest, once per worker, a third of what the bare ICU loop costs for
a whole 1,500-article corpus. The first load writes the arrays the Latin detector needs (only the columns of
:data:`corpus.langid.LATIN_LANGUAGES`) uncompressed to the user cache dir, keyed by py3langid's version and the
model file's size; later loads read that copy in a few tens of milliseconds. Any failure (a read-only cache, a
py3langid with another model layout) falls back to py3langid's own loader: slower, never wrong.
"""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.paths import cache_dir

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def load_identifier(languages: list[str]) -> LanguageIdentifier:
    """A py3langid identifier (normalised probabilities) restricted to ``languages``."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = Path(MODEL_DIR) / MODEL_FILE
    try:
        identifier = _from_copy(_copy_path(model, languages), model, languages)
    except (OSError, ValueError, KeyError, TypeError):
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(languages)
    return identifier


def _copy_path(model: Path, languages: list[str]) -> Path:
    languages_digest = hashlib.blake2b(",".join(languages).encode(), digest_size=6).hexdigest()
    tag = f"{version('py3langid')}-{model.stat().st_size}-{languages_digest}"
    return cache_dir() / "langid" / f"py3langid-{tag}.npz"


def _from_copy(copy: Path, model: Path, languages: list[str]) -> LanguageIdentifier:
    import numpy as np  # here, not at import: the app's first paint needs no detector
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    if not copy.exists():
        _write_copy(copy, model, languages)
    with np.load(copy, allow_pickle=False) as data:
        arrays = {name: data[name] for name in _ARRAYS}
    return LanguageIdentifier(
        arrays["ptc"], arrays["pc"], arrays["classes"].tolist(), _to_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(), norm_probs=True, tk_row=_to_array(arrays["nextmove_row"]),
    )


def _write_copy(copy: Path, model: Path, languages: list[str]) -> None:
    """Decompress py3langid's model once and keep the arrays of ``languages`` (written atomically)."""
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(model)
    keep = [i for i, lang in enumerate(classes) if lang in set(languages)]
    copy.parent.mkdir(parents=True, exist_ok=True)
    tmp = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as out:
        np.savez(
            out, ptc=np.asarray(ptc)[:, keep], pc=np.asarray(pc)[keep], classes=np.array([classes[i] for i in keep]),
            nextmove=np.frombuffer(nextmove, dtype=np.uint32 if nextmove.itemsize == 4 else np.uint64),
            nextmove_row=np.frombuffer(row, dtype={2: np.uint16, 4: np.uint32, 8: np.uint64}[row.itemsize]),
            out_feat=np.array(output, dtype=np.int32),
        )
    os.replace(tmp, copy)
