"""Bad notebook parameters fail with a message naming the parameter."""

import pytest

from controverse.errors import InputError
from controverse.params import load_param_set, params_for, validate_params


def test_good_parameters_pass_unchanged():
    params = {"corpus_path": "corpus", "date_from": "2019-01-01", "date_to": "2024-12-31"}
    assert validate_params(params) == params


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2024-01-01", "date_to": "2019-01-01"}, "date_to", "date range reversed"),
        ({"corpus_path": "no/such/folder"}, "corpus_path", "path does not exist"),
        ({"min_edge_weight": "2"}, "min_edge_weight", "wrong type"),
        ({"n_process": True}, "n_process", "wrong type"),
        ({"network_kind": "friendship"}, "network_kind", "must be one of"),
        ({"date_from": "2020-13-01"}, "date_from", "ISO date"),
        ({"min_confidence": 1.5}, "min_confidence", "between 0 and 1"),
        ({"corpus_pth": "corpus"}, "corpus_pth", "unknown parameter"),
    ],
)
def test_bad_parameter_is_named(params, field, message):
    with pytest.raises(InputError) as info:
        validate_params(params)
    problem = info.value.problems[0]
    assert problem.field == field
    assert message in problem.message


def test_unknown_target_is_named(tmp_path):
    targets = tmp_path / "targets.yml"
    targets.write_text("- id: microsoft-hosting\n- id: health-data-hub\n")
    with pytest.raises(InputError, match=r"\[targets\].*unknown target 'cloud-act'"):
        validate_params(
            {"targets_path": str(targets), "targets": ["microsoft-hosting", "cloud-act"]}
        )


def test_all_problems_are_reported_at_once():
    with pytest.raises(InputError) as info:
        validate_params({"top_n": 0, "engine": "spark", "language": "de"})
    assert {p.field for p in info.value.problems} == {"top_n", "engine", "language"}


def test_param_set_merges_common_and_notebook_values(tmp_path):
    file = tmp_path / "p.yaml"
    file.write_text("common:\n  seed: 1\n  top_n: 5\nnotebooks:\n  03-chart-x:\n    top_n: 9\n")
    merged = load_param_set(file)
    assert params_for(merged, "03-chart-x") == {"seed": 1, "top_n": 9}
    assert params_for(merged, "00-other") == {"seed": 1, "top_n": 5}


def test_param_set_errors_name_the_file(tmp_path):
    file = tmp_path / "p.yaml"
    file.write_text("common: [\n")
    with pytest.raises(InputError, match="p.yaml"):
        load_param_set(file)
    with pytest.raises(InputError, match="not found"):
        load_param_set(tmp_path / "missing.yaml")
    file.write_text("comon: {}\n")
    with pytest.raises(InputError, match="unknown top-level key"):
        load_param_set(file)
