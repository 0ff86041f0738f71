"""Accuracy and speed of Babelscope's language identification on real translated text found on this machine.

Nothing is shipped or downloaded at run time: the script reads text that Debian and PyPI packages install, all
of it written and translated by people (not by us):

* Debian's translated manual pages (groff source; markup stripped here). Install them once with::

      apt-get install manpages manpages-de manpages-es manpages-fr manpages-id manpages-it manpages-nl \\
          manpages-pl manpages-pt-br manpages-tr manpages-vi manpages-ru manpages-uk manpages-ja manpages-zh

* Django's gettext catalogues (``msgstr`` values of whole sentences, concatenated into paragraphs); the only
  source here with Malay (``ms``), Persian, Urdu, Bulgarian and Serbian. Either have Django installed, or put its
  wheel in a folder and name it (or set ``BABELSCOPE_LANGID_DATA``)::

      pip download --no-deps -d ~/langid-data django
      python benchmarks/langid_accuracy.py --data ~/langid-data

* The gettext catalogues (``/usr/share/locale/*/LC_MESSAGES/*.mo``) of the Debian packages on the machine
  (coreutils, tar, findutils, glib...: more with more packages installed). Translated ``--help`` texts are the
  largest Malay source here.

Translated man pages leave untranslated paragraphs in English, and catalogues hold entries copied unchanged
(msgstr == msgid). Both are dropped from the non-English sets (paragraphs by English function words,
:data:`ENGLISH_MARKERS`) so that English leftovers do not count as errors. The filters look only at the gold side
and are the same for every detector.

It prints, per source and language, the accuracy of :func:`corpus.langid.detect_language` next to the raw
Latin-script candidates that are installed (py3langid, lingua, langdetect, pycld2; each restricted to the same
Latin language set), the Indonesian/Malay confusion, and a throughput figure on 2000-character inputs.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import importlib.util
import os
import random
import re
import sys
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from corpus.langid import LATIN_LANGUAGES, detect_language

MAN_ROOT = Path("/usr/share/man")
#: Debian man page folder -> language tag; "" is the English original.
MAN_DIRS = {"": "en", "de": "de", "es": "es", "fr": "fr", "id": "id", "it": "it", "nl": "nl", "pl": "pl",
            "pt_BR": "pt", "tr": "tr", "vi": "vi", "ru": "ru", "uk": "uk", "ja": "ja", "zh_CN": "zh"}
#: Django locale folder -> language tag; English comes from the msgid side of the catalogues.
DJANGO_DIRS = {"id": "id", "ms": "ms", "de": "de", "es": "es", "fr": "fr", "it": "it", "nl": "nl", "pl": "pl",
               "pt": "pt", "tr": "tr", "vi": "vi", "ru": "ru", "uk": "uk", "bg": "bg", "sr": "sr", "ar": "ar",
               "fa": "fa", "ur": "ur", "he": "he", "el": "el", "hi": "hi", "th": "th", "ko": "ko", "ja": "ja",
               "zh_Hans": "zh"}

LOCALE_ROOT = Path("/usr/share/locale")
#: gettext locale folder -> language tag; English comes from the msgids of the French catalogues.
GETTEXT_DIRS = {"id": "id", "ms": "ms", "de": "de", "es": "es", "fr": "fr", "it": "it", "nl": "nl", "pl": "pl",
                "pt": "pt", "tr": "tr", "vi": "vi", "ru": "ru", "uk": "uk", "bg": "bg", "ar": "ar", "fa": "fa",
                "ja": "ja", "zh_CN": "zh", "ko": "ko", "el": "el", "he": "he"}
#: English function words that no other benchmarked language uses as words (Dutch "is"/"of" are left out).
ENGLISH_MARKERS = frozenset({"the", "and", "which", "this", "that", "with", "are", "from", "when"})

# groff: comment/request lines, font and size escapes, named characters, zero-width and spacing escapes.
_GROFF_REQUEST = re.compile(r"^[.'].*$", re.MULTILINE)
_GROFF_ESCAPE = re.compile(r"\\(?:f(?:\[[^]]*\]|\(..|.)|s[-+]?\d+|\(..|\[[^]]*\]|\*(?:\(..|\[[^]]*\]|.)|[&,/|^:%])")


def _groff_text(source: str) -> list[str]:
    """Paragraphs of running text from a man page's groff source (requests dropped, escapes removed)."""
    text = _GROFF_REQUEST.sub("\n", source.replace("\\-", "-").replace("\\e", "\\"))
    text = _GROFF_ESCAPE.sub("", text)
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def man_paragraphs(lang_dir: str) -> Iterator[str]:
    """Paragraphs of every man page in one language folder, in sorted file order."""
    root = MAN_ROOT / lang_dir if lang_dir else MAN_ROOT
    for section in sorted(root.glob("man[1-8]")):
        for page in sorted(section.glob("*.gz")):
            try:
                yield from _groff_text(gzip.decompress(page.read_bytes()).decode("utf-8"))
            except (OSError, UnicodeDecodeError, EOFError):
                continue


