"""Evaluation against hand-made gold and predictions with known scores."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from controverse.evaluate import (
    aggregate_statements,
    error_analysis,
    evaluate,
    format_report,
    headline,
    match_quotes,
    prf,
    quote_score,
)
from controverse.gold import GOLD_COLUMNS, GoldSet
from controverse.tables import conform

D1, D2 = "2020-01-01-a", "2020-01-02-b"
TEXT = "x" * 400


def table(rows: list[dict], name: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(GOLD_COLUMNS[name]))
    for column, dtype in GOLD_COLUMNS[name].items():
        frame[column] = frame[column].astype(dtype)
    return frame


def make_gold(mentions=(), quotes=(), stances=(), events=()) -> GoldSet:
    docs = conform(
        pd.DataFrame(
            [
                {"doc_id": D1, "date": "2020-01-01", "language": "fr"},
                {"doc_id": D2, "date": "2020-01-02", "language": "en"},
            ]
        ),
        "documents",
    )
    docs["text"] = TEXT
    return GoldSet(
        split="dev",
        documents=docs,
        mentions=table(list(mentions), "mentions"),
        quotes=table(list(quotes), "quotes"),
        stances=table(list(stances), "stances"),
        events=table(list(events), "events"),
    )


def m(doc, start, end, actor):
    return {"doc_id": doc, "start": start, "end": end, "text": "x", "actor_id": actor}


def q(doc, start, end, speaker=None, kind="direct"):
    return {
        "doc_id": doc,
        "start": start,
        "end": end,
        "text": "x",
        "speaker_id": speaker,
        "kind": kind,
    }


def s(doc, actor, target, stance, confidence=1.0):
    return {
        "doc_id": doc,
        "actor_id": actor,
        "target_id": target,
        "stance": stance,
        "confidence": confidence,
    }


def e(doc, start, end, date, precision):
    return {
        "doc_id": doc,
        "start": start,
        "end": end,
        "text": "x",
        "date": date,
        "precision": precision,
    }


def row(df: pd.DataFrame, task: str, metric: str) -> dict:
    sel = df[(df["task"] == task) & (df["metric"] == metric)]
    assert len(sel) == 1, (task, metric)
    return sel.iloc[0].to_dict()


def test_prf():
    assert prf(2, 2, 0) == (0.5, 1.0, pytest.approx(2 / 3))
    assert prf(0, 3, 0) == (0.0, 0.0, 0.0)
    assert all(math.isnan(v) for v in prf(0, 0, 0))


def test_mentions_exact_span_and_actor():
    gold = make_gold(
        mentions=[m(D1, 0, 4, "cnil"), m(D1, 10, 14, "cnam"), m(D2, 0, 3, "health-data-hub")]
    )
    pred = {
        "mentions": conform(
            pd.DataFrame(
                [
                    m(D1, 0, 4, "cnil"),  # tp
                    m(D1, 10, 14, "cnam-council"),  # wrong actor: fp + fn
                    m(D1, 20, 24, None),  # unlinked: ignored
                    m(D2, 0, 4, "health-data-hub"),  # wrong span: fp + fn
                    m("other-doc", 0, 4, "cnil"),  # not in gold split: ignored
                ]
            ),
            "mentions",
        )
    }
    r = row(evaluate(predictions=pred, gold=gold), "mentions", "exact")
    assert (r["tp"], r["fp"], r["fn"], r["support"]) == (1, 2, 2, 3)
    assert r["precision"] == pytest.approx(1 / 3)
    assert r["recall"] == pytest.approx(1 / 3)
    assert r["f1"] == pytest.approx(1 / 3)


def test_quote_score_is_gold_referenced():
    gold, pred = {"start": 0, "end": 100}, {"start": 50, "end": 400}
    assert quote_score(gold, pred) == 0.5  # 50 shared / 100 gold chars
    assert quote_score(pred, gold) == pytest.approx(50 / 350)


def test_quotes_overlap_03_vs_08_and_speakers():
    gold = make_gold(
        quotes=[
            q(D1, 0, 100, "cnil"),  # pred covers 90 % -> match at 0.3 and 0.8
            q(D1, 200, 300, "olivier-veran"),  # pred covers 50 % -> match at 0.3 only
            q(D2, 0, 100, None),  # pred covers 20 % -> no match
            q(D2, 200, 300, "cedric-o"),  # no prediction
        ]
    )
    pred = {
        "quotes": pd.DataFrame(
            [
                q(D1, 10, 120, "cnil"),  # speaker right
                q(D1, 250, 330, "cnam"),  # speaker wrong
                q(D2, 80, 150, None),
                q(D2, 350, 380, None),  # spurious
            ]
        )
    }
    df = evaluate(predictions=pred, gold=gold)
    r3 = row(df, "quotes", "overlap_0.3")
    assert (r3["tp"], r3["fp"], r3["fn"], r3["support"]) == (2, 2, 2, 4)
    assert r3["precision"] == 0.5 and r3["recall"] == 0.5 and r3["f1"] == 0.5
    r8 = row(df, "quotes", "overlap_0.8")
    assert (r8["tp"], r8["fp"], r8["fn"]) == (1, 3, 3)
    assert r8["f1"] == pytest.approx(0.25)
    sp = row(df, "speakers", "accuracy")
    assert sp["accuracy"] == 0.5 and sp["support"] == 2
    assert row(df, "speakers", "end_to_end")["accuracy"] == 0.25


def test_threshold_is_strict_and_matching_one_to_one():
    gold = [q(D1, 0, 10), q(D1, 10, 20)]
    exactly_30 = [q(D1, 7, 13)]  # 3/10 of the first gold, 3/10 of the second
    assert match_quotes(gold, exactly_30, 0.3) == []  # GGT: score > threshold
    one_long = [q(D1, 0, 20)]  # covers both gold quotes fully, but matches one only
    assert match_quotes(gold, one_long, 0.3) == [(0, 0)]


def test_null_speakers_count_as_equal():
    gold = make_gold(quotes=[q(D1, 0, 10, None), q(D1, 20, 30, "cnil")])
    pred = {"quotes": pd.DataFrame([q(D1, 0, 10, None), q(D1, 20, 30, None)])}
    sp = row(evaluate(predictions=pred, gold=gold), "speakers", "accuracy")
    assert sp["accuracy"] == 0.5


def test_stance_aggregation_majority_then_confidence():
    statements = pd.DataFrame(
        [
            s(D1, "cnil", "microsoft-hosting", "oppose", 0.6),
            s(D1, "cnil", "microsoft-hosting", "oppose", 0.6),
            s(D1, "cnil", "microsoft-hosting", "support", 0.9),
            s(D1, "cedric-o", "microsoft-hosting", "support", 0.4),
            s(D1, "cedric-o", "microsoft-hosting", "oppose", 0.8),
            s(D1, None, "microsoft-hosting", "oppose", 0.8),
        ]
    )
    agg = aggregate_statements(statements, {D1})
    got = {(r.actor_id, r.stance) for r in agg.itertuples()}
    assert got == {("cnil", "oppose"), ("cedric-o", "oppose")}


def test_stances_semeval_average_f1():
    gold = make_gold(
        stances=[
            s(D1, "cnil", "microsoft-hosting", "oppose"),
            s(D1, "cnam-council", "microsoft-hosting", "oppose"),
            s(D1, "stephanie-combes", "microsoft-hosting", "support"),
            s(D2, "cedric-o", "microsoft-hosting", "support"),
            s(D2, "conseil-d-etat", "microsoft-hosting", "neutral"),
        ]
    )
    statements = pd.DataFrame(
        [
            s(D1, "cnil", "microsoft-hosting", "oppose"),  # oppose tp
            s(D1, "stephanie-combes", "microsoft-hosting", "support"),  # support tp
            s(D2, "cedric-o", "microsoft-hosting", "oppose"),  # oppose fp, support fn
            s(D2, "conseil-d-etat", "microsoft-hosting", "neutral"),  # neutral tp
            s(D2, "anticor", "microsoft-hosting", "support"),  # support fp
        ]
    )
    df = evaluate(predictions={"statements": statements}, gold=gold)
    opp = row(df, "stances", "oppose")
    assert (opp["tp"], opp["fp"], opp["fn"]) == (1, 1, 1)
    assert opp["f1"] == 0.5
    sup = row(df, "stances", "support")
    assert (sup["tp"], sup["fp"], sup["fn"]) == (1, 1, 1)
    assert sup["f1"] == 0.5
    assert row(df, "stances", "neutral")["f1"] == 1.0
    avg = row(df, "stances", "avg_f1")
    assert avg["f1"] == 0.5 and avg["support"] == 4


def test_stances_avg_f1_uneven_classes():
    gold = make_gold(
        stances=[
            s(D1, "cnil", "microsoft-hosting", "oppose"),
            s(D1, "cedric-o", "microsoft-hosting", "support"),
        ]
    )
    statements = pd.DataFrame([s(D1, "cnil", "microsoft-hosting", "oppose")])
    df = evaluate(predictions={"statements": statements}, gold=gold)
    # oppose F1 = 1, support F1 = 0 (one gold, none predicted) -> 0.5
    assert row(df, "stances", "avg_f1")["f1"] == 0.5


def test_events_overlap_date_and_precision():
    gold = make_gold(
        events=[
            e(D1, 0, 12, "2020-06-11", "day"),  # matched, correct
            e(D1, 20, 29, "2019-06", "season"),  # matched, precision wrong
            e(D1, 40, 44, "2019", "year"),  # missed
            e(D2, 0, 10, "2020-12", "month"),  # matched, date wrong
        ]
    )
    pred = {
        "events": pd.DataFrame(
            [
                e(D1, 3, 12, "2020-06-11", "day"),
                e(D1, 20, 29, "2019-06", "month"),
                e(D2, 0, 10, "2019-12", "month"),
                e(D2, 100, 104, "2021", "year"),  # spurious
            ]
        )
    }
    df = evaluate(predictions=pred, gold=gold)
    ov = row(df, "events", "overlap")
    assert (ov["tp"], ov["fp"], ov["fn"]) == (3, 1, 1)
    assert ov["f1"] == 0.75
    assert ov["accuracy"] == 0.25
    dt = row(df, "events", "date")
    assert (dt["tp"], dt["fp"], dt["fn"]) == (1, 3, 3)
    assert dt["accuracy"] == 0.25 and dt["f1"] == 0.25
    errs = error_analysis(predictions=pred, gold=gold)
    assert len(errs["events_wrong_date"]) == 2
    assert list(errs["events_fn"]["date"]) == ["2019"]
    assert list(errs["events_fp"]["date"]) == ["2021"]


def test_empty_predictions_and_report():
    gold = make_gold(
        mentions=[m(D1, 0, 4, "cnil")],
        quotes=[q(D1, 0, 10, "cnil")],
        stances=[s(D1, "cnil", "microsoft-hosting", "oppose")],
        events=[e(D1, 0, 4, "2020", "year")],
    )
    df = evaluate(predictions={}, gold=gold)
    assert list(df.columns[:6]) == ["task", "metric", "precision", "recall", "f1", "support"]
    assert set(df["task"]) == {"mentions", "quotes", "speakers", "stances", "events"}
    assert row(df, "mentions", "exact")["recall"] == 0.0
    report = format_report(df)
    assert "overlap_0.3" in report and "avg_f1" in report
    h = headline(df)
    assert h["mentions"] == 0.0 and set(h) >= {"quotes@0.3", "speakers", "stances", "events"}
    errs = error_analysis(predictions={}, gold=gold)
    assert len(errs["mentions_fn"]) == 1 and "context" in errs["mentions_fn"].columns


def test_cli_evaluate_validate_json(tmp_path, capsys):
    from controverse.cli import main

    (tmp_path / "dev").mkdir()
    (tmp_path / "test").mkdir()
    code = main(["evaluate", "--validate", "--split", "all", "--gold-dir", str(tmp_path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert all(p["severity"] == "warning" for p in out["problems"])
    assert out["stats"][-1]["split"] == "total"


def test_default_predictions_come_from_extract_run(monkeypatch, tmp_path):
    import sys
    import types

    gold = make_gold(mentions=[m(D1, 0, 4, "cnil")])
    calls = {}

    def fake_run(corpus, **kwargs):
        calls["doc_ids"] = list(corpus["doc_id"])
        calls["kwargs"] = kwargs
        return {"mentions": pd.DataFrame([m(D1, 0, 4, "cnil")])}

    import controverse

    fake = types.SimpleNamespace(run=fake_run)
    monkeypatch.setitem(sys.modules, "controverse.extract", fake)
    monkeypatch.setattr(controverse, "extract", fake, raising=False)
    import controverse.evaluate as ev

    monkeypatch.setattr(ev, "GOLD_STORE_PATH", tmp_path / "store.duckdb")
    df = evaluate(gold=gold)
    assert calls["kwargs"]["store_path"] == tmp_path / "store.duckdb"
    assert calls["doc_ids"] == [D1, D2]
    assert calls["kwargs"]["use_cache"] is True
    assert row(df, "mentions", "exact")["f1"] == 1.0


def test_a_quotation_matches_itself_rather_than_the_clause_around_it():
    # gold: only the quotation (20-38); predicted: the reported clause around it, listed
    # first, and the quotation. Both cover it fully: the closer span takes it (so its
    # speaker is the one scored).
    gold = [q(D1, 20, 38)]
    pred = [q(D1, 0, 40), q(D1, 20, 38)]
    assert match_quotes(gold, pred, 0.3) == [(0, 1)]
