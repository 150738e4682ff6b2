"""The hand-annotated gold set: load, resolve to offsets, validate, summarise.

Layout and guidelines: ``corpus/gold/README.md``. Each split folder (``dev/``, ``test/``)
holds pairs ``<id>.md`` (a corpus-format document with ``gold_origin``) and ``<id>.ann.yml``
(annotations written as exact text, not offsets). :func:`load_gold` turns them into tables
shaped like the extraction tables, with character offsets into the document text:

- ``documents``: the contract columns plus ``text``, ``split``, ``gold_origin``, ``path``;
- ``mentions``: doc_id, start, end, text, actor_id;
- ``quotes``: doc_id, start, end, text, speaker_id, kind;
- ``stances``: doc_id, actor_id, target_id, stance;
- ``events``: doc_id, start, end, text, date, precision.

Resolution rules (the README's, made precise):

- The document text is the Markdown body after the front matter, normalised as the corpus
  loader does (:func:`normalize_text`): BOM removed, CRLF / CR turned into LF, leading and
  trailing blank lines removed (and trailing whitespace at the very end). When
  ``controverse.corpus`` provides ``normalize_text`` it is used instead, so that gold offsets
  and extraction offsets always agree.
- An annotation ``text`` matches case-sensitively, exactly as written, at word boundaries:
  a match may not start inside a word (when its first character is a word character) nor end
  inside one (when its last character is a word character).
- Without ``n`` every occurrence is annotated; ``n: [2, 3]`` keeps the 2nd and 3rd (1-based).
  ``n`` counts every whole-word occurrence in the document, including those that lie inside a
  longer annotated span.
- Longest wins, for mentions and for events separately: an occurrence lying inside a longer
  annotated span of the same layer is dropped. When an occurrence picked explicitly by ``n``
  is dropped that way, it is reported (the annotator probably counted differently).
- Quotes: every occurrence (or the ``n``-selected ones) becomes a quote row; nesting is kept.

Validation collects every problem before raising :class:`~controverse.errors.InputError`
(file, entry index as ``mentions[3]`` and field): missing half of a pair, unreadable YAML,
front matter fields, ``doc_id`` mismatch, text not found, ``n`` out of range, unknown actor,
speaker or target ids, bad stance / kind / precision values, dates not matching their
precision, unknown fields, duplicate entries, and a ``gold_origin`` corpus file that is
missing or no longer identical to the gold copy (a warning).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import pandas as pd
import yaml

from controverse import paths
from controverse.errors import InputError, Problem
from controverse.tables import DATE_PRECISIONS, DOC_TYPES, QUOTE_KINDS, STANCES, conform

SPLITS = ("dev", "test")
LANGUAGES = ("fr", "en")
ANN_SUFFIX = ".ann.yml"
DEFAULT_TARGETS = ("microsoft-hosting", "health-data-hub")

GOLD_COLUMNS: dict[str, dict[str, str]] = {
    "mentions": {
        "doc_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "actor_id": "string",
    },
    "quotes": {
        "doc_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "speaker_id": "string",
        "kind": "string",
    },
    "stances": {
        "doc_id": "string",
        "actor_id": "string",
        "target_id": "string",
        "stance": "string",
    },
    "events": {
        "doc_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "date": "string",
        "precision": "string",
    },
}

_ENTRY_FIELDS = {
    "mentions": ({"text", "actor"}, {"n"}),
    "quotes": ({"text", "speaker", "kind"}, {"n"}),
    "stances": ({"actor", "target", "stance"}, set()),
    "events": ({"text", "date", "precision"}, {"n"}),
}
_DOC_REQUIRED = ("id", "date", "title", "source", "doc_type", "language", "gold_origin")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_DATE_FORMATS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "season": re.compile(r"^\d{4}-(03|06|09|12)$"),
    "year": re.compile(r"^\d{4}$"),
}
_DOC_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# --------------------------------------------------------------------------- text


def _normalize_text_local(text: str) -> str:
    """Strip a BOM, turn CRLF / CR into LF, drop leading and trailing blank lines."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\A(?:[ \t]*\n)+", "", text)
    return text.rstrip()


def normalize_text(text: str) -> str:
    """The document text normalisation shared with ``controverse.corpus``.

    Uses ``controverse.corpus.normalize_text`` when that module defines it; otherwise the
    local rule: BOM stripped, CRLF / CR → LF, leading blank lines and trailing whitespace
    removed.
    """
    try:
        from controverse import corpus as _corpus  # noqa: PLC0415 (optional, parallel module)
    except Exception:  # noqa: BLE001 - corpus.py may be missing or mid-edit
        _corpus = None
    fn = getattr(_corpus, "normalize_text", None) if _corpus is not None else None
    if callable(fn):
        return fn(text)
    return _normalize_text_local(text)


