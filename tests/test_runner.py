"""The runner executes notebooks in order, skips unchanged ones, keeps good outputs on failure."""

import nbformat
import pytest

from controverse import display, runner
from controverse.errors import InputError


def _notebook(path, *, body: str, params: str = 'corpus_path = "corpus"\nseed = 1') -> None:
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
