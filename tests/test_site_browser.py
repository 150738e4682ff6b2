"""The reader site in headless Chromium: pages load cleanly, figures draw, links resolve,
and a corpus document carrying script payloads shows as text and runs nothing."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from controverse import paths, runner

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "xss_corpus"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by make setup"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Run every notebook with the smoke parameters on the payload corpus; return build/site."""
    tmp = tmp_path_factory.mktemp("site")
    smoke = yaml.safe_load((paths.PARAMS_DIR / "smoke.yaml").read_text())
    smoke["common"]["corpus_path"] = str(FIXTURE_CORPUS)
    smoke["common"]["store_path"] = str(tmp / "annotations.duckdb")
    smoke["common"]["tables_dir"] = str(tmp / "tables")
    params = tmp / "params.yaml"
    params.write_text(yaml.safe_dump(smoke))
    report = runner.run_notebooks(
        params, build_dir=tmp / "build", figures_dir=tmp / "figures", log=lambda *_: None
    )
    assert report.ok, [r.error for r in report.results if r.error]
    return tmp / "build" / "site"


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _open(browser, url):
    """Open ``url``; return the page and the console errors and page errors it raised."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, errors


def _pages(site: Path) -> list[str]:
    return sorted(p.name for p in site.glob("*.html"))


def test_every_page_loads_without_errors_and_runs_no_payload(site, server, browser):
    assert "index.html" in _pages(site) and len(_pages(site)) >= 7
    for name in _pages(site):
        page, errors = _open(browser, f"{server}/{name}")
        assert errors == [], f"{name}: {errors}"
        for frame in page.frames:
            assert frame.evaluate("typeof window.__pwned") == "undefined", name
        page.close()


def test_every_figure_is_drawn(site, server, browser):
    figures = sorted((site / "figures").glob("*.html"))
    assert figures, "no figures in the site"
    for figure in figures:
        page, errors = _open(browser, f"{server}/figures/{figure.name}")
        assert errors == [], f"{figure.name}: {errors}"
        page.wait_for_selector("svg.main-svg", timeout=15000)
        drawn = page.evaluate(
            "Array.from(document.querySelectorAll('svg.main-svg'))"
            ".reduce((n, svg) => n + svg.querySelectorAll('path, text, circle').length, 0)"
        )
        assert drawn > 0, f"{figure.name}: empty plot SVG"
        assert page.evaluate("typeof window.__pwned") == "undefined", figure.name
        page.close()


def test_figures_embedded_in_pages_are_drawn(site, server, browser):
    pages_with_figures = [n for n in _pages(site) if "controverse-figure" in (site / n).read_text()]
    assert pages_with_figures
    for name in pages_with_figures:
        page, _ = _open(browser, f"{server}/{name}")
        frames = [f for f in page.frames if f != page.main_frame]
        assert frames, name
        for frame in frames:
            frame.wait_for_selector("svg.main-svg", timeout=15000)
        page.close()


def test_every_index_link_resolves(server, browser):
    page, _ = _open(browser, f"{server}/index.html")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert len(hrefs) >= 7
    for href in hrefs:
        response = page.request.get(href)
        assert response.status == 200, href
    page.close()


def test_payload_shows_as_text(site, server, browser):
    page, _ = _open(browser, f"{server}/00-explore-corpus.html")
    text = page.inner_text("body")
    assert "<script>window.__pwned = 'title'</script>" in text
    assert page.evaluate("document.querySelectorAll('main img[src=\"x\"]').length") == 0
    page.close()
