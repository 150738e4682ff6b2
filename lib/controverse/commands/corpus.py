"""``controverse corpus validate|stats|synth``.

The ``corpus`` command holds several jobs. To add one from another module, give that module
a ``register_corpus_jobs(jobs)`` function that calls :func:`add_corpus_subcommand` (or
``jobs.add_parser``) and name the module in :data:`CORPUS_JOB_MODULES`; a listed module that
does not exist yet is skipped. A job's ``func`` gets the parsed args and returns an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable

# Modules that add jobs to `controverse corpus` (each defines register_corpus_jobs(jobs)).
CORPUS_JOB_MODULES: tuple[str, ...] = ("controverse.commands.corpus_synth",)

STATS_TABLES = (
    ("by_year", "by year"),
    ("by_doc_type", "by type"),
    ("by_language", "by language"),
    ("by_source", "by source"),
)


def add_corpus_subcommand(
    jobs: argparse._SubParsersAction,
    name: str,
    func: Callable[[argparse.Namespace], int],
    *,
    help: str,
) -> argparse.ArgumentParser:
    """Add job ``name`` to ``controverse corpus`` and return its parser (add arguments to it)."""
    parser = jobs.add_parser(name, help=help, description=help)
    parser.set_defaults(func=func)
    return parser


def _add_paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="corpus files or folders (default: the shipped corpus, corpus/hdh)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``corpus`` and its jobs (validate, stats, then those of CORPUS_JOB_MODULES)."""
    parser = subparsers.add_parser(
        "corpus", help="validate, summarise or synthesise a corpus", description=__doc__
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    jobs = parser.add_subparsers(dest="corpus_command", metavar="JOB", required=True)

    validate = add_corpus_subcommand(
        jobs, "validate", run_validate, help="report every problem, with file, line and field"
    )
    _add_paths_argument(validate)
    validate.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too, not only on errors"
    )

    stats = add_corpus_subcommand(
        jobs, "stats", run_stats, help="coverage: totals and counts by year, type, language, source"
    )
    _add_paths_argument(stats)
    stats.add_argument("--json", action="store_true", help="machine-readable output")

    for module_name in CORPUS_JOB_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue  # job not built yet
        module.register_corpus_jobs(jobs)
    if "synth" not in jobs.choices:
        _add_builtin_synth(jobs)


def _add_builtin_synth(jobs: argparse._SubParsersAction) -> None:
    # Kept here until controverse.commands.corpus_synth provides `synth` (then it is skipped).
    synth = add_corpus_subcommand(
        jobs, "synth", run_synth, help="write a synthetic corpus (clearly marked) for benchmarks"
    )
    synth.add_argument("--docs", type=int, required=True, metavar="N", help="number of documents")
    synth.add_argument("--out", required=True, metavar="DIR", help="output folder")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")


def _corpus_paths(args: argparse.Namespace) -> list[str]:
    from controverse import paths

    return args.paths or [str(paths.HDH_CORPUS)]


def validation_summary(n_documents: int, problems: list) -> str:
    """The last line of ``corpus validate``: documents loaded, errors, warnings."""
    errors = sum(p.severity == "error" for p in problems)
    return f"{n_documents} documents loaded; {errors} error(s), {len(problems) - errors} warning(s)"


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem then a summary; 1 when any error (any problem with --strict)."""
    from controverse.corpus import load_corpus

    documents = load_corpus(_corpus_paths(args))
    problems = documents.attrs["problems"]
    for problem in problems:
        print(problem)
    print(validation_summary(len(documents), problems))
    has_errors = any(p.severity == "error" for p in problems)
    return 1 if has_errors or (args.strict and problems) else 0


def stats_as_json(stats: dict) -> dict:
    """corpus_stats output with its tables as lists of records (JSON-ready)."""
    return {
        key: value.to_dict(orient="records") if hasattr(value, "to_dict") else value
        for key, value in stats.items()
    }


def format_stats(stats: dict) -> str:
    """corpus_stats output as plain text: totals then one table per dimension."""
    lines = [
        f"documents: {stats['documents']}",
        f"French share: {stats['french_share']:.0%}",
        f"English documents: {stats['english']}",
        f"official texts: {stats['official']}",
        f"press articles and op-eds: {stats['press']}",
    ]
    for key, title in STATS_TABLES:
        table = stats[key]
        lines += ["", f"{title}:", table.to_string(index=False) if len(table) else "(none)"]
    return "\n".join(lines)


def run_stats(args: argparse.Namespace) -> int:
    """Print the corpus coverage (text or --json); problems are counted on stderr."""
    from controverse.corpus import corpus_stats, load_corpus

    documents = load_corpus(_corpus_paths(args))
    stats = corpus_stats(documents)
    if args.json:
        json.dump(stats_as_json(stats), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(format_stats(stats))
    problems = documents.attrs["problems"]
    if problems:
        print(
            f"{validation_summary(len(documents), problems)}; "
            "run `controverse corpus validate` to list them",
            file=sys.stderr,
        )
    return 0


def run_synth(args: argparse.Namespace) -> int:
    """Write ``--docs`` synthetic documents to ``--out``."""
    from controverse.synth import write_synthetic_corpus

    count = write_synthetic_corpus(args.docs, args.out, seed=args.seed)
    print(f"wrote {count} synthetic documents to {args.out}")
    return 0
