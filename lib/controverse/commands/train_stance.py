"""``controverse train-stance``: train the stance reranker on the gold dev split."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from controverse.components.reranker import MODEL_FILE

    parser = subparsers.add_parser(
        "train-stance",
        help="train the stance reranker on the gold dev split (deterministic)",
        description=(
            "Run the stance rules alone on the gold dev documents, fit the reranker "
            "(logistic regression, L2 chosen by cross-validation over dev documents) on the "
            "annotated stances, and write the model (default: the shipped file). The test "
            "split is never read. Re-running on the same repository gives the same model."
        ),
    )
    parser.add_argument(
        "--out", default=str(MODEL_FILE), help=f"model file to write (default: {MODEL_FILE})"
    )
    parser.add_argument("--gold-dir", default=None, help="gold folder (default: corpus/gold)")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from collections import Counter

    from controverse.components import reranker

    samples = reranker.training_samples("dev", gold_dir=args.gold_dir)
    model = reranker.train(samples)
    path = reranker.save(model, Path(args.out))
    labels = Counter(label for _, _, label in samples)
    print(
        f"trained on {len(samples)} groups of {len({s[0] for s in samples})} dev documents "
        f"({', '.join(f'{k} {v}' for k, v in sorted(labels.items()))}); "
        f"L2 {model.l2}, {len(model.vocabulary)} features -> {path}"
    )
    return 0
