"""Readers for every corpus file format: each turns one file into raw documents.

A raw document is the fields a file gives (strings, dates, numbers as read), its text and
where it came from (file and line). Readers never validate fields and never raise on bad
input: what they cannot read is appended to ``problems`` as a :class:`Problem` with the file
and line, and the document is left out with "document excluded" said. Validation and the
documents table are :mod:`controverse.corpus`'s job.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from controverse.errors import Problem

SIDECAR_SUFFIXES = (".yml", ".yaml", ".json")
IGNORED_NAMES = {"readme.md", "license.md", "licence.md"}
IGNORED_SUFFIXES = (".ann.yml", ".ann.yaml")


class StringDateLoader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay strings so that "2020-10" keeps its
    precision and "2020-13-45" is reported by the date validation instead of crashing YAML."""


StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class RawDocument(dict):
    """One document's fields as read (``text`` included), with ``file`` and ``line``."""

    def __init__(self, fields: dict[str, Any], file: Path, line: int | None = None):
        super().__init__(fields)
        self.file = file
        self.line = line


def normalize_newlines(text: str) -> str:
    """Text with a leading UTF-8 BOM removed and CRLF / CR line endings turned into LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, file: Path, problems: list[Problem]) -> str:
    """UTF-8 text of a file; on invalid bytes, a warning with the byte offset and line, and
    the file read as cp1252 so that the batch goes on."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        problems.append(
            Problem(
                file=str(file),
                line=data.count(b"\n", 0, exc.start) + 1,
                message=f"not valid UTF-8 (byte offset {exc.start}: {bad!r}); "
                "read as cp1252, check the accented characters",
                severity="warning",
            )
        )
        return data.decode("cp1252", errors="replace")


def _read_text(file: Path, problems: list[Problem]) -> str:
    return normalize_newlines(decode_bytes(file.read_bytes(), file, problems))


def _yaml_problem(exc: yaml.YAMLError, first_line: int) -> tuple[int, str]:
    """The file line and description of a YAML error; ``first_line`` is the file line of the
    YAML text's first line. Where the construct began is named when it is elsewhere."""
    mark = getattr(exc, "problem_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start is not None and first_line + start.line != line:
        reason += f" ({context} from line {first_line + start.line})"
    return line, reason


def read_markdown(file: Path, problems: list[Problem]) -> Iterator[RawDocument]:
    """A Markdown file with YAML front matter (``---`` … ``---``) then the text."""
    raw = _read_text(file, problems)
    handler = frontmatter.YAMLHandler()
    if not handler.detect(raw):
        problems.append(
            Problem(
                file=str(file),
                line=1,
                message="no YAML front matter (a first line '---', the fields, then '---'); "
                "document excluded",
            )
        )
        return
    try:
        front, body = handler.split(raw)
    except ValueError:
        problems.append(
            Problem(
                file=str(file),
                line=1,
                message="front matter never closed (no second '---' line); document excluded",
            )
        )
        return
    try:
        meta = handler.load(front, Loader=StringDateLoader)
    except yaml.YAMLError as exc:
        # the front matter string starts on the opening '---' line, after the dashes
        opening = handler.FM_BOUNDARY.match(raw)
        line, reason = _yaml_problem(exc, first_line=raw.count("\n", 0, opening.end()) + 1)
        problems.append(
            Problem(
                file=str(file),
                line=line,
                message=f"malformed front matter: {reason}; document excluded",
            )
        )
        return
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.append(
            Problem(
                file=str(file),
                line=2,
                message="front matter is not a mapping of fields; document excluded",
            )
        )
        return
    yield RawDocument({**meta, "text": body}, file)


def read_jsonl(file: Path, problems: list[Problem]) -> Iterator[RawDocument]:
    """JSON Lines: one JSON object per line; blank lines are skipped."""
    for number, line in enumerate(_read_text(file, problems).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    file=str(file),
                    line=number,
                    message=f"invalid JSON (column {exc.colno}: {exc.msg}); document excluded",
                )
            )
            continue
        if not isinstance(record, dict):
            problems.append(
                Problem(
                    file=str(file),
                    line=number,
                    message="not a JSON object; document excluded",
                )
            )
            continue
        yield RawDocument(record, file, number)


