"""Execute the notebooks with Papermill, in order, and publish their figures and pages.

For each ``notebooks/NN-verb-topic.ipynb``: validate its parameters, execute it into a
temporary file, and only when it succeeds replace ``build/notebooks/NAME.ipynb``, move its
figures from a staging folder into ``figures/`` and export its reader page to
``build/site/``. A failing notebook names itself and the failing cell, leaves every earlier
good output in place, and makes the run exit non-zero. A notebook whose inputs (its own
file, its parameters, the library code, the corpus, registry and gold files) have not
changed since its last good run is not executed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from controverse import paths
from controverse.errors import InputError
from controverse.params import load_param_set, params_for, resolve_path, validate_params

KERNEL_NAME = "python3"
STAMP_SUFFIX = ".inputs.json"


@dataclass
class NotebookResult:
    """What happened to one notebook in a run."""

    name: str
    status: str  # "executed", "skipped" (unchanged) or "failed"
    seconds: float = 0.0
    figures: list[str] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class RunReport:
    results: list[NotebookResult]

    @property
    def ok(self) -> bool:
        return all(r.status != "failed" for r in self.results)


def discover_notebooks(notebooks_dir: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks (``NN-*.ipynb``), in order."""
    return sorted(p for p in notebooks_dir.glob("[0-9][0-9]-*.ipynb") if p.is_file())


def select_notebooks(notebooks: Sequence[Path], only: Iterable[str] | None) -> list[Path]:
    """Keep the notebooks named in ``only`` (by full stem, or by its NN prefix)."""
    if not only:
        return list(notebooks)
    wanted = list(only)
    chosen = [
        nb
        for nb in notebooks
        if any(nb.stem == w or nb.stem.split("-", 1)[0] == w or nb.name == w for w in wanted)
    ]
    missing = [
        w
        for w in wanted
        if not any(
            nb.stem == w or nb.stem.split("-", 1)[0] == w or nb.name == w for nb in notebooks
        )
    ]
    if missing:
        known = ", ".join(nb.stem for nb in notebooks)
        raise InputError(
            f"unknown notebook(s) {', '.join(missing)} (known: {known})", file="--only"
        )
    return chosen


def declared_parameters(notebook: Path) -> dict[str, Any]:
    """The names and defaults of a notebook's ``parameters`` cell."""
    import papermill

    return {
        name: info["default"] for name, info in papermill.inspect_notebook(str(notebook)).items()
    }


def notebook_parameters(
    notebook: Path, param_set: dict[str, dict[str, Any]], staging_figures: Path
) -> dict[str, Any]:
    """The validated parameters to inject: the set's values for this notebook, restricted to
    what the notebook declares, with ``output_dir`` pointed at the staging folder."""
    declared = declared_parameters(notebook)
    wanted = params_for(param_set, notebook.stem)
    specific = set(param_set.get(notebook.stem, {})) - set(param_set.get("*", {}))
    unknown = sorted(name for name in specific if name not in declared)
    if unknown:
        raise InputError(
            f"{notebook.stem}: parameter(s) {', '.join(unknown)} not declared by the notebook",
            file=str(notebook),
        )
    chosen = {name: value for name, value in wanted.items() if name in declared}
    if "output_dir" in declared:
        chosen["output_dir"] = str(staging_figures)
    validate_params({**_literal_defaults(declared), **chosen}, source=f"{notebook.stem} parameters")
    return chosen


def _literal_defaults(declared: dict[str, Any]) -> dict[str, Any]:
    import ast

    values = {}
    for name, default in declared.items():
        try:
            values[name] = ast.literal_eval(default)
        except (ValueError, SyntaxError):
            continue
    return values


def input_fingerprint(notebook: Path, parameters: dict[str, Any]) -> str:
    """A hash of everything a notebook's outputs depend on."""
    digest = hashlib.sha256()
    digest.update(notebook.read_bytes())
    stable = {k: v for k, v in parameters.items() if k != "output_dir"}
    digest.update(json.dumps(stable, sort_keys=True, default=str).encode())
    sources = [paths.PROJECT_ROOT / "lib" / "controverse", paths.ACTORS_FILE, paths.TARGETS_FILE]
    sources.append(paths.GOLD_DIR)
    for key in ("corpus_path", "actors_path", "targets_path"):
        if key in parameters:
            sources.append(resolve_path(parameters[key]))
    for source in sources:
        for file in _files_under(source):
            digest.update(
                str(
                    file.relative_to(paths.PROJECT_ROOT)
                    if file.is_relative_to(paths.PROJECT_ROOT)
                    else file
                ).encode()
            )
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    )


