"""Loading and validating corpora: every format, every bad input, reported with file and line."""

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from controverse.corpus import (
    content_hash,
    corpus_stats,
    count_tokens,
    load_corpus,
    normalize_doc_type,
    normalize_language,
    parse_date,
)
from controverse.errors import InputError
from controverse.tables import DOC_TYPES

FRONT = """---
id: {id}
date: {date}
title: Un titre
source: Une source
doc_type: article
language: fr
---

{text}
"""

MIXED_IDS = [
    "2019-11-21-arrete-hdh",
    "2020-06-19-ce-ordonnance",
    "2020-10-08-cnil-memoire",
    "2020-10-13-ministere-communique",
    "2021-02-19-cnam-conseil",
    "2022-01-10-withdrawal-en",
]


def write_md(folder: Path, name: str, **fields) -> Path:
    """Write a valid Markdown document ``name.md`` (fields override id, date, text)."""
    values = {"id": name, "date": "2020-06-19", "text": f"Texte du document {name}."} | fields
    path = folder / f"{name}.md"
    path.write_text(FRONT.format(**values), encoding="utf-8")
    return path


def messages(table, severity=None) -> list[str]:
    return [str(p) for p in table.attrs["problems"] if severity in (None, p.severity)]


# ----------------------------------------------------------------------------- formats


def test_mixed_folder_loads_every_format_sorted_by_date(mixed_corpus):
    table = load_corpus(mixed_corpus)
    assert messages(table) == []
    assert list(table.columns) == [
        "doc_id", "date", "title", "source", "doc_type", "language", "url", "n_tokens",
        "text", "date_precision", "path", "content_hash",
    ]  # fmt: skip
    assert list(table["doc_id"]) == MIXED_IDS  # README.md, .hidden.md, *.ann.yml ignored
    assert list(table["date"]) == [
        "2019-11", "2020-06-19", "2020-10-08", "2020-10-13", "2021-02-19", "2022-01",
    ]  # fmt: skip
    assert list(table["date_precision"]) == ["month", "day", "day", "day", "day", "month"]
    rows = table.set_index("doc_id")
    # csv: multi-line quoted text, CRLF normalised; empty url cell is null
    assert rows.loc["2019-11-21-arrete-hdh", "text"] == (
        "Article 1.\nLa convention constitutive du groupement est approuvée."
    )
    assert rows.loc["2019-11-21-arrete-hdh", "n_tokens"] == 9
    assert rows["url"].isna().sum() == 5
    # txt + sidecar: id from the file stem, doc_type and language normalised
    assert rows.loc["2020-10-08-cnil-memoire", "doc_type"] == "opinion"
    assert rows.loc["2020-10-08-cnil-memoire", "language"] == "fr"
    # jsonl: "19/02/2021" is day first, "January 2022" month precision, "English" → en
    assert rows.loc["2022-01-10-withdrawal-en", "language"] == "en"
    # markdown
    assert (
        rows.loc["2020-06-19-ce-ordonnance", "url"] == "https://www.conseil-etat.fr/example/440916"
    )
    assert rows.loc["2020-06-19-ce-ordonnance", "text"].startswith("Le juge des référés")
    assert rows.loc["2020-06-19-ce-ordonnance", "path"] == str(
        (mixed_corpus / "2020-06-19-ce-ordonnance.md").resolve()
    )


def test_html_keeps_main_text_never_scripts(mixed_corpus):
    page = load_corpus(mixed_corpus / "2020-10-13-ministere-communique.html")
    assert messages(page) == []
    row = page.iloc[0]
    assert "quittera Microsoft dans un délai de deux ans" in row["text"]
    assert "Une solution européenne" in row["text"]
    for script_text in ("SECRET-TRACKER-CODE", "INLINE-SCRIPT-TEXT", "document.write", "Accueil"):
        assert script_text not in row["text"]
    assert row["title"] == "Le ministère annonce un changement d'hébergeur"  # from the page
    assert row["language"] == "fr"  # from <html lang>
    assert (row["date"], row["source"]) == (
        "2020-10-13",
        "Ministère des Solidarités et de la Santé",
    )


def test_a_list_of_paths_and_single_files(mixed_corpus):
    table = load_corpus([mixed_corpus / "press.jsonl", str(mixed_corpus / "official.csv")])
    assert list(table["doc_id"]) == [
        "2019-11-21-arrete-hdh", "2021-02-19-cnam-conseil", "2022-01-10-withdrawal-en",
    ]  # fmt: skip


