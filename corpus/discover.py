"""Which files make up a corpus: a folder walked recursively (hidden folders skipped, links not followed into
loops), or a single file. Sorted, so doc order and paragraph indices never depend on the file system."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from corpus.readers import is_supported


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str        # absolute (a str: building 100k Path objects costs more than discovering the files)
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
    files: list[FileEntry] = []
    ignored: list[str] = []
    unreadable: list[tuple[str, str]] = []
    if resolved.is_file():
        candidates: Iterator[tuple[str, str]] = iter([(str(resolved), resolved.name)])
    else:
        candidates = _walk(str(resolved), "", unreadable)
    for full, rel in candidates:
        if not is_supported(rel.rsplit("/", 1)[-1]):
            ignored.append(rel)
            continue
        try:
            stat = os.stat(full)
        except OSError as exc:
            unreadable.append((rel, f"cannot read: {exc.strerror or exc}"))
            continue
        if S_ISREG(stat.st_mode):  # links are followed to files, never into folders
            files.append(FileEntry(full, rel, stat.st_size, stat.st_mtime_ns))
    return Discovery(resolved, root, files, ignored, unreadable)


def _walk(folder: str, prefix: str, unreadable: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """``(path, rel)`` of every non-hidden entry that is not a folder: a folder's files (sorted by name), then its
    sub-folders in name order. Plain strings and ``os.scandir``: pathlib costs more than the stat at 100k files."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        unreadable.append((prefix.rstrip("/") or ".", f"cannot list folder: {exc.strerror or exc}"))
        return
    folders = []
    for entry in entries:
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            folders.append(entry)
        elif not entry.is_symlink() or not os.path.isdir(entry.path):
            yield entry.path, prefix + entry.name
    for entry in folders:
        yield from _walk(entry.path, prefix + entry.name + "/", unreadable)
