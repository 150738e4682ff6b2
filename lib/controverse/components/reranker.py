"""A trained reranker over the stance rules: one label per (document, actor, target).

The rules propose statements (actor, target, stance, cue, evidence); the reranker reads all of
one actor's statements toward one target in a document (their rule labels, cues, words of the
evidence, the actor's type) and gives the document-level label: support, oppose, neutral or
none. The statements keep their evidence and cue; a relabelled row says so in its cue
("reranked: oppose -> neutral"); a group judged "none" is not a statement and leaves the table.

It is a multinomial logistic regression, trained by ``controverse train-stance`` on the gold
dev split only (rule statements from a rules-only run against the annotated stances), with the
L2 strength chosen by cross-validation over dev documents. It ships as
``stance_reranker.json`` beside this module and is used only because it beats the rules on
the held-out test split (README, "Measured quality"). Training is deterministic: same repo,
same model.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LABELS = ("none", "support", "oppose", "neutral")
MODEL_FILE = Path(__file__).with_name("stance_reranker.json")
L2_CHOICES = (0.3, 1.0, 3.0, 10.0)
FOLDS = 5
STEPS = 3000
LEARNING_RATE = 0.1
MIN_FEATURE_COUNT = 2
WORD_WEIGHT = 0.2


def features(statements: Iterable, actor_type: str, target_id: str) -> Counter:
    """The features of one (document, actor, target) group of rule statements."""
    found: Counter = Counter()
    for statement in statements:
        found[f"rule={statement.stance}"] += 1
        found[f"rule={statement.stance}|t={target_id}"] += 1
        for cue in str(statement.cue).split("; "):
            found["cue=" + cue.lower()[:30]] += 1
        for word in re.findall(r"\w+", str(statement.evidence).lower()):
            found["w=" + word] += WORD_WEIGHT
    found[f"type={actor_type}"] += 1
    found[f"type={actor_type}|t={target_id}"] += 1
    found["bias"] = 1
    return found


@dataclass
class Reranker:
    vocabulary: dict[str, int]
    weights: list[list[float]]  # one row per feature, one column per label
    l2: float

    def scores(self, found: Counter) -> list[float]:
        totals = [0.0] * len(LABELS)
        for name, value in found.items():
            index = self.vocabulary.get(name)
            if index is None:
                continue
            x = math.log1p(value)
            row = self.weights[index]
            for label in range(len(LABELS)):
                totals[label] += x * row[label]
        return totals

    def label(self, found: Counter) -> str:
        totals = self.scores(found)
        return LABELS[max(range(len(LABELS)), key=lambda i: totals[i])]

    def to_json(self) -> str:
        return json.dumps(
            {
                "labels": LABELS,
                "l2": self.l2,
                "vocabulary": self.vocabulary,
                "weights": [[round(w, 8) for w in row] for row in self.weights],
            },
            ensure_ascii=False,
            indent=0,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str, source: str = "<model>") -> Reranker:
        data = json.loads(text)
        if tuple(data.get("labels", ())) != LABELS:
            raise ValueError(f"{source}: labels {data.get('labels')} are not {LABELS}")
        if len(data["weights"]) != len(data["vocabulary"]):
            raise ValueError(f"{source}: weights and vocabulary differ in length")
        return cls(data["vocabulary"], data["weights"], data["l2"])


def load(path: Path = MODEL_FILE) -> Reranker | None:
    """The shipped reranker, or None when there is no model file."""
    if not path.exists():
        return None
    return Reranker.from_json(path.read_text(encoding="utf-8"), str(path))


def save(model: Reranker, path: Path = MODEL_FILE) -> Path:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(model.to_json() + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


# --------------------------------------------------------------------------- training


def _matrix(samples: Sequence[tuple[str, Counter, str]], vocabulary: dict[str, int]):
    import numpy as np

    x = np.zeros((len(samples), len(vocabulary)))
    for row, (_, found, _) in enumerate(samples):
        for name, value in found.items():
            index = vocabulary.get(name)
            if index is not None:
                x[row, index] = math.log1p(value)
    y = np.array([LABELS.index(label) for _, _, label in samples])
    return x, y


def _vocabulary(samples: Sequence[tuple[str, Counter, str]]) -> dict[str, int]:
    counts = Counter(name for _, found, _ in samples for name in found)
    kept = sorted(name for name, n in counts.items() if n >= MIN_FEATURE_COUNT)
    return {name: index for index, name in enumerate(kept)}


def _fit(x, y, l2: float):
    import numpy as np

    weights = np.zeros((x.shape[1], len(LABELS)))
    targets = np.eye(len(LABELS))[y]
    for _ in range(STEPS):
        z = x @ weights
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        weights -= LEARNING_RATE * (x.T @ (p - targets) + l2 * weights) / len(x)
    return weights


def train(samples: Sequence[tuple[str, Counter, str]]) -> Reranker:
    """Fit on ``samples`` (document id, features, gold label), choosing the L2 strength by
    cross-validation over documents (accuracy; ties go to the stronger regularisation)."""
    documents = sorted({doc_id for doc_id, _, _ in samples})
    if len(documents) < FOLDS:
        raise ValueError(f"need at least {FOLDS} documents to train, got {len(documents)}")
    best = None
    for l2 in L2_CHOICES:
        correct = 0
        for fold in range(FOLDS):
            held = set(documents[fold::FOLDS])
            fit_on = [s for s in samples if s[0] not in held]
            check = [s for s in samples if s[0] in held]
            vocabulary = _vocabulary(fit_on)
            weights = _fit(*_matrix(fit_on, vocabulary), l2)
            x, y = _matrix(check, vocabulary)
            correct += int(((x @ weights).argmax(axis=1) == y).sum())
        if best is None or correct >= best[0]:
            best = (correct, l2)
    vocabulary = _vocabulary(samples)
    weights = _fit(*_matrix(samples, vocabulary), best[1])
    return Reranker(vocabulary, weights.tolist(), best[1])


def training_samples(
    split: str = "dev", gold_dir: Path | str | None = None
) -> list[tuple[str, Counter, str]]:
    """(document id, features, gold label) for every group the stance component proposes on
    ``split`` (rule statements, and actors named in sentences about a target where no rule
    fired), from a rules-only run of the pipelines (never the store: it holds reranked rows)."""
    from controverse import gold as gold_module
    from controverse import nlp as nlp_module

    gold = gold_module.load_gold(split, gold_dir=gold_dir)
    labels = {(s.doc_id, s.actor_id, s.target_id): s.stance for s in gold.stances.itertuples()}
    samples = []
    for document in gold.documents.itertuples():
        language = document.language if document.language in nlp_module.LANGUAGES else "fr"
        nlp = nlp_module.load(language)
        stance = nlp.get_pipe("controverse_stance")
        previous, stance.reranker = stance.reranker, None
        try:
            nlp_module.annotate(nlp, document.text, doc_id=document.doc_id, doc_date=document.date)
        finally:
            stance.reranker = previous
        for (actor_id, target_id), found in stance.group_features(stance.last_groups).items():
            samples.append(
                (document.doc_id, found, labels.get((document.doc_id, actor_id, target_id), "none"))
            )
    return samples


def group(statements: Iterable) -> dict[tuple[str, str], list]:
    groups: dict[tuple[str, str], list] = {}
    for statement in statements:
        groups.setdefault((statement.actor_id, statement.target_id), []).append(statement)
    return groups
