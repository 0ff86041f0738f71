"""``babelscope override``: correct an article's language, encoding or title; the store keeps the correction and
every later ingest applies it (CONVENTIONS.md "The store": per-article overrides).

The override is applied at once (the one affected file is re-analysed), so the command prints the article as it
now is. An encoding belongs to a file, not to one record of a JSONL/CSV file, so it is stored on the file's path;
a file that was skipped because it could not be decoded can be named too — that is what ``--encoding`` is for.
"""

from __future__ import annotations

import argparse
import codecs

from corpus.cli.common import add_common, load
from corpus.cli.main import UsageError
from corpus.cli.output import emit_json, emit_jsonl
from corpus.collection import Corpus, DocumentNotFound
from corpus.langid import normalise_hint
from corpus.session import open_session
from corpus.store import Override

FIELDS = ("lang", "encoding", "title")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "override",
        help="set, clear or list per-article overrides of language, encoding and title",
        description="Override what ingest decided for one article. Stored in the corpus store and applied on "
        "every later ingest; the affected file is re-analysed now.",
    )
    add_common(parser)
    parser.add_argument("--doc", help="the article: doc_id, unique prefix, file name, or a skipped file's path")
    parser.add_argument("--lang", metavar="CODE", help="BCP-47 language tag (ru, ar, zh, zh-Hant, ja, id, en...)")
    parser.add_argument("--encoding", metavar="CODEC", help="decode the article's file with this codec (cp1251...)")
    parser.add_argument("--title", help="the title shown in the library")
    parser.add_argument(
        "--clear", nargs="*", choices=FIELDS, metavar="FIELD",
        help="remove the named overrides (lang, encoding, title) of --doc; all of them when none is named",
    )
    parser.add_argument("--list", action="store_true", help="list every override of the corpus")
    parser.set_defaults(run=run_override)


def run_override(args: argparse.Namespace) -> int:
    changes = {name: getattr(args, name) for name in FIELDS if getattr(args, name) is not None}
    if args.list:
        if args.doc or changes or args.clear is not None:
            raise UsageError("--list takes no --doc, --clear or field to set")
        return _list(args)
    if not args.doc:
        raise UsageError("--doc is required (or use --list)")
    if not changes and args.clear is None:
        raise UsageError("give at least one of --lang, --encoding, --title, --clear")
    if changes and args.clear is not None:
        raise UsageError("--clear cannot be combined with setting a field")
    changes = _validated(changes)

    session = load(args, label="override")
    try:
        doc_id = _resolve(session.corpus, args.doc)
        file_key = doc_id.split("#", 1)[0]
        if args.clear is not None:
            fields = args.clear or list(FIELDS)
            if "encoding" in fields:
                session.store.clear_override(file_key, "encoding")
            if set(fields) - {"encoding"}:
                session.store.clear_override(doc_id, *(f for f in fields if f != "encoding"))
        else:
            if "encoding" in changes:
                session.store.set_override(file_key, encoding=changes.pop("encoding"))
            if changes:
                session.store.set_override(doc_id, **changes)
        stored = {key: o for key, o in session.store.get_overrides().items() if key in (doc_id, file_key)}
    finally:
        session.close()

    refreshed = open_session(args.corpus)  # re-analyses just the affected file
    try:
        result = _describe(refreshed.corpus, doc_id, stored)
    finally:
        refreshed.close()
    if args.json:
        emit_json(result)
    else:
        values = ", ".join(f"{k}={v}" for k, v in result["override"].items()) or "none"
        print(f"{doc_id}: overrides {values}")
        if result["skipped"]:
            print(f"  still skipped: {result['skipped']}")
        else:
            print(f"  now: lang {result['lang']}, encoding {result['encoding']}, title {result['title']!r}")
    return 0


def _validated(changes: dict[str, str]) -> dict[str, str]:
    """Normalised values, or a usage error naming the bad one."""
    out = dict(changes)
    if "lang" in out:
        primary = normalise_hint(out["lang"])
        if primary is None:
            raise UsageError(f"--lang {out['lang']!r} is not a language tag ICU knows")
        subtags = out["lang"].replace("_", "-").split("-")
        script = next((s.title() for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
        out["lang"] = f"{primary}-{script}" if script else primary
    if "encoding" in out:
        try:
            out["encoding"] = codecs.lookup(out["encoding"]).name
        except LookupError:
            raise UsageError(f"--encoding {out['encoding']!r} is not a codec Python knows") from None
    if "title" in out and not out["title"].strip():
        raise UsageError("--title must not be empty (use --clear title to remove an override)")
    return out


def _resolve(corpus: Corpus, ref: str) -> str:
    """An article's doc_id, or the path of a skipped file (which has no article yet)."""
    try:
        return corpus.resolve_doc(ref)
    except DocumentNotFound:
        ref_posix = ref.replace("\\", "/")
        skipped = [s.path for s in corpus.skipped if ref_posix in (s.path, s.path.rsplit("/", 1)[-1])]
        if len(skipped) == 1:
            return skipped[0]
        raise


def _describe(corpus: Corpus, doc_id: str, stored: dict[str, Override]) -> dict:
    override = {
        name: value
        for o in stored.values()
        for name in FIELDS
        if (value := getattr(o, name)) is not None
    }
    reason = next((s.reason for s in corpus.skipped if s.path == doc_id.split("#", 1)[0]), None)
    result: dict = {"doc_id": doc_id, "override": override, "skipped": reason}
    if reason is None:
        document = corpus.document(doc_id)
        result.update({k: document[k] for k in ("lang", "lang_source", "encoding", "title")})
    return result


def _list(args: argparse.Namespace) -> int:
    session = load(args, label="override")
    try:
        overrides = sorted(session.store.get_overrides().values(), key=lambda o: o.doc_id)
    finally:
        session.close()
    rows = [
        {"doc_id": o.doc_id, **{name: getattr(o, name) for name in FIELDS}, "updated": o.updated} for o in overrides
    ]
    if args.json:
        emit_jsonl(rows)
        return 0
    if not rows:
        print("no overrides")
    for row in rows:
        values = ", ".join(f"{name}={row[name]}" for name in FIELDS if row[name] is not None)
        print(f"{row['doc_id']}: {values}")
    return 0
