"""Options and corpus loading shared by every subcommand."""

from __future__ import annotations

import argparse
from importlib import metadata

import icu

from corpus import ANALYSER_VERSION, __version__
from corpus.cli.output import Progress, warn
from corpus.session import Session, open_session


def version_text() -> str:
    """``babelscope --version``: the ICU version is part of it because segmentation differs between ICU builds."""
    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    pyicu = dist("pyicu-wheels") if dist("pyicu-wheels") != "not installed" else dist("pyicu")
    return (
        f"babelscope {__version__} (analyser {ANALYSER_VERSION}; ICU {icu.ICU_VERSION}, PyICU {pyicu}, "
        f"Polars {dist('polars')}, Textual {dist('textual')}, rapidfuzz {dist('rapidfuzz')})"
    )


class VersionAction(argparse.Action):
    """``--version`` printed verbatim (argparse's own action re-wraps the line)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest=dest, nargs=0, help="print the version (with ICU's) and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(version_text())
        parser.exit(0)


def add_common(parser: argparse.ArgumentParser, json_flag: bool = True) -> None:
    parser.add_argument(
        "--corpus", metavar="PATH", help="a corpus file or folder (default: the embedded sample corpus)"
    )
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON (JSON Lines for lists) to stdout")
    parser.add_argument("--version", action=VersionAction)


def load(args: argparse.Namespace, label: str = "ingest") -> Session:
    """Open the corpus named by ``--corpus``, with progress on a terminal and one warning per skipped file."""
    session = open_session(args.corpus, progress=Progress(label))
    if session.report.analysed_files:
        for skipped in session.corpus.skipped:
            warn(f"skipped {skipped.path}: {skipped.reason}")
    return session
