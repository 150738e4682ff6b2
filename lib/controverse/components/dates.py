"""Temporal expressions in French and English, resolved against the document date.

Finds days ("15 avril 2020", "le 13 octobre", "Monday 10 January 2022", "April 15, 2020"),
months ("en juillet 2019", "fin décembre", "mi-juin", "last May", "in April"), seasons
("à l'été 2019", "in the summer of 2020") and years ("en 2019", "début 2022", "at the end of
the year"). A missing year is the one that puts the date nearest before (or on) the
document date. Seasons resolve to their first month (printemps 03, été 06, automne 09,
hiver 12). Numbers of laws and decisions ("n° 2020-044", "loi n° 2019-774") and durations
("deux ans") are not dates. The expression's span leaves out its preposition ("en", "le",
"à l'", "in", "on").
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from controverse.components.common import Event, doc_text, ensure_sentences, sentence_of

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
SEASONS = {
    "printemps": 3, "été": 6, "ete": 6, "automne": 9, "hiver": 12,
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
}  # fmt: skip
WEEKDAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_FR_MONTH = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)"
_EN_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_YEAR = r"(?:19|20)\d{2}"
_EDGE = r"(?:d[ée]but|fin|mi|courant|early|late|mid|the end of|the beginning of|the start of|end of|beginning of|start of)"

# Ordered: the first pattern that matches at a position wins; longer forms come first.
PATTERNS: list[tuple[str, re.Pattern]] = [
    # 15 avril 2020 / le 1er juin 2019 / lundi 10 janvier 2022 / 10 January 2022
    (
        "day_full",
        re.compile(
            rf"(?:{WEEKDAYS}\s+)?(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<month>{_FR_MONTH}|{_EN_MONTH})\s+(?P<year>{_YEAR})\b",
            re.I,
        ),
    ),
    # April 15, 2020 / Monday, January 10, 2022
    (
        "day_full_en",
        re.compile(
            rf"(?:{WEEKDAYS},?\s+)?(?P<month>{_EN_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR})\b",
            re.I,
        ),
    ),
    # 15/04/2020
    (
        "day_numeric",
        re.compile(rf"(?<![\d/-])(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/(?P<year>{_YEAR})\b"),
    ),
    # le 13 octobre / 13 October (no year)
    (
        "day_no_year",
        re.compile(
            rf"(?:{WEEKDAYS}\s+)?(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<month>{_FR_MONTH}|{_EN_MONTH})\b(?!\s+{_YEAR})",
            re.I,
        ),
    ),
    (
        "day_no_year_en",
        re.compile(
            rf"(?P<month>{_EN_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+{_YEAR})(?!\s*\d)"
        ),
    ),
    # fin décembre 2021 / mi-juin 2020 / early May 2021
    (
        "edge_month_year",
        re.compile(
            rf"(?P<edge>{_EDGE})[\s-]+(?P<month>{_FR_MONTH}|{_EN_MONTH})\s+(?P<year>{_YEAR})\b",
            re.I,
        ),
    ),
    # à l'été 2019 / l'automne 2019 / summer 2020 / the summer of 2020
    (
        "season_year",
        re.compile(
            rf"(?P<season>printemps|[ée]t[ée]|automne|hiver|spring|summer|autumn|fall|winter)\s+(?:of\s+|de\s+l.ann[ée]e\s+)?(?P<year>{_YEAR})\b",
            re.I,
        ),
    ),
    # juillet 2019 / July 2019
    (
        "month_year",
        re.compile(rf"(?P<month>{_FR_MONTH}|{_EN_MONTH})\s+(?:of\s+)?(?P<year>{_YEAR})\b", re.I),
    ),
    # fin décembre / mi-juin / early May (no year)
    (
        "edge_month",
        re.compile(rf"(?P<edge>{_EDGE})[\s-]+(?P<month>{_FR_MONTH}|{_EN_MONTH})\b", re.I),
    ),
    # last May / in April / en avril (no year)
    ("rel_month_en", re.compile(rf"(?P<rel>last|this|next)\s+(?P<month>{_EN_MONTH})\b")),
    (
        "prep_month",
        re.compile(
            rf"\b(?:en|in|depuis|since|d'|d’)\s*(?P<core>(?P<month>{_FR_MONTH}|{_EN_MONTH}))\b(?!\s+{_YEAR})",
            re.I,
        ),
    ),
    # l'été dernier / last summer / cet été
    (
        "rel_season",
        re.compile(
            r"(?:(?P<rel1>last|this)\s+(?P<season1>spring|summer|autumn|fall|winter))|(?:(?P<season2>printemps|[ée]t[ée]|automne|hiver)\s+(?P<rel2>dernier))",
            re.I,
        ),
    ),
    # début 2022 / fin 2020 / early 2021 / the end of 2020
    (
        "edge_year",
        re.compile(
            rf"(?P<edge>{_EDGE})[\s-]+(?:de\s+l.ann[ée]e\s+|(?:the\s+)?year\s+)?(?P<year>{_YEAR})\b",
            re.I,
        ),
    ),
    # at the end of the year / fin d'année / en fin d'année
    (
        "edge_this_year",
        re.compile(
            r"(?P<edge>the end of|the beginning of|end of|fin|d[ée]but)\s+(?:the\s+year|de\s+l.ann[ée]e|d.ann[ée]e)\b",
            re.I,
        ),
    ),
    # l'année dernière / last year
    (
        "rel_year",
        re.compile(
            r"(?:l.ann[ée]e\s+(?P<rel_fr>derni[èe]re|pr[ée]c[ée]dente))|(?:(?P<rel_en>last|this)\s+year)\b",
            re.I,
        ),
    ),
    # this month / ce mois-ci
    ("this_month", re.compile(r"\b(?:this month|ce mois-ci)\b", re.I)),
    # (on) Tuesday / last Tuesday: the nearest such day on or before the document date
    (
        "weekday",
        re.compile(
            r"\b(?:on|last)\s+(?P<core>(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday))\b(?!,?\s+\d)"
        ),
    ),
    # en 2019 / in 2019 / depuis 2020 / année 2021
    (
        "year",
        re.compile(
            rf"\b(?:en|in|depuis|since|ann[ée]e|year|from|until|jusqu.en|d[èe]s|avant|before|after|apr[èe]s|of|de|fin|by)\s+(?P<core>(?P<year>{_YEAR}))\b(?![-/]\d)",
            re.I,
        ),
    ),
]

PATTERNS.append(
    # a year on its own ("starts 2022", "the 2022 budget"); numbers of texts are excluded below
    ("bare_year", re.compile(rf"(?<![\w/.,°-])(?P<year>{_YEAR})(?![\w/-]|,\d|\.\d)"))
)

# Contexts that make a number a reference, not a date: "n° 2020-044", "loi 2019-774".
NOT_A_DATE = re.compile(
    r"(n[°o]\.?|num[ée]ro|no\.|délib[ée]ration|d[ée]cret|loi|article|art\.)\s*$", re.I
)


def _month(token: str) -> int | None:
    token = token.lower().rstrip(".")
    return MONTHS.get(token) or MONTHS.get(token.replace("é", "e").replace("û", "u"))


def _nearest_year_before(month: int, day: int | None, ref: dt.date | None) -> int | None:
    if ref is None:
        return None
    candidate = dt.date(ref.year, month, min(day or 1, 28))
    return ref.year if candidate <= ref else ref.year - 1


def resolve(kind: str, groups: dict, ref: dt.date | None) -> tuple[str, str] | None:
    """(ISO date, precision) for one match, or None when it cannot be resolved."""
    year = int(groups["year"]) if groups.get("year") else None
    month = _month(groups["month"]) if groups.get("month") else None
    if groups.get("month") and groups["month"].isdigit():
        month = int(groups["month"])
    day = int(groups["day"]) if groups.get("day") else None
    if kind in ("day_full", "day_full_en", "day_numeric"):
        try:
            return dt.date(year, month, day).isoformat(), "day"
        except (TypeError, ValueError):
            return None
    if kind in ("day_no_year", "day_no_year_en"):
        year = _nearest_year_before(month, day, ref)
        if year is None:
            return None
        try:
            return dt.date(year, month, day).isoformat(), "day"
        except ValueError:
            return None
    if kind in ("edge_month_year", "month_year"):
        return f"{year:04d}-{month:02d}", "month"
    if kind in ("edge_month", "prep_month"):
        year = _nearest_year_before(month, None, ref)
        return (f"{year:04d}-{month:02d}", "month") if year else None
    if kind == "rel_month_en":
        if ref is None:
            return None
        rel = groups["rel"].lower()
        if rel == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif rel == "next":
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year
        return f"{year:04d}-{month:02d}", "month"
    if kind == "season_year":
        return f"{year:04d}-{SEASONS[groups['season'].lower()]:02d}", "season"
    if kind == "rel_season":
        if ref is None:
            return None
        season = (groups.get("season1") or groups.get("season2") or "").lower()
        rel = (groups.get("rel1") or groups.get("rel2") or "").lower()
        first = SEASONS.get(season) or SEASONS.get(season.replace("é", "e"))
        year = ref.year if rel == "this" else (ref.year if first < ref.month else ref.year - 1)
        return f"{year:04d}-{first:02d}", "season"
    if kind == "edge_year":
        return f"{year:04d}", "year"
    if kind == "edge_this_year":
        return (f"{ref.year:04d}", "year") if ref else None
    if kind == "rel_year":
        if ref is None:
            return None
        rel = (groups.get("rel_en") or "").lower()
        return (f"{ref.year:04d}", "year") if rel == "this" else (f"{ref.year - 1:04d}", "year")
    if kind in ("year", "bare_year"):
        return f"{year:04d}", "year"
    if kind == "this_month":
        return (f"{ref.year:04d}-{ref.month:02d}", "month") if ref else None
    if kind == "weekday":
        if ref is None or len(str(groups.get("_ref_text", ""))) == 4:
            return None
        names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        back = (ref.weekday() - names.index(groups["weekday"].lower())) % 7
        return (ref - dt.timedelta(days=back)).isoformat(), "day"
    return None


def find_dates(text: str, ref: dt.date | None) -> list[tuple[int, int, str, str]]:
    """(start, end, ISO date, precision) of every temporal expression, non-overlapping."""
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span("core") if "core" in pattern.groupindex else match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            before = text[max(0, start - 20) : start]
            if NOT_A_DATE.search(before) or re.match(r"[-/]\d", text[end : end + 2]):
                continue
            if kind == "year" and re.search(r"\d[-/]$", before):
                continue
            groups = {k: v for k, v in match.groupdict().items() if v and k != "core"}
            resolved = resolve(kind, groups, ref)
            if resolved is None:
                continue
            taken.append((start, end))
            # the gold spans leave the article out: "end of the year", not "the end of …"
            lead = re.match(r"the\s+(?=(?:end|beginning|start)\b)", text[start:end], re.I)
            if lead:
                start += lead.end()
            found.append((start, end, *resolved))
    return sorted(found)


def parse_reference_date(value) -> dt.date | None:
    """The document date as a date (month/year precision → the period's first day)."""
    if value is None:
        return None
    text = str(value)
    try:
        if len(text) == 4:
            return dt.date(int(text), 12, 31)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return dt.date(year, month, 28)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


@Language.factory("controverse_dates")
def make_dates(nlp: Language, name: str):
    return DateFinder()


class DateFinder:
    def __call__(self, doc: Doc) -> Doc:
        ensure_sentences(doc)
        ref = parse_reference_date(doc._.doc_date)
        mentions = doc._.mentions or []
        events = []
        for start, end, date, precision in find_dates(doc_text(doc), ref):
            s_start, s_end = sentence_of(doc, start)
            actors = sorted(
                {m.actor_id for m in mentions if m.actor_id and s_start <= m.start < s_end}
            )
            events.append(
                Event(
                    date,
                    precision,
                    doc_text(doc)[start:end],
                    start,
                    end,
                    doc_text(doc)[s_start:s_end],
                    actors,
                )
            )
        doc._.events = events
        return doc
