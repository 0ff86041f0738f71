"""``babelscope aliases list|add|remove``: the user's search aliases (stored per corpus) and the alias file."""

from __future__ import annotations

import argparse

from corpus.cli.common import VersionAction, add_common
from corpus.cli.main import UsageError
from corpus.cli.output import emit_json, inert, warn
from corpus.discover import corpus_root
from corpus.paths import sample_corpus_dir
from corpus.aliases import sources as alias_sources
from corpus.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("aliases", help="list, add or remove search aliases (微软 = Microsoft)")
    parser.add_argument("--version", action=VersionAction)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="aliases from the store and the alias file")
    add_common(listing)
    listing.set_defaults(run=run_list)
    for name, helptext, runner in (("add", "add NAME = ALIAS", run_add), ("remove", "remove NAME = ALIAS", run_remove)):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("name", metavar="NAME")
        action.add_argument("alias", metavar="ALIAS")
        add_common(action)
        action.set_defaults(run=runner)


def _store(args: argparse.Namespace) -> Store:
    return Store.open(corpus_root(args.corpus if args.corpus else sample_corpus_dir()))


def run_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        rows = [(g.members[0], g.members[1], g.origin) for g in alias_sources.store_groups(store)]
    groups, warnings = alias_sources.file_groups()
    for message in warnings:
        warn(message)
    rows += [(g.members[0], ", ".join(g.members[1:]), "file") for g in groups]
    if args.json:
        for name, alias, origin in rows:
            emit_json({"name": name, "alias": alias, "origin": origin})
        return 0
    if not rows:
        print(f"no aliases (add one with `babelscope aliases add NAME ALIAS` or in {alias_sources.alias_file()})")
    for name, alias, origin in rows:
        print(f"{inert(name)} = {inert(alias)}  ({origin})")
    return 0


def run_add(args: argparse.Namespace) -> int:
    with _store(args) as store:
        try:
            added = alias_sources.add_store_alias(store, args.name, args.alias)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if args.json:
        emit_json({"name": args.name, "alias": args.alias, "added": added})
    else:
        print("added" if added else "already there")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with _store(args) as store:
        removed = alias_sources.remove_store_alias(store, args.name, args.alias)
    if args.json:
        emit_json({"name": args.name, "alias": args.alias, "removed": removed})
    else:
        print(f"removed {removed}")
    return 0