def run_notebooks(
    params_file: str | Path = paths.PARAMS_DIR / "default.yaml",
    *,
    only: Iterable[str] | None = None,
    force: bool = False,
    notebooks_dir: Path = paths.NOTEBOOKS_DIR,
    build_dir: Path = paths.BUILD_DIR,
    figures_dir: Path | None = None,
    site_dir: Path | None = None,
    log=print,
) -> RunReport:
    """Execute the notebooks in order and publish what succeeded; see the module docstring.

    Figures go to ``figures_dir``, else the parameter set's ``output_dir``, else figures/.
    """
    from controverse.site import build_site

    param_set = load_param_set(params_file)
    if figures_dir is None:
        common_output = param_set.get("*", {}).get("output_dir")
        figures_dir = resolve_path(common_output) if common_output else paths.FIGURES_DIR
    notebooks = select_notebooks(discover_notebooks(notebooks_dir), only)
    if not notebooks:
        raise InputError(f"no notebooks found in {notebooks_dir}", file=str(notebooks_dir))
    executed_dir = build_dir / "notebooks"
    site_dir = site_dir or build_dir / "site"
    executed_dir.mkdir(parents=True, exist_ok=True)
    figures_dir.mkdir(parents=True, exist_ok=True)

    # Validate every notebook's parameters before executing anything.
    staging_root = build_dir / "staging"
    planned = []
    for notebook in notebooks:
        staging = staging_root / notebook.stem
        planned.append((notebook, staging, notebook_parameters(notebook, param_set, staging)))

    results = []
    for index, (notebook, staging, parameters) in enumerate(planned, start=1):
        prefix = f"[{index}/{len(planned)}] {notebook.stem}"
        result = _run_one(
            notebook, staging, parameters, executed_dir, figures_dir, force, prefix, log
        )
        results.append(result)

    report = RunReport(results)
    build_site(
        executed_dir=executed_dir,
        figures_dir=figures_dir,
        site_dir=site_dir,
        notebooks=[nb for nb, _, _ in planned] if not only else discover_notebooks(notebooks_dir),
        log=log,
    )
    return report


def _run_one(
    notebook: Path,
    staging: Path,
    parameters: dict[str, Any],
    executed_dir: Path,
    figures_dir: Path,
    force: bool,
    prefix: str,
    log,
) -> NotebookResult:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from controverse.display import read_metrics

    output = executed_dir / notebook.name
    stamp_file = executed_dir / f"{notebook.stem}{STAMP_SUFFIX}"
    fingerprint = input_fingerprint(notebook, parameters)
    previous = _read_stamp(stamp_file)
    if (
        not force
        and output.exists()
        and previous.get("fingerprint") == fingerprint
        and all((figures_dir / name).exists() for name in previous.get("figures", []))
    ):
        log(f"{prefix}: unchanged, skipped")
        return NotebookResult(
            notebook.stem,
            "skipped",
            figures=previous.get("figures", []),
            metrics=previous.get("metrics", {}),
        )

    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    temporary = executed_dir / f".{notebook.stem}.running.ipynb"
    log(f"{prefix}: executing…")
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(notebook),
            str(temporary),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            cwd=str(notebook.parent),
            progress_bar=sys.stderr.isatty() and not os.environ.get("CI"),
        )
    except PapermillExecutionError as exc:
        failed_dir = executed_dir / "failed"
        failed_dir.mkdir(exist_ok=True)
        if temporary.exists():
            os.replace(temporary, failed_dir / notebook.name)
        message = (
            f"{notebook.stem} failed in cell {exc.cell_index} (execution count {exc.exec_count}): "
            f"{exc.ename}: {exc.evalue}"
        )
        log(
            f"{prefix}: FAILED: {message}; previous outputs kept; executed copy in {failed_dir / notebook.name}"
        )
        shutil.rmtree(staging, ignore_errors=True)
        return NotebookResult(notebook.stem, "failed", time.perf_counter() - started, error=message)
    except Exception as exc:  # kernel died, bad notebook file…
        if temporary.exists():
            temporary.unlink()
        message = f"{notebook.stem} could not be executed: {type(exc).__name__}: {exc}"
        log(f"{prefix}: FAILED: {message}; previous outputs kept")
        shutil.rmtree(staging, ignore_errors=True)
        return NotebookResult(notebook.stem, "failed", time.perf_counter() - started, error=message)

    figures = _publish_figures(staging, figures_dir)
    os.replace(temporary, output)
    metrics = read_metrics(output)
    _write_stamp(stamp_file, {"fingerprint": fingerprint, "figures": figures, "metrics": metrics})
    seconds = time.perf_counter() - started
    log(f"{prefix}: done in {seconds:.1f}s, {len(figures)} figure file(s)")
    return NotebookResult(notebook.stem, "executed", seconds, figures=figures, metrics=metrics)


def _publish_figures(staging: Path, figures_dir: Path) -> list[str]:
    """Move the staged figure files into ``figures_dir`` (each move atomic)."""
    names = []
    for file in sorted(staging.rglob("*")):
        if file.is_file() and not file.name.startswith("."):
            target = figures_dir / file.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() and target.read_bytes() == file.read_bytes():
                file.unlink()  # unchanged: leave the committed file untouched
            else:
                os.replace(file, target)
            names.append(str(file.relative_to(staging)))
    shutil.rmtree(staging, ignore_errors=True)
    return names


def _read_stamp(stamp_file: Path) -> dict[str, Any]:
    try:
        return json.loads(stamp_file.read_text())
    except (OSError, ValueError):
        return {}


def _write_stamp(stamp_file: Path, data: dict[str, Any]) -> None:
    temporary = stamp_file.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True, default=str))
    os.replace(temporary, stamp_file)
