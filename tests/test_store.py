"""The DuckDB annotation store: keyed by content hash and fingerprint, one transaction per
document."""

import duckdb
import pandas as pd
import pytest

from controverse.store import AnnotationStore

ROWS = {
    "mentions": [
        {"start": 0, "end": 4, "text": "CNIL", "actor_id": "cnil", "ner_label": "ORG",
         "method": "ruler"},
    ],
    "quotes": [],
    "statements": [],
    "events": [
        {"date": "2020-06-11", "precision": "day", "text": "11 juin 2020", "start": 8,
         "end": 20, "evidence": "La CNIL, 11 juin 2020.", "actor_ids": ["cnil"]},
    ],
}  # fmt: skip


def test_new_file_put_has_get(tmp_path):
    path = tmp_path / "sub" / "store.duckdb"
    with AnnotationStore(path) as store:
        assert not store.has("h1", "fp")
        store.put("h1", "fp", ROWS, ["a problem"])
        assert store.has("h1", "fp")
        assert not store.has("h1", "other-fp")
        assert store.known("fp") == {"h1"}
    with AnnotationStore(path) as store:  # reopened: persisted
        tables = store.tables(pd.DataFrame({"doc_id": ["d1"], "content_hash": ["h1"]}), "fp")
    assert tables["mentions"].to_dict("records")[0]["actor_id"] == "cnil"
    assert tables["events"]["actor_ids"].iloc[0] == ["cnil"]
    assert tables["problems"] == [("d1", ["a problem"])]


def test_same_text_shared_by_two_documents(tmp_path):
    with AnnotationStore(tmp_path / "s.duckdb") as store:
        store.put("h1", "fp", ROWS)
        wanted = pd.DataFrame({"doc_id": ["a", "b"], "content_hash": ["h1", "h1"]})
        assert list(store.tables(wanted, "fp")["mentions"]["doc_id"]) == ["a", "b"]


def test_put_replaces_previous_copy(tmp_path):
    with AnnotationStore(tmp_path / "s.duckdb") as store:
        store.put("h1", "fp", ROWS)
        store.put("h1", "fp", {**ROWS, "mentions": []})
        wanted = pd.DataFrame({"doc_id": ["a"], "content_hash": ["h1"]})
        assert store.tables(wanted, "fp")["mentions"].empty
        assert store.count_documents("fp") == 1


def test_failed_put_leaves_no_half_document(tmp_path):
    bad = {**ROWS, "events": [{**ROWS["events"][0], "start": "not a number"}]}
    with AnnotationStore(tmp_path / "s.duckdb") as store:
        with pytest.raises(duckdb.Error):
            store.put("h2", "fp", bad)
        assert not store.has("h2", "fp")
        count = store.con.execute("SELECT count(*) FROM mentions WHERE content_hash = 'h2'")
        assert count.fetchone()[0] == 0


def test_put_many_writes_all_documents_or_none(tmp_path):
    bad = {**ROWS, "events": [{**ROWS["events"][0], "start": "not a number"}]}
    with AnnotationStore(tmp_path / "s.duckdb") as store:
        store.put_many("fp", [("h1", ROWS, []), ("h2", ROWS, ["p"])])
        assert store.known("fp") == {"h1", "h2"}
        with pytest.raises(duckdb.Error):
            store.put_many("fp", [("h1", {**ROWS, "mentions": []}, []), ("h3", bad, [])])
        assert store.known("fp") == {"h1", "h2"}  # h1 kept its rows, h3 never landed
        wanted = pd.DataFrame({"doc_id": ["a", "b"], "content_hash": ["h1", "h2"]})
        tables = store.tables(wanted, "fp")
        assert list(tables["mentions"]["doc_id"]) == ["a"] * len(ROWS["mentions"]) + ["b"] * len(
            ROWS["mentions"]
        )
        store.put_many("fp", [("h1", {**ROWS, "mentions": []}, [])])  # replaces h1 only
        assert list(store.tables(wanted, "fp")["mentions"]["doc_id"]) == ["b"] * len(
            ROWS["mentions"]
        )