_PO_FIELD = re.compile(r'^(msgid|msgstr(?:\[0\])?) "(.*)"$')


def _po_pairs(source: str) -> Iterator[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file (entries are blank-line separated), fuzzy entries skipped."""
    for block in re.split(r"\n\s*\n", source):
        if re.search(r"^#,.*fuzzy", block, re.MULTILINE):
            continue
        fields: dict[str, str] = {}
        current = ""
        for line in block.splitlines():
            if (match := _PO_FIELD.match(line)) is not None:
                current = "msgid" if match[1] == "msgid" else "msgstr"
                fields[current] = match[2]
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
            elif line.startswith("msg"):
                current = ""  # msgctxt, msgid_plural, msgstr[1]...: not sampled
        if fields.get("msgid") and fields.get("msgstr"):
            yield fields["msgid"], fields["msgstr"]


def _unescape_po(value: str) -> str:
    return value.replace("\\n", " ").replace('\\"', '"').replace("\\t", " ")


def _django_wheel(data_dirs: Iterable[Path]) -> zipfile.ZipFile | Path | None:
    """Django's locale data: an installed Django package, or a Django wheel in one of ``data_dirs``."""
    spec = importlib.util.find_spec("django")
    if spec is not None and spec.origin:
        return Path(spec.origin).parent
    for folder in data_dirs:
        for wheel in sorted(folder.glob("[Dd]jango-*.whl"), reverse=True):
            return zipfile.ZipFile(wheel)
    return None


def django_paragraphs(source: zipfile.ZipFile | Path, locale: str, english: bool = False) -> Iterator[str]:
    """Translated sentences of every Django catalogue of ``locale`` (msgids when ``english``).

    Entries under four words (language names, field labels) are skipped: they are lists of names, not prose.
    """
    if isinstance(source, zipfile.ZipFile):
        names = sorted(n for n in source.namelist() if n.endswith(f"/locale/{locale}/LC_MESSAGES/django.po"))
        files = [source.read(n).decode("utf-8") for n in names]
    else:
        files = [p.read_text("utf-8") for p in sorted(source.rglob(f"locale/{locale}/LC_MESSAGES/django.po"))]
    for po in files:
        for msgid, msgstr in _po_pairs(po):
            value = _unescape_po(msgid if english else msgstr)
            if msgstr != msgid and len(value.split()) >= 4 and "%(" not in value:
                yield value


def gettext_paragraphs(locale: str, english: bool = False) -> Iterator[str]:
    """Translated messages (msgids when ``english``) of four words or more from the installed .mo catalogues.

    ISO code lists (iso_3166, iso_639...) are skipped: they hold names, not prose.
    """
    for mo in sorted((LOCALE_ROOT / locale / "LC_MESSAGES").glob("*.mo")):
        if mo.name.startswith("iso_"):
            continue
        try:
            with mo.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog  # noqa: SLF001 - the only way to list entries
        except (OSError, UnicodeDecodeError):
            continue
        for key, value in catalog.items():
            msgid = key[0] if isinstance(key, tuple) else key
            text = " ".join(str(msgid if english else value).split())
            if msgid and value != msgid and len(text.split()) >= 4:  # msgstr == msgid: left untranslated
                yield text


def _english_leftover(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return sum(w in ENGLISH_MARKERS for w in words) >= 2


def samples(paragraphs: Iterable[str], chars: int, count: int, seed: int = 0) -> list[str]:
    """``count`` pieces of about ``chars`` characters cut at spaces from the joined paragraphs, spread evenly."""
    pieces: list[str] = []
    buffer = ""
    for paragraph in paragraphs:
        buffer = f"{buffer} {paragraph}".strip() if buffer else paragraph
        while len(buffer) >= chars:
            cut = buffer.rfind(" ", 0, chars)
            cut = cut if cut > chars // 2 else chars
            pieces.append(buffer[:cut])
            buffer = buffer[cut:].strip()
    if len(pieces) <= count:
        return pieces
    return random.Random(seed).sample(pieces, count)


# ---- raw Latin-script candidates, each restricted to LATIN_LANGUAGES -------------------------------------------

def _py3langid() -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([lang for lang in LATIN_LANGUAGES if lang in identifier.labels])
    return lambda text: identifier.classify(text)[0]


def _lingua() -> Callable[[str], str]:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for lang in LATIN_LANGUAGES:
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, lang.upper())))
        except (AttributeError, ValueError):
            continue
    detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else "und"

    return detect