def split_front_matter(raw: str) -> tuple[dict | None, str]:
    """Split a Markdown file into (front matter dict, or None when absent, and body).

    Uses python-frontmatter (YAML between ``---`` lines) after removing a BOM and turning
    CRLF / CR into LF; the body is then normalised by :func:`normalize_text`.
    """
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not _FRONT_MATTER.match(raw.lstrip()):
        return None, raw
    meta, body = frontmatter.parse(raw)
    return dict(meta), body


def _corpus_row(md_path: Path, md_file: str, problems: list[Problem]) -> dict | None:
    """The document as ``controverse.corpus.load_corpus`` reads it (None when unavailable).

    Its text, token count and content hash are used so that gold offsets and the extraction
    cache refer to exactly the same text; its problems are reported against the gold file.
    """
    try:
        from controverse.corpus import load_corpus  # noqa: PLC0415 - built in parallel
    except Exception:  # noqa: BLE001 - missing or mid-edit: fall back to the local reader
        return None
    try:
        table = load_corpus(md_path)
    except Exception as exc:  # noqa: BLE001 - report, do not crash the whole gold set
        problems.append(Problem(md_file, f"corpus loader failed: {exc}", severity="warning"))
        return None
    for problem in table.attrs.get("problems", []):
        problems.append(
            Problem(
                md_file,
                f"corpus loader: {problem.message}",
                line=problem.line,
                field=problem.field,
                severity=problem.severity,
            )
        )
    if len(table) != 1:
        return None
    return table.iloc[0].to_dict()


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every case-sensitive occurrence of ``needle`` in ``text`` at word boundaries."""
    out: list[tuple[int, int]] = []
    if not needle:
        return out
    check_start = _is_word(needle[0])
    check_end = _is_word(needle[-1])
    pos = text.find(needle)
    while pos != -1:
        end = pos + len(needle)
        ok = not (check_start and pos > 0 and _is_word(text[pos - 1]))
        ok = ok and not (check_end and end < len(text) and _is_word(text[end]))
        if ok:
            out.append((pos, end))
        pos = text.find(needle, pos + 1)
    return out


def _date_str(value) -> str | None:
    """YAML turns 2020-06-11 into a date and 2020 into an int: back to ISO text."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()


def valid_date(date: str, precision: str) -> bool:
    """True when ``date`` has the ISO form of ``precision`` and is a real calendar date."""
    rx = _DATE_FORMATS.get(precision)
    if rx is None or not rx.match(date):
        return False
    parts = [int(p) for p in date.split("-")]
    try:
        _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- ids


def known_actor_ids(actors_path: Path | None = None) -> set[str] | None:
    """Registry actor ids (via ``controverse.registry`` when usable, else the YAML file).

    None when no registry file exists yet (then actor ids are not checked).
    """
    actors_path = Path(actors_path) if actors_path else paths.ACTORS_FILE
    try:
        from controverse.registry import load_registry  # noqa: PLC0415

        return set(load_registry(actors_path).actors)
    except Exception:  # noqa: BLE001 - registry.py may be missing, mid-edit or strict
        pass
    if not actors_path.is_file():
        return None
    try:
        data = yaml.safe_load(actors_path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError:
        return None
    if isinstance(data, dict):
        data = data.get("actors", [])
    return {str(a["id"]) for a in data if isinstance(a, dict) and a.get("id")}


def known_target_ids(targets_path: Path | None = None) -> set[str]:
    """Stance target ids from ``corpus/targets.yml`` (the two fixed ids when absent)."""
    targets_path = Path(targets_path) if targets_path else paths.TARGETS_FILE
    ids: set[str] = set()
    if targets_path.is_file():
        try:
            data = yaml.safe_load(targets_path.read_text(encoding="utf-8")) or []
            if isinstance(data, dict):
                data = data.get("targets", [])
            ids = {str(t["id"]) for t in data if isinstance(t, dict) and t.get("id")}
        except yaml.YAMLError:
            ids = set()
    return ids or set(DEFAULT_TARGETS)


# --------------------------------------------------------------------------- GoldSet


@dataclass
class GoldSet:
    """The gold tables of one split (or both), plus non-fatal problems (warnings)."""

    split: str
    documents: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    stances: pd.DataFrame
    events: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        return list(self.documents["doc_id"])

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "documents": self.documents,
            "mentions": self.mentions,
            "quotes": self.quotes,
            "stances": self.stances,
            "events": self.events,
        }

    def text(self, doc_id: str) -> str:
        row = self.documents.loc[self.documents["doc_id"] == doc_id]
        return str(row["text"].iloc[0]) if len(row) else ""

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        return (
            f"GoldSet(split={self.split!r}, documents={len(self.documents)}, "
            f"mentions={len(self.mentions)}, quotes={len(self.quotes)}, "
            f"stances={len(self.stances)}, events={len(self.events)})"
        )


