"""The public table contract of DESIGN.md: column names, dtypes and empty tables."""

from __future__ import annotations

import pandas as pd

COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "string",
        "date": "string",
        "title": "string",
        "source": "string",
        "doc_type": "string",
        "language": "string",
        "url": "string",
        "n_tokens": "Int64",
    },
    "mentions": {
        "doc_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "actor_id": "string",
        "ner_label": "string",
        "method": "string",
    },
    "quotes": {
        "doc_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "speaker_id": "string",
        "speaker_text": "string",
        "cue": "string",
        "kind": "string",
    },
    "statements": {
        "doc_id": "string",
        "actor_id": "string",
        "target_id": "string",
        "stance": "string",
        "confidence": "Float64",
        "cue": "string",
        "start": "Int64",
        "end": "Int64",
        "evidence": "string",
    },
    "events": {
        "doc_id": "string",
        "date": "string",
        "precision": "string",
        "text": "string",
        "start": "Int64",
        "end": "Int64",
        "evidence": "string",
        "actor_ids": "object",  # list[str]
    },
}

TABLE_NAMES = tuple(COLUMNS)
DOC_TYPES = (
    "article",
    "official_notice",
    "deliberation",
    "court_decision",
    "law",
    "parliamentary_record",
    "press_release",
    "opinion",
    "report",
)
OFFICIAL_DOC_TYPES = (
    "official_notice",
    "deliberation",
    "court_decision",
    "law",
    "parliamentary_record",
    "press_release",
    "report",
)
PRESS_DOC_TYPES = ("article", "opinion")
STANCES = ("support", "oppose", "neutral")
QUOTE_KINDS = ("direct", "indirect")
DATE_PRECISIONS = ("year", "season", "month", "day")


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the contract columns and dtypes of table ``name``."""
    return conform(pd.DataFrame(), name)


def conform(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return ``frame`` with exactly the contract columns of ``name``, in order, typed.

    Missing columns are added as nulls; extra columns are kept after the contract ones.
    """
    spec = COLUMNS[name]
    out = frame.copy()
    for column, dtype in spec.items():
        if column not in out.columns:
            out[column] = pd.Series(
                [None] * len(out), dtype=dtype if dtype != "object" else "object"
            )
        elif dtype != "object":
            out[column] = out[column].astype(dtype)
    extra = [c for c in out.columns if c not in spec]
    return out[list(spec) + extra].reset_index(drop=True)
