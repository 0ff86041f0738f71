"""The alias book: which other names a query word stands for, and why (the ``alias_origin`` of its hits).

A query finds a group when it equals one of the group's names once folded (case, accents, Arabic spelling,
Traditional/Simplified), or, for groups from the corpus, the user and the alias file, when it also scores as the
same name in another script (``Майкрософт`` reaches the group ``Microsoft`` / ``微软``). CLDR groups are many and
made of ordinary words, so they need the folded equality.
"""

from __future__ import annotations

from collections.abc import Sequence

from corpus.names import KeyTable, best_matches, folded_key, name_key
from corpus.aliases.sources import AliasGroup

NAME_MATCH_CUTOFF = 0.92


class AliasBook:
    """Immutable once built (a new book replaces the old when an alias is added), so threads can share it."""

    def __init__(self, groups: Sequence[AliasGroup], cldr: Sequence[AliasGroup] = ()) -> None:
        self.groups = list(groups) + list(cldr)
        self._by_fold: dict[str, list[int]] = {}
        for group_id, group in enumerate(self.groups):
            for member in group.members:
                self._by_fold.setdefault(folded_key(member), []).append(group_id)
        self._member_group: list[int] = []
        members: list[str] = []
        for group_id, group in enumerate(groups):  # sound matching: not CLDR
            for member in group.members:
                members.append(member)
                self._member_group.append(group_id)
        self._members = members
        self._table = KeyTable.build(members)

    def __len__(self) -> int:
        return len(self.groups)

    def expand(self, text: str) -> list[tuple[str, str]]:
        """``(name, origin)`` for every other name of every group ``text`` belongs to, first origin kept."""
        fold = folded_key(text)
        group_ids = list(self._by_fold.get(fold, []))
        key = name_key(text)
        if not key.empty and self._members:
            for match in best_matches(key, self._table, cutoff=NAME_MATCH_CUTOFF):
                if match.lead == 0 and match.trail == 0:
                    group_ids.append(self._member_group[match.index])
        out: dict[str, str] = {}
        for group_id in dict.fromkeys(group_ids):
            group = self.groups[group_id]
            for member in group.members:
                if folded_key(member) != fold:
                    out.setdefault(member, group.origin)
        return list(out.items())
