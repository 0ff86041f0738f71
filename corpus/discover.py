"""Which files make up a corpus: a folder walked recursively (hidden folders skipped, links not followed into
loops), or a single file. Sorted, so doc order and paragraph indices never depend on the file system."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from corpus.readers import is_supported


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: Path       # absolute
    rel: str         # relative to the corpus root, `/`-separated
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Discovery:
    source: Path     # what was asked for (a folder or a single file)
    root: Path
    files: list[FileEntry]
    ignored: list[str]                # files of types Babelscope does not read (rel paths)
    unreadable: list[tuple[str, str]]  # (rel path, reason)


def corpus_root(path: Path) -> Path:
    """The folder relative to which doc ids are formed (a single file's own folder)."""
    resolved = path.resolve()
    return resolved.parent if resolved.is_file() else resolved


def discover(path: Path) -> Discovery:
    """The supported files under ``path``; raises FileNotFoundError when ``path`` does not exist."""
    resolved = path.resolve()
    if not resolved.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    root = corpus_root(resolved)
    if resolved.is_file():
        candidates = [resolved]
    else:
        candidates = []
        for folder, dirs, names in os.walk(resolved, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            candidates.extend(Path(folder) / n for n in sorted(names) if not n.startswith("."))
    files: list[FileEntry] = []
    ignored: list[str] = []
    unreadable: list[tuple[str, str]] = []
    for candidate in candidates:
        rel = candidate.relative_to(root).as_posix()
        if not is_supported(candidate):
            ignored.append(rel)
            continue
        try:
            stat = candidate.stat()
        except OSError as exc:
            unreadable.append((rel, f"cannot read: {exc.strerror or exc}"))
            continue
        if S_ISREG(stat.st_mode):  # the stat we already have (a second one per file costs at 100k files)
            files.append(FileEntry(candidate, rel, stat.st_size, stat.st_mtime_ns))
    return Discovery(resolved, root, files, ignored, unreadable)