def _gold_table(rows: list[dict], name: str) -> pd.DataFrame:
    spec = GOLD_COLUMNS[name]
    frame = pd.DataFrame(rows, columns=list(spec))
    for column, dtype in spec.items():
        frame[column] = frame[column].astype(dtype)
    sort = ["doc_id", "start", "end"] if "start" in spec else ["doc_id", "actor_id", "target_id"]
    return frame.sort_values(sort, kind="stable").reset_index(drop=True)


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.PROJECT_ROOT))
    except ValueError:
        return str(path)


def _entry_line(raw_lines: list[str], section: str, index: int) -> int | None:
    """Best-effort 1-based line number of entry ``index`` of ``section`` in the YAML text."""
    in_section = False
    count = -1
    for lineno, line in enumerate(raw_lines, 1):
        if re.match(rf"^{re.escape(section)}\s*:", line):
            in_section = True
            continue
        if in_section:
            if re.match(r"^\S", line) and not line.startswith("-"):
                break
            if re.match(r"^\s*-\s", line) or line.strip() == "-":
                indent = len(line) - len(line.lstrip())
                if indent <= 2:
                    count += 1
                    if count == index:
                        return lineno
    return None


# --------------------------------------------------------------------------- one pair


def _load_pair(
    md_path: Path,
    ann_path: Path,
    split: str,
    actor_ids: set[str] | None,
    target_ids: set[str],
    problems: list[Problem],
) -> tuple[dict | None, dict[str, list[dict]]]:
    """Read and resolve one document + annotation pair; append problems; return rows."""
    rows: dict[str, list[dict]] = {k: [] for k in GOLD_COLUMNS}
    md_file, ann_file = _rel(md_path), _rel(ann_path)
    stem = md_path.name[: -len(".md")]

    # --- the document
    try:
        meta, body = split_front_matter(md_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem(md_file, f"cannot read document: {exc}"))
        return None, rows
    if not isinstance(meta, dict):
        problems.append(Problem(md_file, "no YAML front matter (--- … ---) at the top"))
        return None, rows
    for key in _DOC_REQUIRED:
        if meta.get(key) in (None, ""):
            problems.append(Problem(md_file, f"missing front matter field {key!r}", field=key))
    doc_id = str(meta.get("id") or stem)
    if meta.get("id") is not None and doc_id != stem:
        problems.append(
            Problem(md_file, f"id {doc_id!r} differs from the file name {stem!r}", field="id")
        )
    date = _date_str(meta.get("date"))
    if date and not _DOC_DATE.match(date):
        problems.append(
            Problem(md_file, f"date {date!r} is not YYYY-MM-DD, YYYY-MM or YYYY", field="date")
        )
    language = str(meta.get("language") or "")
    if language and language not in LANGUAGES:
        problems.append(
            Problem(md_file, f"language {language!r} not one of {LANGUAGES}", field="language")
        )
    doc_type = str(meta.get("doc_type") or "")
    if doc_type and doc_type not in DOC_TYPES:
        problems.append(Problem(md_file, f"doc_type {doc_type!r} is not known", field="doc_type"))
    text = normalize_text(body)
    corpus_row = _corpus_row(md_path, md_file, problems)
    if corpus_row is not None and isinstance(corpus_row.get("text"), str):
        text = corpus_row["text"]  # exactly what the extraction will see
    if not text.strip():
        problems.append(Problem(md_file, "document text is empty"))
    origin = str(meta.get("gold_origin") or "")
    if origin and origin != "fresh":
        origin_path = paths.CORPUS_DIR.parent / origin
        if not re.match(r"^corpus/hdh/[^/]+\.md$", origin):
            problems.append(
                Problem(
                    md_file,
                    f"gold_origin {origin!r} is neither 'fresh' nor 'corpus/hdh/<file>.md'",
                    field="gold_origin",
                )
            )
        elif not origin_path.is_file():
            problems.append(
                Problem(md_file, f"gold_origin {origin!r} does not exist", field="gold_origin")
            )
        else:
            try:
                _, obody = split_front_matter(origin_path.read_text(encoding="utf-8"))
                if normalize_text(obody) != text:
                    problems.append(
                        Problem(
                            md_file,
                            f"text differs from its gold_origin {origin!r} "
                            "(no longer a verbatim copy)",
                            field="gold_origin",
                            severity="warning",
                        )
                    )
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                pass

    url = meta.get("url")
    doc = {
        "doc_id": doc_id,
        "date": date,
        "title": None if meta.get("title") is None else str(meta.get("title")),
        "source": None if meta.get("source") is None else str(meta.get("source")),
        "doc_type": doc_type or None,
        "language": language or None,
        "url": None if url is None else str(url),
        "n_tokens": len(re.findall(r"\w+(?:['’]\w+)*", text)),
        "text": text,
        "split": split,
        "gold_origin": origin or None,
        "path": str(md_path),
        "date_precision": {10: "day", 7: "month", 4: "year"}.get(len(date or ""), None),
        "content_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    if corpus_row is not None:
        for key in ("n_tokens", "date_precision", "content_hash"):
            if corpus_row.get(key) is not None and not pd.isna(corpus_row.get(key)):
                doc[key] = corpus_row[key]

    # --- the annotations
    try:
        raw = ann_path.read_text(encoding="utf-8")
        ann = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(
            Problem(ann_file, f"invalid YAML: {exc}", line=mark.line + 1 if mark else None)
        )
        return doc, rows
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(ann_file, f"cannot read annotations: {exc}"))
        return doc, rows
    raw_lines = raw.splitlines()
    if not isinstance(ann, dict):
        problems.append(Problem(ann_file, "annotation file is not a YAML mapping"))
        return doc, rows
    ann_doc_id = ann.get("doc_id")
    if ann_doc_id is None:
        problems.append(Problem(ann_file, "missing doc_id", field="doc_id"))
    elif str(ann_doc_id) != doc_id:
        problems.append(
            Problem(
                ann_file,
                f"doc_id {ann_doc_id!r} differs from the document id {doc_id!r}",
                field="doc_id",
            )
        )
    for key in ann:
        if key not in ("doc_id", *GOLD_COLUMNS):
            problems.append(Problem(ann_file, f"unknown top-level key {key!r}", field=str(key)))

    def problem(section: str, i: int, message: str, fld: str | None = None, sev="error"):
        where = f"{section}[{i}]" + (f".{fld}" if fld else "")
        problems.append(
            Problem(
                ann_file,
                message,
                line=_entry_line(raw_lines, section, i),
                field=where,
                severity=sev,
            )
        )

    def entries(section: str) -> Iterable[tuple[int, dict]]:
        items = ann.get(section)
        if items is None:
            return []
        if not isinstance(items, list):
            problems.append(Problem(ann_file, f"{section} must be a list", field=section))
            return []
        out = []
        required, optional = _ENTRY_FIELDS[section]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problem(section, i, "entry is not a mapping")
                continue
            bad = False
            for key in sorted(required - set(item)):
                problem(section, i, f"missing field {key!r}", key)
                bad = True
            for key in sorted(set(item) - required - optional):
                problem(section, i, f"unknown field {key!r}", str(key))
            if not bad:
                out.append((i, item))
        return out

    def resolve(section: str, i: int, item: dict) -> list[tuple[int, int, bool]] | None:
        """Occurrences (start, end, picked_by_n) of the entry's text; None on problems."""
        needle = item.get("text")
        if not isinstance(needle, str) or not needle:
            problem(section, i, "text must be a non-empty string", "text")
            return None
        if needle != needle.strip():
            problem(section, i, f"text {needle!r} has leading or trailing spaces", "text")
            return None
        occ = find_occurrences(text, needle)
        if not occ:
            hint = ""
            if needle.lower() in text.lower():
                hint = " (it occurs with different case or inside a word)"
            problem(section, i, f"text {needle!r} not found in the document{hint}", "text")
            return None
        n = item.get("n")
        if n is None:
            return [(s, e, False) for s, e in occ]
        if isinstance(n, int) and not isinstance(n, bool):
            n = [n]
        if (
            not isinstance(n, list)
            or not n
            or not all(isinstance(k, int) and not isinstance(k, bool) for k in n)
        ):
            problem(section, i, f"n must be a list of occurrence numbers, got {n!r}", "n")
            return None
        out = []
        for k in n:
            if not 1 <= k <= len(occ):
                problem(
                    section,
                    i,
                    f"n={k} out of range: {needle!r} occurs {len(occ)} time(s)",
                    "n",
                )
                return None
            out.append((*occ[k - 1], True))
        return out

    def check_actor(section: str, i: int, value, fld: str, allow_null: bool = False) -> bool:
        if value is None:
            if allow_null:
                return True
            problem(section, i, f"{fld} is null", fld)
            return False
        if not isinstance(value, str):
            problem(section, i, f"{fld} {value!r} is not an id", fld)
            return False
        if actor_ids is not None and value not in actor_ids:
            problem(section, i, f"unknown actor id {value!r} (not in corpus/actors.yml)", fld)
            return False
        return True

    # mentions and events: longest annotated span wins within the layer
    def nested_layer(section: str, make_row) -> None:
        spans: list[tuple[int, int, int, bool, dict]] = []
        for i, item in entries(section):
            row = make_row(i, item)
            occ = resolve(section, i, item)
            if row is None or occ is None:
                continue
            spans.extend((s, e, i, picked, row) for s, e, picked in occ)
        seen: dict[tuple[int, int], tuple[int, dict]] = {}
        for s, e, i, picked, row in spans:
            outer = next(
                (
                    (s2, e2, i2)
                    for s2, e2, i2, _, _ in spans
                    if s2 <= s and e <= e2 and (e2 - s2) > (e - s)
                ),
                None,
            )
            if outer is not None:
                if picked:
                    problem(
                        section,
                        i,
                        f"the occurrence picked by n lies inside the longer span "
                        f"{text[outer[0] : outer[1]]!r} of {section}[{outer[2]}] and is dropped "
                        "(n counts every occurrence, including those inside longer spans)",
                        "n",
                    )
                continue
            key = (s, e)
            if key in seen:
                j, other = seen[key]
                if other != row:
                    problem(
                        section,
                        i,
                        f"span {text[s:e]!r} at {s} is annotated differently by {section}[{j}]",
                    )
                elif j != i:
                    problem(section, i, f"duplicate of {section}[{j}]", sev="warning")
                continue
            seen[key] = (i, row)
            rows[section].append({"doc_id": doc_id, "start": s, "end": e, "text": text[s:e], **row})

    def mention_row(i: int, item: dict) -> dict | None:
        if not check_actor("mentions", i, item.get("actor"), "actor"):
            return None
        return {"actor_id": item["actor"]}

    def event_row(i: int, item: dict) -> dict | None:
        precision = item.get("precision")
        date_value = _date_str(item.get("date"))
        if precision not in DATE_PRECISIONS:
            problem(
                "events", i, f"precision {precision!r} not one of {DATE_PRECISIONS}", "precision"
            )
            return None
        if not date_value or not valid_date(date_value, precision):
            expected = {
                "day": "YYYY-MM-DD",
                "month": "YYYY-MM",
                "season": "YYYY-03/06/09/12",
                "year": "YYYY",
            }[precision]
            problem(
                "events",
                i,
                f"date {date_value!r} does not match precision {precision!r} ({expected})",
                "date",
            )
            return None
        return {"date": date_value, "precision": precision}

    nested_layer("mentions", mention_row)
    nested_layer("events", event_row)

    seen_quotes: dict[tuple[int, int], int] = {}
    for i, item in entries("quotes"):
        ok = check_actor("quotes", i, item.get("speaker"), "speaker", allow_null=True)
        kind = item.get("kind")
        if kind not in QUOTE_KINDS:
            problem("quotes", i, f"kind {kind!r} not one of {QUOTE_KINDS}", "kind")
            ok = False
        occ = resolve("quotes", i, item)
        if not ok or occ is None:
            continue
        for s, e, _ in occ:
            if (s, e) in seen_quotes:
                problem("quotes", i, f"same span as quotes[{seen_quotes[(s, e)]}]")
                continue
            seen_quotes[(s, e)] = i
            rows["quotes"].append(
                {
                    "doc_id": doc_id,
                    "start": s,
                    "end": e,
                    "text": text[s:e],
                    "speaker_id": item.get("speaker"),
                    "kind": kind,
                }
            )

    seen_pairs: dict[tuple[str, str], int] = {}
    for i, item in entries("stances"):
        ok = check_actor("stances", i, item.get("actor"), "actor")
        target = item.get("target")
        if target not in target_ids:
            problem(
                "stances",
                i,
                f"unknown target id {target!r} (targets: {', '.join(sorted(target_ids))})",
                "target",
            )
            ok = False
        stance = item.get("stance")
        if stance not in STANCES:
            problem("stances", i, f"stance {stance!r} not one of {STANCES}", "stance")
            ok = False
        if not ok:
            continue
        pair = (item["actor"], target)
        if pair in seen_pairs:
            problem(
                "stances",
                i,
                f"second entry for ({pair[0]}, {pair[1]}); see stances[{seen_pairs[pair]}] "
                "(one entry per actor and target)",
            )
            continue
        seen_pairs[pair] = i
        rows["stances"].append(
            {"doc_id": doc_id, "actor_id": pair[0], "target_id": target, "stance": stance}
        )
    return doc, rows


