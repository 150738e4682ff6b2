"""Actor networks from the statement and mention tables, with Discourse Network Analyzer's
semantics (Leifeld), and the statements behind every edge.

- Two-mode: actors and targets, edges counting support/oppose/neutral statements.
- One-mode: actors linked through the (target, stance) pairs they share.
  congruence(a, b) = number of targets on which a and b take the same stance;
  conflict(a, b) = number of targets on which they take opposite stances (support/oppose);
  subtract = congruence − conflict.
  Each actor's (target, stance) pairs are counted once (duplicates within and across
  documents do not inflate ties), as DNA's binary one-mode networks do.
- Normalisation of a tie between a and b with |A|, |B| their numbers of (target, stance)
  pairs and w the raw weight: average activity w / ((|A| + |B|) / 2); Jaccard
  w / (|A| + |B| − w); cosine w / sqrt(|A|·|B|).
- Co-mention: actors named in the same sentence (or paragraph).
Every edge carries ``statements`` (or ``evidence`` for co-mention): the rows behind it.
"""

from __future__ import annotations

import gc
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from contextlib import contextmanager
from itertools import combinations

import networkx as nx
import pandas as pd

KINDS = ("congruence", "conflict", "subtract")
NORMALIZATIONS = ("none", "average", "jaccard", "cosine")
POLAR = ("support", "oppose")
FLIP = {"support": "oppose", "oppose": "support"}
TARGET_PREFIX = "target:"  # target nodes of two-mode graphs (an actor may share a target's id)
EVIDENCE_COLUMNS = ["doc_id", "actor_id", "target_id", "stance", "cue", "evidence", "start", "end"]


def deduplicate_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """One statement per (document, actor, target, stance): the most confident is kept."""
    if statements.empty:
        return statements.reset_index(drop=True)
    ordered = statements.sort_values(
        ["doc_id", "actor_id", "target_id", "stance", "confidence", "start"],
        ascending=[True, True, True, True, False, True],
        kind="stable",
    )
    return ordered.drop_duplicates(["doc_id", "actor_id", "target_id", "stance"]).reset_index(
        drop=True
    )


def _evidence(rows: pd.DataFrame) -> list[dict]:
    columns = [c for c in EVIDENCE_COLUMNS if c in rows.columns]
    ordered = rows[columns].sort_values(columns[:4], kind="stable")
    # column lists zipped into dicts: to_dict walks Arrow strings one by one, 10x slower
    values = [
        [None if pd.isna(v) else v for v in ordered[c].tolist()]
        if ordered[c].hasnans
        else ordered[c].tolist()
        for c in columns
    ]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