def test_txt_and_html_take_metadata_from_defaults(tmp_path):
    (tmp_path / "2020-note.txt").write_text("La CNIL rappelle ses réserves sur l'hébergement.")
    (tmp_path / "page.htm").write_text(
        "<html><head><title>Titre de page</title></head><body><p>"
        "Le Conseil d'État rejette la demande de suspension.</p></body></html>"
    )
    (tmp_path / "page.json").write_text(json.dumps({"date": "2020-06-19"}))
    defaults = {"date": "2020-10", "title": "Sans titre", "source": "Dossier",
                "doc_type": "report", "language": "fr"}  # fmt: skip
    table = load_corpus(tmp_path, defaults=defaults).set_index("doc_id")
    assert sorted(table.index) == ["2020-note", "page"]
    assert table.loc["2020-note", "date"] == "2020-10"  # from defaults
    assert table.loc["2020-note", "title"] == "Sans titre"
    assert table.loc["page", "date"] == "2020-06-19"  # the .json sidecar wins over defaults
    assert table.loc["page", "title"] == "Titre de page"  # the page wins over defaults


def test_txt_without_title_is_reported(tmp_path):
    (tmp_path / "2020-note.txt").write_text("Un texte.")
    defaults = {"date": "2020-10", "source": "Dossier", "doc_type": "report", "language": "fr"}
    table = load_corpus(tmp_path, defaults=defaults)
    assert len(table) == 0
    assert messages(table) == [
        f"{tmp_path / '2020-note.txt'} [title]: error: required field missing",
        f"{tmp_path / '2020-note.txt'}: error: document '2020-note' excluded: 1 error(s)",
    ]


def test_defaults_fill_blank_fields_only(tmp_path):
    (tmp_path / "d.csv").write_text(
        "id,date,title,source,doc_type,language,text\n"
        "a,2021-03-01,T,,article,,Le texte.\n"
        "b,2021-03-02,T,Le Monde,article,en,The text.\n"
    )
    table = load_corpus(tmp_path, defaults={"source": "Dossier", "language": "fr"})
    assert list(table["source"]) == ["Dossier", "Le Monde"]
    assert list(table["language"]) == ["fr", "en"]


def test_ignored_files(tmp_path):
    write_md(tmp_path, "kept")
    (tmp_path / "README.md").write_text("# About this corpus\n")
    (tmp_path / ".draft.md").write_text("---\nid: draft\n---\n")
    (tmp_path / ".git").mkdir()
    write_md(tmp_path / ".git", "in-hidden-folder")
    (tmp_path / "kept.ann.yml").write_text("mentions: []\n")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    table = load_corpus(tmp_path)
    assert list(table["doc_id"]) == ["kept"]
    assert messages(table) == []


# ----------------------------------------------------------------------------- fields


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-10-13", ("2020-10-13", "day")),
        ("2020-10", ("2020-10", "month")),
        ("2020-1", ("2020-01", "month")),
        ("2020", ("2020", "year")),
        (2020, ("2020", "year")),
        ("2020-10-13T08:00:00", ("2020-10-13", "day")),
        ("2020-10-13T08:00:00+02:00", ("2020-10-13", "day")),
        (dt.date(2020, 10, 13), ("2020-10-13", "day")),
        (dt.datetime(2020, 10, 13, 8, 0), ("2020-10-13", "day")),
        ("13/10/2020", ("2020-10-13", "day")),
        ("13.10.2020", ("2020-10-13", "day")),
        ("13 octobre 2020", ("2020-10-13", "day")),
        ("1er octobre 2020", ("2020-10-01", "day")),
        ("octobre 2020", ("2020-10", "month")),
        ("October 13, 2020", ("2020-10-13", "day")),
    ],
)
def test_dates_are_parsed_to_iso_with_precision(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2020-13-45", "month must be in 1..12"),
        ("2020-02-30", "day is out of range"),
        ("2020-13", "month must be in 1..12"),
        ("10/13/2020", "month must be in 1..12"),  # day first, always
        ("someday", "not a date"),
        ("hier", "not a date"),  # no year written: no fixed date
    ],
)
def test_invalid_dates_raise_with_the_value(value, reason):
    with pytest.raises(ValueError) as info:
        parse_date(value)
    assert reason in str(info.value) and repr(value) in str(info.value)


@pytest.mark.parametrize(
    ("value", "code"),
    [("fr", "fr"), ("FR", "fr"), ("French", "fr"), ("français", "fr"), ("fr-FR", "fr"),
     ("en_GB", "en"), ("anglais", "en"), (" EN ", "en")],
)  # fmt: skip
def test_languages_are_normalised(value, code):
    assert normalize_language(value) == code


