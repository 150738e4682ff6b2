"""Gold set loader: offsets, occurrence selection, nesting, validation, shipped set."""

from __future__ import annotations

from pathlib import Path

import pytest

from controverse import paths
from controverse.errors import InputError
from controverse.gold import (
    audit_gold,
    find_occurrences,
    gold_stats,
    load_gold,
    normalize_text,
    read_gold,
    valid_date,
)

ACTORS = ["cnam", "cnam-council", "cnil", "microsoft", "olivier-veran", "conseil-d-etat"]

DOC = """\
---
id: {doc_id}
date: 2020-06-11
title: "Titre"
source: Test
doc_type: article
language: fr
gold_origin: fresh
---

Le conseil de la Cnam a voté. La Cnam suit. La CNIL estime que le risque est réel.
Le 11 juin 2020, la CNIL réclame « une extrême vigilance », a-t-elle martelé. CNILS n'est pas un nom.
"""

ANN = """\
doc_id: {doc_id}
mentions:
  - {text: "conseil de la Cnam", actor: cnam-council}
  - {text: "Cnam", actor: cnam}
  - {text: "CNIL", actor: cnil}
quotes:
  - {text: "le risque est réel", speaker: cnil, kind: indirect}
  - {text: "une extrême vigilance", speaker: cnil, kind: direct}
stances:
  - {actor: cnil, target: microsoft-hosting, stance: oppose}
events:
  - {text: "11 juin 2020", date: 2020-06-11, precision: day}
"""


def write_pair(
    folder: Path, doc_id: str = "2020-06-11-essai", doc: str = DOC, ann: str = ANN
) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    md = folder / f"{doc_id}.md"
    yml = folder / f"{doc_id}.ann.yml"
    md.write_text(doc.replace("{doc_id}", doc_id), encoding="utf-8")
    yml.write_text(ann.replace("{doc_id}", doc_id), encoding="utf-8")
    return md, yml


def load(tmp_path: Path, split: str = "dev", **kwargs):
    return load_gold(split, tmp_path, actor_ids=ACTORS, **kwargs)


def problems_of(tmp_path: Path) -> list:
    _, problems = read_gold("all", tmp_path, actor_ids=ACTORS)
    return [p for p in problems if p.severity == "error"]


def test_offsets_point_at_the_annotated_text(tmp_path):
    write_pair(tmp_path / "dev")
    gold = load(tmp_path)
    assert len(gold) == 1
    text = gold.text("2020-06-11-essai")
    assert text.startswith("Le conseil") and text.endswith("pas un nom.")
    for table in (gold.mentions, gold.quotes, gold.events):
        for row in table.itertuples():
            assert text[row.start : row.end] == row.text
    assert list(gold.quotes["kind"]) == ["indirect", "direct"]
    assert gold.events.iloc[0]["date"] == "2020-06-11"
    assert gold.stances.iloc[0].to_dict() == {
        "doc_id": "2020-06-11-essai",
        "actor_id": "cnil",
        "target_id": "microsoft-hosting",
        "stance": "oppose",
    }


def test_nested_mentions_dropped_and_word_boundaries(tmp_path):
    write_pair(tmp_path / "dev")
    gold = load(tmp_path)
    m = gold.mentions
    # "Cnam" inside "conseil de la Cnam" is dropped; the standalone one stays.
    assert list(m["text"]) == ["conseil de la Cnam", "Cnam", "CNIL", "CNIL"]
    assert list(m["actor_id"]) == ["cnam-council", "cnam", "cnil", "cnil"]
    # "CNILS" is not a whole-word occurrence of "CNIL".
    assert "CNILS" not in set(m["text"])


def test_n_selects_occurrences(tmp_path):
    ann = ANN.replace('{text: "CNIL", actor: cnil}', '{text: "CNIL", actor: cnil, n: [2]}')
    write_pair(tmp_path / "dev", ann=ann)
    gold = load(tmp_path)
    cnil = gold.mentions[gold.mentions["actor_id"] == "cnil"]
    text = gold.text("2020-06-11-essai")
    assert len(cnil) == 1
    assert int(cnil.iloc[0]["start"]) == text.index("CNIL", text.index("CNIL") + 1)


def test_n_picking_a_nested_occurrence_is_reported(tmp_path):
    ann = ANN.replace('{text: "Cnam", actor: cnam}', '{text: "Cnam", actor: cnam, n: [1]}')
    write_pair(tmp_path / "dev", ann=ann)
    errors = problems_of(tmp_path)
    assert len(errors) == 1 and errors[0].field == "mentions[1].n"
    assert "inside the longer span" in errors[0].message


