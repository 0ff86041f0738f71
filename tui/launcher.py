"""The ``babelscope`` console script: engine subcommands go to ``corpus.cli``; everything else opens the app."""

from __future__ import annotations

import sys

from corpus.cli.main import main as cli_main


def main(argv: list[str] | None = None) -> int:
    return cli_main(argv, open_app=_open_app)


def _open_app(corpus_path: str | None, doc: str | None, at: int | None) -> int:
    from tui.app import run_app  # deferred: textual is only needed when the app opens

    return run_app(corpus_path, doc=doc, at=at)


if __name__ == "__main__":
    sys.exit(main())
