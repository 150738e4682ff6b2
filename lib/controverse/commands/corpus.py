"""``controverse corpus validate|stats|synth``."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("corpus", help="validate, summarise or synthesise a corpus")
    jobs = parser.add_subparsers(dest="corpus_command", metavar="JOB", required=True)

    validate = jobs.add_parser(
        "validate", help="report every problem in a corpus, with file, line or field"
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.set_defaults(func=_validate)

    stats = jobs.add_parser("stats", help="coverage: counts by year, type, language, source")
    stats.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    stats.set_defaults(func=_stats)

    synth = jobs.add_parser(
        "synth", help="write a synthetic corpus (clearly marked) for benchmarks"
    )
    synth.add_argument("--docs", type=int, required=True, metavar="N", help="number of documents")
    synth.add_argument("--out", required=True, metavar="DIR", help="output folder")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.set_defaults(func=_synth)


def _validate(args: argparse.Namespace) -> int:
    from controverse.corpus import load_corpus

    documents = load_corpus(args.paths)
    problems = documents.attrs["problems"]
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{len(documents)} documents loaded; {errors} error(s), {warnings} warning(s)")
    return 1 if errors or (args.strict and problems) else 0


def _stats(args: argparse.Namespace) -> int:
    from controverse.corpus import corpus_stats, load_corpus

    documents = load_corpus(args.paths)
    stats = corpus_stats(documents)
    if args.json:
        out = {
            k: (v.to_dict(orient="records") if hasattr(v, "to_dict") else v)
            for k, v in stats.items()
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"documents: {stats['documents']}")
    print(f"French share: {stats['french_share']:.0%}  English: {stats['english']}")
    print(f"official texts: {stats['official']}  press articles and op-eds: {stats['press']}")
    for key, title in (
        ("by_year", "by year"),
        ("by_doc_type", "by type"),
        ("by_language", "by language"),
        ("by_source", "by source"),
    ):
        print(f"\n{title}:")
        print(stats[key].to_string(index=False))
    problems = documents.attrs["problems"]
    if problems:
        print(f"\n{len(problems)} problem(s); run `controverse corpus validate` to list them")
    return 0


def _synth(args: argparse.Namespace) -> int:
    from controverse.synth import write_synthetic_corpus

    count = write_synthetic_corpus(args.docs, args.out, seed=args.seed)
    print(f"wrote {count} synthetic documents to {args.out}")
    return 0
