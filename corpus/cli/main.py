"""The command line: ``babelscope [PATH]`` opens the app; subcommands expose the engine for scripts.

Exit codes (CONVENTIONS.md): 0 success (also when nothing matched), 1 a runtime error with a message on stderr,
2 a usage error. Each subcommand lives in its own module with ``register(subparsers)``; this module only wires
them together and maps errors to exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable
from types import ModuleType

import corpus.cli
from corpus.cli.common import VersionAction
from corpus.cli.output import PROG, error
from corpus.collection import DocumentNotFound
from corpus.store import StoreError

OpenApp = Callable[[str | None, str | None, int | None], int]



def command_modules() -> list[ModuleType]:
    """Every ``corpus/cli/*_cmd.py`` module, in name order: a new subcommand is one new file, no list to edit."""
    names = sorted(m.name for m in pkgutil.iter_modules(corpus.cli.__path__) if m.name.endswith("_cmd"))
    return [importlib.import_module(f"corpus.cli.{name}") for name in names]


class UsageError(Exception):
    """Raised by a subcommand for a usage problem it detects after parsing (exit code 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Babelscope: a terminal corpus browser for multilingual news. "
        "Run without a subcommand to open the app (on the embedded sample corpus by default).",
    )
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    opener = sub.add_parser("open", help="open the app on PATH (a corpus file or folder)")
    opener.add_argument("path", nargs="?", metavar="PATH")
    opener.add_argument("--doc", help="open this article (doc_id, unique prefix or file name)")
    opener.add_argument("--at", type=int, metavar="OFFSET", help="character offset to scroll to")
    opener.add_argument("--version", action=VersionAction)
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: list[str] | None = None, open_app: OpenApp | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")):
        argv = ["open", *argv]  # `babelscope` / `babelscope PATH`
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.command == "open":
            if open_app is None:
                error("the app is not available from this entry point")
                return 1
            return open_app(args.path, args.doc, args.at)
        return int(args.run(args))
    except UsageError as exc:
        error(str(exc))
        return 2
    except DocumentNotFound as exc:
        error(str(exc))
        return 2
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly (before OSError, its base class)
        _discard_stdout()
        return 0
    except (StoreError, OSError) as exc:
        error(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's flush at exit does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