@contextmanager
def _bulk():
    """Pause the cyclic garbage collector while a graph is built: it allocates no cycles,
    and at 100k statements the collector rescanning the growing heap cost a fifth of the
    time (and made it grow faster than the number of ties)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _evidence_order(record: dict) -> tuple:
    return tuple(str(record.get(column, "")) for column in EVIDENCE_COLUMNS[:4])


class EdgeStatements(Sequence):
    """The statements behind a one-mode tie, read on demand from rows the graph shares.

    A list of row dicts to every reader (``len``, iteration, indexing, ``==`` with a list),
    ordered by document, actor, target and stance. Each tie holds only its keys: stored as
    lists, the evidence of all ties grows with actors × statements (every pair of actors
    repeats both actors' rows), which at 100k statements is gigabytes.
    """

    __slots__ = ("_actors", "_positions", "_records")

    def __init__(
        self,
        records: dict[tuple[str, str, str], list[dict]],
        actors: tuple[str, ...],
        positions: set[tuple[str, str]],
    ):
        self._records = records
        self._actors = actors
        self._positions = positions  # the (target, stance) pairs behind the tie

    def _keys(self):
        return ((actor, t, s) for actor in self._actors for t, s in self._positions)

    def _rows(self) -> list[dict]:
        return sorted(
            (row for key in self._keys() for row in self._records.get(key, ())),
            key=_evidence_order,
        )

    def __len__(self) -> int:
        return sum(len(self._records.get(key, ())) for key in self._keys())

    def __getitem__(self, index):
        return self._rows()[index]

    def __iter__(self):
        return iter(self._rows())

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"EdgeStatements({len(self)} rows)"


def two_mode_network(statements: pd.DataFrame, *, labels: dict[str, str] | None = None) -> nx.Graph:
    """Bipartite actor–target graph; edge attrs support, oppose, neutral, weight, sign."""
    with _bulk():
        return _two_mode_network(statements, labels)


def _two_mode_network(statements: pd.DataFrame, labels: dict[str, str] | None) -> nx.Graph:
    labels = labels or {}
    graph = nx.Graph()
    unique = deduplicate_statements(statements)
    rows_by_edge: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for record in _evidence(unique):  # one pass; sorted, so each edge's rows are in order
        rows_by_edge[(record["actor_id"], record["target_id"])].append(record)
    for actor, target in sorted(rows_by_edge):
        rows = rows_by_edge[(actor, target)]
        counts = Counter(row["stance"] for row in rows)
        support, oppose, neutral = counts["support"], counts["oppose"], counts["neutral"]
        graph.add_node(actor, label=labels.get(actor, actor), kind="actor", bipartite=0)
        graph.add_node(TARGET_PREFIX + target, label=target, kind="target", bipartite=1)
        net = support - oppose
        graph.add_edge(
            actor,
            TARGET_PREFIX + target,
            support=support,
            oppose=oppose,
            neutral=neutral,
            weight=support + oppose + neutral,
            sign=(net > 0) - (net < 0),
            statements=rows,
        )
    return graph


def _pairs(statements: pd.DataFrame, exclude_neutral: bool) -> dict[str, set[tuple[str, str]]]:
    """Each actor's set of (target, stance) pairs."""
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in statements.itertuples(index=False):
        if exclude_neutral and row.stance not in POLAR:
            continue
        pairs[row.actor_id].add((row.target_id, row.stance))
    return pairs


def normalise(weight: float, size_a: int, size_b: int, normalization: str) -> float:
    """DNA normalisations of a raw tie weight (see the module docstring)."""
    if normalization == "none" or weight == 0:
        return float(weight)
    if normalization == "average":
        return weight / ((size_a + size_b) / 2)
    if normalization == "jaccard":
        union = size_a + size_b - abs(weight)
        return weight / union if union else 0.0
    if normalization == "cosine":
        return weight / math.sqrt(size_a * size_b) if size_a and size_b else 0.0
    raise ValueError(
        f"normalization must be one of {', '.join(NORMALIZATIONS)}, not {normalization!r}"
    )


def one_mode_network(
    statements: pd.DataFrame,
    kind: str = "congruence",
    normalization: str = "none",
    *,
    min_weight: float = 0,
    exclude_neutral: bool = True,
    labels: dict[str, str] | None = None,
) -> nx.Graph:
    """Actor congruence, conflict or subtract network (DNA semantics, module docstring)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    with _bulk():
        return _one_mode_network(
            statements, kind, normalization, min_weight, exclude_neutral, labels
        )


def _one_mode_network(statements, kind, normalization, min_weight, exclude_neutral, labels):
    labels = labels or {}
    unique = deduplicate_statements(statements)
    pairs = _pairs(unique, exclude_neutral)
    graph = nx.Graph()
    for actor in sorted(pairs):
        graph.add_node(
            actor, label=labels.get(actor, actor), kind="actor", n_pairs=len(pairs[actor])
        )
    # the evidence rows of each (actor, target, stance), built once: one row each after
    # deduplication, so sorting on those four keys orders an edge's evidence completely
    records: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for record in _evidence(unique):
        records[(record["actor_id"], record["target_id"], record["stance"])].append(record)
    # each actor's positions with support and oppose swapped: a's positions opposed by b
    # are then one set intersection
    flipped = {
        actor: {(t, FLIP[s]) for t, s in positions if s in FLIP}
        for actor, positions in pairs.items()
    }
    for a, b in combinations(sorted(pairs), 2):
        same = pairs[a] & pairs[b]
        opposite = pairs[a] & flipped[b]
        congruence, conflict = len(same), len(opposite)
        raw = {"congruence": congruence, "conflict": conflict, "subtract": congruence - conflict}[
            kind
        ]
        if raw == 0:
            continue
        weight = normalise(raw, len(pairs[a]), len(pairs[b]), normalization)
        if abs(weight) < min_weight:
            continue
        # the statements behind the tie: shared positions (congruence), both sides of each
        # opposed target (conflict), or both (subtract)
        behind = set(same) if kind != "conflict" else set()
        if kind != "congruence":
            behind |= opposite | {(t, FLIP[s]) for t, s in opposite}
        targets = sorted({t for t, _ in behind})
        evidence = EdgeStatements(records, (a, b), behind)
        graph.add_edge(
            a,
            b,
            weight=float(weight),
            raw_weight=int(raw),
            congruence=congruence,
            conflict=conflict,
            targets=", ".join(targets),
            statements=evidence,
        )
    return graph


def _units(text: str, window: str) -> list[tuple[int, int]]:
    from controverse.components.common import sentence_spans

    if window == "sentence":
        return sentence_spans(text)
    if window == "paragraph":
        spans, start = [], 0
        for block in text.split("\n\n"):
            spans.append((start, start + len(block)))
            start += len(block) + 2
        return spans
    raise ValueError(f"window must be sentence or paragraph, not {window!r}")


def co_mention_network(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    window: str = "sentence",
    min_weight: float = 1,
    labels: dict[str, str] | None = None,
) -> nx.Graph:
    """Actors named in the same sentence or paragraph; weight = number of shared units."""
    labels = labels or {}
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    linked = mentions.dropna(subset=["actor_id"])
    counts: dict[tuple[str, str], list[dict]] = defaultdict(list)
    actors: set[str] = set()
    for doc_id, rows in linked.groupby("doc_id", sort=True):
        text = texts.get(doc_id)
        if text is None:
            continue
        for start, end in _units(text, window):
            inside = rows[(rows["start"] >= start) & (rows["start"] < end)]
            present = sorted(set(inside["actor_id"]))
            actors.update(present)
            for a, b in combinations(present, 2):
                counts[(a, b)].append(
                    {
                        "doc_id": doc_id,
                        "start": int(start),
                        "end": int(end),
                        "evidence": text[start:end],
                    }
                )
    graph = nx.Graph()
    for actor in sorted(actors):
        graph.add_node(actor, label=labels.get(actor, actor), kind="actor")
    for (a, b), evidence in sorted(counts.items()):
        if len(evidence) >= min_weight:
            graph.add_edge(a, b, weight=float(len(evidence)), evidence=evidence)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph


def build_network(
    kind: str,
    *,
    statements: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    normalization: str = "none",
    window: str = "sentence",
    min_weight: float = 0,
    labels: dict[str, str] | None = None,
) -> nx.Graph:
    """Dispatch on the notebook's ``network_kind`` parameter."""
    if kind == "co-mention":
        return co_mention_network(
            mentions, documents, window=window, min_weight=max(min_weight, 1), labels=labels
        )
    if kind == "two-mode":
        return two_mode_network(statements, labels=labels)
    return one_mode_network(statements, kind, normalization, min_weight=min_weight, labels=labels)


def statement_dates(statements: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """Each statement's document date as a Timestamp (month/year dates at their start)."""
    dates = dict(zip(documents["doc_id"], documents["date"], strict=True))
    return period_starts(statements["doc_id"].map(dates))


def period_starts(dates: pd.Series) -> pd.Series:
    """ISO dates of any precision as datetime64 at the start of their period."""
    return pd.Series(
        pd.to_datetime([str(period_start(d).date()) for d in dates.astype(object)]),
        index=dates.index,
    )


def period_start(date) -> pd.Timestamp:
    text = str(date)
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    return pd.Timestamp(text)


def networks_by_window(
    statements: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    freq: str | None = "year",
    window: str | None = None,
    step: str = "365D",
    kind: str = "congruence",
    normalization: str = "none",
) -> dict[str, nx.Graph]:
    """One network per calendar year (``freq="year"``) or per moving window (``window="730D"``
    every ``step``), labelled by period."""
    dated = statements.assign(_date=statement_dates(statements, documents))
    graphs = {}
    if window is None:
        for year, rows in dated.groupby(dated["_date"].dt.year, sort=True):
            graphs[str(year)] = one_mode_network(rows.drop(columns="_date"), kind, normalization)
        return graphs
    start, last = dated["_date"].min(), dated["_date"].max()
    span, stride = pd.Timedelta(window), pd.Timedelta(step)
    while start <= last:
        end = start + span
        rows = dated[(dated["_date"] >= start) & (dated["_date"] < end)]
        graphs[f"{start.date()}–{end.date()}"] = one_mode_network(
            rows.drop(columns="_date"), kind, normalization
        )
        start += stride
    return graphs


def detect_communities(
    graph: nx.Graph, *, seed: int = 42, weight: str = "weight"
) -> dict[str, int]:
    """Louvain communities (seeded, on positive weights); ids 0.. by size, then first node."""
    if graph.number_of_nodes() == 0:
        return {}
    positive = nx.Graph()
    positive.add_nodes_from(sorted(graph.nodes))
    for a, b, data in graph.edges(data=True):
        value = data.get(weight, 1.0)
        if value > 0:
            positive.add_edge(a, b, weight=value)
    groups = nx.community.louvain_communities(positive, weight="weight", seed=seed)
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {node: index for index, group in enumerate(ordered) for node in group}


def centralities(graph: nx.Graph) -> pd.DataFrame:
    """Degree, weighted degree, betweenness and eigenvector centrality per node."""
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(
            columns=["node", "label", "degree", "weighted_degree", "betweenness", "eigenvector"]
        )
    positive = nx.Graph()
    positive.add_nodes_from(graph.nodes)
    positive.add_edges_from(
        (a, b, {"weight": abs(d.get("weight", 1.0))}) for a, b, d in graph.edges(data=True)
    )
    betweenness = nx.betweenness_centrality(positive, weight=None)
    try:
        eigenvector = nx.eigenvector_centrality(positive, weight="weight", max_iter=1000, tol=1e-8)
    except (nx.NetworkXException, ValueError, TypeError, ZeroDivisionError):
        eigenvector = dict.fromkeys(graph.nodes, float("nan"))
    rows = [
        {
            "node": node,
            "label": graph.nodes[node].get("label", node),
            "degree": graph.degree(node),
            "weighted_degree": float(positive.degree(node, weight="weight")),
            "betweenness": round(betweenness[node], 6),
            "eigenvector": round(float(eigenvector[node]), 6),
        }
        for node in graph.nodes
    ]
    return (
        pd.DataFrame(rows)
        .sort_values(["weighted_degree", "node"], ascending=[False, True])
        .reset_index(drop=True)
    )


def polarisation(statements: pd.DataFrame) -> float:
    """Share of conflict among the actor ties: conflict / (congruence + conflict), summed
    over all actor pairs (0 = every shared position agrees, 1 = every one is opposed)."""
    unique = deduplicate_statements(statements)
    pairs = _pairs(unique, exclude_neutral=True)
    congruence = conflict = 0
    for a, b in combinations(sorted(pairs), 2):
        congruence += len(pairs[a] & pairs[b])
        conflict += sum(
            1 for t, s in pairs[a] if (t, "oppose" if s == "support" else "support") in pairs[b]
        )
    total = congruence + conflict
    return conflict / total if total else 0.0
