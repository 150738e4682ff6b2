"""``controverse evaluate``: score the extraction against the hand-annotated gold set."""

from __future__ import annotations

import argparse
import json
import math
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="score the extraction on the gold set (precision, recall, F1 per task)",
        description=(
            "Run the extraction on the gold documents of a split (cached in the build store) "
            "and print precision, recall and F1 per task: mentions (span + actor), quotes "
            "(overlap 0.3 and 0.8, as the Gender Gap Tracker), speakers (accuracy), stances "
            "(average F1 of support and oppose, as SemEval-2016) and event dates. Tune on "
            "dev; test is held out."
        ),
    )
    parser.add_argument(
        "--split",
        choices=("dev", "test", "all"),
        default="test",
        help="gold split to score (default: test)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="also list false positives and negatives per task (use on dev)",
    )
    parser.add_argument(
        "--validate",
        action="store_true",
        help="only validate the gold files and print their statistics (no extraction)",
    )
    parser.add_argument(
        "--audit",
        action="store_true",
        help="with --validate: also list likely omissions (unannotated aliases, quote marks)",
    )
    parser.add_argument("--gold-dir", default=None, help="gold folder (default: corpus/gold)")
    parser.set_defaults(func=_run)


def _jsonable(frame) -> list[dict]:
    records = []
    for rec in frame.to_dict("records"):
        clean = {}
        for key, value in rec.items():
            if value is None or (isinstance(value, float) and math.isnan(value)):
                clean[key] = None
            elif hasattr(value, "item"):
                clean[key] = value.item()
            else:
                try:
                    import pandas as pd

                    clean[key] = None if pd.isna(value) else value
                except (TypeError, ValueError):
                    clean[key] = value
        records.append(clean)
    return records


def _validate(args: argparse.Namespace) -> int:
    from controverse.gold import audit_gold, gold_stats, load_gold

    gold = load_gold(args.split, args.gold_dir, strict=False)
    errors = [p for p in gold.problems if p.severity == "error"]
    stats = gold_stats(gold=gold)
    audit = audit_gold(gold=gold) if args.audit else None
    if args.json:
        print(
            json.dumps(
                {
                    "problems": [
                        {
                            "file": p.file,
                            "line": p.line,
                            "field": p.field,
                            "severity": p.severity,
                            "message": p.message,
                        }
                        for p in gold.problems
                    ],
                    "stats": _jsonable(stats),
                    "audit": None if audit is None else _jsonable(audit),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in gold.problems:
            print(problem)
        print(f"{len(errors)} error(s), {len(gold.problems) - len(errors)} warning(s)")
        print(stats.to_string(index=False))
        if audit is not None:
            print(f"\naudit: {len(audit)} item(s) to check by hand")
            if len(audit):
                print(audit.to_string(index=False))
    return 1 if errors else 0


def _run(args: argparse.Namespace) -> int:
    if args.validate:
        return _validate(args)
    import pandas as pd

    from controverse.evaluate import error_analysis, evaluate, format_report, predict
    from controverse.gold import load_gold

    gold = load_gold(args.split, args.gold_dir)
    if len(gold) == 0:
        print(f"controverse evaluate: no gold documents in split {args.split!r}", file=sys.stderr)
        return 2
    predictions = predict(gold)
    table = evaluate(args.split, predictions=predictions, gold=gold)
    errors = error_analysis(args.split, predictions=predictions, gold=gold) if args.errors else {}
    if args.json:
        payload: dict = {"split": args.split, "n_documents": len(gold), "scores": _jsonable(table)}
        if args.errors:
            payload["errors"] = {name: _jsonable(frame) for name, frame in errors.items()}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(format_report(table))
    if args.errors:
        with pd.option_context("display.max_colwidth", 120, "display.width", 200):
            for name, frame in errors.items():
                print(f"\n== {name} ({len(frame)})")
                if len(frame):
                    print(frame.drop(columns=["doc_id"], errors="ignore").to_string(index=False))
    return 0
