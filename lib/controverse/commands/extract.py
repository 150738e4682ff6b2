"""``controverse extract``: the five tables of a corpus as Parquet and CSV."""

from __future__ import annotations

import argparse

from controverse import paths


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract mentions, quotes, statements and events; write the tables",
        description=(
            "Extract the five tables of a corpus (any format the loader reads) and write each "
            "as Parquet and CSV. Documents already in the annotation store with the same text "
            "and pipeline are not parsed again."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="corpus files or folders")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.add_argument("--lang", choices=("auto", "fr", "en"), default="auto")
    parser.add_argument("--n-process", type=int, default=1, metavar="N")
    parser.add_argument("--no-cache", action="store_true", help="parse every document again")
    parser.add_argument("--store", default=str(paths.STORE_PATH), help="annotation store file")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler")
    parser.add_argument("--model-size", choices=("sm", "md"), default="md", help="French model")
    parser.set_defaults(func=_extract)


def _extract(args: argparse.Namespace) -> int:
    from controverse.corpus import load_corpus
    from controverse.extract import run, write_tables

    documents = load_corpus(args.paths)
    for problem in documents.attrs["problems"]:
        print(problem)
    tables = run(
        documents,
        lang=args.lang,
        n_process=args.n_process,
        store_path=args.store,
        use_cache=not args.no_cache,
        engine=args.engine,
        scheduler=args.scheduler,
        model_size=args.model_size,
    )
    for row in tables["problems"].itertuples():
        print(f"{row.doc_id}: {row.problem}")
    write_tables(tables, args.out)
    for name in ("documents", "mentions", "quotes", "statements", "events"):
        print(f"{name}: {len(tables[name])} rows")
    print(f"tables written to {args.out}")
    return 0
