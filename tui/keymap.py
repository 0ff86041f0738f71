"""The one keymap registry (CONVENTIONS.md "Keys"): every binding has an id, default keys, a description and the
screen it belongs to; users override keys in ``keymap.toml`` in the config dir; the help screen and the collision
test are generated from it.

Screens build their ``BINDINGS`` with :func:`bindings` so nothing binds a key the registry does not know about.
User overrides are applied with Textual's own keymap API (``App.set_keymap``), keyed by the binding ids.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

from corpus.paths import config_dir

GLOBAL = "global"


@dataclass(frozen=True, slots=True)
class KeySpec:
    id: str            # "scope.action", unique; the binding id users remap
    keys: str          # Textual key names, comma-separated ("j,down")
    action: str        # the Textual action it runs
    description: str
    scope: str = GLOBAL
    #: the footer's short name: a key that has one is shown in the footer (the description is for the help screen,
    #: the command palette and the footer key's tooltip)
    label: str = ""
    priority: bool = False

    @property
    def show(self) -> bool:
        return bool(self.label)


_SPECS: list[KeySpec] = [
    # global keys (CONVENTIONS.md)
    KeySpec("global.search", "slash", "app.open_search", "Search the corpus in every script", label="Search"),
    KeySpec("global.find", "f", "find", "Find in this view (filter a list, find in the article)", label="Find"),
    KeySpec("global.next", "n", "next_hit", "Next item of the active highlight set"),
    KeySpec("global.previous", "N", "previous_hit", "Previous item of the active highlight set"),
    KeySpec("global.entity_pane", "e", "toggle_entity_pane", "Entity pane beside the reader"),
    KeySpec("global.entities", "E", "app.open_entities", "Entity screen (every entity of the corpus)"),
    KeySpec("global.compare", "c", "app.open_compare", "Compare two articles side by side", label="Compare"),
    KeySpec("global.annotations", "A", "app.open_annotations", "Annotations screen"),
    KeySpec("global.select", "v", "start_selection", "Start a selection (then 1–9 applies a label)"),
    KeySpec("global.copy", "y", "copy", "Copy (OSC 52: works over SSH)"),
    KeySpec("global.reload", "R", "app.reload", "Reload files that changed on disk"),
    KeySpec("global.help", "question_mark", "app.help", "Help: every key on this screen", label="Help"),
    KeySpec("global.palette", "ctrl+p", "app.command_palette", "Command palette"),
    KeySpec("global.back", "q,escape", "back", "Back (quit from the library)", label="Back"),
    # movement (every list and the reader)
    KeySpec("move.down", "j,down", "cursor_down", "Down", scope="movement"),
    KeySpec("move.up", "k,up", "cursor_up", "Up", scope="movement"),
    KeySpec("move.left", "h,left", "cursor_left", "Left / previous column", scope="movement"),
    KeySpec("move.right", "l,right", "cursor_right", "Right / next column", scope="movement"),
    KeySpec("move.top", "g,home", "cursor_top", "Top", scope="movement"),
    KeySpec("move.bottom", "G,end", "cursor_bottom", "Bottom", scope="movement"),
    KeySpec("move.page_up", "pageup", "page_up", "Page up", scope="movement"),
    KeySpec("move.page_down", "pagedown,space", "page_down", "Page down", scope="movement"),
    KeySpec("move.open", "enter", "select", "Open the selected item", scope="movement", label="Open"),
    # library
    KeySpec("library.sort", "s", "cycle_sort", "Sort by the next column", scope="library", label="Sort"),
    KeySpec("library.reverse", "r", "reverse_sort", "Reverse the sort", scope="library"),
    KeySpec("library.language", "L", "cycle_language", "Filter by language (cycles)", scope="library", label="Lang"),
    # reader
    KeySpec("reader.boilerplate", "b", "toggle_boilerplate", "Hide or dim boilerplate",
            scope="reader", label="Boilerplate"),
    KeySpec("reader.bidi", "d", "cycle_bidi", "Bidi display: app → terminal → off", scope="reader", label="Bidi"),
    KeySpec("reader.numbers", "number_sign", "toggle_numbers", "Paragraph numbers", scope="reader"),
    KeySpec("reader.info", "i", "article_info", "Article details (language, encoding, hash)", scope="reader"),
    # compare (issue 5): j/k move bead by bead; fixes are saved in the store and reused by `babelscope align`
    KeySpec("compare.next_difference", "d", "next_difference", "Next bead with a difference", scope="compare",
            label="Next diff"),
    KeySpec("compare.previous_difference", "D", "previous_difference", "Previous bead with a difference",
            scope="compare"),
    KeySpec("compare.next_unaligned", "u", "next_unaligned", "Next paragraph without counterpart", scope="compare",
            label="Unaligned"),
    KeySpec("compare.previous_unaligned", "U", "previous_unaligned", "Previous paragraph without counterpart",
            scope="compare"),
    KeySpec("compare.swap", "s", "swap", "Swap the two sides", scope="compare", label="Swap"),
    KeySpec("compare.merge", "m", "merge", "Fix: merge this bead with the next", scope="compare"),
    KeySpec("compare.split", "x", "split", "Fix: split this bead after its first paragraphs", scope="compare"),
    KeySpec("compare.unlink", "b", "unlink", "Fix: break this link (no counterpart)", scope="compare"),
    KeySpec("compare.link", "L", "link", "Fix: link to another paragraph (j/k choose, Enter links)",
            scope="compare"),
    KeySpec("compare.undo", "z", "undo_fix", "Undo the last fix of this pair", scope="compare"),
    KeySpec("compare.clear", "Z", "clear_fixes", "Remove every fix of this pair (realign from scratch)",
            scope="compare"),
    KeySpec("compare.side", "tab", "switch_side", "Selection side A ↔ B (v selects on it; issue 6)",
            scope="compare"),
    # annotations (issue 6). Selection mode re-binds the movement keys on purpose (they move the cursor instead of
    # scrolling) and is active only after `v`; it must not clash with global, reader, search or entity keys.
    KeySpec("selection.token_next", "l,right", "token_next", "Cursor: next token (extends the selection)",
            scope="selection"),
    KeySpec("selection.token_previous", "h,left", "token_previous", "Cursor: previous token", scope="selection"),
    KeySpec("selection.line_down", "j,down", "line_down", "Cursor: next line", scope="selection"),
    KeySpec("selection.line_up", "k,up", "line_up", "Cursor: previous line", scope="selection"),
    KeySpec("selection.sentence_next", "right_parenthesis", "sentence_next", "Cursor: next sentence",
            scope="selection"),
    KeySpec("selection.sentence_previous", "left_parenthesis", "sentence_previous", "Cursor: previous sentence",
            scope="selection"),
    KeySpec("selection.paragraph_next", "right_curly_bracket", "paragraph_next", "Cursor: next paragraph",
            scope="selection"),
    KeySpec("selection.paragraph_previous", "left_curly_bracket", "paragraph_previous",
            "Cursor: previous paragraph", scope="selection"),
    KeySpec("selection.first", "g,home", "first_token", "Cursor: start of the article", scope="selection"),
    KeySpec("selection.last", "G,end", "last_token", "Cursor: end of the article", scope="selection"),
    KeySpec("selection.page_down", "pagedown", "page_down", "Cursor: a page down", scope="selection"),
    KeySpec("selection.page_up", "pageup", "page_up", "Cursor: a page up", scope="selection"),
    *(KeySpec(f"selection.label_{n}", str(n), f"apply_label({n})", f"Label the selection with label {n}",
              scope="selection") for n in range(1, 10)),
    KeySpec("selection.note", "enter", "edit_note", "Note: add or edit", scope="selection", label="Note"),
    KeySpec("selection.delete", "D,delete", "delete_annotation", "Delete annotation",
            scope="selection", label="Delete"),
    KeySpec("selection.undo", "u", "undo", "Undo", scope="selection", label="Undo"),
    KeySpec("selection.redo", "U", "redo", "Redo", scope="selection"),
    KeySpec("selection.leave", "escape,q", "leave", "Leave selection (v: restart it here)",
            scope="selection", label="Leave"),
    KeySpec("annotations.sort", "s", "cycle_sort", "Sort (article, label, modified, created, quote)",
            scope="annotations", label="Sort"),
    KeySpec("annotations.reverse", "r", "reverse_sort", "Reverse the sort", scope="annotations"),
    KeySpec("annotations.label", "L", "cycle_label", "Filter by label (cycles)", scope="annotations", label="Label"),
    KeySpec("annotations.orphans", "o", "toggle_orphans", "Only orphans (their text is no longer found)",
            scope="annotations"),
    KeySpec("annotations.mark", "m", "toggle_mark", "Mark or unmark the row (for bulk delete)", scope="annotations"),
    KeySpec("annotations.mark_all", "M", "mark_all", "Mark every row shown (again: unmark all)",
            scope="annotations"),
    KeySpec("annotations.delete", "D,x,delete", "delete", "Delete marked (or this), confirmed",
            scope="annotations", label="Delete"),
    KeySpec("annotations.undo", "u", "undo", "Undo (annotation changes of this session)", scope="annotations"),
    KeySpec("annotations.redo", "U", "redo", "Redo", scope="annotations"),
    # search (the concordance screen)
    KeySpec("search.focus", "tab,shift+tab", "toggle_focus", "Query ↔ hits", scope="search", label="Query/hits"),
    KeySpec("search.sort", "s", "cycle_sort", "Sort: score, article, left, right", scope="search", label="Sort"),
    KeySpec("search.reverse", "r", "reverse_sort", "Reverse the sort", scope="search"),
    KeySpec("search.language", "L", "cycle_language", "Language filter (cycles)", scope="search", label="Lang"),
    KeySpec("search.save", "w", "save_concordance", "Save hits as CSV/JSONL", scope="search", label="Save"),
    KeySpec("search.bidi", "d", "cycle_bidi", "Bidi display: app → terminal → off", scope="search"),
    # entities (issue 4): edits shared by the entity pane and the entity screen
    KeySpec("entity_edit.merge", "m", "merge_entity", "Merge the entity with another",
            scope="entity_edit", label="Merge"),
    KeySpec("entity_edit.split", "x", "split_entity", "Split mentions off into a new entity", scope="entity_edit"),
    KeySpec("entity_edit.rename", "r", "rename_entity", "Rename the entity", scope="entity_edit", label="Rename"),
    KeySpec("entity_edit.type", "t", "set_entity_type", "Set the entity's type", scope="entity_edit"),
    KeySpec("entity_edit.accept", "a", "accept_suggestion", "Accept a suggested merge",
            scope="entity_edit", label="Accept"),
    KeySpec("entities.sort", "s", "cycle_sort", "Sort by mentions, name, type or articles",
            scope="entities", label="Sort"),
    KeySpec("entities.library", "L", "filter_library", "Library: only articles that mention it", scope="entities",
            label="Library"),
    KeySpec("entities.search", "S", "search_entity", "Search the corpus for it", scope="entities", label="Search it"),
    KeySpec("entity_dialog.split", "s", "confirm_split", "Split the ticked mentions off", scope="entity_dialog"),
]


def register(*specs: KeySpec) -> None:
    """Add a feature's keys (each feature module registers its own at import time)."""
    known = {s.id for s in _SPECS}
    for spec in specs:
        if spec.id in known:
            raise ValueError(f"duplicate key binding id {spec.id!r}")
        _SPECS.append(spec)
        known.add(spec.id)


