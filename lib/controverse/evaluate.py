"""Score the extraction against the hand-annotated gold set.

:func:`evaluate` returns one row per (task, metric) with columns ``task, metric, precision,
recall, f1, support`` and, after them, ``accuracy, tp, fp, fn`` (NaN / NA where they do not
apply; precision, recall and F1 are NaN when a task has neither gold nor predicted items). Predictions are the extraction tables (``mentions``, ``quotes``, ``statements``,
``events``, as in :mod:`controverse.tables`); rows for documents outside the gold split are
ignored. Precision, recall and F1 are micro-averaged over all documents of the split.

Definitions
-----------
mentions / exact
    A predicted mention is correct when (doc_id, start, end, actor_id) equals a gold mention.
    Predicted rows with a null ``actor_id`` (unlinked NER spans) are ignored.
    support = gold mentions.

quotes / overlap_0.3, overlap_0.8
    As the Gender Gap Tracker (SFU Discourse Processing Lab, "Radar de parité") scores its
    quote extractor: ``NLP/evaluation/src/eval/evaluate_quotes.py`` in
    github.com/sfu-discourse-lab/GenderGapTracker, thresholds 0.3 and 0.8. The match score is
    asymmetric, with the gold (human) span as reference::

        score(gold, pred) = |chars(gold) ∩ chars(pred)| / |chars(gold)|

    and a prediction matches when ``score > threshold`` (strictly). Matching is one-to-one
    and greedy: gold quotes are taken in document order, each takes the still-unmatched
    prediction of the same document with the highest score above the threshold. Matched gold
    quotes are true positives, unmatched gold quotes false negatives, predictions left over
    false positives. Quote kind is not scored. support = gold quotes.

speakers / accuracy
    Over gold quotes matched at 0.3 (as the GGT reports speaker accuracy over matched
    quotes): correct when the predicted ``speaker_id`` equals the gold speaker (null == null
    counts as correct). support = matched gold quotes. ``speakers / end_to_end`` divides the
    same correct count by all gold quotes.

stances / support, oppose, neutral, avg_f1
    Document-level. Predicted statements with an actor and a target are aggregated per
    (doc_id, actor_id, target_id) to their majority stance; ties go to the highest total
    confidence, then to the order oppose, support, neutral. Each class c is scored on tuples
    (doc_id, actor_id, target_id, c): P = |pred_c ∩ gold_c| / |pred_c|, R = … / |gold_c|.
    ``avg_f1`` is the mean of the support and oppose F1, as SemEval-2016 Task 6 scores stance
    (F_avg = (F_favor + F_against) / 2); its precision and recall are the means too. A class
    with neither gold nor predicted tuples has undefined (NaN) scores and is left out of the
    mean (so a split without any gold or predicted "support" reports the oppose F1).
    neutral is reported for information and does not enter avg_f1.

events / overlap, date
    A gold event matches a predicted event of the same document when their character spans
    overlap by at least one character (one-to-one, greedy in gold order, largest overlap
    first). ``overlap``: P/R/F1 of that matching; its ``accuracy`` = gold events matched
    with the same date and precision / all gold events. ``date``: the same matching where a
    pair counts only when date and precision are equal (P = correct / predicted,
    R = correct / gold = accuracy).

:func:`error_analysis` lists, per task, the false positives and false negatives (with
context) behind those numbers, for tuning on dev. Never tune on test.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from controverse import paths
from controverse.gold import GoldSet, load_gold

QUOTE_THRESHOLDS = (0.3, 0.8)
SPEAKER_THRESHOLD = 0.3
STANCE_CLASSES = ("support", "oppose")
_TIE_ORDER = {"oppose": 0, "support": 1, "neutral": 2}
REPORT_COLUMNS = [
    "task",
    "metric",
    "precision",
    "recall",
    "f1",
    "support",
    "accuracy",
    "tp",
    "fp",
    "fn",
]


# --------------------------------------------------------------------------- helpers


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts.

    NaN for all three when there is nothing to score (no gold and no prediction); otherwise a
    zero denominator gives 0.0.
    """
    if tp == fp == fn == 0:
        return math.nan, math.nan, math.nan
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _row(task, metric, tp=None, fp=None, fn=None, support=None, accuracy=None, **override):
    p = r = f = math.nan
    if tp is not None:
        p, r, f = prf(tp, fp, fn)
    row = {
        "task": task,
        "metric": metric,
        "precision": p,
        "recall": r,
        "f1": f,
        "support": support,
        "accuracy": math.nan if accuracy is None else accuracy,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }
    row.update(override)
    return row


