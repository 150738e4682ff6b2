"""Load a corpus into the documents table, validating every document.

Formats (read by :mod:`controverse.loaders`): Markdown with YAML front matter (the shipped
format), JSON Lines, CSV, plain ``.txt`` (metadata from ``defaults`` or a sidecar
``.yml``/``.yaml``/``.json``) and HTML pages (main text extracted with trafilatura). A path is
a file, a folder (recursive, mixed formats) or a list of them. Every problem is reported with
its file and line or field, all at once; documents with errors are excluded and said to be;
duplicates are reported, never merged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from controverse.errors import InputError, Problem
from controverse.loaders import RawDocument, normalize_newlines, read_documents
from controverse.tables import DOC_TYPES, OFFICIAL_DOC_TYPES, PRESS_DOC_TYPES, conform

REQUIRED_FIELDS = ("id", "date", "title", "source", "doc_type", "language", "text")
EXTRA_COLUMNS = ("text", "date_precision", "path", "content_hash")
LANGUAGE_NAMES = {
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "fra": "fr",
    "fre": "fr",
    "english": "en",
    "anglais": "en",
    "eng": "en",
    "german": "de",
    "allemand": "de",
    "deutsch": "de",
    "spanish": "es",
    "espagnol": "es",
    "español": "es",
    "italian": "it",
    "italien": "it",
}
DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year"],
}

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_ISO_DAY = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::[\d.]+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC_DMY = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


# ----------------------------------------------------------------------------- text


def normalize_text(text: str) -> str:
    """The document text as every offset refers to it: BOM stripped, CRLF/CR → LF,
    leading blank lines and trailing whitespace removed."""
    text = normalize_newlines(text)
    text = re.sub(r"\A(?:[ \t]*\n)+", "", text)
    return text.rstrip()


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text: the annotation store's document key."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def count_tokens(text: str) -> int:
    """A cheap word count (runs of word characters, elisions kept whole); not spaCy's tokens."""
    return len(_TOKEN.findall(text))


def near_duplicate_key(text: str) -> str:
    """The text folded for duplicate detection: case, accents, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", letters).strip()


# ----------------------------------------------------------------------------- fields


def parse_date(value: Any) -> tuple[str, str]:
    """An ISO date and its precision (``year``, ``month`` or ``day``) from a field value.

    "2020-10" stays month precision, never padded to the 1st; "13/10/2020" is day first;
    "13 octobre 2020" and "October 2020" go through dateparser (fr, en). Raises ValueError.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value), "year"
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    if match := _ISO_MONTH.fullmatch(text):
        if not 1 <= int(match[2]) <= 12:
            raise ValueError(f"invalid date {text!r}: month must be in 1..12")
        return f"{match[1]}-{int(match[2]):02d}", "month"
    for pattern, (year, month, day) in ((_ISO_DAY, (1, 2, 3)), (_NUMERIC_DMY, (3, 2, 1))):
        if match := pattern.fullmatch(text):
            try:
                return dt.date(
                    int(match[year]), int(match[month]), int(match[day])
                ).isoformat(), "day"
            except ValueError as exc:
                raise ValueError(f"invalid date {text!r}: {exc}") from None
    return _parse_date_in_words(text)


def _parse_date_in_words(text: str) -> tuple[str, str]:
    import dateparser

    # A year must be written out: "hier" or "last May" have no fixed date in a corpus.
    parsed = (
        dateparser.parse(text, languages=["fr", "en"], settings=DATEPARSER_SETTINGS)
        if re.search(r"\b\d{4}\b", text)
        else None
    )
    if parsed is None:
        raise ValueError(
            f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY "
            "or a date in words such as '13 octobre 2020')"
        )
    without_year = re.sub(r"\b\d{4}\b", "", text)
    if re.search(r"\b\d{1,2}(?:er|st|nd|rd|th)?\b", without_year):
        return parsed.date().isoformat(), "day"
    return parsed.strftime("%Y-%m"), "month"


def normalize_language(value: Any) -> str:
    """An ISO 639-1 code from "fr", "FR", "fr-FR", "French" or "français". Raises ValueError."""
    text = str(value).strip().casefold()
    code = LANGUAGE_NAMES.get(text) or re.split(r"[-_]", text)[0]
    if not re.fullmatch(r"[a-z]{2}", code):
        raise ValueError(
            f"not a language code: {value!r} (expected an ISO 639-1 code, e.g. fr, en)"
        )
    return code


