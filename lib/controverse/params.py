"""Notebook parameters: the known names, their types and checks, and parameter-set files.

Every notebook calls ``validate_params(globals_subset)`` right after its ``parameters``
cell, and the runner validates a parameter set before executing anything, so a bad value
fails at once with a message naming the parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from controverse import paths
from controverse.errors import InputError, Problem

NETWORK_KINDS = ("congruence", "conflict", "subtract", "co-mention", "two-mode")
NORMALIZATIONS = ("none", "average", "jaccard", "cosine")
LANGUAGES = ("all", "fr", "en")
ENGINES = ("local", "dask")
WINDOWS = ("sentence", "paragraph")


@dataclass(frozen=True)
class ParamSpec:
    """What one parameter must be: its Python type(s) and an optional extra check."""

    types: tuple[type, ...]
    check: Callable[[Any], str | None] | None = None
    doc: str = ""


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of {', '.join(choices)}"

    return check


def _iso_date(value: Any) -> str | None:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return "must be an ISO date YYYY-MM-DD"
    return None


def _non_negative(value: Any) -> str | None:
    return None if value >= 0 else "must be >= 0"


def _positive(value: Any) -> str | None:
    return None if value >= 1 else "must be >= 1"


def _existing_path(value: Any) -> str | None:
    return None if resolve_path(value).exists() else f"path does not exist: {resolve_path(value)}"


def _probability(value: Any) -> str | None:
    return None if 0 <= value <= 1 else "must be between 0 and 1"


def _string_list(value: Any) -> str | None:
    if not all(isinstance(item, str) for item in value):
        return "must be a list of strings"
    return None


PARAM_SPECS: dict[str, ParamSpec] = {
    "corpus_path": ParamSpec((str,), _existing_path, "corpus file or folder"),
    "actors_path": ParamSpec((str,), _existing_path, "actor registry YAML"),
    "targets_path": ParamSpec((str,), _existing_path, "stance targets YAML"),
    "date_from": ParamSpec((str,), _iso_date, "first document date kept"),
    "date_to": ParamSpec((str,), _iso_date, "last document date kept"),
    "language": ParamSpec((str,), _one_of(LANGUAGES), "documents kept: all, fr or en"),
    "targets": ParamSpec((list,), _string_list, "stance target ids analysed"),
    "network_kind": ParamSpec((str,), _one_of(NETWORK_KINDS)),
    "normalization": ParamSpec((str,), _one_of(NORMALIZATIONS)),
    "co_mention_window": ParamSpec((str,), _one_of(WINDOWS)),
    "min_edge_weight": ParamSpec((int, float), _non_negative),
    "min_confidence": ParamSpec((int, float), _probability),
    "max_documents": ParamSpec((int,), _non_negative, "0 keeps every document"),
    "top_n": ParamSpec((int,), _positive),
    "n_process": ParamSpec((int,), _positive),
    "engine": ParamSpec((str,), _one_of(ENGINES)),
    "scheduler": ParamSpec((str,), None, "Dask scheduler address; empty for a LocalCluster"),
    "model_size": ParamSpec((str,), _one_of(("sm", "md")), "French spaCy model size"),
    "split": ParamSpec((str,), _one_of(("dev", "test", "all"))),
    "output_dir": ParamSpec((str,), None, "where figures are written"),
    "tables_dir": ParamSpec((str,), None, "where extracted tables are written"),
    "store_path": ParamSpec((str,), None, "annotation store (DuckDB file)"),
    "seed": ParamSpec((int,), None),
    "png": ParamSpec((bool,), None, "also write PNG figures"),
}


def resolve_path(value: str | Path) -> Path:
    """A parameter path: absolute as given, relative ones against the project root."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else paths.PROJECT_ROOT / path


def validate_params(params: Mapping[str, Any], *, source: str = "parameters") -> dict[str, Any]:
    """Check every known parameter in ``params``; return them unchanged or raise InputError.

    Unknown names are errors too (a typo must not be silently ignored). Cross-parameter
    checks: date_from <= date_to; targets exist in the targets file.
    """
    problems: list[Problem] = []

    def bad(name: str, message: str) -> None:
        problems.append(Problem(file=source, field=name, message=message))

    for name, value in params.items():
        spec = PARAM_SPECS.get(name)
        if spec is None:
            bad(name, f"unknown parameter (known: {', '.join(sorted(PARAM_SPECS))})")
            continue
        if isinstance(value, bool) and bool not in spec.types:
            bad(name, f"wrong type: expected {_type_names(spec)}, got bool {value!r}")
            continue
        if not isinstance(value, spec.types):
            bad(
                name,
                f"wrong type: expected {_type_names(spec)}, got {type(value).__name__} {value!r}",
            )
            continue
        if spec.check is not None:
            message = spec.check(value)
            if message:
                bad(name, f"{message} (got {value!r})")

    names_ok = {p.field for p in problems}
    if "date_from" in params and "date_to" in params and not names_ok & {"date_from", "date_to"}:
        if str(params["date_from"]) > str(params["date_to"]):
            bad(
                "date_to",
                f"date range reversed: date_from {params['date_from']} is after date_to "
                f"{params['date_to']}",
            )
    if "targets" in params and "targets" not in names_ok:
        known = _known_target_ids(params.get("targets_path"))
        if known is not None:
            for target in params["targets"]:
                if target not in known:
                    bad("targets", f"unknown target {target!r} (known: {', '.join(known)})")
    if problems:
        raise InputError(problems)
    return dict(params)


def _type_names(spec: ParamSpec) -> str:
    return " or ".join(t.__name__ for t in spec.types)


def _known_target_ids(targets_path: str | None) -> list[str] | None:
    path = resolve_path(targets_path) if targets_path else paths.TARGETS_FILE
    if not path.exists():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [str(item["id"]) for item in data if isinstance(item, dict) and "id" in item]


def load_param_set(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a parameter-set YAML: ``common`` values plus per-notebook ``notebooks`` sections.

    Returns {notebook_name: merged parameters}; the key ``"*"`` holds the common values.
    """
    file = resolve_path(path)
    if not file.exists():
        raise InputError(f"parameter file not found: {file}", file=str(path))
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(
            Problem(file=str(file), line=None if line is None else line + 1, message=str(exc))
        ) from exc
    if not isinstance(data, dict):
        raise InputError("must be a mapping with 'common' and 'notebooks'", file=str(file))
    unknown = set(data) - {"common", "notebooks"}
    if unknown:
        raise InputError(
            Problem(
                file=str(file),
                field=", ".join(sorted(unknown)),
                message="unknown top-level key (expected common, notebooks)",
            )
        )
    common = dict(data.get("common") or {})
    merged: dict[str, dict[str, Any]] = {"*": common}
    for name, values in (data.get("notebooks") or {}).items():
        merged[name] = {**common, **(values or {})}
    return merged


def params_for(param_set: Mapping[str, Mapping[str, Any]], notebook: str) -> dict[str, Any]:
    """The parameters of one notebook from a loaded parameter set."""
    return dict(param_set.get(notebook, param_set.get("*", {})))
