"""Bytes → text for files of unknown origin: BOM first, then strict UTF-8, then ICU's charset detector.

Why this order: a BOM is unambiguous; valid UTF-8 is overwhelmingly UTF-8 (legacy 8-bit text almost never
validates); only then is a statistical guess worth making. A file that looks binary (NUL bytes without a UTF-16/32
BOM, or many control bytes) is refused with a reason instead of being shown as mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import icu

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # must precede UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that never occur in real text (everything below 0x20 except \t \n \f \r and ESC, which hostile
# but textual files do contain and which the reader shows inert).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SNIFF = 8192
_MIN_DETECTOR_CONFIDENCE = 25


class DecodeError(ValueError):
    """The bytes are not text we can decode; the message says why, for the per-file warning."""


class UnknownEncoding(DecodeError):
    """Text-like bytes in no encoding we could recognise: the user, who may know it, can name it (an override)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec name used; "utf-8-sig"/"utf-16-le" etc. when a BOM decided it


def decode_bytes(data: bytes, forced_encoding: str | None = None) -> Decoded:
    """Decode ``data``; ``forced_encoding`` (a user override from the store) skips every guess."""
    if forced_encoding:
        try:
            return Decoded(_strip_bom(data.decode(forced_encoding)), forced_encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise DecodeError(f"cannot decode as the overridden encoding {forced_encoding!r}: {exc}") from exc
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{codec} byte-order mark but invalid {codec} data at byte {exc.start}") from exc
            return Decoded(text, codec + ("-sig" if codec == "utf-8" else ""))
    head = data[:_SNIFF]
    if _looks_binary(head):
        raise DecodeError("binary file (control bytes, no text encoding fits)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    guess = _detect(data)
    if guess:
        try:
            return Decoded(data.decode(guess), guess)
        except (LookupError, UnicodeDecodeError):
            pass
    raise UnknownEncoding(f"invalid UTF-8 at byte {utf8_error.start} and no other encoding fits")


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))  # one C pass (was a count per byte value)
    return controls > max(8, len(head) // 100)


def _detect(data: bytes) -> str | None:
    """ICU's detector on a prefix; returns a Python codec name or None when it is not confident."""
    detector = icu.CharsetDetector(data[: 64 * 1024])
    try:
        match = detector.detect()
    except icu.ICUError:
        return None
    if match is None or match.getConfidence() < _MIN_DETECTOR_CONFIDENCE:
        return None
    name = match.getName()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