def _mean(values: list[float]) -> float:
    """Mean of the defined (non-NaN) values; NaN when none is defined."""
    defined = [v for v in values if not math.isnan(v)]
    return sum(defined) / len(defined) if defined else math.nan


def _null(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _clean(value):
    return None if _null(value) else value


def _records(frame: pd.DataFrame | None, columns: list[str], doc_ids: set[str]) -> list[dict]:
    """Rows of ``frame`` restricted to ``doc_ids`` as plain dicts (None for nulls)."""
    if frame is None or len(frame) == 0:
        return []
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"prediction table lacks columns {missing}")
    sub = frame.loc[frame["doc_id"].astype("string").isin(doc_ids), columns]
    out = []
    for rec in sub.to_dict("records"):
        rec = {k: _clean(v) for k, v in rec.items()}
        for k in ("start", "end"):
            if k in rec and rec[k] is not None:
                rec[k] = int(rec[k])
        out.append(rec)
    return out


def _context(text: str, start: int | None, end: int | None, width: int = 60) -> str:
    if start is None or end is None or not text:
        return ""
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def quote_score(gold: dict, pred: dict) -> float:
    """GGT match score: shared characters / characters of the gold span."""
    length = gold["end"] - gold["start"]
    if length <= 0 or pred["end"] - pred["start"] <= 0:
        return 0.0
    return _overlap(gold, pred) / length


