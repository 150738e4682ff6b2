"""Load a corpus into the documents table, validating every document.

Formats: Markdown with YAML front matter (the shipped format), JSON Lines, CSV, plain
``.txt`` (metadata from ``defaults`` or a sidecar ``.yml``/``.yaml``/``.json``) and HTML
pages (main text extracted with trafilatura). A path is a file, a folder (recursive, mixed
formats) or a list of them. Every problem is reported with its file and line or field;
documents with errors are excluded and said to be; duplicates are reported, never merged.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from controverse.errors import InputError, Problem
from controverse.tables import DOC_TYPES, OFFICIAL_DOC_TYPES, PRESS_DOC_TYPES, conform

REQUIRED_FIELDS = ("id", "date", "title", "source", "doc_type", "language", "text")
DOCUMENT_SUFFIXES = {".md", ".markdown", ".txt", ".jsonl", ".csv", ".html", ".htm"}
SIDECAR_SUFFIXES = (".yml", ".yaml", ".json")
IGNORED_NAMES = {"readme.md", "license.md", "licence.md"}
LANGUAGE_NAMES = {
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "fra": "fr",
    "fre": "fr",
    "english": "en",
    "anglais": "en",
    "eng": "en",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$\n?", re.DOTALL | re.MULTILINE)


class _StringDateLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay strings, validated by parse_date."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_TOKEN = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


# ----------------------------------------------------------------------------- text


def normalize_text(text: str) -> str:
    """The document text as every offset refers to it: BOM stripped, CRLF/CR → LF,
    leading blank lines and trailing whitespace removed."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\A(?:[ \t]*\n)+", "", text)
    return text.rstrip()


def content_hash(text: str) -> str:
    """sha256 of the normalised text: the annotation store's document key."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def count_tokens(text: str) -> int:
    """A cheap word count (not spaCy's tokens)."""
    return len(_TOKEN.findall(text))


def _dedup_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"\W+", " ", "".join(c for c in folded if not unicodedata.combining(c))).strip()


# ----------------------------------------------------------------------------- dates


def parse_date(value: Any) -> tuple[str, str]:
    """An ISO date and its precision (``year``, ``month`` or ``day``) from a field value.

    "2020-10" stays month precision, never padded to the 1st. Raises ValueError.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value), "year"
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if match:
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"invalid month in date {text!r}")
        return f"{year:04d}-{month:02d}", "month"
    match = re.fullmatch(
        r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", text
    )
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat(), "day"
        except ValueError as exc:
            raise ValueError(f"invalid date {text!r}: {exc}") from None
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if match:
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1])).isoformat(), "day"
        except ValueError as exc:
            raise ValueError(f"invalid date {text!r}: {exc}") from None
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["fr", "en"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]},
    )
    if parsed is None:
        raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    has_day = bool(re.search(r"\b\d{1,2}(er)?\b(?!\d)", re.sub(r"\d{4}", "", text)))
    if has_day:
        return parsed.date().isoformat(), "day"
    return parsed.strftime("%Y-%m"), "month"


# ----------------------------------------------------------------------------- readers


class _Raw(dict):
    """One document's raw fields, with where it came from."""

    def __init__(self, fields: dict[str, Any], file: Path, line: int | None = None):
        super().__init__(fields)
        self.file = file
        self.line = line


def _decode(data: bytes, file: Path, problems: list[Problem]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                file=str(file),
                message=f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
                "read as cp1252, check the characters",
                severity="warning",
            )
        )
        return data.decode("cp1252", errors="replace")


def _read_markdown(file: Path, problems: list[Problem]) -> Iterator[_Raw]:
    raw = normalize_newlines(_decode(file.read_bytes(), file, problems))
    match = _FRONT_MATTER.match(raw)
    if not match:
        problems.append(
            Problem(
                file=str(file),
                line=1,
                message="no YAML front matter (--- … ---); document excluded",
            )
        )
        return
    try:
        meta = yaml.load(match.group(1), Loader=_StringDateLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(
            Problem(
                file=str(file),
                line=line,
                message=f"malformed front matter: {problem}; document excluded",
            )
        )
        return
    if not isinstance(meta, dict):
        problems.append(
            Problem(
                file=str(file), line=2, message="front matter is not a mapping; document excluded"
            )
        )
        return
    yield _Raw({**meta, "text": raw[match.end() :]}, file)


def normalize_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _read_jsonl(file: Path, problems: list[Problem]) -> Iterator[_Raw]:
    text = normalize_newlines(_decode(file.read_bytes(), file, problems))
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    file=str(file),
                    line=number,
                    message=f"invalid JSON: {exc.msg}; document excluded",
                )
            )
            continue
        if not isinstance(record, dict):
            problems.append(
                Problem(file=str(file), line=number, message="not a JSON object; document excluded")
            )
            continue
        yield _Raw(record, file, number)


