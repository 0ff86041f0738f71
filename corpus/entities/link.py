"""Cross-language linking: mentions -> entities, with evidence applied in order of precision.

Nodes are distinct surface forms; a union-find joins them, strongest evidence first:

1. gazetteer/alias rows (CLDR region names; the user's aliases: 微软 = Microsoft) and parenthetical glosses seen
   in the corpus (山姆·奥特曼(Sam Altman)); then names paired in aligned paragraphs of translations
   (:mod:`corpus.aliases.aligned`: Белый дом = البيت الأبيض), unless the two carry different gazetteer names;
2. an exact romanised key, inflection and clitic variants included (Альтмана -> altman = Altman = ألتمان);
3. a family name alone joins the one full name it ends (奥特曼 -> 山姆·奥特曼), a given name alone the one full
   name it starts (Ilya -> Ilya Sutskever); where two people share it, the one named in the same article; across
   scripts, where no romanised key is shared, a family name that sounds like a full name's last part is scored as
   that part in step 4 (Jobs ~ the Джобса of Стива Джобса);
4. a fuzzy key (:func:`corpus.names.best_matches`, the search's scoring) at :data:`MERGE_SCORE` or more *and*
   corroborated by context: both forms full names (the given names agree too), both named in one article, or
   both in articles of one story (two other entities in common). Anything weaker from :data:`SUGGEST_SCORE` up
   is a suggestion, never a merge: Hartman is not Altman, Murata is not Murati.

The user's edits are applied afterwards, on top, every time (:mod:`.edits`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import polars as pl

from corpus.entities.evidence import strong_shape
from corpus.entities.lexicon import LEGAL_FORMS, ORG_SUFFIX_WORDS, TYPES
from corpus.entities.model import entity_id
from corpus.names import KeyTable, best_matches, name_key, similarity
from corpus.names.romanise import romanise, script_of, split_parts
from corpus.names.variants import form_variants

MERGE_SCORE = 0.85
SUGGEST_SCORE = 0.76
_MIN_ROM = 3
_STORY_SHARED = 2


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


@dataclass
class _Node:
    form: str
    lang: str
    script: str
    parts: tuple[str, ...]             # romanised parts
    roms: frozenset[str]               # romanised keys of the form and its variants
    link: str | None = None
    votes: Counter = field(default_factory=Counter)   # typing cues summed over the form's mentions
    docs: Counter = field(default_factory=Counter)
    mentions: list[int] = field(default_factory=list)


@dataclass
class Linked:
    """The automatic result: each mention's entity id, the entities, and the suggestions."""

    mention_entity: list[str]
    entities: pl.DataFrame            # id, type, name
    suggestions: pl.DataFrame         # a, b, score, evidence


def _roms(form: str, lang: str) -> frozenset[str]:
    """Romanised keys of a form: itself, its inflection/clitic variants, and without a legal form (Microsoft Corp)."""
    keys = {name_key(form, lang).rom}
    keys.update(name_key(v.form, lang).rom for v in form_variants(form, lang))
    words = form.split()
    if len(words) > 1 and words[-1].casefold().rstrip(".") in LEGAL_FORMS:
        keys.add(name_key(" ".join(words[:-1]), lang).rom)
    return frozenset(k for k in keys if len(k) >= _MIN_ROM)


def _nodes(mentions: pl.DataFrame) -> tuple[list[_Node], list[int]]:
    index: dict[str, int] = {}
    nodes: list[_Node] = []
    of_mention: list[int] = []
    rows = mentions.select("doc_id", "surface", "lang", "link", "per", "org", "loc", "product").iter_rows()
    for i, (doc_id, surface, lang, link, *votes) in enumerate(rows):
        n = index.get(surface)
        if n is None:
            n = index[surface] = len(nodes)
            nodes.append(_Node(surface, lang, script_of(surface), romanise(surface, lang), _roms(surface, lang)))
        node = nodes[n]
        node.link = node.link or link
        node.votes.update({t: v for t, v in zip(TYPES, votes) if v})
        node.docs[doc_id] += 1
        node.mentions.append(i)
        of_mention.append(n)
    return nodes, of_mention


def _clusters(uf: _Union, n: int) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        out[uf.find(i)].append(i)
    return out


