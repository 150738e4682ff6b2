"""The synthetic corpus is deterministic, marked synthetic, loadable, and quotes nobody real."""

import frontmatter

from controverse.synth import synthetic_documents, write_synthetic_corpus

ACTORS = """
- id: cnil
  label: CNIL
  type: regulator
  aliases: {fr: [CNIL], en: [French data protection authority]}
- id: microsoft
  label: Microsoft
  type: company
  aliases: {fr: [Microsoft], en: [Microsoft]}
- id: cedric-o
  label: Cédric O
  type: person
  aliases: {fr: [Cédric O], en: [Cédric O]}
"""


def test_synthetic_documents_are_deterministic_and_marked(tmp_path):
    actors = tmp_path / "actors.yml"
    actors.write_text(ACTORS)
    first = list(synthetic_documents(30, seed=7, actors_path=actors))
    again = list(synthetic_documents(30, seed=7, actors_path=actors))
    other = list(synthetic_documents(30, seed=8, actors_path=actors))
    assert first == again and first != other
    assert all(d["synthetic"] is True and d["title"].startswith("[synthetic]") for d in first)
    assert {d["language"] for d in first} == {"fr", "en"}
    assert len({d["doc_type"] for d in first}) > 3
    lengths = sorted(len(d["text"]) for d in first)
    assert lengths[-1] > 3 * lengths[0], "varied lengths"
    text = " ".join(d["text"] for d in first)
    assert "CNIL" in text  # registry actors are mentioned
    assert "Cédric O" not in text  # persons never appear


def test_written_corpus_has_one_markdown_file_per_document(tmp_path):
    actors = tmp_path / "actors.yml"
    actors.write_text(ACTORS)
    assert write_synthetic_corpus(12, tmp_path / "out", seed=1, actors_path=actors) == 12
    files = sorted((tmp_path / "out").glob("*.md"))
    assert len(files) == 12
    post = frontmatter.load(files[0])
    assert post["id"] == "synthetic-00000" and post["synthetic"] is True
    assert post.content.strip()
    assert not list((tmp_path / "out").glob(".*.tmp"))