def normalize_doc_type(value: Any) -> str:
    """A doc_type of tables.DOC_TYPES, case- and separator-insensitive. Raises ValueError."""
    doc_type = re.sub(r"[\s-]+", "_", str(value).strip().lower())
    if doc_type not in DOC_TYPES:
        raise ValueError(f"unknown doc_type {value!r} (allowed: {', '.join(DOC_TYPES)})")
    return doc_type


def detect_language(text: str) -> str | None:
    """The language langdetect finds in the text (seeded, so repeatable), or None."""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(text[:5000])
    except LangDetectException:
        return None


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def fill_defaults(fields: dict[str, Any], defaults: dict[str, Any] | None) -> dict[str, Any]:
    """The fields with every missing or blank one taken from ``defaults``."""
    if not defaults:
        return dict(fields)
    filled = dict(fields)
    for name, value in defaults.items():
        if _is_blank(filled.get(name)):
            filled[name] = value
    return filled


# ----------------------------------------------------------------------------- validation


def validate_document(raw: RawDocument, problems: list[Problem]) -> dict[str, Any] | None:
    """The document's row (contract fields plus text, date_precision, path, content_hash), or
    None when it has errors: each error, then a "document excluded" line, go to ``problems``."""
    where = {"file": str(raw.file), "line": raw.line}
    found: list[Problem] = []

    def error(field: str, message: str) -> None:
        found.append(Problem(field=field, message=message, **where))

    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items()}
    for name in REQUIRED_FIELDS:
        value = fields.get(name)
        if isinstance(value, dict | list):
            error(name, f"expected a single value, got {type(value).__name__}")
            fields[name] = None
        elif value is None and name != "language":
            error(name, "required field missing" if name != "text" else "no text")
        elif isinstance(value, str) and not value and name != "language":
            error(name, "required field is blank" if name != "text" else "empty text")

    text = normalize_text(str(raw["text"])) if fields.get("text") is not None else ""
    row: dict[str, Any] = {
        "doc_id": _as_text(fields.get("id")),
        "title": _as_text(fields.get("title")),
        "source": _as_text(fields.get("source")),
        "url": str(fields["url"]) if not _is_blank(fields.get("url")) else None,
        "text": text,
    }
    if not _is_blank(fields.get("date")):
        try:
            row["date"], row["date_precision"] = parse_date(fields["date"])
        except ValueError as exc:
            error("date", str(exc))
    if not _is_blank(fields.get("doc_type")):
        try:
            row["doc_type"] = normalize_doc_type(fields["doc_type"])
        except ValueError as exc:
            error("doc_type", str(exc))
    if not _is_blank(fields.get("language")):
        try:
            row["language"] = normalize_language(fields["language"])
        except ValueError as exc:
            error("language", str(exc))
    elif text:
        detected = detect_language(text)
        if detected is None:
            error("language", "required field missing, and not detectable from the text")
        else:
            row["language"] = detected
            found.append(
                Problem(
                    field="language",
                    message=f"language detected as {detected} (no language field)",
                    severity="warning",
                    **where,
                )
            )
    if row["url"] and not re.match(r"https?://", row["url"]):
        found.append(
            Problem(
                field="url",
                message=f"not an http(s) address: {row['url']!r}",
                severity="warning",
                **where,
            )
        )

    order = {name: rank for rank, name in enumerate(REQUIRED_FIELDS)}
    problems.extend(sorted(found, key=lambda p: order.get(p.field or "", len(order))))
    errors = sum(p.severity == "error" for p in found)
    if errors:
        problems.append(
            Problem(
                message=f"document {row['doc_id'] or '(no id)'!r} excluded: {errors} error(s)",
                **where,
            )
        )
        return None
    row["path"] = str(raw.file.resolve())
    row["n_tokens"] = count_tokens(text)
    row["content_hash"] = content_hash(text)
    row["_file"], row["_line"] = str(raw.file), raw.line
    return row


def _shown_as(row: dict[str, Any]) -> str:
    return f"{row['_file']}:{row['_line']}" if row["_line"] is not None else row["_file"]


