"""The runner executes notebooks in order (independent ones side by side), skips unchanged
ones, keeps good outputs on failure."""

import threading
import time

import nbformat
import pytest

from controverse import display, runner
from controverse.errors import InputError


def _notebook(
    path, *, body: str, params: str = 'corpus_path = "corpus"\nseed = 1', needs=None
) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Test notebook\n\nDoes it run?"),
        nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(body),
        nbformat.v4.new_code_cell(
            "from controverse.display import record_metrics\nrecord_metrics(seed=seed, ok=True)"
        ),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    if needs is not None:
        nb.metadata["controverse"] = {"needs": needs}
    nbformat.write(nb, str(path))


@pytest.fixture
def project(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "00-explore-a.ipynb", body="x = seed + 1")
    _notebook(notebooks / "01-chart-b.ipynb", body="y = seed * 2")
    params = tmp_path / "params.yaml"
    params.write_text("common:\n  seed: 3\nnotebooks:\n  01-chart-b:\n    seed: 5\n")
    return tmp_path, notebooks, params


def _run(tmp_path, notebooks, params, **kwargs):
    return runner.run_notebooks(
        params,
        notebooks_dir=notebooks,
        build_dir=tmp_path / "build",
        figures_dir=tmp_path / "figures",
        log=lambda *_: None,
        **kwargs,
    )


@pytest.mark.slow
def test_runner_executes_in_order_records_metrics_and_skips_unchanged(project):
    tmp_path, notebooks, params = project
    report = _run(tmp_path, notebooks, params)
    assert [r.name for r in report.results] == ["00-explore-a", "01-chart-b"]
    assert [r.status for r in report.results] == ["executed", "executed"]
    assert report.results[0].metrics == {"seed": 3, "ok": True}
    assert report.results[1].metrics == {"seed": 5, "ok": True}
    executed = tmp_path / "build" / "notebooks" / "01-chart-b.ipynb"
    assert display.read_metrics(executed)["seed"] == 5
    index = (tmp_path / "build" / "site" / "index.html").read_text()
    assert 'href="00-explore-a.html"' in index and 'href="01-chart-b.html"' in index
    page = (tmp_path / "build" / "site" / "00-explore-a.html").read_text()
    assert "seed + 1" not in page  # code hidden
    assert "cdnjs" not in page and "require.js" not in page  # offline

    again = _run(tmp_path, notebooks, params)
    assert [r.status for r in again.results] == ["skipped", "skipped"]
    forced = _run(tmp_path, notebooks, params, only=["01"], force=True)
    assert [(r.name, r.status) for r in forced.results] == [("01-chart-b", "executed")]


@pytest.mark.slow
def test_failing_notebook_names_the_cell_and_keeps_previous_outputs(project):
    tmp_path, notebooks, params = project
    assert _run(tmp_path, notebooks, params).ok
    good = (tmp_path / "build" / "notebooks" / "01-chart-b.ipynb").read_bytes()
    _notebook(notebooks / "01-chart-b.ipynb", body="raise RuntimeError('boom in the body')")
    report = _run(tmp_path, notebooks, params)
    assert not report.ok
    failed = report.results[1]
    assert failed.status == "failed"
    assert "01-chart-b" in failed.error and "cell" in failed.error and "boom" in failed.error
    assert (tmp_path / "build" / "notebooks" / "01-chart-b.ipynb").read_bytes() == good
    assert (tmp_path / "build" / "notebooks" / "failed" / "01-chart-b.ipynb").exists()


def test_unknown_notebook_in_only_is_a_clear_error(project):
    tmp_path, notebooks, params = project
    with pytest.raises(InputError, match="unknown notebook"):
        _run(tmp_path, notebooks, params, only=["99-nothing"])


def test_bad_parameter_fails_before_anything_runs(project):
    tmp_path, notebooks, params = project
    params.write_text("common:\n  seed: 'three'\n")
    with pytest.raises(InputError, match=r"\[seed\].*wrong type"):
        _run(tmp_path, notebooks, params)
    assert not (tmp_path / "build" / "notebooks" / "00-explore-a.ipynb").exists()


def test_parameter_not_declared_by_the_notebook_is_rejected(project):
    tmp_path, notebooks, params = project
    params.write_text("notebooks:\n  00-explore-a:\n    sede: 3\n")
    with pytest.raises(InputError, match="sede"):
        _run(tmp_path, notebooks, params)


