"""Every notebook runs through Papermill with the smoke parameters; its recorded numbers hold."""

import pytest
import yaml

from controverse import paths, runner

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def metrics(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("smoke")
    smoke = yaml.safe_load((paths.PARAMS_DIR / "smoke.yaml").read_text())
    smoke["common"]["store_path"] = str(tmp / "annotations.duckdb")
    smoke["common"]["tables_dir"] = str(tmp / "tables")
    params = tmp / "smoke.yaml"
    params.write_text(yaml.safe_dump(smoke))
    report = runner.run_notebooks(
        params, build_dir=tmp / "build", figures_dir=tmp / "figures", log=lambda *_: None
    )
    assert report.ok, [r.error for r in report.results if r.error]
    assert (tmp / "build" / "site" / "index.html").exists()
    assert (tmp / "tables" / "statements.parquet").exists()
    assert (tmp / "tables" / "network" / "network-congruence.gexf").exists()
    return {r.name: r.metrics for r in report.results}


def test_explore_corpus(metrics):
    numbers = metrics["00-explore-corpus"]
    assert numbers["n_documents"] == 12
    assert numbers["n_french"] + numbers["n_english"] == 12
    assert numbers["first_date"] >= "2019" and numbers["last_date"] <= "2024-12-31"
    assert numbers["n_problems"] == 0


def test_extract_annotations(metrics):
    numbers = metrics["01-extract-annotations"]
    assert numbers["n_mentions"] > 100
    assert numbers["n_quotes"] > 10 and numbers["n_statements"] > 5 and numbers["n_events"] > 20
    assert {"cnil", "microsoft", "health-data-hub"} <= set(numbers["actors"])


def test_analyze_stances(metrics):
    numbers = metrics["02-analyze-stances"]
    assert numbers["n_statements"] > 5
    assert numbers["n_oppose"] > numbers["n_support"]  # the record is mostly critical
    assert "cnil" in numbers["actors"]


def test_actor_network(metrics):
    numbers = metrics["03-chart-actor-network"]
    assert numbers["n_nodes"] >= 4 and numbers["n_edges"] >= 3
    assert 1 <= numbers["n_communities"] <= numbers["n_nodes"]
    assert "cnil" in numbers["nodes"]


def test_timeline(metrics):
    numbers = metrics["04-chart-timeline"]
    assert numbers["n_events"] >= 15
    assert numbers["n_events"] <= numbers["n_event_mentions"]
    assert "2016" <= numbers["first_event"] and numbers["last_event"] <= "2025"


def test_evaluate_extraction(metrics):
    numbers = metrics["05-evaluate-extraction"]
    assert numbers["mentions"] > 0.8
    assert set(numbers) >= {"mentions", "quotes@0.3", "speakers", "stances", "events"}
