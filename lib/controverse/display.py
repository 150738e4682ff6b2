"""What notebooks display: figures that stay interactive in JupyterLab and offline in the
reader site, and the key numbers each notebook records for tests and the index page."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

METRICS_MIMETYPE = "application/vnd.controverse.metrics+json"
FIGURE_HEIGHT = 620


class FigureDisplay:
    """A saved figure: JupyterLab renders the plotly JSON; exported HTML gets an iframe
    on the saved offline file (``figures/NAME.html``, copied next to the reader pages)."""

    def __init__(self, fig: Any, name: str, height: int = FIGURE_HEIGHT):
        self.fig = fig
        self.name = name
        self.height = height

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        src = html.escape(f"figures/{self.name}.html", quote=True)
        title = html.escape(self.name, quote=True)
        iframe = (
            f'<iframe class="controverse-figure" src="{src}" title="{title}" '
            f'width="100%" height="{self.height}" style="border:none"></iframe>'
        )
        return {
            "application/vnd.plotly.v1+json": json.loads(self.fig.to_json()),
            "text/html": iframe,
            "text/plain": f"<figure {self.name}: figures/{self.name}.html>",
        }


def show_figure(fig: Any, name: str, output_dir: str | Path, *, png: bool = True) -> FigureDisplay:
    """Save ``fig`` as ``output_dir/NAME.html`` (and ``.png``) and return what to display."""
    from controverse.figures import save_figure
    from controverse.params import resolve_path

    save_figure(fig, name, resolve_path(output_dir), png=png)
    height = int(fig.layout.height) if fig.layout.height else FIGURE_HEIGHT
    return FigureDisplay(fig, name, height=height + 20)


class Metrics(dict):
    """Key numbers a notebook records in its last cell (read back by tests and the index)."""

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        lines = "\n".join(f"{key}: {value}" for key, value in self.items())
        return {METRICS_MIMETYPE: dict(self), "text/plain": lines}


def record_metrics(**numbers: Any) -> Metrics:
    """Return the key numbers as a displayable record; values must be JSON-serialisable."""
    json.dumps(numbers)  # fail here, not in the runner, on a non-serialisable value
    return Metrics(numbers)


def read_metrics(notebook: dict | str | Path) -> dict[str, Any]:
    """The numbers recorded by an executed notebook (the last metrics output wins)."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4) if not isinstance(notebook, dict) else notebook
    found: dict[str, Any] = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if METRICS_MIMETYPE in data:
                found = dict(data[METRICS_MIMETYPE])
    return found