def _read_csv(file: Path, problems: list[Problem]) -> Iterator[_Raw]:
    text = normalize_newlines(_decode(file.read_bytes(), file, problems))
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(
                Problem(
                    file=str(file),
                    line=line,
                    message="more values than header columns; document excluded",
                )
            )
            continue
        yield _Raw({k: v for k, v in row.items() if v is not None}, file, line)


def _sidecar(file: Path, problems: list[Problem]) -> dict[str, Any]:
    for suffix in SIDECAR_SUFFIXES:
        candidate = file.with_suffix(suffix)
        if candidate.exists():
            try:
                data = (
                    json.loads(candidate.read_text(encoding="utf-8"))
                    if suffix == ".json"
                    else yaml.load(candidate.read_text(encoding="utf-8"), Loader=_StringDateLoader)
                )
            except (ValueError, yaml.YAMLError) as exc:
                problems.append(Problem(file=str(candidate), message=f"unreadable sidecar: {exc}"))
                return {}
            if isinstance(data, dict):
                return data
            problems.append(Problem(file=str(candidate), message="sidecar is not a mapping"))
    return {}


def _read_txt(file: Path, problems: list[Problem]) -> Iterator[_Raw]:
    text = _decode(file.read_bytes(), file, problems)
    yield _Raw({"id": file.stem, **_sidecar(file, problems), "text": text}, file)


def _read_html(file: Path, problems: list[Problem]) -> Iterator[_Raw]:
    import trafilatura

    page = _decode(file.read_bytes(), file, problems)
    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    meta: dict[str, Any] = {}
    text = ""
    if extracted is not None:
        data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
        text = data.get("text") or ""
        for key in ("title", "date", "url"):
            if data.get(key):
                meta[key] = data[key]
        if data.get("sitename"):
            meta["source"] = data["sitename"]
        if data.get("language"):
            meta["language"] = data["language"]
    yield _Raw({"id": file.stem, **meta, **_sidecar(file, problems), "text": text}, file)


READERS = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".jsonl": _read_jsonl,
    ".csv": _read_csv,
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
}


def _document_files(path: Path, problems: list[Problem]) -> list[Path]:
    if path.is_file():
        if path.suffix.lower() not in READERS:
            problems.append(
                Problem(file=str(path), message=f"unsupported file type {path.suffix!r}")
            )
            return []
        return [path]
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in READERS
            and p.name.lower() not in IGNORED_NAMES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    problems.append(Problem(file=str(path), message="no such file or folder"))
    return []


# ----------------------------------------------------------------------------- validation


def _detect_language(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(text[:5000])
    except LangDetectException:
        return None


def _validate(raw: _Raw, problems: list[Problem]) -> dict[str, Any] | None:
    """The document's clean fields, or None (with problems reported) when it has errors."""
    where = {"file": str(raw.file), "line": raw.line}
    errors = 0

    def error(field: str, message: str) -> None:
        nonlocal errors
        errors += 1
        problems.append(Problem(field=field, message=message, **where))

    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items()}
    for name in REQUIRED_FIELDS:
        if name == "language":
            continue
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value):
            error(name, "missing or blank" if name != "text" else "empty text")
    text = normalize_text(str(raw.get("text") or ""))
    doc = {
        "doc_id": str(fields.get("id") or "").strip(),
        "title": str(fields.get("title") or ""),
        "source": str(fields.get("source") or ""),
        "url": str(fields["url"]).strip() if fields.get("url") else None,
        "text": text,
    }
    if fields.get("date") not in (None, ""):
        try:
            doc["date"], doc["date_precision"] = parse_date(fields["date"])
        except ValueError as exc:
            error("date", str(exc))
    doc_type = str(fields.get("doc_type") or "").strip().lower().replace("-", "_").replace(" ", "_")
    if doc_type:
        if doc_type not in DOC_TYPES:
            error(
                "doc_type",
                f"unknown doc_type {fields['doc_type']!r} (allowed: {', '.join(DOC_TYPES)})",
            )
        doc["doc_type"] = doc_type
    language = str(fields.get("language") or "").strip()
    if language:
        language = LANGUAGE_NAMES.get(language.casefold(), language.casefold())
        if not re.fullmatch(r"[a-z]{2}", language):
            error("language", f"not an ISO 639-1 code: {fields['language']!r}")
    elif text:
        language = _detect_language(text)
        if language is None:
            error("language", "missing, and could not be detected from the text")
        else:
            problems.append(
                Problem(
                    field="language",
                    message=f"language detected as {language}",
                    severity="warning",
                    **where,
                )
            )
    else:
        error("language", "missing or blank")
    doc["language"] = language
    if errors:
        problems.append(Problem(message=f"document {doc['doc_id'] or '?'} excluded", **where))
        return None
    doc["path"] = str(raw.file.resolve())
    doc["n_tokens"] = count_tokens(text)
    doc["content_hash"] = content_hash(text)
    return doc