@pytest.mark.slow
def test_independent_notebooks_run_side_by_side_and_dependents_wait(tmp_path):
    """00 waits for a file only 01 writes, so the run passes only if they overlap; 02 (no
    declared needs) must see both finished; 03 needs only 01."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    flag = tmp_path / "flag"
    wait_for = (
        "import pathlib, time\n"
        "deadline = time.time() + 60\n"
        f"while not pathlib.Path({str(flag)!r}).exists():\n"
        "    assert time.time() < deadline, 'ran alone'\n"
        "    time.sleep(0.1)\n"
        f"pathlib.Path({str(tmp_path / 'a-done')!r}).write_text('a')"
    )
    _notebook(notebooks / "00-explore-a.ipynb", body=wait_for, needs=[])
    _notebook(
        notebooks / "01-extract-b.ipynb",
        body=f"import pathlib\npathlib.Path({str(flag)!r}).write_text('b')",
        needs=[],
    )
    _notebook(
        notebooks / "02-chart-c.ipynb",
        body=f"import pathlib\nassert pathlib.Path({str(tmp_path / 'a-done')!r}).exists()",
    )
    _notebook(
        notebooks / "03-chart-d.ipynb",
        body=f"import pathlib\nassert pathlib.Path({str(flag)!r}).exists()",
        needs=["01-extract-b"],
    )
    params = tmp_path / "params.yaml"
    params.write_text("common:\n  seed: 3\n")
    report = _run(tmp_path, notebooks, params, jobs=2)
    assert [r.status for r in report.results] == ["executed"] * 4, [r.error for r in report.results]
    assert [r.name for r in report.results] == [nb.stem for nb in sorted(notebooks.iterdir())]


def test_scheduler_honours_needs_and_the_job_limit():
    names = ["00-a", "01-b", "02-c", "03-d", "04-e"]
    needs = [[], [], ["01-b"], ["01-b"], ["00-a", "01-b", "02-c", "03-d"]]
    log, lock, running = [], threading.Lock(), set()
    peak = [0]

    def run(index):
        with lock:
            running.add(index)
            peak[0] = max(peak[0], len(running))
            log.append(("start", names[index]))
        time.sleep(0.05 if index != 1 else 0.15)
        with lock:
            running.discard(index)
            log.append(("end", names[index]))
        return names[index]

    results = runner._run_scheduled(names, needs, 2, run)
    assert results == names
    assert peak[0] == 2
    position = {event: i for i, event in enumerate(log)}
    for index, wanted in enumerate(needs):
        for name in wanted:
            assert position[("end", name)] < position[("start", names[index])]
    assert position[("start", "00-a")] < position[("end", "01-b")]  # independent: overlapped

    log.clear()
    assert runner._run_scheduled(names, needs, 1, run) == names
    assert [name for kind, name in log if kind == "start"] == names


def test_needs_naming_a_later_or_unknown_notebook_is_a_clear_error(project):
    tmp_path, notebooks, params = project
    _notebook(notebooks / "00-explore-a.ipynb", body="x = 1", needs=["01-chart-b"])
    with pytest.raises(InputError, match="00-explore-a.*needs names 01-chart-b"):
        _run(tmp_path, notebooks, params)
    _notebook(notebooks / "00-explore-a.ipynb", body="x = 1", needs="01-chart-b")
    with pytest.raises(InputError, match="must be a list"):
        _run(tmp_path, notebooks, params)
    assert not (tmp_path / "build" / "notebooks" / "01-chart-b.ipynb").exists()


def test_shipped_notebooks_declare_what_they_need():
    notebooks = runner.discover_notebooks()
    order = [nb.stem for nb in notebooks]
    needs = {nb.stem: runner.notebook_needs(nb, order[:i]) for i, nb in enumerate(notebooks)}
    # the analysis notebooks read the store the extraction notebook fills
    for name in ("02-analyze-stances", "03-chart-actor-network", "04-chart-timeline"):
        assert needs[name] == ["01-extract-annotations"]
    assert needs["01-extract-annotations"] == []


def test_a_kernel_that_dies_before_its_first_reply_is_started_again(project, monkeypatch):
    import shutil

    import papermill

    tmp_path, notebooks, params = project
    calls = []

    def flaky_execute(source, output, **kwargs):
        calls.append(source)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        shutil.copy(source, output)

    monkeypatch.setattr(papermill, "execute_notebook", flaky_execute)
    report = _run(tmp_path, notebooks, params, only=["00"], jobs=1)
    assert [r.status for r in report.results] == ["executed"]
    assert len(calls) == 2

    def dead_execute(source, output, **kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", dead_execute)
    report = _run(tmp_path, notebooks, params, only=["01"], jobs=1)
    assert report.results[0].status == "failed"
    assert "kernel_info" in report.results[0].error
