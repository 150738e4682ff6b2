"""Network and statement exports for Gephi and Discourse Network Analyzer users.

GEXF and GraphML carry only scalar attributes (lists of evidence become a JSON string in
``evidence_json``), so both open cleanly in Gephi. Every file is written atomically.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pandas as pd

SCALARS = (str, int, float, bool)


def gephi_graph(graph: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes; evidence lists as JSON text."""
    clean = nx.Graph()
    for node, data in sorted(graph.nodes(data=True)):
        attrs = {k: v for k, v in data.items() if isinstance(v, SCALARS)}
        attrs.setdefault("label", str(node))
        clean.add_node(str(node), **attrs)
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        attrs = {k: v for k, v in data.items() if isinstance(v, SCALARS)}
        rows = data.get("statements") or data.get("evidence")
        if rows:
            attrs["evidence_json"] = json.dumps(list(rows), ensure_ascii=False, default=str)
            attrs["n_evidence"] = len(rows)
        clean.add_edge(str(a), str(b), **attrs)
    return clean


def edge_list(graph: nx.Graph) -> pd.DataFrame:
    """source, target, weight and every other scalar edge attribute, sorted."""
    rows = []
    for a, b, data in graph.edges(data=True):
        source, target = sorted((str(a), str(b)))
        row = {"source": source, "target": target}
        row.update({k: v for k, v in data.items() if isinstance(v, SCALARS)})
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.sort_values(["source", "target"]).reset_index(drop=True) if len(frame) else frame


def export_network(graph: nx.Graph, base: str | Path) -> list[Path]:
    """Write BASE.gexf, BASE.graphml and BASE-edges.csv; return the paths."""
    base = Path(base)
    base.parent.mkdir(parents=True, exist_ok=True)
    clean = gephi_graph(graph)
    written = []
    for suffix, writer in ((".gexf", nx.write_gexf), (".graphml", nx.write_graphml)):
        target = base.with_name(base.name + suffix)
        temporary = target.with_name(f".{target.name}.tmp")
        writer(clean, temporary)
        os.replace(temporary, target)
        written.append(target)
    written.append(write_csv(edge_list(graph), base.with_name(base.name + "-edges.csv")))
    return written


def statement_event_list(
    statements: pd.DataFrame, documents: pd.DataFrame, *, labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """One row per statement with every attribute, in DNA's spirit: document metadata,
    actor, target ("concept"), stance and DNA's agreement qualifier (1 support, 0 oppose)."""
    labels = labels or {}
    meta = documents[["doc_id", "date", "title", "source", "doc_type", "language", "url"]]
    frame = statements.merge(meta, on="doc_id", how="left")
    frame["actor_label"] = frame["actor_id"].map(lambda a: labels.get(a, a))
    frame["agreement"] = frame["stance"].map({"support": 1, "oppose": 0})
    columns = [
        "doc_id", "date", "title", "source", "doc_type", "language", "url", "actor_id",
        "actor_label", "target_id", "stance", "agreement", "confidence", "cue", "evidence",
        "start", "end",
    ]  # fmt: skip
    return (
        frame[columns]
        .sort_values(["date", "doc_id", "start"], kind="stable")
        .reset_index(drop=True)
    )


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    frame.to_csv(temporary, index=False)
    os.replace(temporary, path)
    return path
