"""The query page of `kg serve` in a real browser (Debian's chromium, headless, through playwright):
pick a named query, run it, read the table; nothing is fetched from anywhere but the server."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_query import sample_out, sample_store  # noqa: F401  (session fixtures)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def server_url(sample_store):  # noqa: F811
    from kg.serve import start

    running = start(sample_store, port=0, timeout=10, workers=1)
    yield running.server.url
    running.stop()


@pytest.fixture(scope="module")
def page(server_url):
    if not CHROMIUM.exists():
        pytest.fail("no /usr/bin/chromium: run `make browser` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pg = browser.new_page()
        pg.foreign, pg.errors = [], []
        pg.on("request", lambda r: pg.foreign.append(r.url) if not r.url.startswith(server_url) else None)
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.goto(server_url)
        yield pg
        browser.close()


def test_named_query_runs_and_fills_the_table(page):
    page.select_option("#named", "agencies-by-mentions")
    assert "agencies-by-mentions" not in page.input_value("#query")  # the query text, not its name
    assert "kg:Agency" in page.input_value("#query")
    page.click("#run")
    page.wait_for_selector("#result table tbody tr")
    headers = page.locator("#result th").all_inner_texts()
    assert headers == ["agency", "mentions", "documents"]
    first = page.locator("#result tbody tr").first.locator("td").all_inner_texts()
    assert first[0] == "中山市人民政府"
    assert "rows in" in page.inner_text("#status")
    assert page.foreign == [] and page.errors == []


def test_a_broken_query_shows_the_error(page):
    page.fill("#query", "SELECT ?x WHERE { ?x zz:p ?y }")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "unknown prefix 'zz:'" in page.inner_text("#status")


def test_construct_shows_turtle(page):
    page.fill("#query", "CONSTRUCT WHERE { ?a org:subOrganizationOf ?b }")
    page.click("#run")
    page.wait_for_selector("#result pre")
    assert "org:subOrganizationOf" in page.inner_text("#result pre")
