"""Execute the notebooks with Papermill and publish their figures and pages.

Notebooks run in numbered order, each after every earlier one, unless its metadata says
which earlier notebooks it needs (``"controverse": {"needs": ["01-extract-annotations"]}``,
``[]`` for none): then it starts as soon as those are done, beside others, up to ``jobs``
kernels at a time. For each ``notebooks/NN-verb-topic.ipynb``: validate its parameters,
execute it into a temporary file, and only when it succeeds replace
``build/notebooks/NAME.ipynb``, move its figures from a staging folder into ``figures/`` and
export its reader page to ``build/site/``. A failing notebook names itself and the failing
cell, leaves every earlier good output in place, and makes the run exit non-zero. A notebook whose inputs (its own
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
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from controverse import paths
from controverse.errors import InputError
from controverse.params import load_param_set, params_for, resolve_path, validate_params

KERNEL_NAME = "python3"
STAMP_SUFFIX = ".inputs.json"
# Kernels started side by side now and then die before their first reply (a known race of
# Jupyter kernel launches); such a start is tried again, as no cell has run yet.
KERNEL_START_ATTEMPTS = 3


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


def notebook_needs(notebook: Path, earlier: Sequence[str]) -> list[str]:
    """The earlier notebooks ``notebook`` must wait for: those named in its metadata
    (``controverse.needs``), else all of ``earlier``. Names are notebook stems."""
    try:
        metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read notebook: {exc}", file=str(notebook)) from exc
    settings = metadata.get("controverse", {})
    if "needs" not in settings:
        return list(earlier)
    needs = settings["needs"]
    if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
        raise InputError(
            "metadata controverse.needs must be a list of notebook names", file=str(notebook)
        )
    wrong = [name for name in needs if name not in earlier]
    if wrong:
        raise InputError(
            f"metadata controverse.needs names {', '.join(wrong)}, not an earlier notebook "
            f"(earlier: {', '.join(earlier) or 'none'})",
            file=str(notebook),
        )
    return needs


def default_jobs() -> int:
    """Notebooks run at once by default: one per CPU, at most four."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(4, cpus or 1))


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
    jobs: int | None = None,
    log=print,
) -> RunReport:
    """Execute the notebooks and publish what succeeded; see the module docstring.

    Figures go to ``figures_dir``, else the parameter set's ``output_dir``, else figures/.
    ``jobs`` notebooks run at once (default :func:`default_jobs`; 1 runs them one by one).
    """
    from controverse.site import build_site

    param_set = load_param_set(params_file)
    if figures_dir is None:
        common_output = param_set.get("*", {}).get("output_dir")
        figures_dir = resolve_path(common_output) if common_output else paths.FIGURES_DIR
    every_notebook = discover_notebooks(notebooks_dir)
    notebooks = select_notebooks(every_notebook, only)
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

    names = [notebook.stem for notebook, _, _ in planned]
    order = [nb.stem for nb in every_notebook]
    needs = [  # validated against every notebook; only those of this run are waited for
        [n for n in notebook_needs(nb, order[: order.index(nb.stem)]) if n in names]
        for nb, _, _ in planned
    ]
    if jobs is None:
        jobs = default_jobs()
    if jobs < 1:
        raise InputError(f"jobs must be at least 1, not {jobs}", file="--jobs")

    def run(index: int) -> NotebookResult:
        notebook, staging, parameters = planned[index]
        prefix = f"[{index + 1}/{len(planned)}] {notebook.stem}"
        return _run_one(
            notebook, staging, parameters, executed_dir, figures_dir, force, prefix, log
        )

    report = RunReport(_run_scheduled(names, needs, jobs, run))
    build_site(
        executed_dir=executed_dir,
        figures_dir=figures_dir,
        site_dir=site_dir,
        notebooks=every_notebook,
        log=log,
    )
    return report


def _run_scheduled(
    names: list[str],
    needs: list[list[str]],
    jobs: int,
    run: Callable[[int], NotebookResult],
) -> list[NotebookResult]:
    """``run(i)`` for every notebook, at most ``jobs`` at once, each once its needs are done
    (lowest number first among the ready ones); results in notebook order."""
    finished: dict[str, NotebookResult] = {}
    waiting = list(range(len(names)))
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="notebook") as pool:
        running: dict = {}
        while waiting or running:
            for index in list(waiting):
                if len(running) >= jobs:
                    break
                if all(name in finished for name in needs[index]):
                    waiting.remove(index)
                    running[pool.submit(run, index)] = index
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                finished[names[running.pop(future)]] = future.result()
    return [finished[name] for name in names]


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
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                papermill.execute_notebook(
                    str(notebook),
                    str(temporary),
                    parameters=parameters,
                    kernel_name=KERNEL_NAME,
                    cwd=str(notebook.parent),
                    progress_bar=sys.stderr.isatty() and not os.environ.get("CI"),
                )
                break
            except RuntimeError as exc:  # the kernel never came up: no cell has run
                if attempt == KERNEL_START_ATTEMPTS or not _kernel_did_not_start(exc):
                    raise
                log(f"{prefix}: the kernel did not start ({exc}); starting another")
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


def _kernel_did_not_start(exc: BaseException) -> bool:
    message = str(exc)
    return "before replying to kernel_info" in message or "didn't respond in" in message


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
