"""``controverse run``: execute the notebooks with Papermill and build the reader site."""

from __future__ import annotations

import argparse

from controverse import paths


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="execute the notebooks, write figures/ and the reader site build/site/",
        description=(
            "Execute the notebooks with Papermill (in order; those whose metadata declares "
            "they need only some earlier notebooks side by side), write executed copies to "
            "build/notebooks/, figures to figures/, and reader HTML plus index.html to "
            "build/site/. Unchanged notebooks are skipped unless --force."
        ),
    )
    parser.add_argument(
        "--params",
        default=str(paths.PARAMS_DIR / "default.yaml"),
        help="parameter set YAML (default: notebooks/params/default.yaml)",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these notebooks (name or NN prefix)"
    )
    parser.add_argument("--force", action="store_true", help="execute even unchanged notebooks")
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="notebooks executed at once (default: one per CPU, at most 4; 1 runs them in turn)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from controverse.runner import run_notebooks

    report = run_notebooks(args.params, only=args.only, force=args.force, jobs=args.jobs)
    failed = [r for r in report.results if r.status == "failed"]
    for result in failed:
        print(f"FAILED {result.name}: {result.error}")
    return 1 if failed else 0