def test_unknown_language_and_doc_type_are_explained():
    with pytest.raises(ValueError, match="not a language code: 'Klingon!'"):
        normalize_language("Klingon!")
    assert normalize_doc_type("Court Decision") == "court_decision"
    assert normalize_doc_type("PRESS-RELEASE") == "press_release"
    with pytest.raises(ValueError) as info:
        normalize_doc_type("memo")
    assert str(info.value) == f"unknown doc_type 'memo' (allowed: {', '.join(DOC_TYPES)})"


def test_tokens_and_content_hash():
    assert count_tokens("L'Assurance maladie s'oppose, 2 fois !") == 5
    assert count_tokens("") == 0
    expected = hashlib.sha256(b"Un texte.\nDeux.").hexdigest()
    assert content_hash("\ufeff\n\nUn texte.\r\nDeux.\r\n") == expected


# ----------------------------------------------------------------------------- bad input


def test_every_problem_is_reported_at_once_and_documents_excluded(tmp_path):
    write_md(tmp_path, "ok")
    write_md(tmp_path, "bad-date", date="2020-13-45")
    (tmp_path / "blank.md").write_text(
        "---\nid: bl\ndate: 2020-01-01\ntitle: ''\nsource:\ndoc_type: memo\nlanguage: fr\n---\n\nx\n"
    )
    write_md(tmp_path, "empty", text="")
    table = load_corpus(tmp_path)
    assert list(table["doc_id"]) == ["ok"]
    assert messages(table) == [
        f"{tmp_path / 'bad-date.md'} [date]: error: invalid date '2020-13-45': month must be in 1..12",
        f"{tmp_path / 'bad-date.md'}: error: document 'bad-date' excluded: 1 error(s)",
        f"{tmp_path / 'blank.md'} [title]: error: required field is blank",
        f"{tmp_path / 'blank.md'} [source]: error: required field missing",
        f"{tmp_path / 'blank.md'} [doc_type]: error: unknown doc_type 'memo' (allowed: {', '.join(DOC_TYPES)})",
        f"{tmp_path / 'blank.md'}: error: document 'bl' excluded: 3 error(s)",
        f"{tmp_path / 'empty.md'} [text]: error: empty text",
        f"{tmp_path / 'empty.md'}: error: document 'empty' excluded: 1 error(s)",
    ]


def test_missing_fields_are_each_named(tmp_path):
    (tmp_path / "bare.md").write_text("---\nid: bare\n---\n\nSome text here.\n")
    problems = load_corpus(tmp_path).attrs["problems"]
    fields = [p.field for p in problems if p.severity == "error"]
    assert fields == ["date", "title", "source", "doc_type", None]


def test_malformed_front_matter_names_the_line(tmp_path):
    (tmp_path / "broken.md").write_text(
        "---\nid: br\ndate: 2020-01-01\ntitle: [unclosed\n---\n\nx\n"
    )
    (tmp_path / "no-front.md").write_text("# Just a heading\n\nText.\n")
    (tmp_path / "unclosed.md").write_text("---\nid: u\ntitle: t\n")
    (tmp_path / "list.md").write_text("---\n- a\n- b\n---\ntext\n")
    write_md(tmp_path, "fine")
    table = load_corpus(tmp_path)
    assert list(table["doc_id"]) == ["fine"]
    problems = {Path(p.file).name: p for p in table.attrs["problems"]}
    assert problems["broken.md"].line == 5  # where YAML gives up
    assert problems["broken.md"].message == (
        "malformed front matter: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence from line 4); document excluded"
    )
    assert "no YAML front matter" in problems["no-front.md"].message
    assert "never closed" in problems["unclosed.md"].message
    assert "not a mapping" in problems["list.md"].message


def test_yaml_error_line_counts_from_the_file_start(tmp_path):
    (tmp_path / "tab.md").write_text('---\nid: t\ndate: 2020-01-01\ntitle: "open\n---\n\nx\n')
    (problem,) = load_corpus(tmp_path).attrs["problems"]
    assert problem.file == str(tmp_path / "tab.md")
    assert problem.line in (4, 5)  # the opening quote, or the end where YAML gives up
    assert "malformed front matter" in problem.message