def _duplicates(docs: list[dict[str, Any]], problems: list[Problem]) -> list[dict[str, Any]]:
    """Drop repeated ids (reported as excluded); warn on repeated urls and texts."""
    kept: list[dict[str, Any]] = []
    by_id: dict[str, dict] = {}
    by_url: dict[str, dict] = {}
    by_text: dict[str, dict] = {}
    for doc in docs:
        first = by_id.get(doc["doc_id"])
        if first is not None:
            problems.append(
                Problem(
                    file=doc["path"],
                    field="id",
                    message=f"duplicate id {doc['doc_id']!r}, first in {first['path']}; document excluded",
                )
            )
            continue
        by_id[doc["doc_id"]] = doc
        if doc["url"]:
            other = by_url.setdefault(doc["url"], doc)
            if other is not doc:
                problems.append(
                    Problem(
                        file=doc["path"],
                        field="url",
                        message=f"same url as {other['doc_id']} ({other['path']}); both kept",
                        severity="warning",
                    )
                )
        key = _dedup_key(doc["text"])
        other = by_text.setdefault(key, doc)
        if other is not doc:
            problems.append(
                Problem(
                    file=doc["path"],
                    field="text",
                    message=f"same text as {other['doc_id']} ({other['path']}); both kept",
                    severity="warning",
                )
            )
        kept.append(doc)
    return kept


# ----------------------------------------------------------------------------- public


def load_corpus(
    path: str | Path | Iterable[str | Path],
    *,
    strict: bool = False,
    defaults: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """The documents table (DESIGN columns plus text, date_precision, path, content_hash).

    Problems are in ``df.attrs["problems"]``; ``strict=True`` raises InputError listing all
    of them when any exists. ``defaults`` fill fields a document does not give.
    """
    paths_in = [path] if isinstance(path, str | Path) else list(path)
    problems: list[Problem] = []
    docs = []
    for entry in paths_in:
        for file in _document_files(Path(entry), problems):
            for raw in READERS[file.suffix.lower()](file, problems):
                if defaults:
                    raw = _Raw({**defaults, **raw}, raw.file, raw.line)
                doc = _validate(raw, problems)
                if doc is not None:
                    docs.append(doc)
    docs = _duplicates(docs, problems)
    if strict and problems:
        raise InputError(problems)
    table = pd.DataFrame(docs)
    if table.empty:
        table = pd.DataFrame(
            columns=["doc_id", "date", "text", "date_precision", "path", "content_hash"]
        )
    table = table.sort_values(["date", "doc_id"], kind="stable") if len(table) else table
    table = conform(table, "documents")
    table = table[
        [
            *conform(pd.DataFrame(), "documents").columns,
            "text",
            "date_precision",
            "path",
            "content_hash",
        ]
    ]
    table.attrs["problems"] = problems
    return table


def validate_corpus(path: str | Path | Iterable[str | Path]) -> list[Problem]:
    """Every problem in a corpus (errors and warnings), without keeping the table."""
    return load_corpus(path).attrs["problems"]


def corpus_stats(documents: pd.DataFrame) -> dict[str, Any]:
    """Coverage: totals, and counts by year, doc_type, language and source."""

    def counts(series: pd.Series, name: str) -> pd.DataFrame:
        out = series.value_counts().rename_axis(name).reset_index(name="documents")
        return out.sort_values(["documents", name], ascending=[False, True]).reset_index(drop=True)

    n = len(documents)
    years = documents["date"].astype(str).str[:4]
    by_year = years.value_counts().sort_index().rename_axis("year").reset_index(name="documents")
    return {
        "documents": n,
        "french_share": float((documents["language"] == "fr").mean()) if n else 0.0,
        "english": int((documents["language"] == "en").sum()),
        "official": int(documents["doc_type"].isin(OFFICIAL_DOC_TYPES).sum()),
        "press": int(documents["doc_type"].isin(PRESS_DOC_TYPES).sum()),
        "by_year": by_year,
        "by_doc_type": counts(documents["doc_type"], "doc_type"),
        "by_language": counts(documents["language"], "language"),
        "by_source": counts(documents["source"], "source"),
    }
