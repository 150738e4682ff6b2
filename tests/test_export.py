"""Exports open back cleanly (GEXF, GraphML, CSV) and the statement list has every attribute."""

import networkx as nx
import pandas as pd

from controverse import export, network

STATEMENTS = pd.DataFrame(
    {
        "doc_id": ["d1", "d1"],
        "actor_id": ["cnil", "interhop"],
        "target_id": ["microsoft-hosting"] * 2,
        "stance": ["oppose", "oppose"],
        "confidence": [0.8, 0.7],
        "cue": ["appel d'offres", "saisit"],
        "start": [0, 30],
        "end": [29, 60],
        "evidence": ["La CNIL veut un appel d'offres.", "InterHop saisit le Conseil d'État."],
    }
)
DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["d1"], "date": ["2020-10-08"], "title": ["T"], "source": ["S"],
        "doc_type": ["article"], "language": ["fr"], "url": [None],
    }
)  # fmt: skip


def test_gexf_graphml_and_edge_list_read_back(tmp_path):
    graph = network.one_mode_network(STATEMENTS, "congruence")
    paths = export.export_network(graph, tmp_path / "net")
    assert sorted(p.name for p in paths) == ["net-edges.csv", "net.gexf", "net.graphml"]
    for reader, suffix in ((nx.read_gexf, ".gexf"), (nx.read_graphml, ".graphml")):
        back = reader(tmp_path / f"net{suffix}")
        assert set(back.nodes) == {"cnil", "interhop"}
        data = next(iter(back.edges(data=True)))[2]
        assert data["weight"] == 1.0 and "appel d'offres" in data["evidence_json"]
    edges = pd.read_csv(tmp_path / "net-edges.csv")
    assert list(edges[["source", "target", "weight"]].iloc[0]) == ["cnil", "interhop", 1.0]


def test_statement_event_list_has_one_row_per_statement_with_dna_agreement():
    events = export.statement_event_list(STATEMENTS, DOCUMENTS, labels={"cnil": "CNIL"})
    assert len(events) == 2
    assert list(events["agreement"]) == [0, 0]
    assert events.loc[0, "actor_label"] == "CNIL" and events.loc[0, "date"] == "2020-10-08"
    assert {"evidence", "cue", "confidence", "title", "source"} <= set(events.columns)