def test_jsonl_errors_name_the_line(tmp_path):
    good = {"id": "a", "date": "2020", "title": "t", "source": "s", "doc_type": "law",
            "language": "fr", "text": "Un texte."}  # fmt: skip
    lines = [
        json.dumps(good),
        "{not json",
        "",
        json.dumps({**good, "id": "b", "date": "nope"}),
        "[1, 2]",
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(lines), encoding="utf-8")
    table = load_corpus(tmp_path / "d.jsonl")
    assert list(table["doc_id"]) == ["a"]
    found = messages(table)
    assert found[0].startswith(f"{tmp_path / 'd.jsonl'}:2: error: invalid JSON (column 2")
    assert found[1].startswith(f"{tmp_path / 'd.jsonl'}:4 [date]: error: not a date: 'nope'")
    assert found[2] == f"{tmp_path / 'd.jsonl'}:4: error: document 'b' excluded: 1 error(s)"
    assert found[3] == f"{tmp_path / 'd.jsonl'}:5: error: not a JSON object; document excluded"


def test_csv_errors_name_the_row_first_line(tmp_path):
    (tmp_path / "d.csv").write_text(
        "ID,Date,Title,Source,Doc_Type,Language,Text\n"
        'a,2020-01-02,T,S,article,fr,"Un texte\nsur deux lignes."\n'
        "\n"
        "b,2020-13-01,T,S,article,fr,Texte b.\n"
        "c,2020-01-03,T,S,article,fr,Texte c.,extra\n"
    )
    table = load_corpus(tmp_path)
    assert list(table["doc_id"]) == ["a"]
    assert table.loc[0, "text"] == "Un texte\nsur deux lignes."
    assert [(p.line, p.field) for p in table.attrs["problems"]] == [
        (5, "date"),
        (5, None),
        (6, None),
    ]
    assert "8 values for 7 header columns" in messages(table)[2]


def test_non_utf8_bytes_are_reported_and_the_batch_goes_on(tmp_path):
    latin = FRONT.format(id="latin", date="2020-01-01", text="Données de santé.").encode("cp1252")
    (tmp_path / "latin.md").write_bytes(latin)
    write_md(tmp_path, "utf8")
    table = load_corpus(tmp_path).set_index("doc_id")
    assert sorted(table.index) == ["latin", "utf8"]
    assert table.loc["latin", "text"] == "Données de santé."  # read as cp1252
    (warning,) = table.attrs["problems"]
    offset = latin.index("é".encode("cp1252"))
    assert (warning.file, warning.line, warning.severity) == (
        str(tmp_path / "latin.md"),
        10,
        "warning",
    )
    assert f"not valid UTF-8 (byte offset {offset}: b'\\xe9')" in warning.message