def test_nested_events_longest_wins(tmp_path):
    ann = ANN + '  - {text: "2020", date: 2020, precision: year}\n'
    write_pair(tmp_path / "dev", ann=ann)
    gold = load(tmp_path)
    assert list(gold.events["text"]) == ["11 juin 2020"]


def test_normalisation_bom_crlf_blank_lines(tmp_path):
    doc = "\ufeff" + DOC.replace("\n", "\r\n") + "\r\n\r\n"
    write_pair(tmp_path / "dev", doc=doc)
    gold = load(tmp_path)
    text = gold.text("2020-06-11-essai")
    assert "\r" not in text and not text.startswith("\n") and not text.endswith("\n")
    assert text == normalize_text(DOC.split("---\n", 2)[2])
    row = gold.quotes.iloc[1]
    assert text[row.start : row.end] == "une extrême vigilance"


def test_find_occurrences_boundaries():
    text = "HDH, l'HDH et HDHs; « citation »"
    assert find_occurrences(text, "HDH") == [(0, 3), (7, 10)]
    assert find_occurrences(text, "« citation »") == [(20, 32)]
    assert find_occurrences(text, "hdh") == []


def test_valid_date():
    assert valid_date("2020-06-11", "day")
    assert not valid_date("2020-02-30", "day")
    assert valid_date("2019-06", "season") and not valid_date("2019-07", "season")
    assert valid_date("2019-07", "month") and not valid_date("2019-13", "month")
    assert valid_date("2019", "year") and not valid_date("2019-01", "year")


@pytest.mark.parametrize(
    ("old", "new", "field", "needle"),
    [
        ('"une extrême vigilance"', '"une vigilance extrême"', "quotes[1].text", "not found"),
        ("actor: cnil}\nquotes", "actor: cnil, n: [5]}\nquotes", "mentions[2].n", "out of range"),
        ("actor: cnam-council", "actor: cnam-conseil", "mentions[0].actor", "unknown actor"),
        (
            "speaker: cnil, kind: direct",
            "speaker: cnll, kind: direct",
            "quotes[1].speaker",
            "unknown actor",
        ),
        ("target: microsoft-hosting", "target: microsoft", "stances[0].target", "unknown target"),
        ("stance: oppose", "stance: against", "stances[0].stance", "stance"),
        ("kind: direct", "kind: quoted", "quotes[1].kind", "kind"),
        ("precision: day", "precision: week", "events[0].precision", "precision"),
        (
            "date: 2020-06-11, precision: day",
            "date: 2020-06, precision: day",
            "events[0].date",
            "does not match",
        ),
        ("precision: day}", "precision: day, note: x}", "events[0].note", "unknown field"),
        ("doc_id: {doc_id}", "doc_id: autre-id", "doc_id", "differs"),
    ],
)
def test_each_validation_error_is_reported(tmp_path, old, new, field, needle):
    ann = ANN.replace(old, new)
    assert ann != ANN, old
    write_pair(tmp_path / "dev", ann=ann)
    errors = problems_of(tmp_path)
    assert [p.field for p in errors] == [field], errors
    assert needle in errors[0].message
    assert errors[0].file.endswith(".ann.yml")
    with pytest.raises(InputError) as info:
        load(tmp_path)
    assert needle in str(info.value)


def test_all_problems_are_collected_with_files(tmp_path):
    bad = ANN.replace('"une extrême vigilance"', '"absent"').replace(
        "stance: oppose", "stance: contre"
    )
    write_pair(tmp_path / "dev", "2020-01-01-a", ann=bad)
    write_pair(tmp_path / "test", "2020-01-01-b", ann=bad.replace("actor: cnil}", "actor: x}"))
    (tmp_path / "dev" / "2020-01-01-c.md").write_text(DOC.replace("{doc_id}", "2020-01-01-c"))
    (tmp_path / "test" / "2020-01-01-d.ann.yml").write_text("doc_id: 2020-01-01-d\n")
    with pytest.raises(InputError) as info:
        load(tmp_path, "all")
    problems = info.value.problems
    files = {Path(p.file).name for p in problems}
    assert files == {
        "2020-01-01-a.ann.yml",
        "2020-01-01-b.ann.yml",
        "2020-01-01-c.md",
        "2020-01-01-d.ann.yml",
    }
    messages = "\n".join(str(p) for p in problems)
    assert "missing annotation file" in messages and "missing document" in messages
    assert len(problems) == 2 + 3 + 1 + 1
    # line numbers point at the entry
    q = next(p for p in problems if p.field == "quotes[1].text")
    assert q.line == 8


