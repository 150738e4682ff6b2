"""`controverse corpus validate|stats`: output lines, exit codes, JSON, and room for more jobs."""

import argparse
import json
import sys
import types

import pytest

from controverse.cli import build_parser, main
from controverse.commands import corpus as corpus_command

GOOD = "---\nid: {id}\ndate: 2020-01-01\ntitle: t\nsource: s\ndoc_type: article\nlanguage: fr\n---\n\n{text}\n"


def test_validate_a_clean_corpus_exits_0(mixed_corpus, capsys):
    assert main(["corpus", "validate", str(mixed_corpus)]) == 0
    assert capsys.readouterr().out == "6 documents loaded; 0 error(s), 0 warning(s)\n"


def test_validate_prints_every_problem_one_per_line_and_exits_1(tmp_path, capsys):
    (tmp_path / "a.md").write_text(GOOD.format(id="a", text="Premier texte."))
    (tmp_path / "b.md").write_text("---\nid: b\ndate: someday\nlanguage: fr\n---\n\nTexte.\n")
    (tmp_path / "c.jsonl").write_text('{"id": "c"\n')
    assert main(["corpus", "validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    b, c = tmp_path / "b.md", tmp_path / "c.jsonl"
    assert lines[0].startswith(f"{b} [date]: error: not a date: 'someday'")
    assert lines[1:] == [
        f"{b} [title]: error: required field missing",
        f"{b} [source]: error: required field missing",
        f"{b} [doc_type]: error: required field missing",
        f"{b}: error: document 'b' excluded: 4 error(s)",
        f"{c}:1: error: invalid JSON (column 11: Expecting ',' delimiter); document excluded",
        "1 documents loaded; 6 error(s), 0 warning(s)",
    ]


def test_validate_strict_fails_on_warnings(tmp_path, capsys):
    (tmp_path / "x.md").write_text(
        "---\nid: x\ndate: 2020\ntitle: t\nsource: s\ndoc_type: law\nlanguage: fr\n"
        "url: www.example.org\n---\n\nLe texte de la loi.\n"
    )
    assert main(["corpus", "validate", str(tmp_path)]) == 0
    assert main(["corpus", "validate", "--strict", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0] == f"{tmp_path / 'x.md'} [url]: warning: not an http(s) address: 'www.example.org'"
    )
    assert out[-1] == "1 documents loaded; 0 error(s), 1 warning(s)"


def test_validate_defaults_to_the_shipped_corpus(mixed_corpus, monkeypatch, capsys):
    from controverse import paths

    monkeypatch.setattr(paths, "HDH_CORPUS", mixed_corpus)
    assert main(["corpus", "validate"]) == 0
    assert capsys.readouterr().out.startswith("6 documents loaded")


def test_stats_prints_plain_tables(mixed_corpus, capsys):
    assert main(["corpus", "stats", str(mixed_corpus)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "documents: 6\nFrench share: 83%\nEnglish documents: 1\nofficial texts: 3\n"
        "press articles and op-eds: 3\n\nby year:\n"
    )
    by_year = out.split("by year:\n")[1].split("\n\n")[0].splitlines()
    assert [line.split() for line in by_year] == [
        ["year", "documents"], ["2019", "1"], ["2020", "3"], ["2021", "1"], ["2022", "1"],
    ]  # fmt: skip
    assert "by type:" in out and "court_decision" in out
    assert "by source:" in out and "Politico" in out


def test_stats_json_is_machine_readable(mixed_corpus, tmp_path, capsys):
    (tmp_path / "bad.md").write_text("---\nid: bad\n---\n")
    assert main(["corpus", "stats", "--json", str(mixed_corpus), str(tmp_path)]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["documents"] == 6 and data["english"] == 1 and data["official"] == 3
    assert data["by_language"] == [
        {"language": "fr", "documents": 5},
        {"language": "en", "documents": 1},
    ]
    assert "error(s)" in captured.err  # problems are counted on stderr, never in the JSON


def test_corpus_jobs_are_listed_with_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["corpus", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "validate" in out and "stats" in out and "synth" in out


def test_another_module_can_add_a_corpus_job(monkeypatch, capsys):
    def register_corpus_jobs(jobs: argparse._SubParsersAction) -> None:
        job = corpus_command.add_corpus_subcommand(
            jobs, "synth", lambda args: print(f"fake synth {args.docs}") or 0, help="fake"
        )
        job.add_argument("--docs", type=int)

    module = types.ModuleType("fake_corpus_jobs")
    module.register_corpus_jobs = register_corpus_jobs
    monkeypatch.setitem(sys.modules, "fake_corpus_jobs", module)
    monkeypatch.setattr(corpus_command, "CORPUS_JOB_MODULES", ("fake_corpus_jobs",))
    args = build_parser().parse_args(["corpus", "synth", "--docs", "3"])
    assert args.func(args) == 0
    assert capsys.readouterr().out == "fake synth 3\n"  # replaces the built-in synth


def test_missing_job_module_is_skipped(monkeypatch):
    monkeypatch.setattr(corpus_command, "CORPUS_JOB_MODULES", ("controverse.commands.not_yet",))
    jobs = build_parser()._subparsers._group_actions[0].choices["corpus"]
    names = set(jobs._subparsers._group_actions[0].choices)
    assert names == {"validate", "stats", "synth"}