def _exact(nodes: list[_Node], uf: _Union, glosses: list[tuple[int, int]], aligned: list[tuple[int, int]]) -> None:
    by_link: dict[str, int] = {}
    by_rom: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if node.link:
            uf.union(by_link.setdefault(node.link.casefold(), i), i)
    for i, node in enumerate(nodes):  # a Latin form equal to a gazetteer name joins it (Microsoft and 微软)
        if not node.link and node.form.casefold() in by_link:
            uf.union(by_link[node.form.casefold()], i)
    for a, b in glosses:
        uf.union(a, b)
    for a, b in aligned:
        _union_unless_conflict(nodes, uf, a, b)
    keyed = [i for i, node in enumerate(nodes) if not any(ch.isdigit() for ch in node.form)]
    for i in keyed:  # keys drop digits, and Office 365 is not Office, GPT-4 not GPT: those match only as written
        primary = name_key(nodes[i].form, nodes[i].lang).rom
        if len(primary) >= _MIN_ROM:
            uf.union(by_rom.setdefault(primary, i), i)
    for i in keyed:
        node = nodes[i]
        for rom in node.roms:
            if rom in by_rom:
                _union_unless_conflict(nodes, uf, by_rom[rom], i)


def _links_of(nodes: list[_Node], uf: _Union, root: int) -> set[str]:
    return {nodes[i].link.casefold() for i in range(len(nodes)) if uf.find(i) == root and nodes[i].link}


def _union_unless_conflict(nodes: list[_Node], uf: _Union, a: int, b: int) -> bool:
    """Join two clusters unless they carry different gazetteer names (two countries never merge by sound)."""
    ra, rb = uf.find(a), uf.find(b)
    if ra == rb:
        return False
    la, lb = _links_of(nodes, uf, ra), _links_of(nodes, uf, rb)
    if la and lb and la != lb:
        return False
    return uf.union(ra, rb)


def _not_person(votes: Counter) -> bool:
    return max(votes.get("ORG", 0), votes.get("LOC", 0), votes.get("PRODUCT", 0)) > votes.get("PER", 0)


def _person_shaped(node: _Node, by_form: dict[str, _Node]) -> bool:
    """A full name of a person by its shape: two or three parts, no brand-like or organisation word in it, and
    neither it nor its first word typed otherwise by the text (Microsoft Ignite is not Mr Ignite of Microsoft)."""
    words = split_parts(node.form)
    first = by_form.get(words[0]) if words else None
    return (
        2 <= len(node.parts) <= 3 and not node.link and not strong_shape(node.form)
        and words[-1].casefold() not in ORG_SUFFIX_WORDS
        and not _not_person(node.votes) and not (first is not None and _not_person(first.votes))
    )


def _led_by_organisation(node: _Node, by_form: dict[str, _Node]) -> bool:
    """Whether a name of several words starts with a word the corpus types as an organisation (Microsoft Ignite,
    Google Cloud): the Given Family shape says person, but such a name is something the organisation makes or runs.
    A place does not count (Paris Hilton, Jordan Peterson)."""
    words = split_parts(node.form)
    first = by_form.get(words[0]) if len(words) > 1 else None
    return first is not None and _type_of(first.votes, len(first.mentions)) == "ORG"


def _part_attachments(nodes: list[_Node], uf: _Union, by_form: dict[str, _Node]) -> dict[int, list[int]]:
    """Single-part forms that are the family (last) or given (first) name of full names.

    A family name joins the one cluster it ends; a given name the one cluster it starts. Returns, for given or
    family names shared by several clusters, the candidate clusters (resolved per article by the caller)."""
    family: dict[str, set[int]] = defaultdict(set)
    given: dict[str, set[int]] = defaultdict(set)
    for i, node in enumerate(nodes):
        if _person_shaped(node, by_form):
            family[node.parts[-1]].add(uf.find(i))
            given[node.parts[0]].add(uf.find(i))
    ambiguous: dict[int, list[int]] = {}
    for i, node in enumerate(nodes):
        if len(node.parts) != 1 or node.link:
            continue
        for table in (family, given):
            roots = {uf.find(r) for rom in node.roms for r in table.get(rom, ())}
            roots.discard(uf.find(i))
            if len(roots) == 1:
                _union_unless_conflict(nodes, uf, next(iter(roots)), i)
                break
            if len(roots) > 1:
                ambiguous[i] = sorted(roots)
                break
    return ambiguous


def _cluster_docs(nodes: list[_Node], members: list[int]) -> set[str]:
    return {d for i in members for d in nodes[i].docs}


