"""Figures are deterministic, offline, escape corpus text, and are written atomically."""

import pandas as pd
import pytest

from controverse import figures, network

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def _graph():
    statements = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2"],
            "actor_id": ["cnil", "interhop", "cedric-o"],
            "target_id": ["microsoft-hosting"] * 3,
            "stance": ["oppose", "oppose", "support"],
            "confidence": [0.8] * 3,
            "cue": ["c"] * 3,
            "start": [0, 10, 0],
            "end": [5, 20, 5],
            "evidence": [PAYLOAD, "InterHop saisit le juge.", "Cédric O défend le choix."],
        }
    )
    return network.one_mode_network(statements, "subtract")


def test_save_figure_is_deterministic_offline_and_atomic(tmp_path):
    fig = figures.network_figure(_graph(), communities={}, seed=3, title="t")
    first = figures.save_figure(fig, "net", tmp_path, png=False)["html"].read_bytes()
    second = figures.save_figure(
        figures.network_figure(_graph(), communities={}, seed=3, title="t"),
        "net",
        tmp_path,
        png=False,
    )["html"].read_bytes()
    assert first == second
    page = first.decode()
    assert 'src="plotly.min.js"' in page and "cdn.plot.ly" not in page
    assert (tmp_path / "plotly.min.js").stat().st_size > 1_000_000
    assert not list(tmp_path.glob(".*.tmp"))


def test_corpus_text_is_escaped_in_hover_labels():
    fig = figures.network_figure(_graph(), seed=1)
    hover = " ".join(str(t) for trace in fig.data for t in (trace.hovertext or []))
    assert "&lt;script&gt;" in hover and "<script>" not in hover
    assert "<img" not in hover


@pytest.mark.slow
def test_png_export_with_kaleido_is_stable(tmp_path):
    fig = figures.volume_figure(
        pd.DataFrame(
            {
                "period": pd.to_datetime(["2020-01-01", "2020-02-01"]),
                "group": ["a", "b"],
                "count": [1, 2],
            }
        )
    )
    first = figures.save_figure(fig, "vol", tmp_path)["png"].read_bytes()
    second = figures.save_figure(fig, "vol", tmp_path)["png"].read_bytes()
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and first == second