def report_duplicates(rows: list[dict[str, Any]], problems: list[Problem]) -> list[dict[str, Any]]:
    """The rows without repeated ids (each repeat reported as excluded, naming the first's
    file); repeated urls and texts are kept and reported as warnings naming both files."""
    kept: list[dict[str, Any]] = []
    first_by_id: dict[str, dict[str, Any]] = {}
    first_by_url: dict[str, dict[str, Any]] = {}
    first_by_text: dict[str, dict[str, Any]] = {}
    for row in rows:
        where = {"file": row["_file"], "line": row["_line"]}
        first = first_by_id.setdefault(row["doc_id"], row)
        if first is not row:
            problems.append(
                Problem(
                    field="id",
                    message=f"duplicate id {row['doc_id']!r}, first in {_shown_as(first)}; "
                    "document excluded",
                    **where,
                )
            )
            continue
        if row["url"]:
            first = first_by_url.setdefault(row["url"], row)
            if first is not row:
                problems.append(
                    Problem(
                        field="url",
                        message=f"same url as {first['doc_id']!r} in {_shown_as(first)} "
                        "(both kept)",
                        severity="warning",
                        **where,
                    )
                )
        first = first_by_text.setdefault(near_duplicate_key(row["text"]), row)
        if first is not row:
            problems.append(
                Problem(
                    field="text",
                    message=f"same text as {first['doc_id']!r} in {_shown_as(first)} "
                    "(ignoring case, accents and punctuation; both kept)",
                    severity="warning",
                    **where,
                )
            )
        kept.append(row)
    return kept


def documents_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The documents table from validated rows: contract columns then EXTRA_COLUMNS, sorted
    by date then doc_id."""
    frame = pd.DataFrame(
        rows, columns=[*conform(pd.DataFrame(), "documents").columns, *EXTRA_COLUMNS]
    )
    frame = frame.sort_values(["date", "doc_id"], kind="stable")
    return conform(frame, "documents")


# ----------------------------------------------------------------------------- public


def load_corpus(
    path: str | Path | Iterable[str | Path],
    *,
    strict: bool = False,
    defaults: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """The documents table (DESIGN columns plus text, date_precision, path, content_hash).

    Every problem (errors and warnings) is in ``df.attrs["problems"]``; documents with errors
    are left out. ``strict=True`` raises InputError listing all problems when any is an
    error. ``defaults`` fill the fields a document leaves missing or blank.
    """
    entries = [path] if isinstance(path, str | Path) else list(path)
    problems: list[Problem] = []
    rows = []
    for entry in entries:
        for raw in read_documents(Path(entry), problems):
            document = RawDocument(fill_defaults(raw, defaults), raw.file, raw.line)
            row = validate_document(document, problems)
            if row is not None:
                rows.append(row)
    rows = report_duplicates(rows, problems)
    if strict and any(p.severity == "error" for p in problems):
        raise InputError(problems)
    table = documents_table([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows])
    table.attrs["problems"] = problems
    return table


def validate_corpus(path: str | Path | Iterable[str | Path]) -> list[Problem]:
    """Every problem in a corpus (errors and warnings), without keeping the table."""
    return load_corpus(path).attrs["problems"]


def _counts(series: pd.Series, name: str) -> pd.DataFrame:
    out = series.value_counts().rename_axis(name).reset_index(name="documents")
    out = out.sort_values(["documents", name], ascending=[False, True])
    return out.astype({"documents": "int64"}).reset_index(drop=True)


def corpus_stats(documents: pd.DataFrame) -> dict[str, Any]:
    """Coverage of a documents table.

    Totals: ``documents``, ``french_share`` (0–1), ``english``, ``official`` (doc_type in
    OFFICIAL_DOC_TYPES), ``press`` (PRESS_DOC_TYPES); tables (column, ``documents``):
    ``by_year`` (in year order), ``by_doc_type``, ``by_language``, ``by_source`` (most first).
    """
    n = len(documents)
    years = documents["date"].astype("string").str[:4]
    by_year = years.value_counts().sort_index().rename_axis("year").reset_index(name="documents")
    return {
        "documents": n,
        "french_share": float((documents["language"] == "fr").sum() / n) if n else 0.0,
        "english": int((documents["language"] == "en").sum()),
        "official": int(documents["doc_type"].isin(OFFICIAL_DOC_TYPES).sum()),
        "press": int(documents["doc_type"].isin(PRESS_DOC_TYPES).sum()),
        "by_year": by_year.astype({"year": "object", "documents": "int64"}),
        "by_doc_type": _counts(documents["doc_type"], "doc_type"),
        "by_language": _counts(documents["language"], "language"),
        "by_source": _counts(documents["source"], "source"),
    }