# --------------------------------------------------------------------------- public API


def _split_dirs(split: str, gold_dir: Path) -> list[tuple[str, Path]]:
    if split == "all":
        return [(s, gold_dir / s) for s in SPLITS]
    if split not in SPLITS:
        raise ValueError(f"split must be one of {(*SPLITS, 'all')}, got {split!r}")
    return [(split, gold_dir / split)]


def read_gold(
    split: str = "all",
    gold_dir: Path | str | None = None,
    *,
    actors_path: Path | str | None = None,
    targets_path: Path | str | None = None,
    actor_ids: Iterable[str] | None = None,
    target_ids: Iterable[str] | None = None,
) -> tuple[GoldSet, list[Problem]]:
    """Load without raising: the GoldSet (valid entries only) and every problem found."""
    gold_dir = Path(gold_dir) if gold_dir is not None else paths.GOLD_DIR
    problems: list[Problem] = []
    if actor_ids is not None:
        actors = set(actor_ids)
    else:
        actors = known_actor_ids(Path(actors_path) if actors_path else None)
        if actors is None:
            problems.append(
                Problem(
                    _rel(paths.ACTORS_FILE if actors_path is None else Path(actors_path)),
                    "actor registry not found: actor ids were not checked",
                    severity="warning",
                )
            )
    targets = (
        set(target_ids)
        if target_ids is not None
        else known_target_ids(Path(targets_path) if targets_path else None)
    )

    docs: list[dict] = []
    rows: dict[str, list[dict]] = {k: [] for k in GOLD_COLUMNS}
    seen_ids: dict[str, str] = {}
    for split_name, folder in _split_dirs(split, gold_dir):
        if not folder.is_dir():
            problems.append(
                Problem(_rel(folder), "split folder does not exist", severity="warning")
            )
            continue
        mds = {p.name[: -len(".md")]: p for p in folder.glob("*.md")}
        anns = {p.name[: -len(ANN_SUFFIX)]: p for p in folder.glob("*" + ANN_SUFFIX)}
        for stem in sorted(set(mds) | set(anns)):
            if stem not in anns:
                problems.append(
                    Problem(_rel(mds[stem]), f"missing annotation file {stem}{ANN_SUFFIX}")
                )
                continue
            if stem not in mds:
                problems.append(Problem(_rel(anns[stem]), f"missing document {stem}.md"))
                continue
            doc, doc_rows = _load_pair(mds[stem], anns[stem], split_name, actors, targets, problems)
            if doc is None:
                continue
            if doc["doc_id"] in seen_ids:
                problems.append(
                    Problem(
                        _rel(mds[stem]),
                        f"doc_id {doc['doc_id']!r} also in {seen_ids[doc['doc_id']]}",
                    )
                )
                continue
            seen_ids[doc["doc_id"]] = _rel(mds[stem])
            docs.append(doc)
            for key, value in doc_rows.items():
                rows[key].extend(value)

    documents = conform(pd.DataFrame(docs), "documents")
    for column in ("text", "split", "gold_origin", "path", "date_precision", "content_hash"):
        if column not in documents.columns:
            documents[column] = pd.Series([], dtype="string")
        documents[column] = documents[column].astype("string")
    gold = GoldSet(
        split=split,
        documents=documents,
        mentions=_gold_table(rows["mentions"], "mentions"),
        quotes=_gold_table(rows["quotes"], "quotes"),
        stances=_gold_table(rows["stances"], "stances"),
        events=_gold_table(rows["events"], "events"),
        problems=[p for p in problems if p.severity != "error"],
    )
    return gold, problems