def _langdetect() -> Callable[[str], str]:
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0
    allowed = set(LATIN_LANGUAGES)

    def detect(text: str) -> str:
        try:
            ranked = [g.lang for g in detect_langs(text) if g.lang in allowed]
        except LangDetectException:
            return "und"
        return ranked[0] if ranked else "und"

    return detect


def _pycld2() -> Callable[[str], str]:
    import pycld2

    def detect(text: str) -> str:
        try:
            _reliable, _bytes, details = pycld2.detect(text)
        except pycld2.error:
            return "und"
        code = details[0][1]
        return {"un": "und", "iw": "he", "in": "id"}.get(code, code)

    return detect


CANDIDATES: dict[str, tuple[str, Callable[[], Callable[[str], str]]]] = {
    "py3langid": ("py3langid", _py3langid),
    "lingua": ("lingua", _lingua),
    "langdetect": ("langdetect", _langdetect),
    "pycld2": ("pycld2", _pycld2),
}


def _babelscope(text: str) -> str:
    return detect_language(text).lang


def load_detectors() -> dict[str, Callable[[str], str]]:
    """Babelscope's own pipeline first, then every installed raw candidate."""
    detectors: dict[str, Callable[[str], str]] = {"babelscope": _babelscope}
    for name, (module, factory) in CANDIDATES.items():
        if importlib.util.find_spec(module) is not None:
            detectors[name] = factory()
        else:
            print(f"(skipping {name}: not installed)", file=sys.stderr)
    return detectors


def _source_paragraphs(data_dirs: list[Path]) -> dict[str, dict[str, Callable[[], Iterable[str]]]]:
    """source name -> language -> a function yielding that language's paragraphs, for sources on this machine."""
    sources: dict[str, dict[str, Callable[[], Iterable[str]]]] = {}
    man = {lang: (lambda d=d: man_paragraphs(d)) for d, lang in MAN_DIRS.items() if (MAN_ROOT / d).is_dir()}
    if man:
        sources["manpages"] = man
    else:
        print("(no translated man pages found: see the docstring)", file=sys.stderr)
    mo = {lang: (lambda loc=loc: gettext_paragraphs(loc)) for loc, lang in GETTEXT_DIRS.items()
          if (LOCALE_ROOT / loc / "LC_MESSAGES").is_dir()}
    if mo:
        sources["gettext"] = {**mo, "en": lambda: gettext_paragraphs("fr", english=True)}
    django = _django_wheel(data_dirs)
    if django is None:
        print("(no Django catalogues found: see the docstring)", file=sys.stderr)
    else:
        sources["django"] = {lang: (lambda loc=loc: django_paragraphs(django, loc)) for loc, lang in DJANGO_DIRS.items()}
        sources["django"]["en"] = lambda: django_paragraphs(django, "fr", english=True)
    return sources


