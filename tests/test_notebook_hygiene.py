"""Notebook conventions: names, one parameters cell of literals, no outputs, thin notebooks."""

import ast
import re

import nbformat
import pytest

from controverse import paths
from controverse.params import PARAM_SPECS, load_param_set

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
REQUIRED = [
    "00-explore-corpus",
    "01-extract-annotations",
    "02-analyze-stances",
    "03-chart-actor-network",
    "04-chart-timeline",
    "05-evaluate-extraction",
]


def test_required_notebooks_exist():
    assert [nb.stem for nb in NOTEBOOKS][: len(REQUIRED)] == REQUIRED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_follows_the_conventions(path):
    assert re.fullmatch(r"\d\d-(explore|extract|analyze|chart|evaluate)-[a-z0-9-]+", path.stem)
    nb = nbformat.read(str(path), as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "H1 title first"
    assert "?" in first.source, "the first cell states the question the notebook answers"

    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one parameters cell"
    for statement in ast.parse(tagged[0].source).body:
        assert isinstance(statement, ast.Assign), "parameters cell holds assignments only"
        ast.literal_eval(statement.value)  # plain literals, nothing derived
        for target in statement.targets:
            assert target.id in PARAM_SPECS, f"undocumented parameter {target.id}"

    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], "outputs are stripped"
            assert cell.execution_count is None
            assert not re.search(r"^\s*[%!]pip", cell.source, re.M), "no %pip cells"
            tree = ast.parse(cell.source)
            assert not any(isinstance(n, ast.FunctionDef | ast.ClassDef) for n in ast.walk(tree)), (
                "notebooks define no reusable functions; they belong in the library"
            )
    assert "record_metrics" in nb.cells[-1].source, "the last cell records the key numbers"

    numbered = [c for c in nb.cells if c.cell_type == "markdown" and re.match(r"## \d", c.source)]
    assert len(numbered) >= 2, "numbered sections"


@pytest.mark.parametrize("name", ["default.yaml", "smoke.yaml"])
def test_parameter_sets_name_only_declared_notebooks(name):
    param_set = load_param_set(paths.PARAMS_DIR / name)
    stems = {p.stem for p in NOTEBOOKS}
    assert set(param_set) - {"*"} <= stems
