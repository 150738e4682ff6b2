"""Loading and validating corpora: every format, every bad input, reported with file and line."""

import json

import pytest

from controverse.corpus import corpus_stats, load_corpus, parse_date
from controverse.errors import InputError

GOOD = """---
id: {id}
date: {date}
title: Un titre
source: Une source
doc_type: article
language: fr
---

{text}
"""


def _md(folder, name, **fields):
    values = {"id": name, "date": "2020-06-19", "text": f"Texte du document {name}."} | fields
    path = folder / f"{name}.md"
    path.write_text(GOOD.format(**values), encoding="utf-8")
    return path


def _problems(table, severity=None):
    return [p for p in table.attrs["problems"] if severity is None or p.severity == severity]


def test_markdown_folder_gives_the_documents_table(tmp_path):
    _md(tmp_path, "b", date="2020-10")
    _md(tmp_path, "a", date="2019")
    (tmp_path / "README.md").write_text("# not a document")
    table = load_corpus(tmp_path)
    assert list(table.columns[:8]) == [
        "doc_id", "date", "title", "source", "doc_type", "language", "url", "n_tokens",
    ]  # fmt: skip
    assert list(table["doc_id"]) == ["a", "b"]
    assert list(table["date"]) == ["2019", "2020-10"]  # precision kept, never padded
    assert list(table["date_precision"]) == ["year", "month"]
    assert table.loc[1, "text"] == "Texte du document b."
    assert table.loc[1, "n_tokens"] == 4
    assert _problems(table) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-10-13", ("2020-10-13", "day")),
        ("2020-10", ("2020-10", "month")),
        ("2020", ("2020", "year")),
        ("2020-10-13T08:00:00", ("2020-10-13", "day")),
        ("13/10/2020", ("2020-10-13", "day")),
        ("13 octobre 2020", ("2020-10-13", "day")),
        ("octobre 2020", ("2020-10", "month")),
    ],
)
def test_dates_are_parsed_to_iso_with_precision(value, expected):
    assert parse_date(value) == expected


def test_jsonl_csv_txt_and_html_load_alongside_markdown(tmp_path):
    _md(tmp_path, "md-doc")
    record = {"id": "j1", "date": "2021-02-19", "title": "T", "source": "S", "doc_type": "report",
              "language": "fr", "text": "Le conseil de la Cnam s'oppose."}  # fmt: skip
    (tmp_path / "docs.jsonl").write_text(json.dumps(record) + "\n\n")
    (tmp_path / "docs.csv").write_text(
        "id,date,title,source,doc_type,language,text\n"
        'c1,2022-02-03,Titre,Source,article,fr,"Un texte, avec virgule."\n'
    )
    (tmp_path / "note.txt").write_text("The CNIL warned about US law.")
    (tmp_path / "note.yml").write_text(
        "date: 2020-10-08\ntitle: Note\nsource: S\ndoc_type: opinion\nlanguage: en\n"
    )
    (tmp_path / "page.html").write_text(
        "<html><head><title>Page title</title><script>var secret = 'do not keep';</script></head>"
        "<body><article><p>"
        + "Le Conseil d'État a rejeté la demande de suspension de la plateforme. " * 5
        + "</p></article></body></html>"
    )
    (tmp_path / "page.yml").write_text(
        "date: 2020-06-19\nsource: S\ndoc_type: article\nlanguage: fr\n"
    )
    table = load_corpus(tmp_path)
    assert sorted(table["doc_id"]) == ["c1", "j1", "md-doc", "note", "page"]
    page = table.set_index("doc_id").loc["page"]
    assert "Conseil d'État" in page["text"] and "do not keep" not in page["text"]
    assert page["title"] == "Page title"
    assert table.set_index("doc_id").loc["c1", "text"] == "Un texte, avec virgule."
    assert _problems(table, "error") == []


def test_every_problem_is_reported_at_once_with_file_and_field(tmp_path):
    _md(tmp_path, "ok")
    (tmp_path / "bad-date.md").write_text(GOOD.format(id="bd", date="2020-13-45", text="x"))
    (tmp_path / "no-title.md").write_text(
        "---\nid: nt\ndate: 2020-01-01\ntitle: ''\nsource: S\ndoc_type: memo\nlanguage: fr\n---\n\nx\n"
    )
    (tmp_path / "empty.md").write_text(GOOD.format(id="em", date="2020-01-01", text=""))
    (tmp_path / "broken.md").write_text("---\nid: br\ntitle: [unclosed\n---\n\nx\n")
    table = load_corpus(tmp_path)
    assert list(table["doc_id"]) == ["ok"]
    messages = [str(p) for p in _problems(table, "error")]
    assert any("bad-date.md [date]" in m and "2020-13-45" in m for m in messages)
    assert any("no-title.md [title]: error: missing or blank" in m for m in messages)
    assert any("no-title.md [doc_type]" in m and "memo" in m and "allowed" in m for m in messages)
    assert any("empty.md [text]: error: empty text" in m for m in messages)
    assert any("broken.md:3: error: malformed front matter" in m for m in messages)
    assert sum("excluded" in m for m in messages) == 4
    with pytest.raises(InputError) as info:
        load_corpus(tmp_path, strict=True)
    assert len(info.value.problems) == len(messages)