def load_gold(
    split: str = "dev",
    gold_dir: Path | str | None = None,
    *,
    strict: bool = True,
    actors_path: Path | str | None = None,
    targets_path: Path | str | None = None,
    actor_ids: Iterable[str] | None = None,
    target_ids: Iterable[str] | None = None,
) -> GoldSet:
    """Load the gold split ``"dev"``, ``"test"`` or ``"all"`` as tables with offsets.

    Raises :class:`InputError` listing every error (file, entry, field) when ``strict``;
    with ``strict=False`` the errors are kept in ``GoldSet.problems`` and invalid entries are
    left out. Warnings never raise. ``actor_ids`` / ``target_ids`` override the registry and
    target files (tests, other corpora).
    """
    gold, problems = read_gold(
        split,
        gold_dir,
        actors_path=actors_path,
        targets_path=targets_path,
        actor_ids=actor_ids,
        target_ids=target_ids,
    )
    errors = [p for p in problems if p.severity == "error"]
    if errors and strict:
        raise InputError(errors)
    gold.problems = problems
    return gold


def validate_gold(
    split: str = "all", gold_dir: Path | str | None = None, **kwargs
) -> list[Problem]:
    """Every problem (errors and warnings) in the gold set, without raising."""
    return read_gold(split, gold_dir, **kwargs)[1]


