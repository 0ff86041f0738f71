"""How every subcommand talks: JSON (Lines) on stdout, UTF-8 and unescaped; warnings, progress and errors on
stderr; a progress bar only when stderr is a terminal (CONVENTIONS.md "Command line")."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from typing import Any, TextIO

from corpus.stages import StageThrottle
from corpus.textlayout.cells import cell_len
from corpus.textlayout.inert import inert

__all__ = ["PROG", "Progress", "emit_json", "emit_jsonl", "error", "fit", "inert", "warn"]

PROG = "babelscope"


def _stream(stream: TextIO | None) -> TextIO:
    return stream or sys.stdout


def emit_json(value: Any, stream: TextIO | None = None) -> None:
    _stream(stream).write(json.dumps(value, ensure_ascii=False) + "\n")


def emit_jsonl(values: Iterable[Any], stream: TextIO | None = None) -> None:
    out = _stream(stream)
    for value in values:
        out.write(json.dumps(value, ensure_ascii=False) + "\n")


def warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def fit(text: str, width: int, align: str = "left") -> str:
    """Cut or pad ``text`` to exactly ``width`` cells. Right-aligned text (a KWIC line's left context) keeps its
    end, the part next to what follows it, and loses its start."""
    right = align == "right"
    out, used = [], 0
    for ch in reversed(text) if right else text:
        w = cell_len(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    pad = " " * (width - used)
    return (pad + "".join(reversed(out))) if right else ("".join(out) + pad)


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal (never into logs or pipes)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        share = done / total
        bar = "█" * int(share * 30)
        sys.stderr.write(f"\r{self.label} [{bar:<30}] {share:4.0%} {done / 1e6:7.1f}/{total / 1e6:.1f} MB")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


class StageLine:
    """The running stage of a long computation (:mod:`corpus.stages`) on one stderr line, only when stderr is a
    terminal; :meth:`close` clears the line, so the output that follows starts clean."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self._throttle = StageThrottle()
        self._width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or not self._throttle.due(stage, done, total):
            return
        if total > 0:
            bar = "█" * int(done / total * 30)
            line = f"{self.label}: {stage} [{bar:<30}] {done:,}/{total:,}"
        else:
            line = f"{self.label}: {stage}…"
        sys.stderr.write("\r" + line.ljust(self._width))
        sys.stderr.flush()
        self._width = len(line)

    def close(self) -> None:
        if self._width:
            sys.stderr.write("\r" + " " * self._width + "\r")
            sys.stderr.flush()
            self._width = 0