def _fuzzy(nodes: list[_Node], uf: _Union, by_form: dict[str, _Node]) -> list[tuple[int, int, float, str]]:
    """Sound-alike pairs of clusters: merged when corroborated, else returned as suggestions."""
    table = KeyTable.build([n.form for n in nodes], [n.lang for n in nodes])
    pairs: dict[tuple[int, int], float] = {}
    def skip(node: _Node) -> bool:
        # OpenAI, MSFT: brands written the same in every script match exactly or not at all; gazetteer names
        # are settled by their table; Office 365 is not Office
        return strong_shape(node.form) or node.form.isupper() or node.link is not None or any(
            ch.isdigit() for ch in node.form
        )

    for i, node in enumerate(nodes):
        if skip(node):
            continue
        for m in best_matches(table.keys[i], table, cutoff=SUGGEST_SCORE):
            j = m.index
            if j == i or skip(nodes[j]):
                continue
            key = (min(i, j), max(i, j))
            pairs[key] = max(pairs.get(key, 0.0), m.score)
    for key, score in pairs.items():
        pairs[key] = max(score, _family_score(nodes, by_form, *key))
    suggestions: list[tuple[int, int, float, str]] = []
    # full names against full names first: once Сэм Альтман is Sam Altman, Альтман has one full name to join
    ordered = sorted(pairs.items(), key=lambda kv: (not (len(nodes[kv[0][0]].parts) > 1 and len(nodes[kv[0][1]].parts) > 1), -kv[1], kv[0]))
    for (i, j), score in ordered:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        clusters = _clusters(uf, len(nodes))
        evidence = _corroboration(nodes, clusters, ri, rj, i, j)
        what = f"sound {score:.2f}: {nodes[i].form} ~ {nodes[j].form}"
        if score >= MERGE_SCORE and evidence and _union_unless_conflict(nodes, uf, i, j):
            continue
        suggestions.append((i, j, score, f"{what}; " + (evidence or "no corroborating context")))
    return suggestions


def _family_score(nodes: list[_Node], by_form: dict[str, _Node], i: int, j: int) -> float:
    """How a single-part name sounds like the family name of a person's full name in another script (Jobs and
    ジョブズ ~ the Джобса of Стива Джобса): step 3's family-name rule, by sound where no romanised key is shared.
    A whole name scored against one part is held below the cutoffs on purpose, so this scores the last part alone;
    0.0 unless one side is one part and the other a person-shaped full name."""
    single, full = (nodes[i], nodes[j]) if len(nodes[i].parts) == 1 else (nodes[j], nodes[i])
    if len(single.parts) != 1 or single.script == full.script or not _person_shaped(full, by_form):
        return 0.0
    words = split_parts(full.form)
    return similarity(name_key(single.form, single.lang), name_key(words[-1], full.lang)) if words else 0.0


def _corroboration(nodes: list[_Node], clusters: dict[int, list[int]], ri: int, rj: int, i: int, j: int) -> str:
    if len(nodes[i].parts) > 1 and len(nodes[j].parts) > 1:
        return "full names agree"
    if set(nodes[i].docs) & set(nodes[j].docs) and nodes[i].script != nodes[j].script:
        return "named side by side in one article"
    docs_i, docs_j = _cluster_docs(nodes, clusters[ri]), _cluster_docs(nodes, clusters[rj])
    others_i = {r for r, members in clusters.items() if r not in (ri, rj) and _cluster_docs(nodes, members) & docs_i}
    others_j = {r for r, members in clusters.items() if r not in (ri, rj) and _cluster_docs(nodes, members) & docs_j}
    shared = others_i & others_j
    if len(shared) >= _STORY_SHARED and nodes[i].script != nodes[j].script:
        return f"same story ({len(shared)} entities in common)"
    return ""


#: A place by locative prepositions alone (weight 0.5 each) needs them before half its mentions: "в Microsoft",
#: "di Microsoft" in a few of sixty mentions say nothing about what Microsoft is.
_WEAK_LOC_SHARE = 0.5


def _type_of(votes: dict[str, float], n_mentions: int) -> str:
    """The type with the most cue weight; a weak place cue alone (too few locative prepositions) does not count;
    no cue at all: ORG."""
    ranked = sorted(TYPES, key=lambda t: (votes.get(t, 0.0), -TYPES.index(t)), reverse=True)
    for etype in (t for t in ranked if votes.get(t, 0.0) > 0):
        if etype == "LOC" and votes[etype] < 0.5 * _WEAK_LOC_SHARE * n_mentions:
            continue
        return etype
    return "ORG"