def gold_stats(split: str = "all", gold: GoldSet | None = None, **kwargs) -> pd.DataFrame:
    """Documents and annotation counts per split, language and origin (fresh / corpus).

    One row per (split, language, origin) plus a ``total`` row; columns: docs, words,
    mentions, quotes, direct, indirect, stances, events.
    """
    if gold is None:
        gold = load_gold(split, strict=False, **kwargs)
    docs = gold.documents.copy()
    docs["origin"] = docs["gold_origin"].map(
        lambda o: "fresh" if o == "fresh" else "corpus", na_action="ignore"
    )
    docs["origin"] = docs["origin"].fillna("corpus")

    def count(table: pd.DataFrame, name: str) -> pd.Series:
        return table.groupby("doc_id").size().rename(name)

    per_doc = docs.set_index("doc_id")[["split", "language", "origin", "n_tokens"]]
    per_doc = per_doc.join(count(gold.mentions, "mentions"))
    per_doc = per_doc.join(count(gold.quotes, "quotes"))
    per_doc = per_doc.join(count(gold.quotes[gold.quotes["kind"] == "direct"], "direct"))
    per_doc = per_doc.join(count(gold.quotes[gold.quotes["kind"] == "indirect"], "indirect"))
    per_doc = per_doc.join(count(gold.stances, "stances"))
    per_doc = per_doc.join(count(gold.events, "events"))
    numeric = ["mentions", "quotes", "direct", "indirect", "stances", "events"]
    per_doc[numeric] = per_doc[numeric].fillna(0).astype(int)
    per_doc["docs"] = 1
    per_doc["words"] = per_doc["n_tokens"].fillna(0).astype(int)
    cols = ["docs", "words", *numeric]
    if per_doc.empty:
        total = {"split": "total", "language": "", "origin": "", **dict.fromkeys(cols, 0)}
        return pd.DataFrame([total], columns=["split", "language", "origin", *cols])
    grouped = (
        per_doc.groupby(["split", "language", "origin"], dropna=False)[cols].sum().reset_index()
    )
    total = {"split": "total", "language": "", "origin": "", **per_doc[cols].sum().to_dict()}
    out = pd.concat([grouped, pd.DataFrame([total])], ignore_index=True)
    out[cols] = out[cols].astype(int)
    return out


