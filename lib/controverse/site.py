"""The reader site: executed notebooks exported as HTML with code hidden, the figures they
made, and an index page linking every page and figure. Works offline: no CDN, plotly.js
shared once in ``figures/``; corpus text is always escaped, never run."""

from __future__ import annotations

import copy
import html
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from controverse import __version__
from controverse.display import read_metrics

TEMPLATES_DIR = Path(__file__).parent / "templates"


def export_reader_html(executed_notebook: Path) -> str:
    """A notebook as a reader page: code, prompts and stderr hidden; no network scripts."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed_notebook), as_version=4)
    nb = _without_stderr(nb)
    exporter = HTMLExporter(
        template_name="reader",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook_title(nb)}})
    return body


def _without_stderr(nb):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.get("outputs"):
            cell.outputs = [
                o
                for o in cell.outputs
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    return nb


def notebook_title(nb) -> str:
    """The H1 of the notebook's first Markdown cell (plain text)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return "notebook"


def notebook_question(nb) -> str:
    """The first paragraph after the H1 of the first Markdown cell: the question it answers."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text = re.sub(r"^#\s+.+$", "", cell.source, count=1, flags=re.MULTILINE).strip()
            return text.split("\n\n")[0].strip()
    return ""


def build_site(
    *,
    executed_dir: Path,
    figures_dir: Path,
    site_dir: Path,
    notebooks: Sequence[Path],
    log=print,
) -> Path:
    """Export every executed notebook, copy the figures and write ``index.html``."""
    import nbformat

    site_dir.mkdir(parents=True, exist_ok=True)
    _copy_figures(figures_dir, site_dir / "figures")
    entries = []
    for notebook in notebooks:
        executed = executed_dir / notebook.name
        if not executed.exists():
            continue
        page = site_dir / f"{notebook.stem}.html"
        _write_atomic(page, export_reader_html(executed))
        nb = nbformat.read(str(executed), as_version=4)
        entries.append(
            {
                "page": page.name,
                "name": notebook.stem,
                "title": notebook_title(nb),
                "question": notebook_question(nb),
                "metrics": read_metrics(nb),
            }
        )
    figures = sorted(p for p in (site_dir / "figures").glob("*.html"))
    _write_atomic(site_dir / "index.html", render_index(entries, figures))
    log(f"reader site: {site_dir / 'index.html'} ({len(entries)} pages, {len(figures)} figures)")
    return site_dir / "index.html"


def _copy_figures(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        return
    for file in sorted(source.iterdir()):
        if file.is_file() and file.suffix in {".html", ".png", ".js", ".svg"}:
            destination = target / file.name
            if not destination.exists() or destination.read_bytes() != file.read_bytes():
                temporary = destination.with_name(f".{destination.name}.tmp")
                shutil.copyfile(file, temporary)
                os.replace(temporary, destination)


def render_index(entries: list[dict], figures: list[Path]) -> str:
    """The index page; every value from a notebook or corpus is HTML-escaped."""
    e = html.escape
    rows = []
    for entry in entries:
        metrics = "".join(
            f"<li><code>{e(str(k))}</code>: {e(str(v))}</li>" for k, v in entry["metrics"].items()
        )
        rows.append(
            f'<section class="page"><h2><a href="{e(entry["page"])}">{e(entry["title"])}</a></h2>'
            f"<p>{e(entry['question'])}</p>"
            f"<details><summary>key numbers</summary><ul>{metrics}</ul></details></section>"
        )
    figure_items = []
    for figure in figures:
        png = figure.with_suffix(".png")
        png_link = f' · <a href="figures/{e(png.name)}">png</a>' if png.exists() else ""
        figure_items.append(
            f'<li><a href="figures/{e(figure.name)}">{e(figure.stem)}</a>{png_link}</li>'
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:">
<title>controverse: the Health Data Hub controversy</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }}
section.page {{ border-bottom: 1px solid #ddd; padding: 0.5em 0; }}
code {{ background: #f4f4f4; padding: 0 0.2em; }}
</style>
</head>
<body>
<h1>controverse: mapping a controversy from its press and official record</h1>
<p>Pages generated from the executed notebooks (code hidden). Every figure is interactive and
works offline. controverse {e(__version__)}.</p>
<h2>Pages</h2>
{"".join(rows)}
<h2>Figures</h2>
<ul class="figures">{"".join(figure_items)}</ul>
</body>
</html>
"""


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
