"""The explorer page in a real browser: Debian's chromium, headless, driven by playwright, with
every network request recorded and refused. `make test` installs chromium and a CJK font
(`make browser`); playwright never downloads a browser. Set GOVKG_SCREENSHOT=docs/screenshot.png
to refresh the README's screenshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF

from tests.conftest import SAMPLE

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
KG = rdflib.Namespace("https://w3id.org/govkg/ontology#")
ENTITY_CLASSES = [KG.Agency, KG.Organization, KG.Regulation, KG.Program, KG.Place]


@pytest.fixture(scope="module")
def built(sample_doc, tmp_path_factory):
    """The sample built the way `kg build` does: Turtle and page side by side."""
    from kg.emit import Build, emit
    from kg.graph import document_quads
    from kg.vocab import Names

    out = tmp_path_factory.mktemp("browser")
    emit(Build([sample_doc], document_quads(sample_doc, Names()), html_max=3000), out, "zhongshan-2022", ["ttl", "html"])
    return out / "zhongshan-2022.ttl", out / "zhongshan-2022.html"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("no /usr/bin/chromium: run `make browser` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, built):
    """The sample page, opened with the network cut: every request but the page file is refused."""
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    pg = context.new_page()
    page_url = built[1].as_uri()
    pg.requests, pg.errors = [], []
    pg.on("request", lambda r: pg.requests.append(r.url) if r.url != page_url else None)
    context.route("**/*", lambda route: route.continue_() if route.request.url == page_url else route.abort())
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(page_url)
    pg.wait_for_function("window.govkg && window.govkg.ready", timeout=30000)
    yield pg
    context.close()


def test_page_opens_offline_without_errors_and_shows_every_entity(page, built):
    g = rdflib.Graph().parse(built[0])
    entities = {s for c in ENTITY_CLASSES for s in g.subjects(RDF.type, c)}
    assert page.evaluate("govkg.nodes.length") == len(entities)
    assert page.evaluate("govkg.nodes.get().filter(n => !n.hidden).length") == len(entities)
    assert page.text_content("h1") == "中山市2022年法治政府建设年度报告"
    assert "中山市2022年法治政府建设年度报告" in page.text_content("#sources")
    assert page.requests == []
    assert page.errors == []


def test_search_finds_an_agency_by_its_short_name_and_shows_its_sentences(page, built):
    sample_text = SAMPLE.read_text(encoding="utf-8")
    page.fill("#search", "司法局")
    results = page.locator("#results li")
    assert "中山市司法局" in results.all_text_contents()
    results.filter(has_text="中山市司法局").first.dispatch_event("mousedown")
    assert page.text_content("#panel h2") == "中山市司法局"
    panel = page.text_content("#panel")
    assert "市司法局" in panel and "/agency/中山市司法局" in panel and "机构 Agency" in panel
    sentences = page.locator("#panel .sentence .text").all_text_contents()
    assert sentences and all(s in sample_text for s in sentences)
    assert all("中山市2022年法治政府建设年度报告" in w for w in page.locator("#panel .sentence .where").all_text_contents())
    page.click("#panel .iri button")  # the IRI is copyable
    page.wait_for_function("document.querySelector('#panel .iri button').textContent.includes('copied')", timeout=3000)
    # the neighbourhood stays in colour, the rest fades
    faded = page.evaluate("govkg.nodes.get().filter(n => n.color.background === '#e4e4e4').length")
    assert 0 < faded < page.evaluate("govkg.nodes.length") - 2
    assert page.errors == [] and page.requests == []


def test_search_matches_aliases(page):
    # an alias that is not part of the canonical name: the search must look at aliases too
    alias, name = page.evaluate("""(() => { for (const n of govkg.data.nodes) for (const a of n.aliases)
        if (!n.label.includes(a)) return [a, n.label]; return [null, null]; })()""")
    assert alias, "the sample has an entity whose alias is not part of its name"
    page.fill("#search", alias)
    found = page.locator("#results li").all_text_contents()
    assert f"{name} ({alias})" in found


def test_events_and_quantities_show_in_their_entity_panel(page):
    for key, heading in (("events", "事件 Events"), ("quantities", "数量 Quantities")):
        node = page.evaluate(f"govkg.data.nodes.find(n => n.{key}.length)")
        assert node, f"the sample has {key}"
        page.fill("#search", node["label"])
        page.keyboard.press("Enter")
        assert page.text_content("#panel h2") == node["label"]
        panel = page.text_content("#panel")
        assert heading in panel
        item = node[key][0]
        assert (item["trigger"] if key == "events" else item["text"]) in panel


def test_type_filter_and_mentions_slider_thin_the_graph(page):
    total = page.evaluate("govkg.nodes.length")
    agencies = page.evaluate("govkg.data.nodes.filter(n => n.type === 'Agency').length")
    page.uncheck('#legend input[data-type="Agency"]')
    assert page.evaluate("govkg.nodes.get().filter(n => n.hidden).length") == agencies
    page.check('#legend input[data-type="Agency"]')
    page.locator("#min-mentions").fill("3")
    rare = page.evaluate("govkg.data.nodes.filter(n => n.mentions < 3).length")
    assert 0 < rare < total
    assert page.evaluate("govkg.nodes.get().filter(n => n.hidden).length") == rare
    assert f"{total - rare} / {total}" in page.text_content("#shown")


def test_hovering_an_edge_names_its_relation(page):
    # a point on an edge that no node covers, in the page as it opens
    found = page.evaluate("""(() => {
        const net = govkg.network;
        for (const [i, e] of govkg.data.edges.entries()) {
            const pos = net.getPositions([e.from, e.to]);
            const a = net.canvasToDOM(pos[e.from]), b = net.canvasToDOM(pos[e.to]);
            const p = { x: a.x + (b.x - a.x) * 0.45, y: a.y + (b.y - a.y) * 0.45 };
            if (net.getNodeAt(p) === undefined && net.getEdgeAt(p) === i) return [i, p];
        }
        return null; })()""")
    assert found, "some edge can be pointed at"
    edge, point = found
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#tip:not([hidden])", timeout=3000)
    e = page.evaluate(f"govkg.data.edges[{edge}]")
    tip = page.text_content("#tip")
    assert e["relation"] in tip
    assert page.evaluate(f"govkg.data.nodes[{e['from']}].label") in tip


def test_screenshot_shows_a_drawn_page(page, tmp_path):
    page.fill("#search", "中山市司法局")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)  # the focus animation
    target = Path(os.environ.get("GOVKG_SCREENSHOT") or tmp_path / "page.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    png = target.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