def specs(scope: str | None = None) -> list[KeySpec]:
    return [s for s in _SPECS if scope is None or s.scope == scope]


def bindings(*scopes: str) -> list[Binding]:
    """Textual bindings for the given scopes, each carrying its registry id (so ``set_keymap`` can remap it)."""
    return [
        Binding(s.keys, s.action, s.label or s.description, show=s.show, id=s.id, priority=s.priority,
                tooltip=s.description)
        for s in _SPECS
        if s.scope in scopes
    ]


def keymap_file() -> Path:
    return config_dir() / "keymap.toml"


class KeymapError(ValueError):
    """The user's keymap file is not usable; the message names the file and the problem."""


def load_user_keymap(path: Path | None = None) -> dict[str, str]:
    """``{binding id: keys}`` from ``keymap.toml`` (``[keys]`` table: ``"reader.bidi" = "ctrl+b"``)."""
    path = path or keymap_file()
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KeymapError(f"{path}: {exc}") from exc
    table = data.get("keys", {})
    known = {s.id for s in _SPECS}
    unknown = sorted(set(table) - known)
    if unknown:
        raise KeymapError(f"{path}: unknown binding ids {', '.join(unknown)}")
    if not all(isinstance(v, str) and v for v in table.values()):
        raise KeymapError(f"{path}: every value must be a key name such as \"ctrl+b\"")
    return dict(table)


def effective_keys(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Binding id → keys after user overrides."""
    overrides = overrides or {}
    return {s.id: overrides.get(s.id, s.keys) for s in _SPECS}


def collisions(screen_scopes: tuple[str, ...], overrides: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """``(key, id, other id)`` for every key bound twice among the scopes active on one screen."""
    keys = effective_keys(overrides)
    seen: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    for spec in _SPECS:
        if spec.scope not in screen_scopes:
            continue
        for key in keys[spec.id].split(","):
            key = key.strip()
            if key in seen and seen[key] != spec.id:
                clashes.append((key, seen[key], spec.id))
            seen.setdefault(key, spec.id)
    return clashes


def display_key(keys: str) -> str:
    """Human form of Textual key names for the help screen."""
    names = {"slash": "/", "question_mark": "?", "number_sign": "#", "escape": "Esc", "enter": "Enter",
             "pageup": "PgUp", "pagedown": "PgDn", "space": "Space", "home": "Home", "end": "End",
             "up": "↑", "down": "↓", "left": "←", "right": "→", "tab": "Tab"}
    return " ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))
