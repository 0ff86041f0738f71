"""``babelscope annotations list|add|remove|export|import``: the user's annotations, for scripts and backups.

Opening the corpus re-anchors annotations of articles that changed since they were made (by quote); those that
cannot be placed are kept as orphans, listed with ``"orphan": true`` and reported on stderr, never dropped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpus.annotations import (
    FORMATS,
    AnnotationFormatError,
    AnnotationRepository,
    read_annotations,
    reanchor_corpus,
    write_annotations,
)
from corpus.annotations.listing import listing_record, path_of, paths_by_doc
from corpus.annotations.model import Annotation
from corpus.cli.common import VersionAction, add_common, load
from corpus.cli.main import UsageError
from corpus.cli.output import emit_json, emit_jsonl, error, fit, inert, warn
from corpus.labels import LabelError, load_labels
from corpus.session import Session

_ORDERS = ("doc", "created", "modified", "label")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("annotations", help="list, add, remove, export and import annotations")
    parser.add_argument("--version", action=VersionAction)
    actions = parser.add_subparsers(dest="annotations_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="every annotation (JSON Lines with --json)")
    add_common(listing)
    _add_filters(listing)
    listing.add_argument("--sort", choices=_ORDERS, default="doc", help="order (default: by article and offset)")
    listing.set_defaults(run=run_list)

    add = actions.add_parser("add", help="annotate text[START:END] of an article; prints the new id")
    add_common(add)
    add.add_argument("--doc", required=True, help="the article (doc_id, unique prefix or file name)")
    add.add_argument("--start", required=True, type=int, help="first character (code point offset)")
    add.add_argument("--end", required=True, type=int, help="end character, exclusive")
    add.add_argument("--label", required=True, help="a label name from labels.toml")
    add.add_argument("--note", default="", help="free-text note")
    add.set_defaults(run=run_add)

    remove = actions.add_parser("remove", help="delete annotations by id (or a unique id prefix)")
    add_common(remove)
    remove.add_argument("ids", nargs="+", metavar="ID")
    remove.set_defaults(run=run_remove)

    export = actions.add_parser("export", help="write annotations as W3C JSON Lines, JSON Lines, CSV or Parquet")
    add_common(export, json_flag=False)
    export.add_argument("--format", choices=FORMATS, default="w3c", help="default: w3c (Web Annotation JSON Lines)")
    export.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE (default: stdout)")
    _add_filters(export)
    export.set_defaults(run=run_export)

    importer = actions.add_parser("import", help="merge an exported file by annotation id (idempotent)")
    add_common(importer)
    importer.add_argument("file", type=Path, metavar="FILE")
    importer.set_defaults(run=run_import)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--doc", help="only this article (doc_id, unique prefix or file name)")
    parser.add_argument("--label", help="only this label")
    parser.add_argument("--text", help="only annotations whose quote or note contains TEXT (any case)")
    parser.add_argument("--orphans", action="store_true", help="only annotations that lost their text")


def _open(args: argparse.Namespace) -> tuple[Session, AnnotationRepository]:
    """Load the corpus and its store, re-anchoring annotations of articles that changed."""
    session = load(args)
    try:
        report = reanchor_corpus(session.store, session.corpus)
    except BaseException:
        session.close()
        raise
    if report.orphaned:
        warn(
            f"{len(report.orphaned)} annotation(s) no longer match their article's text and are kept as orphans "
            "(see: babelscope annotations list --orphans)"
        )
    return session, AnnotationRepository(session.store)


def _selected(args: argparse.Namespace, session: Session, repo: AnnotationRepository) -> list[Annotation]:
    doc_id = session.corpus.resolve_doc(args.doc) if args.doc else None
    return repo.list(
        label=args.label, doc_id=doc_id, text=args.text, orphan=True if args.orphans else None,
        order=getattr(args, "sort", "doc"),
    )


# ------------------------------------------------------------------------------------------------------ list
def run_list(args: argparse.Namespace) -> int:
    session, repo = _open(args)
    try:
        annotations = _selected(args, session, repo)
        paths = paths_by_doc(session.corpus)
    finally:
        session.close()
    if args.json:
        emit_jsonl(listing_record(a, paths) for a in annotations)
        return 0
    _print_table(annotations, paths)
    return 0


def _print_table(annotations: list[Annotation], paths: dict[str, str]) -> None:
    """A human table; text cells are made inert (article text may hold escape sequences) and cut to fit."""
    out = sys.stdout
    out.write(f"{'id':<8} {'label':<10} {'article':<26} {'span':>13}  {'quote':<32}  note\n")
    for a in annotations:
        span = f"{a.start}-{a.end}" + ("!" if a.orphan else "")
        quote = fit(inert(" ".join(a.exact.split())), 32)
        note = inert(" ".join(a.note.split()))
        out.write(
            f"{a.id[:8]} {fit(a.label, 10)} {fit(path_of(a.doc_id, paths), 26)} {span:>13}  {quote}  {note}".rstrip()
            + "\n"
        )
    orphans = sum(a.orphan for a in annotations)
    tail = f", {orphans} orphan(s) marked ! (their text changed; kept with the old quote)" if orphans else ""
    out.write(f"{len(annotations)} annotation(s){tail}\n")


# ------------------------------------------------------------------------------------------------------- add
def run_add(args: argparse.Namespace) -> int:
    try:
        labels = load_labels()
    except LabelError as exc:
        error(str(exc))
        return 1
    if labels.by_name(args.label) is None:
        raise UsageError(f"unknown label {args.label!r}; the labels are: {', '.join(labels.names)} ({labels.path})")
    session, repo = _open(args)
    try:
        doc_id = session.corpus.resolve_doc(args.doc)
        document = session.corpus.document(doc_id)
        length = len(document["text"])
        if not 0 <= args.start < args.end <= length:
            raise UsageError(
                f"need 0 <= --start < --end <= {length} (the length of {doc_id} in characters), "
                f"got --start {args.start} --end {args.end}"
            )
        change = repo.add(
            doc_id=doc_id, text=document["text"], start=args.start, end=args.end, label=args.label,
            content_hash=document["content_hash"], note=args.note,
        )
        paths = paths_by_doc(session.corpus)
    finally:
        session.close()
    assert change.after is not None
    if args.json:
        emit_json(listing_record(change.after, paths))
    else:
        print(change.after.id)
    return 0


# ---------------------------------------------------------------------------------------------------- remove
def run_remove(args: argparse.Namespace) -> int:
    session, repo = _open(args)
    try:
        ids = [_resolve_id(ref, repo) for ref in args.ids]
        removed = repo.delete_many(ids)
    finally:
        session.close()
    if args.json:
        emit_jsonl({"id": c.before.id, "removed": True} for c in removed if c.before)
    else:
        for change in removed:
            assert change.before is not None
            print(f"removed {change.before.id}")
    return 0


def _resolve_id(ref: str, repo: AnnotationRepository) -> str:
    """A full annotation id from an id or a unique prefix of one (what the human table shows)."""
    ref = ref.strip().lower().removeprefix("urn:uuid:")
    matches = repo.ids_starting(ref, limit=2) if ref else []
    if ref in matches or len(matches) == 1:
        return ref if ref in matches else matches[0]
    if matches:
        raise UsageError(f"{ref!r} matches several annotations; give more of the id")
    raise UsageError(f"no annotation has the id {ref!r}")


# ---------------------------------------------------------------------------------------------------- export
def run_export(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.output is None:
        raise UsageError("Parquet is binary: give --output FILE")
    args.sort = "doc"
    session, repo = _open(args)
    try:
        annotations = _selected(args, session, repo)
    finally:
        session.close()
    count = write_annotations(annotations, args.format, args.output or sys.stdout)
    if args.output is not None:
        print(f"wrote {count} annotation(s) to {args.output}", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------------------------------- import
def run_import(args: argparse.Namespace) -> int:
    try:
        incoming = read_annotations(args.file)
    except AnnotationFormatError as exc:
        error(str(exc))
        return 1
    session, repo = _open(args)
    try:
        report = repo.merge(incoming)
        moved = reanchor_corpus(session.store, session.corpus, {a.doc_id for a in incoming})
        known = set(session.corpus.doc_ids)
    finally:
        session.close()
    _warn_unknown(incoming, known)
    summary = {
        "file": str(args.file), "read": len(incoming), "added": report.added, "updated": report.updated,
        "unchanged": report.unchanged, "orphans": len(moved.orphaned),
    }
    if args.json:
        emit_json(summary)
    else:
        print(
            f"{args.file}: {len(incoming)} read, {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
    return 0


def _warn_unknown(incoming: list[Annotation], doc_ids: set[str]) -> None:
    """Imported annotations of articles or labels this corpus does not have are kept, but the user should know."""
    missing_docs = sorted({a.doc_id for a in incoming} - doc_ids)
    if missing_docs:
        shown = ", ".join(missing_docs[:5]) + (" …" if len(missing_docs) > 5 else "")
        warn(f"{len(missing_docs)} article(s) of the imported annotations are not in this corpus: {shown}")
    try:
        names = set(load_labels().names)
    except LabelError:
        return
    unknown_labels = sorted({a.label for a in incoming} - names)
    if unknown_labels:
        warn(f"label(s) not in labels.toml (kept as they are): {', '.join(unknown_labels)}")