def test_bom_and_crlf_are_normalised(tmp_path):
    text = "\ufeff" + FRONT.format(id="bom", date="2020-01-01", text="Ligne un.\nLigne deux.\n")
    (tmp_path / "bom.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    table = load_corpus(tmp_path)
    assert messages(table) == []
    assert table.loc[0, "doc_id"] == "bom"
    assert table.loc[0, "title"] == "Un titre"
    assert table.loc[0, "text"] == "Ligne un.\nLigne deux."  # offsets index this text
    assert table.loc[0, "content_hash"] == hashlib.sha256(b"Ligne un.\nLigne deux.").hexdigest()


def test_a_5_mb_document_loads(tmp_path):
    sentence = "La CNIL rappelle ses réserves sur l'hébergement des données. "
    big = sentence * (5_000_000 // len(sentence) + 1)
    write_md(tmp_path, "big", text=big)
    table = load_corpus(tmp_path)
    assert messages(table) == []
    assert len(table.loc[0, "text"]) >= 5_000_000 - 1
    assert table.loc[0, "n_tokens"] == 9 * (5_000_000 // len(sentence) + 1)


def test_language_is_detected_when_missing_with_a_warning(tmp_path):
    (tmp_path / "x.md").write_text(
        "---\nid: x\ndate: 2020-01-01\ntitle: t\nsource: s\ndoc_type: article\n---\n\n"
        "The data protection authority warned that American law could reach the health data."
    )
    table = load_corpus(tmp_path)
    assert table.loc[0, "language"] == "en"
    assert messages(table) == [
        f"{tmp_path / 'x.md'} [language]: warning: language detected as en (no language field)"
    ]


def test_duplicates_are_reported_never_merged(tmp_path):
    first = write_md(tmp_path, "one", text="Le même texte.")
    copy = tmp_path / "zz-copy.md"
    copy.write_text(FRONT.format(id="one", date="2020-01-01", text="Autre chose."))
    same_text = write_md(tmp_path, "two", text="Le  MÊME texte !")
    (tmp_path / "urls.jsonl").write_text(
        "\n".join(
            json.dumps(
                {
                    "id": i,
                    "date": "2021",
                    "title": "t",
                    "source": "s",
                    "doc_type": "article",
                    "language": "fr",
                    "text": f"Texte {i}.",
                    "url": "https://x.fr/a",
                }
            )
            for i in ("u1", "u2")
        )  # fmt: skip
    )
    table = load_corpus(tmp_path)
    assert sorted(table["doc_id"]) == ["one", "two", "u1", "u2"]  # same url/text: both kept
    assert table.set_index("doc_id").loc["one", "text"] == "Le même texte."  # first kept
    assert messages(table) == [
        f"{same_text} [text]: warning: same text as 'one' in {first} "
        "(ignoring case, accents and punctuation; both kept)",
        f"{tmp_path / 'urls.jsonl'}:2 [url]: warning: same url as 'u1' in "
        f"{tmp_path / 'urls.jsonl'}:1 (both kept)",
        f"{copy} [id]: error: duplicate id 'one', first in {first}; document excluded",
    ]


def test_strict_raises_listing_every_problem_only_when_errors(tmp_path):
    write_md(tmp_path, "ok")
    write_md(tmp_path, "bad", date="2020-13-45")
    write_md(tmp_path, "worse", date="never")
    with pytest.raises(InputError) as info:
        load_corpus(tmp_path, strict=True)
    assert len(info.value.problems) == 4  # two errors, two "excluded"
    assert "bad.md [date]" in str(info.value) and "worse.md [date]" in str(info.value)

    warnings_only = tmp_path / "warnings-only"
    warnings_only.mkdir()
    (warnings_only / "x.md").write_text(
        "---\nid: x\ndate: 2020\ntitle: t\nsource: s\ndoc_type: law\n---\n\n"
        "Le texte de loi est publié au Journal officiel de la République française."
    )
    table = load_corpus(warnings_only, strict=True)
    assert list(table["doc_id"]) == ["x"]
    assert [p.severity for p in table.attrs["problems"]] == ["warning"]


def test_missing_path_and_unsupported_file(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    table = load_corpus([tmp_path / "nowhere", tmp_path / "notes.docx"])
    assert len(table) == 0
    assert list(table.columns[:2]) == ["doc_id", "date"]
    assert messages(table)[0] == f"{tmp_path / 'nowhere'}: error: no such file or folder"
    assert messages(table)[1].startswith(
        f"{tmp_path / 'notes.docx'}: error: unsupported file type '.docx'"
    )


def test_same_date_sorts_by_id(tmp_path):
    for name in ("c", "a", "b"):
        write_md(tmp_path, name, date="2020-05-05")
    write_md(tmp_path, "z", date="2019")
    assert list(load_corpus(tmp_path)["doc_id"]) == ["z", "a", "b", "c"]


# ----------------------------------------------------------------------------- stats


def test_corpus_stats_counts(mixed_corpus):
    stats = corpus_stats(load_corpus(mixed_corpus))
    assert stats["documents"] == 6
    assert stats["french_share"] == pytest.approx(5 / 6)
    assert stats["english"] == 1
    assert stats["official"] == 3  # law, court_decision, press_release
    assert stats["press"] == 3  # two articles and one opinion
    assert stats["by_year"].to_dict("records") == [
        {"year": "2019", "documents": 1},
        {"year": "2020", "documents": 3},
        {"year": "2021", "documents": 1},
        {"year": "2022", "documents": 1},
    ]
    assert stats["by_doc_type"].to_dict("records")[0] == {"doc_type": "article", "documents": 2}
    assert stats["by_language"].to_dict("records") == [
        {"language": "fr", "documents": 5},
        {"language": "en", "documents": 1},
    ]
    assert len(stats["by_source"]) == 6


def test_corpus_stats_of_an_empty_table(tmp_path):
    stats = corpus_stats(load_corpus(tmp_path))
    assert stats["documents"] == 0 and stats["french_share"] == 0.0 and stats["official"] == 0
    assert list(stats["by_year"].columns) == ["year", "documents"] and len(stats["by_year"]) == 0


# ----------------------------------------------------------------------------- shipped corpus


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


def test_numbers_and_lists_in_fields(tmp_path):
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": 0, "date": 2021, "title": 7, "source": "s", "doc_type": "report",
                    "language": "fr", "text": "Le rapport annuel."}) + "\n"
        + json.dumps({"id": "l", "date": "2021", "title": ["a", "b"], "source": "s",
                      "doc_type": "report", "language": "fr", "text": "Texte."})
    )  # fmt: skip
    table = load_corpus(tmp_path)
    assert table.loc[0, ["doc_id", "date", "title"]].tolist() == ["0", "2021", "7"]
    assert messages(table)[0] == (
        f"{tmp_path / 'd.jsonl'}:2 [title]: error: expected a single value, got list"
    )