def test_front_matter_problems(tmp_path):
    doc = DOC.replace("language: fr", "language: de").replace("gold_origin: fresh\n", "")
    write_pair(tmp_path / "dev", doc=doc)
    fields = {p.field for p in problems_of(tmp_path)}
    assert fields == {"language", "gold_origin"}


def test_gold_origin_must_exist(tmp_path):
    doc = DOC.replace("gold_origin: fresh", "gold_origin: corpus/hdh/nope-xyz.md")
    write_pair(tmp_path / "dev", doc=doc)
    errors = problems_of(tmp_path)
    assert [p.field for p in errors] == ["gold_origin"]


def test_non_strict_keeps_valid_entries(tmp_path):
    write_pair(tmp_path / "dev", ann=ANN.replace('"une extrême vigilance"', '"absent"'))
    gold = load(tmp_path, strict=False)
    assert len(gold.quotes) == 1
    assert any(p.field == "quotes[1].text" for p in gold.problems)


def test_split_selection_and_stats(tmp_path):
    write_pair(tmp_path / "dev", "2020-01-01-a")
    write_pair(tmp_path / "test", "2020-01-01-b")
    assert load(tmp_path, "dev").doc_ids == ["2020-01-01-a"]
    assert load(tmp_path, "test").doc_ids == ["2020-01-01-b"]
    both = load(tmp_path, "all")
    assert sorted(both.documents["split"]) == ["dev", "test"]
    stats = gold_stats(gold=both)
    total = stats[stats["split"] == "total"].iloc[0]
    assert total["docs"] == 2 and total["mentions"] == 8 and total["quotes"] == 4
    with pytest.raises(ValueError):
        load_gold("train", tmp_path)


# --------------------------------------------------------------------------- shipped set


def _shipped_summary() -> tuple[list, object]:
    gold, problems = read_gold("all")
    return [p for p in problems if p.severity == "error"], gold


def test_shipped_gold_set_loads_and_is_large_enough():
    """The shipped gold set: no errors; >= 40 docs, >= 10 fresh, >= 8 English, both splits."""
    assert paths.GOLD_DIR.is_dir(), f"no gold folder at {paths.GOLD_DIR}"
    errors, gold = _shipped_summary()
    listing = "\n".join(str(p) for p in errors)
    assert not errors, f"{len(errors)} problem(s) in the shipped gold set:\n{listing}"
    docs = gold.documents
    n_fresh = int((docs["gold_origin"] == "fresh").sum())
    n_en = int((docs["language"] == "en").sum())
    by_split = docs["split"].value_counts().to_dict()
    summary = (
        f"{len(docs)} docs, {n_fresh} fresh, {n_en} English, "
        f"dev={by_split.get('dev', 0)}, test={by_split.get('test', 0)}"
    )
    n_docs = len(docs)
    assert n_docs >= 40, f"need >= 40 gold documents: {summary}"
    assert n_fresh >= 10, f"need >= 10 fresh documents: {summary}"
    assert n_en >= 8, f"need >= 8 English documents: {summary}"
    assert by_split.get("dev", 0) > 0 and by_split.get("test", 0) > 0, summary


def test_audit_flags_unannotated_aliases_and_quote_marks(tmp_path):
    actors = tmp_path / "actors.yml"
    actors.write_text(
        "- {id: cnil, label: CNIL, aliases: {fr: [CNIL, Cnil]}}\n"
        "- {id: cnam, label: Cnam, aliases: {fr: [Cnam]}}\n"
        "- {id: cnam-council, label: conseil de la Cnam, aliases: {fr: [conseil de la Cnam]}}\n"
        "- {id: microsoft, label: Microsoft}\n",
        encoding="utf-8",
    )
    doc = DOC.replace("La Cnam suit.", "La Cnam suit. Microsoft aussi, dit « le cloud ».")
    write_pair(tmp_path / "gold" / "dev", doc=doc)
    gold = load_gold("dev", tmp_path / "gold", actor_ids=ACTORS)
    audit = audit_gold(gold=gold, actors_path=actors)
    got = {(r.kind, r.text) for r in audit.itertuples()}
    assert ("unannotated_alias", "Microsoft") in got
    assert ("unannotated_quote_marks", "le cloud") in got
    assert not any(k == "unannotated_alias" and t == "Cnam" for k, t in got)