def read_csv(file: Path, problems: list[Problem]) -> Iterator[RawDocument]:
    """CSV with a header row (names case-insensitive); each row's line is where it starts."""
    reader = csv.reader(io.StringIO(_read_text(file, problems)))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        problems.append(Problem(file=str(file), line=1, message=f"unreadable CSV header: {exc}"))
        return
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(
                Problem(
                    file=str(file),
                    line=start,
                    message=f"unreadable CSV row: {exc}; document excluded",
                )
            )
            return
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(
                Problem(
                    file=str(file),
                    line=start,
                    message=f"{len(row)} values for {len(header)} header columns; "
                    "document excluded",
                )
            )
            continue
        yield RawDocument(dict(zip(header, row, strict=False)), file, start)


def read_sidecar(file: Path, problems: list[Problem]) -> dict[str, Any]:
    """The metadata in ``<name>.yml``/``.yaml``/``.json`` next to ``file`` ({} when none)."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = file.with_suffix(suffix)
        if not sidecar.is_file():
            continue
        text = _read_text(sidecar, problems)
        try:
            if suffix == ".json":
                data = json.loads(text)
            else:
                data = yaml.load(text, Loader=StringDateLoader)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(file=str(sidecar), line=exc.lineno, message=f"invalid JSON: {exc.msg}")
            )
            return {}
        except yaml.YAMLError as exc:
            line, reason = _yaml_problem(exc, first_line=1)
            problems.append(
                Problem(
                    file=str(sidecar),
                    line=line,
                    message=f"malformed YAML: {reason}",
                )
            )
            return {}
        if isinstance(data, dict):
            return data
        problems.append(Problem(file=str(sidecar), message="sidecar is not a mapping of fields"))
        return {}
    return {}


def read_txt(file: Path, problems: list[Problem]) -> Iterator[RawDocument]:
    """A plain text file; id is the file stem unless its sidecar says otherwise."""
    text = _read_text(file, problems)
    yield RawDocument({"id": file.stem, **read_sidecar(file, problems), "text": text}, file)


def read_html(file: Path, problems: list[Problem]) -> Iterator[RawDocument]:
    """An HTML page: main text by trafilatura (scripts, menus and boilerplate left out);
    title, date, url, site name and ``<html lang>`` from the page, under the sidecar's."""
    import lxml.html
    import trafilatura

    page = _read_text(file, problems)
    meta: dict[str, Any] = {"id": file.stem}
    text = ""
    extracted = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=True
    )
    if extracted is not None:
        data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
        text = data.get("text") or ""
        for key in ("title", "date", "url"):
            if data.get(key):
                meta[key] = data[key]
        if data.get("sitename"):
            meta["source"] = data["sitename"]
    try:
        lang = lxml.html.fromstring(page.encode("utf-8")).get("lang")
    except (ValueError, lxml.etree.ParserError):
        lang = None
    if lang:
        meta["language"] = lang
    yield RawDocument({**meta, **read_sidecar(file, problems), "text": text}, file)


READERS: dict[str, Callable[[Path, list[Problem]], Iterator[RawDocument]]] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
}


def _is_document(file: Path, root: Path) -> bool:
    name = file.name.lower()
    return (
        file.suffix.lower() in READERS
        and name not in IGNORED_NAMES
        and not name.endswith(IGNORED_SUFFIXES)
        and not any(part.startswith(".") for part in file.relative_to(root).parts)
    )


def document_files(path: Path, problems: list[Problem]) -> list[Path]:
    """The document files under ``path`` (itself when a file), sorted; folders are walked
    recursively, leaving out README.md, *.ann.yml and hidden files and folders."""
    if path.is_file():
        if path.suffix.lower() not in READERS:
            problems.append(
                Problem(
                    file=str(path),
                    message=f"unsupported file type {path.suffix!r} "
                    f"(supported: {', '.join(sorted(READERS))})",
                )
            )
            return []
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and _is_document(p, path))
    problems.append(Problem(file=str(path), message="no such file or folder"))
    return []


def read_documents(path: Path, problems: list[Problem]) -> Iterator[RawDocument]:
    """Every raw document in a file or folder, in file order then line order."""
    for file in document_files(path, problems):
        yield from READERS[file.suffix.lower()](file, problems)
