"""Time: document volume, the deduplicated event timeline, stances and polarisation over time.

Dates at month or year precision are placed at the start of their period (a document dated
"2020-10" counts in October 2020; one dated "2021" in January 2021 for monthly counts).
"""

from __future__ import annotations

from itertools import groupby

import pandas as pd
from rapidfuzz import fuzz

from controverse.network import deduplicate_statements, period_starts, polarisation, statement_dates

SIMILAR_EVENT = 55  # token_set_ratio of two evidence sentences describing the same event


def document_volume(
    documents: pd.DataFrame, *, by: str = "doc_type", freq: str = "M"
) -> pd.DataFrame:
    """Documents per period and group: columns period (Timestamp), group, count."""
    if documents.empty:
        return pd.DataFrame(columns=["period", "group", "count"])
    dates = period_starts(documents["date"])
    periods = dates.dt.to_period(freq).dt.start_time
    frame = pd.DataFrame({"period": periods, "group": documents[by].astype(str)})
    counts = frame.groupby(["period", "group"], sort=True).size().reset_index(name="count")
    return counts


def event_timeline(events: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events merged across documents: same date and precision, and either similar evidence
    sentences or a shared actor. Columns: date, precision, description, actor_ids,
    n_documents, doc_ids, evidence."""
    columns = [
        "date",
        "precision",
        "description",
        "actor_ids",
        "n_documents",
        "doc_ids",
        "evidence",
    ]
    if events.empty:
        return pd.DataFrame(columns=columns)
    merged = []
    ordered = events.sort_values(["date", "precision", "doc_id", "start"], kind="stable")
    keyed = groupby(ordered.itertuples(index=False), key=lambda row: (row.date, row.precision))
    for (date, precision), rows in keyed:  # one sort and one pass, not a sort per date
        clusters: list[dict] = []
        for row in rows:
            actors = set(row.actor_ids or [])
            for cluster in clusters:
                similar = fuzz.token_set_ratio(cluster["evidence"], row.evidence) >= SIMILAR_EVENT
                if similar or (actors and actors & cluster["actors"]):
                    cluster["actors"] |= actors
                    cluster["docs"].add(row.doc_id)
                    break
            else:
                clusters.append(
                    {
                        "evidence": row.evidence,
                        "actors": set(actors),
                        "docs": {row.doc_id},
                        "text": row.text,
                    }
                )
        for cluster in clusters:
            merged.append(
                {
                    "date": date,
                    "precision": precision,
                    "description": cluster["evidence"],
                    "actor_ids": sorted(cluster["actors"]),
                    "n_documents": len(cluster["docs"]),
                    "doc_ids": sorted(cluster["docs"]),
                    "evidence": cluster["evidence"],
                }
            )
    return (
        pd.DataFrame(merged, columns=columns)
        .sort_values(["date", "description"], kind="stable")
        .reset_index(drop=True)
    )


def stance_over_time(
    statements: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    target: str | None = None,
    freq: str = "Q",
    window: int = 4,
) -> pd.DataFrame:
    """Per actor, target and period: support, oppose, neutral counts, net = support − oppose,
    and ``net_moving``, the net summed over the last ``window`` periods."""
    columns = [
        "period",
        "actor_id",
        "target_id",
        "support",
        "oppose",
        "neutral",
        "net",
        "net_moving",
    ]
    unique = deduplicate_statements(statements)
    if target is not None:
        unique = unique[unique["target_id"] == target]
    if unique.empty:
        return pd.DataFrame(columns=columns)
    periods = statement_dates(unique, documents).dt.to_period(freq).dt.start_time
    frame = unique.assign(period=periods)
    counts = (
        frame.groupby(["actor_id", "target_id", "period", "stance"])
        .size()
        .unstack("stance", fill_value=0)
    )
    for stance in ("support", "oppose", "neutral"):
        if stance not in counts:
            counts[stance] = 0
    counts = counts.reset_index()
    counts["net"] = counts["support"] - counts["oppose"]
    counts = counts.sort_values(["actor_id", "target_id", "period"], kind="stable")
    # the net of the last `window` periods of each series: a running sum minus the same
    # running sum `window` rows earlier (vectorised; a rolling sum per group is slow)
    series = counts.groupby(["actor_id", "target_id"], sort=False)
    running = series["net"].cumsum()
    earlier = running.groupby([counts["actor_id"], counts["target_id"]], sort=False).shift(
        window, fill_value=0
    )
    counts["net_moving"] = running - earlier
    return counts[columns].reset_index(drop=True)


def polarisation_over_time(
    statements: pd.DataFrame, documents: pd.DataFrame, *, freq: str = "year"
) -> pd.DataFrame:
    """Polarisation (network.polarisation) of the statements of each year: period,
    n_statements, polarisation."""
    if statements.empty:
        return pd.DataFrame(columns=["period", "n_statements", "polarisation"])
    dates = statement_dates(statements, documents)
    key = dates.dt.year.astype(str) if freq == "year" else dates.dt.to_period(freq).astype(str)
    rows = [
        {
            "period": period,
            "n_statements": len(group),
            "polarisation": round(polarisation(group), 4),
        }
        for period, group in statements.groupby(key, sort=True)
    ]
    return pd.DataFrame(rows)
