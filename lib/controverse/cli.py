"""The ``controverse`` command line: one subcommand per job, each with ``--help``.

Each job lives in ``controverse.commands.<name>`` and exposes ``register(subparsers)``,
which adds its parser and sets ``func`` (called with the parsed args, returns an exit
code). Heavy imports stay inside the ``func`` so that ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from controverse import __version__
from controverse.errors import InputError

COMMAND_MODULES = ("corpus", "extract", "evaluate", "train_stance", "run")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="controverse",
        description="Map a public controversy from its press and official record.",
    )
    parser.add_argument("--version", action="version", version=f"controverse {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"controverse.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"controverse.commands.{name}":
                continue  # job not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"controverse {args.command}: invalid input:\n{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