def match_quotes(gold: list[dict], pred: list[dict], threshold: float) -> list[tuple[int, int]]:
    """One-to-one greedy GGT matching; returns (gold index, pred index) pairs."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    order = sorted(range(len(gold)), key=lambda i: (gold[i]["doc_id"], gold[i]["start"]))
    for gi in order:
        g = gold[gi]
        best, best_key = None, None
        for pi, p in enumerate(pred):
            if pi in used or p["doc_id"] != g["doc_id"]:
                continue
            score = quote_score(g, p)
            # ties (a clause and the quotation inside it both cover the gold span) go to
            # the prediction closest in length, so each can match its own gold entry
            key = (score, -abs((p["end"] - p["start"]) - (g["end"] - g["start"])))
            if score > threshold and (best_key is None or key > best_key):
                best, best_key = pi, key
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def match_overlapping(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one greedy matching by any character overlap (largest overlap first)."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    order = sorted(range(len(gold)), key=lambda i: (gold[i]["doc_id"], gold[i]["start"]))
    for gi in order:
        g = gold[gi]
        best, best_overlap = None, 0
        for pi, p in enumerate(pred):
            if pi in used or p["doc_id"] != g["doc_id"]:
                continue
            ov = _overlap(g, p)
            if ov > best_overlap:
                best, best_overlap = pi, ov
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def aggregate_statements(statements: pd.DataFrame | None, doc_ids: set[str]) -> pd.DataFrame:
    """Document-level stances: the majority stance per (doc_id, actor_id, target_id).

    Ties go to the highest total confidence, then to oppose, support, neutral.
    """
    recs = _records(statements, ["doc_id", "actor_id", "target_id", "stance"], doc_ids)
    conf = []
    if recs:
        sub = statements.loc[statements["doc_id"].astype("string").isin(doc_ids)]
        conf = list(sub["confidence"]) if "confidence" in statements.columns else [None] * len(recs)
    votes: dict[tuple, dict[str, list[float]]] = {}
    for rec, c in zip(recs, conf, strict=True):
        if rec["actor_id"] is None or rec["target_id"] is None or rec["stance"] is None:
            continue
        key = (rec["doc_id"], rec["actor_id"], rec["target_id"])
        cell = votes.setdefault(key, {}).setdefault(rec["stance"], [0, 0.0])
        cell[0] += 1
        cell[1] += 0.0 if _null(c) else float(c)
    rows = []
    for (doc_id, actor, target), by_stance in votes.items():
        stance = min(
            by_stance,
            key=lambda s: (-by_stance[s][0], -by_stance[s][1], _TIE_ORDER.get(s, 9), s),
        )
        rows.append(
            {
                "doc_id": doc_id,
                "actor_id": actor,
                "target_id": target,
                "stance": stance,
                "n_statements": by_stance[stance][0],
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "actor_id", "target_id", "stance", "n_statements"])


# --------------------------------------------------------------------------- scoring


def _score(gold: GoldSet, predictions: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, dict]:
    """Metrics table and error tables for ``predictions`` against ``gold``."""
    doc_ids = set(gold.doc_ids)
    texts = dict(zip(gold.documents["doc_id"], gold.documents["text"], strict=True))
    rows: list[dict] = []
    errors: dict[str, pd.DataFrame] = {}

    def ctx(rec: dict) -> str:
        return _context(texts.get(rec["doc_id"], ""), rec.get("start"), rec.get("end"))

    def frame(recs: list[dict], columns: list[str]) -> pd.DataFrame:
        out = pd.DataFrame(recs, columns=columns)
        if "context" in columns:
            out["context"] = [ctx(r) for r in recs]
        return out.reset_index(drop=True)

    # mentions
    g_m = _records(gold.mentions, ["doc_id", "start", "end", "text", "actor_id"], doc_ids)
    p_m = [
        r
        for r in _records(
            predictions.get("mentions"), ["doc_id", "start", "end", "text", "actor_id"], doc_ids
        )
        if r["actor_id"] is not None
    ]
    key = lambda r: (r["doc_id"], r["start"], r["end"], r["actor_id"])  # noqa: E731
    g_keys = {key(r) for r in g_m}
    p_keys = {key(r) for r in p_m}
    tp = len(g_keys & p_keys)
    rows.append(
        _row("mentions", "exact", tp, len(p_keys - g_keys), len(g_keys - p_keys), len(g_keys))
    )
    cols = ["doc_id", "start", "end", "text", "actor_id", "context"]
    seen: set = set()
    fp = []
    for r in p_m:
        if key(r) not in g_keys and key(r) not in seen:
            seen.add(key(r))
            fp.append(r)
    errors["mentions_fp"] = frame(fp, cols)
    errors["mentions_fn"] = frame([r for r in g_m if key(r) not in p_keys], cols)

    # quotes and speakers
    qcols = ["doc_id", "start", "end", "text", "speaker_id", "kind"]
    g_q = _records(gold.quotes, qcols, doc_ids)
    pred_quotes = predictions.get("quotes")
    p_q = _records(pred_quotes, ["doc_id", "start", "end", "text", "speaker_id"], doc_ids)
    if pred_quotes is not None and "kind" in pred_quotes.columns:
        kinds = _records(pred_quotes, ["doc_id", "kind"], doc_ids)
        for r, k in zip(p_q, kinds, strict=True):
            r["kind"] = k["kind"]
    p_q = [r for r in p_q if r["start"] is not None and r["end"] is not None]
    for threshold in QUOTE_THRESHOLDS:
        pairs = match_quotes(g_q, p_q, threshold)
        tp = len(pairs)
        rows.append(
            _row("quotes", f"overlap_{threshold}", tp, len(p_q) - tp, len(g_q) - tp, len(g_q))
        )
        if threshold == SPEAKER_THRESHOLD:
            matched_g = {gi for gi, _ in pairs}
            matched_p = {pi for _, pi in pairs}
            qc = ["doc_id", "start", "end", "text", "speaker_id", "kind", "context"]
            errors["quotes_fp"] = frame([p for i, p in enumerate(p_q) if i not in matched_p], qc)
            errors["quotes_fn"] = frame([g for i, g in enumerate(g_q) if i not in matched_g], qc)
            correct = 0
            wrong = []
            for gi, pi in pairs:
                g, p = g_q[gi], p_q[pi]
                if g["speaker_id"] == p["speaker_id"]:
                    correct += 1
                else:
                    wrong.append(
                        {
                            "doc_id": g["doc_id"],
                            "start": g["start"],
                            "end": g["end"],
                            "text": g["text"],
                            "gold_speaker": g["speaker_id"],
                            "pred_speaker": p["speaker_id"],
                            "pred_text": p["text"],
                        }
                    )
            errors["speakers_wrong"] = frame(
                wrong,
                [
                    "doc_id",
                    "start",
                    "end",
                    "text",
                    "gold_speaker",
                    "pred_speaker",
                    "pred_text",
                    "context",
                ],
            )
            speaker_support = len(pairs)
            speaker_acc = correct / len(pairs) if pairs else 0.0
            end_to_end = correct / len(g_q) if g_q else 0.0
    rows.append(_row("speakers", "accuracy", support=speaker_support, accuracy=speaker_acc))
    rows.append(_row("speakers", "end_to_end", support=len(g_q), accuracy=end_to_end))

    # stances
    g_s = _records(gold.stances, ["doc_id", "actor_id", "target_id", "stance"], doc_ids)
    p_s_frame = aggregate_statements(predictions.get("statements"), doc_ids)
    p_s = p_s_frame.to_dict("records")
    t4 = lambda r: (r["doc_id"], r["actor_id"], r["target_id"], r["stance"])  # noqa: E731
    g_set = {t4(r) for r in g_s}
    p_set = {t4(r) for r in p_s}
    f1s, ps, rs = [], [], []
    for cls in (*STANCE_CLASSES, "neutral"):
        gc = {t for t in g_set if t[3] == cls}
        pc = {t for t in p_set if t[3] == cls}
        tp = len(gc & pc)
        row = _row("stances", cls, tp, len(pc - gc), len(gc - pc), len(gc))
        rows.append(row)
        if cls in STANCE_CLASSES:
            f1s.append(row["f1"])
            ps.append(row["precision"])
            rs.append(row["recall"])
    rows.append(
        _row(
            "stances",
            "avg_f1",
            support=sum(1 for t in g_set if t[3] in STANCE_CLASSES),
            precision=_mean(ps),
            recall=_mean(rs),
            f1=_mean(f1s),
        )
    )
    gold_by_triple = {t[:3]: t[3] for t in g_set}
    scols = ["doc_id", "actor_id", "target_id", "stance", "gold_stance"]
    errors["stances_fp"] = pd.DataFrame(
        [
            {**dict(zip(scols[:4], t, strict=True)), "gold_stance": gold_by_triple.get(t[:3])}
            for t in sorted(p_set - g_set)
        ],
        columns=scols,
    )
    pred_by_triple = {t[:3]: t[3] for t in p_set}
    errors["stances_fn"] = pd.DataFrame(
        [
            {**dict(zip(scols[:4], t, strict=True)), "pred_stance": pred_by_triple.get(t[:3])}
            for t in sorted(g_set - p_set)
        ],
        columns=[*scols[:4], "pred_stance"],
    )

    # events
    ecols = ["doc_id", "start", "end", "text", "date", "precision"]
    g_e = _records(gold.events, ecols, doc_ids)
    p_e = [
        r
        for r in _records(predictions.get("events"), ecols, doc_ids)
        if r["start"] is not None and r["end"] is not None
    ]
    pairs = match_overlapping(g_e, p_e)
    tp = len(pairs)
    correct_pairs = [
        (gi, pi)
        for gi, pi in pairs
        if g_e[gi]["date"] == p_e[pi]["date"] and g_e[gi]["precision"] == p_e[pi]["precision"]
    ]
    n_correct = len(correct_pairs)
    rows.append(
        _row(
            "events",
            "overlap",
            tp,
            len(p_e) - tp,
            len(g_e) - tp,
            len(g_e),
            accuracy=n_correct / len(g_e) if g_e else 0.0,
        )
    )
    rows.append(
        _row(
            "events",
            "date",
            n_correct,
            len(p_e) - n_correct,
            len(g_e) - n_correct,
            len(g_e),
            accuracy=n_correct / len(g_e) if g_e else 0.0,
        )
    )
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    ec = [*ecols, "context"]
    errors["events_fp"] = frame([p for i, p in enumerate(p_e) if i not in matched_p], ec)
    errors["events_fn"] = frame([g for i, g in enumerate(g_e) if i not in matched_g], ec)
    ok = set(correct_pairs)
    errors["events_wrong_date"] = frame(
        [
            {
                **g_e[gi],
                "pred_text": p_e[pi]["text"],
                "pred_date": p_e[pi]["date"],
                "pred_precision": p_e[pi]["precision"],
            }
            for gi, pi in pairs
            if (gi, pi) not in ok
        ],
        [*ecols, "pred_text", "pred_date", "pred_precision", "context"],
    )

    table = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    for column in ("support", "tp", "fp", "fn"):
        table[column] = table[column].astype("Int64")
    for column in ("precision", "recall", "f1", "accuracy"):
        table[column] = table[column].astype("float64")
    return table, errors


# --------------------------------------------------------------------------- public API


GOLD_STORE_PATH = paths.BUILD_DIR / "evaluate" / "annotations.duckdb"


def predict(gold: GoldSet, **kwargs) -> dict[str, pd.DataFrame]:
    """Run ``controverse.extract.run`` on the gold documents, cached in the build folder.

    The cache is a store of its own (``build/evaluate/annotations.duckdb``), so that scoring
    never waits on the lock of a corpus extraction running at the same time.
    """
    from controverse import extract  # noqa: PLC0415 - heavy, and built in parallel

    kwargs.setdefault("use_cache", True)
    kwargs.setdefault("store_path", GOLD_STORE_PATH)
    Path(kwargs["store_path"]).parent.mkdir(parents=True, exist_ok=True)
    return extract.run(gold.documents, **kwargs)


def _prepare(split, predictions, gold, gold_dir=None):
    if gold is None:
        gold = load_gold(split, gold_dir)
    if predictions is None:
        predictions = predict(gold)
    return gold, predictions


def evaluate(
    split: str = "test",
    *,
    predictions: dict[str, pd.DataFrame] | None = None,
    gold: GoldSet | None = None,
    gold_dir: Path | str | None = None,
) -> pd.DataFrame:
    """Score predictions (by default: a fresh extraction) against the gold ``split``.

    Returns one row per (task, metric): mentions/exact, quotes/overlap_0.3,
    quotes/overlap_0.8, speakers/accuracy, speakers/end_to_end, stances/support,
    stances/oppose, stances/neutral, stances/avg_f1, events/overlap, events/date.
    """
    gold, predictions = _prepare(split, predictions, gold, gold_dir)
    table, _ = _score(gold, predictions)
    table.attrs["split"] = gold.split
    table.attrs["n_documents"] = len(gold)
    return table


def error_analysis(
    split: str = "dev",
    *,
    predictions: dict[str, pd.DataFrame] | None = None,
    gold: GoldSet | None = None,
    gold_dir: Path | str | None = None,
) -> dict[str, pd.DataFrame]:
    """False positives and negatives per task, with context, for tuning on dev.

    Keys: mentions_fp, mentions_fn, quotes_fp, quotes_fn (at overlap 0.3), speakers_wrong,
    stances_fp, stances_fn, events_fp, events_fn, events_wrong_date.
    """
    gold, predictions = _prepare(split, predictions, gold, gold_dir)
    return _score(gold, predictions)[1]


def headline(table: pd.DataFrame) -> dict[str, float]:
    """The one number per task the floors hold: F1s, speaker accuracy, stance avg F1."""
    pick = {
        "mentions": ("exact", "f1"),
        "quotes@0.3": ("overlap_0.3", "f1"),
        "quotes@0.8": ("overlap_0.8", "f1"),
        "speakers": ("accuracy", "accuracy"),
        "stances": ("avg_f1", "f1"),
        "events": ("date", "f1"),
    }
    out = {}
    for name, (metric, column) in pick.items():
        task = name.split("@")[0]
        sel = table[(table["task"] == task) & (table["metric"] == metric)]
        out[name] = float(sel[column].iloc[0]) if len(sel) else math.nan
    return out


def format_report(df: pd.DataFrame) -> str:
    """A fixed-width table of the scores (percentages), one line per task and metric."""

    def pct(value) -> str:
        return "" if _null(value) else f"{100 * float(value):5.1f}"

    def num(value) -> str:
        return "" if _null(value) else str(int(value))

    header = ["task", "metric", "P", "R", "F1", "acc", "support", "tp", "fp", "fn"]
    lines = []
    for rec in df.to_dict("records"):
        lines.append(
            [
                str(rec["task"]),
                str(rec["metric"]),
                pct(rec["precision"]),
                pct(rec["recall"]),
                pct(rec["f1"]),
                pct(rec.get("accuracy")),
                num(rec["support"]),
                num(rec.get("tp")),
                num(rec.get("fp")),
                num(rec.get("fn")),
            ]
        )
    widths = [max(len(header[i]), *(len(line[i]) for line in lines)) for i in range(len(header))]
    left = {0, 1}

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(widths[i]) if i in left else c.rjust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    out = [fmt(header), fmt(["-" * w for w in widths])]
    previous = None
    for line in lines:
        if previous is not None and line[0] != previous:
            out.append("")
        out.append(fmt(line))
        previous = line[0]
    title = []
    if df.attrs.get("split"):
        title.append(
            f"gold split: {df.attrs['split']} ({df.attrs.get('n_documents', '?')} documents)"
        )
    title.append("scores in %; quotes matched as the Gender Gap Tracker (gold-span overlap)")
    return "\n".join([*title, "", *out])
