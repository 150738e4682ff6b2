"""Plotly figures with one theme, deterministic, with the evidence in the hover text.

Every string that comes from the corpus is HTML-escaped before it reaches a hover label or
a title (plotly renders a subset of HTML there), so a document carrying ``<script>`` or
``<img onerror=…>`` shows as text. ``save_figure`` writes ``NAME.html`` (offline: the
shared ``plotly.min.js`` next to it, no CDN, stable div id) and ``NAME.png`` (kaleido with
Chromium), each atomically.
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import textwrap
from pathlib import Path

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from controverse import paths

STANCE_COLOURS = {"support": "#1b9e77", "oppose": "#d95f02", "neutral": "#7570b3"}
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = "DejaVu Sans, Arial, sans-serif"
PLOTLY_JS = "plotly.min.js"
LABELLED_NODES = 18
ANCHORS = {
    "quotes (GGT fr)": 0.817,
    "speakers (GGT)": 0.804,
    "stances (SemEval best)": 0.678,
    "NER (spaCy fr md)": 0.832,
}

pio.templates["controverse"] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": "#222"},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        title={"x": 0.02, "xanchor": "left", "font": {"size": 18}},
        hoverlabel={"font": {"family": FONT, "size": 12}, "align": "left"},
        margin={"l": 60, "r": 30, "t": 70, "b": 60},
        xaxis={"gridcolor": "#eee", "zeroline": False},
        yaxis={"gridcolor": "#eee", "zeroline": False},
    )
)
TEMPLATE = "controverse"


def _uid(text: str) -> str:
    """A stable trace uid that is also a valid CSS class name (kaleido selects on it)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def esc(value, width: int = 0) -> str:
    """HTML-escaped text, optionally wrapped with <br> for hover labels."""
    text = str(value)
    if width:
        return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width) or [""])
    return html.escape(text)


def _evidence_hover(rows: list[dict], limit: int = 3) -> str:
    parts = []
    for row in rows[:limit]:
        head = f"{row.get('doc_id', '')}"
        if row.get("stance"):
            head += f" · {row.get('actor_id', '')} {row['stance']} {row.get('target_id', '')}"
        parts.append(f"<b>{esc(head)}</b><br>{esc(row.get('evidence', ''), 80)}")
    if len(rows) > limit:
        parts.append(f"… and {len(rows) - limit} more")
    return "<br><br>".join(parts)


def _layout(graph: nx.Graph, seed: int) -> dict:
    if graph.number_of_nodes() == 0:
        return {}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(
        sorted(
            (min(a, b), max(a, b), {"weight": abs(d.get("weight", 1.0)) or 0.1})
            for a, b, d in graph.edges(data=True)
        )
    )
    return nx.spring_layout(
        ordered, seed=seed, weight="weight", k=1.5 / math.sqrt(max(1, len(ordered)))
    )


