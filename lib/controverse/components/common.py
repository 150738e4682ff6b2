"""Shared pieces of the components: Doc extensions, accent-insensitive patterns, sentences."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import srsly
from spacy.tokens import Doc

ACCENTS = {
    "a": "aàâäá", "e": "eéèêë", "i": "iîïí", "o": "oôöó", "u": "uùûüú", "c": "cç", "y": "yÿ",
    "n": "nñ",
}  # fmt: skip
APOSTROPHES = "'’ʼ‘`"
DASHES = "-‐‑‒–—"


@dataclass
class Mention:
    start: int  # character offsets into doc_text(doc)
    end: int
    text: str
    actor_id: str | None
    ner_label: str
    method: str  # ruler, ner, normalised, fuzzy


@dataclass
class Quote:
    start: int
    end: int
    text: str
    speaker_id: str | None
    speaker_text: str
    cue: str
    kind: str  # direct, indirect


@dataclass
class Statement:
    actor_id: str
    target_id: str
    stance: str
    confidence: float
    cue: str
    start: int
    end: int
    evidence: str


@dataclass
class Event:
    date: str
    precision: str
    text: str
    start: int
    end: int
    evidence: str
    actor_ids: list[str] = field(default_factory=list)


@lru_cache(maxsize=8)
def cached_registry(actors_path: str):
    from controverse.registry import load_registry

    return load_registry(actors_path)


@lru_cache(maxsize=8)
def cached_targets(targets_path: str):
    from controverse.registry import load_targets

    return load_targets(targets_path)


_PACKED = "__controverse__"


def _packable_classes() -> dict[str, type]:
    from controverse.errors import Problem

    return {cls.__name__: cls for cls in (Mention, Quote, Statement, Event, Problem)}


@srsly.msgpack_encoders("controverse")
def _encode(obj, chain=None):
    """Doc.to_bytes support for the extension values (``nlp.pipe(n_process=2)`` and
    ``DocBin`` serialise docs through msgpack, which knows no dataclasses)."""
    if type(obj).__name__ in _packable_classes() and dataclasses.is_dataclass(obj):
        return {_PACKED: type(obj).__name__, "fields": dataclasses.asdict(obj)}
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("controverse")
def _decode(obj, chain=None):
    if isinstance(obj, dict) and _PACKED in obj:
        fields = {  # msgpack may hand arrays back as tuples: the fields hold lists
            key: list(value) if isinstance(value, tuple) else value
            for key, value in obj["fields"].items()
        }
        return _packable_classes()[obj[_PACKED]](**fields)
    return obj if chain is None else chain(obj)


def register_extensions() -> None:
    defaults = {
        "doc_id": None,
        "doc_date": None,
        "mentions": None,
        "quotes": None,
        "statements": None,
        "events": None,
        "problems": None,
        "sentences": None,
    }
    for name, default in defaults.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def loose_pattern(alias: str, *, case_sensitive_first: bool = False) -> str:
    """A regex source matching ``alias`` with any accents, apostrophe and dash forms."""
    out = []
    for index, char in enumerate(alias):
        base = strip_accents(char).lower()
        if char in APOSTROPHES:
            out.append(f"[{APOSTROPHES}]")
        elif char in DASHES:
            out.append(f"[{re.escape(DASHES)}]")
        elif char.isspace():
            out.append(r"\s+")
        elif base in ACCENTS:
            chars = ACCENTS[base]
            if index == 0 and case_sensitive_first and char.isupper():
                chars = chars.upper()
            elif not (index == 0 and case_sensitive_first):
                chars = chars + chars.upper()
            else:
                chars = chars
            out.append(f"[{chars}]")
        elif char.isalpha():
            if index == 0 and case_sensitive_first:
                out.append(re.escape(char))
            else:
                out.append(f"[{re.escape(char.lower())}{re.escape(char.upper())}]")
        else:
            out.append(re.escape(char))
    return "".join(out)


# a sentence ends at . ! ? … (or a bold heading closing on one: "**Pourquoi Microsoft ?**")
# before a capital, a digit, a quotation mark or a bold heading; a blank line ends one too
SENTENCE_END = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…:]\*\*))(\s*[»”\"])?\s+(?=[«“\"*A-ZÀ-ÖØ-Þ0-9])|\n\s*\n"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as character spans: a rule splitter that keeps « … », dit X. together."""
    spans = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        cut = match.end(1) if match.group(1) else match.start()
        # do not cut inside an open quotation
        segment = text[start:cut]
        if segment.count("«") > segment.count("»") or segment.count("“") > segment.count("”"):
            continue
        if segment.count('"') % 2 == 1:
            continue
        # do not cut after abbreviations such as "M." or "n°"
        if re.search(
            r"\b(M|Mme|Dr|Pr|St|art|n°|no|cf|p|Mr|Mrs|Ms|Prof|vs|etc)\.$", text[start:cut]
        ):
            continue
        if cut > start:
            spans.append(_trim(text, start, cut))
        start = match.end()
    if start < len(text):
        spans.append(_trim(text, start, len(text)))
    return [s for s in spans if s[1] > s[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_of(doc: Doc, position: int) -> tuple[int, int]:
    for start, end in doc._.sentences or []:
        if start <= position < end:
            return start, end
    return 0, len(doc_text(doc))


def ensure_sentences(doc: Doc) -> list[tuple[int, int]]:
    if doc._.sentences is None:
        doc._.sentences = sentence_spans(doc_text(doc))
    return doc._.sentences


def set_sentence_starts(doc: Doc, sentences: list[tuple[int, int]]) -> None:
    """Mark the tokens that open the splitter's sentences, so ``doc.sents`` gives the same
    sentences the components use (the pipelines run no parser)."""
    if not len(doc) or doc.has_annotation("SENT_START"):
        return
    starts = {start for start, _end in sentences}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from the tokens on every access, which
    made long documents quadratic."""
    text = doc.user_data.get("controverse_text")
    if text is None:
        text = doc.text
        doc.user_data["controverse_text"] = text
    return text


QUOTE_PAIRS = (("«", "»"), ("“", "”"))


def find_direct_quotes(text: str) -> tuple[list[tuple[int, int, int, int]], list[str]]:
    """(open, close, content start, content end) of each quote, and problems found."""
    found: list[tuple[int, int, int, int]] = []
    problems = []
    for opening, closing in QUOTE_PAIRS:
        stack: list[int] = []
        for index, char in enumerate(text):
            if char == opening:
                stack.append(index)
            elif char == closing:
                if stack:
                    start = stack.pop()
                    if not stack:
                        found.append((start, index))
                else:
                    problems.append(f"unbalanced {closing!r} at offset {index}")
        for start in stack:
            problems.append(f"unbalanced {opening!r} at offset {start} (never closed)")
    straight = [m.start() for m in re.finditer('"', text)]
    if len(straight) % 2:
        problems.append(f'odd number of " marks ({len(straight)}); the last one is ignored')
        straight = straight[:-1]
    found += [(straight[i], straight[i + 1]) for i in range(0, len(straight), 2)]
    spans = []
    for start, end in sorted(found):
        inner_start, inner_end = start + 1, end
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end > inner_start:
            spans.append((start, end + 1, inner_start, inner_end))
    # drop quotes nested inside another kept quote
    spans = [s for s in spans if not any(o[0] < s[0] and s[1] < o[1] for o in spans)]
    return spans, problems