def _canonical(nodes: list[_Node], members: list[int], etype: str) -> str:
    links = Counter(nodes[i].link for i in members if nodes[i].link)
    if links:
        return links.most_common(1)[0][0]
    counted = [(sum(nodes[i].docs.values()), i) for i in members]
    latin = [(n, i) for n, i in counted if nodes[i].script == "Latin"]
    pool = latin or counted
    if etype == "PER":
        full = [(n, i) for n, i in pool if len(nodes[i].parts) > 1]
        pool = full or pool
    _, best = max(pool, key=lambda t: (t[0], len(nodes[t[1]].form), -t[1]))
    node = nodes[best]
    if node.script == "Latin":
        return node.form
    base = next((v.form for v in form_variants(node.form, node.lang)), node.form) if node.script == "Cyrillic" else node.form
    inflected = node.script == "Cyrillic" and any(v.form in {nodes[k].form for k in members} for v in form_variants(node.form, node.lang))
    form = base if inflected else node.form
    return " ".join(part.capitalize() for part in romanise(form, node.lang)) or node.form


def link(mentions: pl.DataFrame, glosses: list[tuple[str, int, int]],
         aligned: list[tuple[str, str]] = ()) -> Linked:
    """Link the extracted ``mentions`` (RAW_MENTIONS_SCHEMA rows) using the ``glosses`` pairs found in the text
    and the ``aligned`` surface pairs (names paired in aligned paragraphs of translations)."""
    nodes, of_mention = _nodes(mentions)
    uf = _Union(len(nodes))
    by_pos = {(d, s): of_mention[k] for k, (d, s) in enumerate(mentions.select("doc_id", "start").iter_rows())}
    gloss_nodes = [(by_pos[(d, a)], by_pos[(d, b)]) for d, a, b in glosses if (d, a) in by_pos and (d, b) in by_pos]
    index_of = {node.form: i for i, node in enumerate(nodes)}
    node_of = {node.form: node for node in nodes}
    aligned_nodes = [(index_of[a], index_of[b]) for a, b in aligned if a in index_of and b in index_of]
    _exact(nodes, uf, gloss_nodes, aligned_nodes)
    _part_attachments(nodes, uf, node_of)
    suggestions = _fuzzy(nodes, uf, node_of)
    ambiguous = _part_attachments(nodes, uf, node_of)
    suggestions = [s for s in suggestions if uf.find(s[0]) != uf.find(s[1])]
    doc_ids = mentions["doc_id"].to_list()

    # A shared given/family name joins, per article, the one candidate person that article names.
    mention_root = [uf.find(n) for n in of_mention]
    clusters_docs: dict[int, set[str]] = defaultdict(set)
    for k, root in enumerate(mention_root):
        clusters_docs[root].add(doc_ids[k])
    for k, n in enumerate(of_mention):
        if n in ambiguous:
            here = [r for r in {uf.find(r) for r in ambiguous[n]} if doc_ids[k] in clusters_docs[r]]
            if len(here) == 1:
                mention_root[k] = here[0]

    votes = mentions.select("per", "org", "loc", "product").rows()
    root_votes: dict[int, dict[str, float]] = defaultdict(lambda: dict.fromkeys(TYPES, 0.0))
    root_members: dict[int, set[int]] = defaultdict(set)
    root_count: Counter = Counter(mention_root)
    for k, root in enumerate(mention_root):
        for etype, weight in zip(TYPES, votes[k]):
            root_votes[root][etype] += weight
        root_members[root].add(of_mention[k])
    ids: dict[int, tuple[str, str, str]] = {}
    taken: Counter = Counter()
    order = sorted(root_members, key=lambda r: (-sum(sum(nodes[i].docs.values()) for i in root_members[r]), r))
    for root in order:
        members = sorted(root_members[root])
        etype = _type_of(root_votes[root], root_count[root])
        if etype == "PER" and all(_led_by_organisation(nodes[i], node_of) for i in members):
            etype = "PRODUCT"
        name = _canonical(nodes, members, etype)
        eid = entity_id(name, etype)
        taken[eid] += 1
        if taken[eid] > 1:  # two unlinked entities with one name: keep both, the smaller gets a numbered id
            eid = entity_id(f"{name} #{taken[eid]}", etype)
        ids[root] = (eid, etype, name)
    entities = pl.DataFrame(list(ids.values()), schema={"id": pl.String, "type": pl.String, "name": pl.String}, orient="row")
    seen: set[tuple[str, str]] = set()
    rows = []
    for i, j, score, evidence in suggestions:
        a, b = ids.get(uf.find(i)), ids.get(uf.find(j))
        if a is None or b is None or a[0] == b[0] or (a[0], b[0]) in seen:
            continue
        seen.add((a[0], b[0]))
        rows.append((a[0], b[0], round(score, 4), evidence))
    sugg = pl.DataFrame(rows, schema={"a": pl.String, "b": pl.String, "score": pl.Float64, "evidence": pl.String}, orient="row")
    return Linked([ids[r][0] for r in mention_root], entities, sugg)