def network_figure(
    graph: nx.Graph,
    *,
    communities: dict | None = None,
    seed: int = 42,
    title: str = "Actor network",
) -> go.Figure:
    """Nodes sized by weighted degree, coloured by community; edges coloured by sign; hover
    on a tie's midpoint shows its evidence sentences."""
    position = _layout(graph, seed)
    communities = communities or {}
    fig = go.Figure()
    for sign, colour, name in ((1, "#4c72b0", "positive tie"), (-1, "#d95f02", "negative tie")):
        xs, ys = [], []
        for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
            if (data.get("weight", 1) >= 0) == (sign > 0):
                xs += [position[a][0], position[b][0], None]
                ys += [position[a][1], position[b][1], None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"width": 1, "color": colour},
                    hoverinfo="skip",
                    name=name,
                    uid=f"edges{sign}",
                )
            )
    mid_x, mid_y, mid_text = [], [], []
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        mid_x.append((position[a][0] + position[b][0]) / 2)
        mid_y.append((position[a][1] + position[b][1]) / 2)
        rows = data.get("statements") or data.get("evidence") or []
        label = f"<b>{esc(graph.nodes[a].get('label', a))} — {esc(graph.nodes[b].get('label', b))}</b><br>weight {data.get('weight', 1):.2f}"
        mid_text.append(label + "<br><br>" + _evidence_hover(rows))
    if mid_x:
        fig.add_trace(
            go.Scatter(
                x=mid_x,
                y=mid_y,
                mode="markers",
                marker={"size": 6, "color": "rgba(0,0,0,0.15)"},
                hovertext=mid_text,
                hoverinfo="text",
                name="tie evidence",
                uid="ties",
            )
        )
    nodes = sorted(graph.nodes)
    strength = {
        n: sum(abs(d.get("weight", 1)) for _, _, d in graph.edges(n, data=True)) for n in nodes
    }
    largest = max(strength.values(), default=1) or 1
    # name the most connected actors on the plot; every actor is named on hover
    ranked = sorted(nodes, key=lambda n: (-strength[n], n))
    named = set(ranked[: LABELLED_NODES // 2])
    for community in sorted(set(communities.values())):
        named |= set([n for n in ranked if communities.get(n) == community][:2])
    fig.add_trace(
        go.Scatter(
            x=[position[n][0] for n in nodes],
            y=[position[n][1] for n in nodes],
            mode="markers+text",
            text=[esc(graph.nodes[n].get("label", n)) if n in named else "" for n in nodes],
            textposition="top center",
            marker={
                "size": [10 + 16 * math.sqrt(strength[n] / largest) for n in nodes],
                "color": [PALETTE[communities.get(n, 0) % len(PALETTE)] for n in nodes],
                "line": {"width": 1, "color": "white"},
            },
            hovertext=[
                f"<b>{esc(graph.nodes[n].get('label', n))}</b><br>community {communities.get(n, 0)}<br>{graph.degree(n)} ties"
                for n in nodes
            ],
            hoverinfo="text",
            name="actors",
            uid="nodes",
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=esc(title),
        showlegend=False,
        height=700,
        xaxis={"visible": False},
        yaxis={"visible": False},
    )
    return fig


def two_mode_figure(graph: nx.Graph, *, title: str = "Actors and targets") -> go.Figure:
    """Actors (left) and targets (right); edges coloured by net stance, hover with evidence."""
    actors = sorted(
        (n for n, d in graph.nodes(data=True) if d.get("kind") == "actor"),
        key=lambda n: graph.nodes[n].get("label", n),
    )
    targets = sorted(n for n, d in graph.nodes(data=True) if d.get("kind") == "target")
    y_actor = {n: i for i, n in enumerate(reversed(actors))}
    spread = max(len(actors) - 1, 1)
    y_target = {n: spread * (i + 1) / (len(targets) + 1) for i, n in enumerate(targets)}
    fig = go.Figure()
    for a, t, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        actor, target = (a, t) if a in y_actor else (t, a)
        stance = "support" if data["sign"] > 0 else "oppose" if data["sign"] < 0 else "neutral"
        fig.add_trace(
            go.Scatter(
                x=[0, 1],
                y=[y_actor[actor], y_target[target]],
                mode="lines",
                line={"width": 1 + data["weight"], "color": STANCE_COLOURS[stance]},
                hovertext=f"<b>{esc(graph.nodes[actor].get('label', actor))} → {esc(graph.nodes[target].get('label', target))}</b><br>support {data['support']}, oppose {data['oppose']}, neutral {data['neutral']}<br><br>{_evidence_hover(data['statements'])}",
                hoverinfo="text",
                showlegend=False,
                uid=_uid(f"edge-{actor}-{target}"),
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[0] * len(actors),
            y=[y_actor[n] for n in actors],
            mode="markers+text",
            text=[esc(graph.nodes[n].get("label", n)) for n in actors],
            textposition="middle left",
            marker={"size": 9, "color": "#444"},
            hoverinfo="text",
            hovertext=[esc(graph.nodes[n].get("label", n)) for n in actors],
            showlegend=False,
            uid="actors",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[1] * len(targets),
            y=[y_target[n] for n in targets],
            mode="markers+text",
            text=[esc(graph.nodes[n].get("label", n)) for n in targets],
            textposition="middle right",
            marker={"size": 16, "color": "#111", "symbol": "square"},
            hoverinfo="text",
            hovertext=[esc(n) for n in targets],
            showlegend=False,
            uid="targets",
        )
    )
    for stance, colour in STANCE_COLOURS.items():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line={"color": colour, "width": 3},
                name=stance,
                uid=f"legend-{stance}",
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        title=esc(title),
        height=max(450, 22 * len(actors) + 150),
        xaxis={"visible": False, "range": [-0.6, 1.5]},
        yaxis={"visible": False},
    )
    return fig


def volume_figure(volume: pd.DataFrame, *, title: str = "Documents per month") -> go.Figure:
    """Stacked bars of document_volume() output."""
    fig = go.Figure()
    for index, group in enumerate(sorted(volume["group"].unique())):
        rows = volume[volume["group"] == group].sort_values("period")
        fig.add_trace(
            go.Bar(
                x=rows["period"],
                y=rows["count"],
                name=esc(group),
                marker_color=PALETTE[index % len(PALETTE)],
                uid=_uid(f"vol-{group}"),
            )
        )
    fig.update_layout(
        template=TEMPLATE, title=esc(title), barmode="stack", yaxis_title="documents", height=450
    )
    return fig


def stance_timeline_figure(
    over_time: pd.DataFrame, *, title: str = "Stances over time"
) -> go.Figure:
    """One line per (actor, target): the moving net stance (support − oppose)."""
    fig = go.Figure()
    keys = (
        over_time[["actor_id", "target_id"]]
        .drop_duplicates()
        .sort_values(["target_id", "actor_id"])
    )
    for index, (actor, target) in enumerate(keys.itertuples(index=False)):
        rows = over_time[
            (over_time["actor_id"] == actor) & (over_time["target_id"] == target)
        ].sort_values("period")
        fig.add_trace(
            go.Scatter(
                x=rows["period"],
                y=rows["net_moving"],
                mode="lines+markers",
                name=esc(f"{actor} · {target}"),
                line={
                    "color": PALETTE[index % len(PALETTE)],
                    "dash": "solid" if target == "microsoft-hosting" else "dot",
                },
                hovertext=[
                    f"{esc(actor)} on {esc(target)}<br>support {s}, oppose {o}"
                    for s, o in zip(rows["support"], rows["oppose"], strict=True)
                ],
                hoverinfo="text+x",
                uid=_uid(f"st-{actor}-{target}"),
            )
        )
    fig.update_layout(
        template=TEMPLATE, title=esc(title), yaxis_title="net stance (moving sum)", height=550
    )
    return fig


def event_timeline_figure(events: pd.DataFrame, *, title: str = "Events") -> go.Figure:
    """Each merged event at its date; marker size by number of reporting documents."""
    dates = events["date"].map(
        lambda d: pd.Timestamp(
            d if len(str(d)) > 7 else f"{d}-01" if len(str(d)) == 7 else f"{d}-01-01"
        )
    )
    fig = go.Figure(
        go.Scatter(
            x=dates,
            y=[(i % 12) for i in range(len(events))],
            mode="markers",
            marker={
                "size": [8 + 3 * n for n in events["n_documents"]],
                "color": "#0072B2",
                "opacity": 0.7,
            },
            hovertext=[
                f"<b>{esc(d)}</b> ({esc(p)})<br>{esc(', '.join(a))}<br>{n} document(s)<br><br>{esc(desc, 80)}"
                for d, p, a, n, desc in zip(
                    events["date"],
                    events["precision"],
                    events["actor_ids"],
                    events["n_documents"],
                    events["description"],
                    strict=True,
                )
            ],
            hoverinfo="text",
            uid="events",
        )
    )
    fig.update_layout(template=TEMPLATE, title=esc(title), yaxis={"visible": False}, height=450)
    return fig


def scores_figure(scores: pd.DataFrame, *, title: str = "Extraction quality") -> go.Figure:
    """Measured F1 (or accuracy) per task beside the published anchors."""
    from controverse.evaluate import headline

    measured = headline(scores)
    names = sorted(measured)
    fig = go.Figure(
        go.Bar(
            x=names,
            y=[measured[n] for n in names],
            name="measured",
            marker_color="#0072B2",
            uid="measured",
        )
    )
    fig.add_trace(
        go.Bar(
            x=list(ANCHORS),
            y=list(ANCHORS.values()),
            name="published anchors",
            marker_color="#999",
            uid="anchors",
        )
    )
    fig.update_layout(
        template=TEMPLATE, title=esc(title), yaxis={"range": [0, 1], "title": "score"}, height=450
    )
    return fig


def save_figure(
    fig: go.Figure, name: str, out_dir: str | Path = paths.FIGURES_DIR, *, png: bool = True
) -> dict[str, Path]:
    """Write ``out_dir/NAME.html`` (offline, shared plotly.js) and ``NAME.png``, atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _ensure_plotly_js(out)
    written = {}
    page = pio.to_html(
        fig,
        include_plotlyjs=PLOTLY_JS,
        full_html=True,
        div_id=name,
        config={"displaylogo": False, "responsive": True},
    )
    written["html"] = _write_atomic(out / f"{name}.html", page.encode("utf-8"))
    if png:
        written["png"] = _write_atomic(
            out / f"{name}.png",
            fig.to_image(format="png", width=1100, height=int(fig.layout.height or 600), scale=1),
        )
    return written


def _ensure_plotly_js(out: Path) -> None:
    import plotly

    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    target = out / PLOTLY_JS
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        temporary = out / f".{PLOTLY_JS}.tmp"
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)


def _write_atomic(path: Path, data: bytes) -> Path:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return path
