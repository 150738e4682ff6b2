"""Network semantics on hand-made statement tables with hand-computed expected weights."""

import math

import networkx as nx
import pandas as pd
import pytest

from controverse import network


def statements(rows):
    frame = pd.DataFrame(rows, columns=["doc_id", "actor_id", "target_id", "stance"])
    frame["confidence"] = 0.8
    frame["cue"] = "cue"
    frame["start"] = range(len(frame))
    frame["end"] = frame["start"] + 1
    frame["evidence"] = [f"sentence {i}" for i in range(len(frame))]
    return frame


# A: T1 oppose, T2 support (T1 oppose twice in d1: a duplicate)
# B: T1 oppose, T2 oppose;  C: T1 support;  D: T2 neutral only
TABLE = statements(
    [
        ("d1", "A", "T1", "oppose"),
        ("d1", "A", "T1", "oppose"),
        ("d2", "A", "T2", "support"),
        ("d1", "B", "T1", "oppose"),
        ("d3", "B", "T2", "oppose"),
        ("d2", "C", "T1", "support"),
        ("d3", "D", "T2", "neutral"),
    ]
)


def weights(graph):
    return {tuple(sorted((a, b))): round(d["weight"], 4) for a, b, d in graph.edges(data=True)}


def test_duplicates_within_a_document_count_once():
    assert len(network.deduplicate_statements(TABLE)) == 6


def test_congruence_conflict_and_subtract():
    assert weights(network.one_mode_network(TABLE, "congruence")) == {("A", "B"): 1.0}
    assert weights(network.one_mode_network(TABLE, "conflict")) == {
        ("A", "B"): 1.0,
        ("A", "C"): 1.0,
        ("B", "C"): 1.0,
    }
    assert weights(network.one_mode_network(TABLE, "subtract")) == {
        ("A", "C"): -1.0,
        ("B", "C"): -1.0,
    }


@pytest.mark.parametrize(
    ("normalization", "congruence_ab", "conflict_ac"),
    [
        ("none", 1.0, 1.0),
        ("average", 0.5, round(1 / 1.5, 4)),  # w / ((|A| + |B|) / 2), |A| = |B| = 2, |C| = 1
        ("jaccard", round(1 / 3, 4), 0.5),  # w / (|A| + |B| - w)
        ("cosine", 0.5, round(1 / math.sqrt(2), 4)),  # w / sqrt(|A| |B|)
    ],
)
def test_normalisations(normalization, congruence_ab, conflict_ac):
    assert (
        weights(network.one_mode_network(TABLE, "congruence", normalization))[("A", "B")]
        == congruence_ab
    )
    assert (
        weights(network.one_mode_network(TABLE, "conflict", normalization))[("A", "C")]
        == conflict_ac
    )


def test_edges_keep_the_statements_behind_them():
    graph = network.one_mode_network(TABLE, "congruence")
    evidence = graph.edges["A", "B"]["statements"]
    assert {(r["actor_id"], r["target_id"], r["stance"]) for r in evidence} == {
        ("A", "T1", "oppose"),
        ("B", "T1", "oppose"),
    }
    assert all(r["evidence"].startswith("sentence") for r in evidence)


def test_neutral_is_excluded_by_default_and_min_weight_filters():
    assert "D" not in network.one_mode_network(TABLE, "congruence")
    graph = network.one_mode_network(TABLE, "conflict", "average", min_weight=0.6)
    assert set(weights(graph)) == {("A", "C"), ("B", "C")}


def test_two_mode_signed_edges():
    graph = network.two_mode_network(TABLE)
    edge = graph.edges["A", "target:T1"]
    assert (edge["oppose"], edge["support"], edge["sign"], edge["weight"]) == (1, 0, -1, 1)
    assert graph.edges["C", "target:T1"]["sign"] == 1
    assert (
        graph.nodes["target:T1"]["kind"] == "target" and graph.nodes["target:T1"]["label"] == "T1"
    )


def test_co_mention_by_sentence_and_paragraph():
    documents = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "text": ["La CNIL et InterHop parlent. Microsoft se tait.\n\nLa CNIL revient."],
        }
    )
    mentions = pd.DataFrame(
        {
            "doc_id": ["d1"] * 4,
            "start": [3, 11, 29, 52],
            "end": [7, 19, 38, 56],
            "actor_id": ["cnil", "interhop", "microsoft", "cnil"],
        }
    )
    by_sentence = network.co_mention_network(mentions, documents, window="sentence")
    assert weights(by_sentence) == {("cnil", "interhop"): 1.0}
    by_paragraph = network.co_mention_network(mentions, documents, window="paragraph")
    assert weights(by_paragraph) == {
        ("cnil", "interhop"): 1.0,
        ("cnil", "microsoft"): 1.0,
        ("interhop", "microsoft"): 1.0,
    }
    assert (
        by_sentence.edges["cnil", "interhop"]["evidence"][0]["evidence"]
        == "La CNIL et InterHop parlent."
    )


def test_windows_communities_centralities_and_polarisation():
    documents = pd.DataFrame(
        {"doc_id": ["d1", "d2", "d3"], "date": ["2020-06-19", "2021-02", "2021"]}
    )
    by_year = network.networks_by_window(TABLE, documents, freq="year", kind="conflict")
    assert sorted(by_year) == ["2020", "2021"]
    assert weights(by_year["2020"]) == {}  # only A and B in d1, both oppose T1
    graph = network.one_mode_network(TABLE, "congruence")
    graph.add_edge("C", "E", weight=2.0)
    first = network.detect_communities(graph, seed=1)
    assert first == network.detect_communities(graph, seed=1)
    assert first["A"] == first["B"] != first["C"] == first["E"]
    table = network.centralities(graph)
    assert list(table.columns[:3]) == ["node", "label", "degree"]
    assert table.iloc[0]["node"] in {"C", "E"}
    # pairs: congruence 1 (A-B on T1), conflict 3 (A-B on T2, A-C, B-C on T1)
    assert network.polarisation(TABLE) == pytest.approx(3 / 4)


def test_build_network_dispatches_and_rejects_unknown_kinds():
    assert isinstance(network.build_network("two-mode", statements=TABLE), nx.Graph)
    with pytest.raises(ValueError, match="kind must be one of"):
        network.one_mode_network(TABLE, "friendship")
    with pytest.raises(ValueError, match="normalization"):
        network.one_mode_network(TABLE, "congruence", "zscore")
