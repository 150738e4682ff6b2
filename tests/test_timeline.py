"""Document volume, event deduplication, stances and polarisation over time."""

import pandas as pd

from controverse import timeline

DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d"],
        "date": ["2020-06-19", "2020-06", "2020-10-13", "2021"],
        "doc_type": ["article", "court_decision", "article", "report"],
    }
)


def test_document_volume_counts_each_document_in_its_period():
    volume = timeline.document_volume(DOCUMENTS, by="doc_type", freq="M")
    june = volume[volume["period"] == pd.Timestamp("2020-06-01")]
    assert dict(zip(june["group"], june["count"], strict=True)) == {
        "article": 1,
        "court_decision": 1,
    }
    assert volume["count"].sum() == 4
    assert pd.Timestamp("2021-01-01") in set(volume["period"])  # year precision at its start


def test_events_reported_by_several_documents_are_merged():
    events = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "c"],
            "date": ["2020-06-19", "2020-06-19", "2020-06-19", "2020-10-13"],
            "precision": ["day"] * 4,
            "text": ["19 juin 2020"] * 3 + ["13 octobre"],
            "start": [0, 0, 50, 0],
            "end": [12, 12, 62, 10],
            "evidence": [
                "Le 19 juin 2020, le Conseil d'État rejette la demande.",
                "Le Conseil d'État a rejeté la demande le 19 juin 2020.",
                "Le 19 juin 2020, Nathalie Goulet dépose une proposition de résolution.",
                "Le 13 octobre, nouvelle ordonnance.",
            ],
            "actor_ids": [["conseil-d-etat"], ["conseil-d-etat"], ["nathalie-goulet"], []],
        }
    )
    merged = timeline.event_timeline(events)
    assert len(merged) == 3
    court = merged[merged["actor_ids"].map(lambda a: a == ["conseil-d-etat"])].iloc[0]
    assert court["n_documents"] == 2 and court["doc_ids"] == ["a", "b"]
    assert list(merged["date"]) == sorted(merged["date"])


def test_stance_over_time_and_polarisation():
    statements = pd.DataFrame(
        {
            "doc_id": ["a", "c", "c", "d"],
            "actor_id": ["cnil", "cnil", "cedric-o", "cedric-o"],
            "target_id": ["microsoft-hosting"] * 4,
            "stance": ["oppose", "oppose", "support", "oppose"],
            "confidence": [0.8] * 4,
            "start": [0, 1, 2, 3],
        }
    )
    over = timeline.stance_over_time(statements, DOCUMENTS, freq="Q", window=2)
    cnil = over[over["actor_id"] == "cnil"]
    assert list(cnil["oppose"]) == [1, 1] and list(cnil["net_moving"]) == [-1, -2]
    cedric = over[over["actor_id"] == "cedric-o"]
    assert list(cedric["net"]) == [1, -1]
    polar = timeline.polarisation_over_time(statements, DOCUMENTS)
    assert dict(zip(polar["period"], polar["polarisation"], strict=True)) == {
        "2020": 1.0,
        "2021": 0.0,
    }
