"""The actor registry and stance targets: shipped files valid, lookups, every validation error."""

import re

import pytest

from controverse.errors import InputError
from controverse.registry import FIXED_ACTOR_IDS, load_registry, load_targets


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_shipped_registry_has_every_fixed_id_and_enough_actors(registry):
    assert len(registry) >= 60
    assert set(FIXED_ACTOR_IDS) <= set(registry.actors)
    assert registry.get("cnam-council").parent == "cnam"
    assert registry.get("cnam").parent is None
    assert registry.get("olivier-veran").affiliation == "french-government"
    assert registry.get("stephanie-combes").gender == "f"
    assert {c.id for c in registry.children("cnam")} == {"cnam-council"}


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Council of State", "conseil-d-etat"),
        ("assurance maladie", "cnam"),
        ("Health Insurance", "cnam"),
        ("National Commission for IT and Liberties", "cnil"),
        ("cnil", "cnil"),
        ("Veran", "olivier-veran"),
        ("Conseil d’État", "conseil-d-etat"),
        ("conseil de la Cnam", "cnam-council"),
        ("Plateforme des données de santé", "health-data-hub"),
        ("CJEU", "cjeu"),
    ],
)
def test_aliases_and_translations(registry, text, actor_id):
    assert registry.by_alias(text).id == actor_id


def test_unknown_alias_and_id(registry):
    assert registry.by_alias("Union des pâtissiers") is None
    with pytest.raises(KeyError, match="unknown actor id 'nobody'"):
        registry.get("nobody")


def test_registry_validation_reports_every_problem_with_line(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text(
        "- id: a\n  label: A\n  type: regulator\n  aliases: {fr: [Alpha]}\n"
        "- id: a\n  label: A again\n  type: regulator\n"
        "- id: b\n  label: B\n  type: wizard\n  aliases: {fr: [alpha]}\n  parent: zz\n"
        "- id: c\n  label: C\n  type: person\n  gender: x\n  colour: red\n"
        "  roles: [{role: boss, from: 'May 2020'}]\n"
    )
    with pytest.raises(InputError) as info:
        load_registry(path)
    text = str(info.value)
    assert "actors.yml:5 [id]: error: duplicate id 'a' (first at line 1)" in text
    assert "actors.yml:8 [type]" in text and "wizard" in text
    assert "alias 'alpha' already names a" in text
    assert "unknown parent id 'zz'" in text
    assert "[gender]" in text and "[colour]: error: unknown key" in text
    assert "'May 2020' is not YYYY" in text


def test_targets_load_and_cues_match():
    targets = {t.id: t for t in load_targets()}
    assert {"microsoft-hosting", "health-data-hub"} <= set(targets)
    hosting = targets["microsoft-hosting"]
    fr_oppose = hosting.patterns("oppose", "fr")
    en_oppose = hosting.patterns("oppose", "en")
    assert any(p.search("un appel d'offres pour remplacer Microsoft") for p in fr_oppose)
    assert any(p.search("the government should pick a sovereign host") for p in en_oppose)
    assert all(isinstance(p, re.Pattern) for p in hosting.patterns("cues", "fr"))


def test_target_validation_names_the_pattern(tmp_path):
    path = tmp_path / "targets.yml"
    path.write_text(
        "- id: t\n  label: T\n  cues: {fr: ['(unclosed']}\n- id: t\n  label: again\n  cues: {}\n"
    )
    with pytest.raises(InputError) as info:
        load_targets(path)
    text = str(info.value)
    assert "pattern '(unclosed' does not compile" in text
    assert "duplicate id 't' (first at line 1)" in text