def build_sets(data_dirs: list[Path], chars: int, count: int) -> dict[str, dict[str, list[str]]]:
    """source name -> language -> sample texts (English leftovers dropped from non-English sets)."""
    sets: dict[str, dict[str, list[str]]] = {}
    for source, by_lang in _source_paragraphs(data_dirs).items():
        for lang, paragraphs in by_lang.items():
            gold = (p for p in paragraphs() if lang == "en" or not _english_leftover(p))
            if texts := samples(gold, chars, count):
                sets.setdefault(source, {})[lang] = texts
    return sets


def _is_latin_set(lang: str) -> bool:
    return lang in LATIN_LANGUAGES


def evaluate(sets: dict[str, dict[str, list[str]]], detectors: dict[str, Callable[[str], str]],
             label: str) -> None:
    """Print accuracy per source/language/detector and the id/ms confusion for one sample length."""
    print(f"\n## {label}\n")
    names = list(detectors)
    print("| source | lang | n | " + " | ".join(names) + " |")
    print("|---|---|---|" + "---|" * len(names))
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for source, by_lang in sets.items():
        for lang, texts in sorted(by_lang.items()):
            cells = []
            for name, detect in detectors.items():
                if name != "babelscope" and not _is_latin_set(lang):
                    cells.append("")  # raw Latin candidates are not asked about script-decided languages
                    continue
                guesses = [detect(t) for t in texts]
                right = sum(g == lang for g in guesses)
                cells.append(f"{right / len(texts):.3f}")
                if _is_latin_set(lang):
                    totals[name]["right"] += right
                    totals[name]["n"] += len(texts)
                if lang in ("id", "ms"):
                    confusion[(source, lang)].update(f"{name}:{g}" for g in guesses)
            print(f"| {source} | {lang} | {len(texts)} | " + " | ".join(cells) + " |")
    print("\nLatin-script macro accuracy (all Latin samples): " + ", ".join(
        f"{name} {t['right'] / t['n']:.3f}" for name, t in totals.items() if t["n"]))
    print("\nIndonesian/Malay confusion (true -> guesses per detector):")
    for (source, lang), counts in sorted(confusion.items()):
        for name in names:
            row = {k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith(name + ":")}
            if row:
                shown = ", ".join(f"{g} {n}" for g, n in sorted(row.items(), key=lambda kv: -kv[1]))
                print(f"  {source} {lang} -> {name}: {shown}")


def throughput(sets: dict[str, dict[str, list[str]]], detectors: dict[str, Callable[[str], str]]) -> None:
    """Texts per second on 2000-character Latin inputs (what ingest passes per article)."""
    texts = [t for by_lang in sets.values() for lang, ts in by_lang.items() if _is_latin_set(lang) for t in ts]
    print(f"\n## Throughput ({len(texts)} Latin texts of ~2000 chars)\n")
    for name, detect in detectors.items():
        detect(texts[0])  # load models outside the timing
        start = time.perf_counter()
        for text in texts:
            detect(text)
        elapsed = time.perf_counter() - start
        print(f"  {name}: {len(texts) / elapsed:,.0f} texts/s ({elapsed / len(texts) * 1e3:.2f} ms each)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, action="append", default=[],
                        help="folder holding a Django wheel (repeatable; also $BABELSCOPE_LANGID_DATA)")
    parser.add_argument("--per-lang", type=int, default=200, help="samples per language and source")
    args = parser.parse_args(argv)
    data_dirs = list(args.data)
    if os.environ.get("BABELSCOPE_LANGID_DATA"):
        data_dirs.append(Path(os.environ["BABELSCOPE_LANGID_DATA"]))
    start = time.perf_counter()
    detectors = load_detectors()
    print(f"detector load: {time.perf_counter() - start:.2f} s")
    for chars, label in ((400, "Paragraphs (~400 chars)"), (60, "Titles (~60 chars)")):
        sets = build_sets(data_dirs, chars, args.per_lang)
        if not sets:
            print("no evaluation data found; see the docstring for what to install", file=sys.stderr)
            return 1
        evaluate(sets, detectors, label)
    throughput(build_sets(data_dirs, 2000, 40), detectors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
