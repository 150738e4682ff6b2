"""The Dask engine: streaming, bounded partitions in flight, identical tables to the local
engine, and no document lost when a worker dies mid-run."""

from __future__ import annotations

import functools
import os
import sys

import cloudpickle
import pandas as pd
import pytest

from controverse.engines import partitions, run_dask

# Workers unpickle this module's functions by value: the test module is not importable there.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def double_all(batch):
    return [(record, record * 2) for record in batch]


@pytest.fixture(scope="module")
def threaded_client():
    """An in-process cluster (threads): cheap, enough for the engine's own logic."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_partitions_are_lazy_and_bounded():
    assert list(partitions(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(partitions([], 3)) == []
    with pytest.raises(ValueError):
        list(partitions(range(3), 0))


def test_results_stream_with_a_bounded_number_of_partitions_in_flight(threaded_client):
    read = 0
    delivered = []
    most_ahead = 0

    def records():
        nonlocal read
        for value in range(200):
            read += 1
            yield value

    def on_result(result):
        nonlocal most_ahead
        delivered.append(result)
        most_ahead = max(most_ahead, read - len(delivered))

    stats = run_dask(
        records(),
        extract_partition=double_all,
        on_result=on_result,
        scheduler=threaded_client,
        partition_size=5,
        max_in_flight=3,
    )
    assert sorted(delivered) == [(v, 2 * v) for v in range(200)]
    assert stats.documents == 200 and stats.partitions == 40 and stats.resubmitted == 0
    # Never more than the in-flight partitions (plus the one being delivered) read ahead.
    assert most_ahead <= (3 + 1) * 5


def failing(batch):
    raise RuntimeError("bad partition")


def test_an_extraction_error_is_raised_after_its_retries(threaded_client):
    with pytest.raises(RuntimeError, match="bad partition"):
        run_dask(
            range(4),
            extract_partition=failing,
            on_result=lambda r: None,
            scheduler=threaded_client,
            partition_size=2,
            retries=1,
        )


# ----------------------------------------------------------------------------- with spaCy

TABLES = ("documents", "mentions", "quotes", "statements", "events")
N_DOCS = 8


def sorted_table(frame):
    """A table in a canonical row order (lists made hashable for sorting)."""
    frame = frame.copy()
    key = frame.assign(
        **{c: frame[c].map(tuple) for c in frame.columns if frame[c].dtype == object}
    )
    order = key.astype(str).sort_values(list(key.columns), kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def assert_same_tables(expected, actual):
    for name in TABLES:
        pd.testing.assert_frame_equal(
            sorted_table(expected[name]), sorted_table(actual[name]), obj=name
        )


@pytest.fixture(scope="module")
def small_corpus():
    from controverse import paths
    from controverse.corpus import load_corpus

    documents = load_corpus(paths.HDH_CORPUS)
    documents = documents[documents["language"] == "fr"].head(N_DOCS).reset_index(drop=True)
    assert len(documents) == N_DOCS
    return documents


@pytest.fixture(scope="module")
def local_tables(small_corpus, tmp_path_factory):
    from controverse import extract

    store = tmp_path_factory.mktemp("local") / "annotations.duckdb"
    tables = extract.run(small_corpus, store_path=store, model_size="sm", progress=False)
    assert len(tables["mentions"]) and len(tables["statements"])
    return tables


@pytest.mark.slow
def test_dask_engine_gives_the_local_engines_tables(small_corpus, local_tables, tmp_path):
    from controverse import extract

    tables = extract.run(
        small_corpus,
        store_path=tmp_path / "annotations.duckdb",
        model_size="sm",
        engine="dask",
        progress=False,
    )
    assert_same_tables(local_tables, tables)


def die_once_then_extract(records, lang, model=None, *, marker, victim):
    """The extraction, except that the worker handling ``victim`` exits the first time."""
    from controverse import extract

    if any(r["content_hash"] == victim for r in records):
        try:
            os.remove(marker)  # atomic: exactly one worker wins
        except FileNotFoundError:
            pass
        else:
            os._exit(1)
    return extract.extract_records(records, lang, model)


@pytest.mark.slow
def test_a_worker_dying_mid_run_loses_no_document(
    small_corpus, local_tables, tmp_path, monkeypatch
):
    from controverse import extract
    from controverse.nlp import model_name, pipeline_fingerprint
    from controverse.store import AnnotationStore

    marker = tmp_path / "die-once"
    marker.touch()
    victim = small_corpus["content_hash"].iloc[N_DOCS // 2]  # a partition in the middle
    monkeypatch.setattr(
        extract,
        "extract_records",
        functools.partial(die_once_then_extract, marker=str(marker), victim=victim),
    )
    store_path = tmp_path / "annotations.duckdb"
    tables = extract.run(
        small_corpus, store_path=store_path, model_size="sm", engine="dask", progress=False
    )
    assert not marker.exists(), "the worker was never killed"
    assert_same_tables(local_tables, tables)

    fingerprint = pipeline_fingerprint("fr", model_name("fr", "sm"))
    with AnnotationStore(store_path) as store:
        assert store.count_documents(fingerprint) == small_corpus["content_hash"].nunique()
        for table in ("parsed", "mentions", "statements"):
            duplicated = store.con.execute(
                f"SELECT content_hash, count(*) FROM {table} GROUP BY content_hash"
                + (", seq" if table != "parsed" else "")
                + " HAVING count(*) > 1"
            ).fetchall()
            assert duplicated == [], table
