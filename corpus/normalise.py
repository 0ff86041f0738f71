"""Search keys for tokens: ``norm`` = NFKC + case fold, plus script-specific folding.

Normalisation only ever produces *keys*; the original text and its offsets are never changed. Arabic loses its
optional marks (harakat, tatweel) and its alef variants are unified, because writers use them inconsistently;
Chinese Traditional characters fold to Simplified so 微軟 finds 微软. Keys are computed once per distinct form
(``functools.lru_cache``), never once per token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
_ALEF_FORMS = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"})
_HAS_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_HAS_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

_t2s: icu.Transliterator | None = None


def _traditional_to_simplified(text: str) -> str:
    global _t2s
    if _t2s is None:  # created lazily: Transliterators are not picklable, each worker process builds its own
        _t2s = icu.Transliterator.createInstance("Traditional-Simplified")
    return _t2s.transliterate(text)


def fold_arabic(text: str) -> str:
    """Strip harakat/tatweel and unify alef forms (أ إ آ ٱ → ا)."""
    return _ARABIC_MARKS.sub("", text).translate(_ALEF_FORMS)


@lru_cache(maxsize=262_144)
def normalise(surface: str, lang: str = "") -> str:
    """The ``norm`` key of a token surface in an article of language ``lang``."""
    key = unicodedata.normalize("NFKC", surface).casefold()
    if _HAS_ARABIC.search(key):
        key = fold_arabic(key)
    if lang.partition("-")[0] == "zh" and _HAS_HAN.search(key):
        key = _traditional_to_simplified(key)
    return key
