"""The command line: every job has --help; corpus validate and stats report and exit right."""

import subprocess
import sys

import pytest

from controverse.cli import build_parser, main


def test_every_subcommand_has_help(capsys):
    parser = build_parser()
    jobs = parser._subparsers._group_actions[0].choices
    assert {"corpus", "extract", "evaluate", "run"} <= set(jobs)
    for name in jobs:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        assert "usage: controverse" in capsys.readouterr().out


def test_entry_point_is_installed():
    result = subprocess.run(
        [sys.executable, "-m", "controverse.cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("controverse ")


def test_corpus_validate_exit_codes(tmp_path, capsys):
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.md").write_text(
        "---\nid: a\ndate: 2020-01-01\ntitle: t\nsource: s\ndoc_type: article\nlanguage: fr\n---\n\nTexte.\n"
    )
    assert main(["corpus", "validate", str(good)]) == 0
    assert "1 documents loaded; 0 error(s)" in capsys.readouterr().out
    (good / "b.md").write_text("---\nid: b\ndate: someday\n---\n\nTexte.\n")
    assert main(["corpus", "validate", str(good)]) == 1
    out = capsys.readouterr().out
    assert "b.md [date]: error: not a date" in out and "b.md [title]" in out


def test_corpus_stats_prints_coverage(tmp_path, capsys):
    (tmp_path / "a.md").write_text(
        "---\nid: a\ndate: 2021-02-19\ntitle: t\nsource: Numerama\ndoc_type: article\nlanguage: fr\n---\n\nTexte.\n"
    )
    assert main(["corpus", "stats", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "documents: 1" in out and "2021" in out and "Numerama" in out