def test_jsonl_errors_name_the_line(tmp_path):
    good = {"id": "a", "date": "2020", "title": "t", "source": "s", "doc_type": "law",
            "language": "fr", "text": "x"}  # fmt: skip
    lines = [json.dumps(good), "{not json", json.dumps({**good, "id": "b", "date": "nope"})]
    (tmp_path / "d.jsonl").write_text("\n".join(lines))
    problems = [str(p) for p in load_corpus(tmp_path / "d.jsonl").attrs["problems"]]
    assert any("d.jsonl:2: error: invalid JSON" in p for p in problems)
    assert any("d.jsonl:3 [date]" in p for p in problems)


def test_duplicates_are_reported_not_merged(tmp_path):
    _md(tmp_path, "one", text="Le même texte.")
    (tmp_path / "zz-copy.md").write_text(GOOD.format(id="one", date="2020-01-01", text="Autre."))
    _md(tmp_path, "two", text="Le  MÊME texte !")
    table = load_corpus(tmp_path)
    assert sorted(table["doc_id"]) == ["one", "two"]
    messages = [str(p) for p in table.attrs["problems"]]
    assert any("duplicate id 'one'" in m and "excluded" in m for m in messages)
    assert any("same text as one" in m for m in messages)


def test_bom_crlf_non_utf8_and_large_documents(tmp_path):
    (tmp_path / "bom.md").write_bytes(
        (
            "\ufeff" + GOOD.format(id="bom", date="2020-01-01", text="Ligne un.\r\nLigne deux.")
        ).encode()
    )
    latin = GOOD.format(id="latin", date="2020-01-01", text="Données de santé.").encode("cp1252")
    (tmp_path / "latin.md").write_bytes(latin)
    big = "La CNIL rappelle ses réserves. " * 170_000  # about 5 MB
    _md(tmp_path, "big", text=big)
    table = load_corpus(tmp_path).set_index("doc_id")
    assert table.loc["bom", "text"] == "Ligne un.\nLigne deux."
    assert table.loc["latin", "text"] == "Données de santé."
    assert len(table.loc["big", "text"]) > 5_000_000
    warnings = [str(p) for p in load_corpus(tmp_path).attrs["problems"]]
    assert any("latin.md" in w and "not valid UTF-8" in w for w in warnings)


def test_language_is_detected_when_missing(tmp_path):
    (tmp_path / "x.md").write_text(
        "---\nid: x\ndate: 2020-01-01\ntitle: t\nsource: s\ndoc_type: article\n---\n\n"
        "The data protection authority warned that American law could reach the health data."
    )
    table = load_corpus(tmp_path)
    assert table.loc[0, "language"] == "en"
    assert any("language detected as en" in str(p) for p in table.attrs["problems"])


def test_missing_path_is_reported(tmp_path):
    table = load_corpus(tmp_path / "nowhere")
    assert len(table) == 0
    assert "no such file or folder" in str(table.attrs["problems"][0])


def test_shipped_corpus_meets_the_coverage_targets():
    from controverse import paths

    documents = load_corpus(paths.HDH_CORPUS)
    assert [p for p in documents.attrs["problems"] if p.severity == "error"] == []
    stats = corpus_stats(documents)
    assert stats["documents"] >= 80
    assert stats["french_share"] >= 0.60
    assert stats["english"] >= 10
    assert stats["official"] >= 25
    assert stats["press"] >= 40
    years = set(stats["by_year"]["year"])
    assert {"2019", "2020", "2021", "2022", "2023", "2024"} <= years


def test_shipped_corpus_names_at_least_30_registry_actors():
    from controverse import paths
    from controverse.components.actors import build_alias_regex, find_actor_mentions
    from controverse.registry import load_registry

    regex, groups = build_alias_regex(load_registry())
    documents = load_corpus(paths.HDH_CORPUS)
    named = {
        m.actor_id for text in documents["text"] for m in find_actor_mentions(text, regex, groups)
    }
    assert len(named) >= 30