# --------------------------------------------------------------------------- audit


def _registry_aliases(actors_path: Path | None = None) -> dict[str, set[str]]:
    """Surface form -> actor ids, from the registry's ``label`` and ``aliases`` (all langs)."""
    actors_path = Path(actors_path) if actors_path else paths.ACTORS_FILE
    out: dict[str, set[str]] = {}
    if not actors_path.is_file():
        return out
    try:
        data = yaml.safe_load(actors_path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError:
        return out
    if isinstance(data, dict):
        data = data.get("actors", [])
    for actor in data:
        if not isinstance(actor, dict) or not actor.get("id"):
            continue
        forms = [actor.get("label"), actor.get("name")]
        aliases = actor.get("aliases") or {}
        if isinstance(aliases, dict):
            for values in aliases.values():
                forms.extend(values or [])
        elif isinstance(aliases, list):
            forms.extend(aliases)
        for form in forms:
            if isinstance(form, str) and form.strip():
                out.setdefault(form.strip(), set()).add(str(actor["id"]))
    return out


_LEADING_WORD = re.compile(
    r"^(?:en|le|la|les|l'|l’|d'|d’|de|du|des|à|au|aux|in|on|the|at)(?:\s|(?<=['’]))",
    re.IGNORECASE,
)


def audit_gold(
    split: str = "all", gold: GoldSet | None = None, actors_path: Path | str | None = None
) -> pd.DataFrame:
    """Likely omissions, for a human to check (not errors):

    - ``unannotated_alias``: a registry label or alias (exact case, whole word) occurring
      outside every annotated mention of the document;
    - ``unannotated_quote_marks``: text inside « », “ ” or " " not covered by a gold quote
      (often a title or a scare quote, which is fine);
    - ``mention_not_alias``: an annotated mention whose text is not a label or alias of its
      actor (often a surname or a variant, which is fine);
    - ``mention_determiner`` / ``event_leading_preposition``: a span starting with a
      determiner or preposition the guidelines leave out;
    - ``event_after_document``: an event without a year in its text resolved after the
      document date (the guidelines pick the nearest date before or on it);
    - ``quote_edge``: quote marks, or an indirect quote's final period, inside the span.

    Columns: doc_id, kind, text, start, detail.
    """
    if gold is None:
        gold = load_gold(split, strict=False)
    aliases = _registry_aliases(Path(actors_path) if actors_path else None)
    by_actor: dict[str, set[str]] = {}
    for form, ids in aliases.items():
        for actor in ids:
            by_actor.setdefault(actor, set()).add(form)
    rows: list[dict] = []
    quote_marks = re.compile(r"«\s*(.+?)\s*»|“(.+?)”|\"(.+?)\"", re.DOTALL)
    for doc in gold.documents.itertuples():
        text = str(doc.text)
        mentions = gold.mentions[gold.mentions["doc_id"] == doc.doc_id]
        spans = [(int(r.start), int(r.end)) for r in mentions.itertuples()]
        for form, ids in aliases.items():
            for s, e in find_occurrences(text, form):
                if not any(a <= s and e <= b for a, b in spans):
                    rows.append(
                        {
                            "doc_id": doc.doc_id,
                            "kind": "unannotated_alias",
                            "text": form,
                            "start": s,
                            "detail": ", ".join(sorted(ids)),
                        }
                    )
        quotes = gold.quotes[gold.quotes["doc_id"] == doc.doc_id]
        qspans = [(int(r.start), int(r.end)) for r in quotes.itertuples()]
        for m in quote_marks.finditer(text):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            s = m.start(group)
            if not any(a <= s < b for a, b in qspans):
                rows.append(
                    {
                        "doc_id": doc.doc_id,
                        "kind": "unannotated_quote_marks",
                        "text": m.group(group),
                        "start": s,
                        "detail": "",
                    }
                )
        if by_actor:
            for r in mentions.itertuples():
                forms = by_actor.get(str(r.actor_id), set())
                if str(r.text) not in forms:
                    rows.append(
                        {
                            "doc_id": doc.doc_id,
                            "kind": "mention_not_alias",
                            "text": str(r.text),
                            "start": int(r.start),
                            "detail": str(r.actor_id),
                        }
                    )
        doc_date = str(doc.date) if isinstance(doc.date, str) else ""
        for r in gold.events[gold.events["doc_id"] == doc.doc_id].itertuples():
            item = {"doc_id": doc.doc_id, "text": str(r.text), "start": int(r.start)}
            if _LEADING_WORD.match(str(r.text)):
                rows.append({**item, "kind": "event_leading_preposition", "detail": r.date})
            if (
                doc_date
                and str(r.date)[: len(doc_date)] > doc_date
                and not re.search(r"\d{4}", str(r.text))
            ):
                rows.append(
                    {
                        **item,
                        "kind": "event_after_document",
                        "detail": f"{r.date} > document date {doc_date} with no year in text",
                    }
                )
        for r in mentions.itertuples():
            if _LEADING_WORD.match(str(r.text)):
                rows.append(
                    {
                        "doc_id": doc.doc_id,
                        "kind": "mention_determiner",
                        "text": str(r.text),
                        "start": int(r.start),
                        "detail": str(r.actor_id),
                    }
                )
        for r in quotes.itertuples():
            q = str(r.text)
            opens = sum(q.count(c) for c in "«“")
            closes = sum(q.count(c) for c in "»”")
            if (
                q[:1] in "«»“”\"' "
                or q[-1:] in "«“' "
                or closes > opens
                or q.count('"') % 2
                or (r.kind == "indirect" and q.endswith("."))
            ):
                rows.append(
                    {
                        "doc_id": doc.doc_id,
                        "kind": "quote_edge",
                        "text": q[:60],
                        "start": int(r.start),
                        "detail": "quote marks or final period inside the span",
                    }
                )
    out = pd.DataFrame(rows, columns=["doc_id", "kind", "text", "start", "detail"])
    return out.drop_duplicates().sort_values(["doc_id", "start"]).reset_index(drop=True)
