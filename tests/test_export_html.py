"""The HTML timeline as a document: self-contained, escaped, grouped by year, saying what it holds.
The browser behaviour (visibility, chip filtering) is in test_html_browser.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import make_event, read_csv_text


class Page(HTMLParser):
    """Collects what the tests look at: events, years, external references, script and style text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[dict[str, str]] = []
        self.years: list[str] = []
        self.references: list[str] = []
        self.tags: list[str] = []
        self._in: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "li" and "event" in (attributes.get("class") or "").split():
            self.events.append(attributes)
        if tag == "section" and attributes.get("data-year"):
            self.years.append(attributes["data-year"])
        for name in ("src", "href"):
            if attributes.get(name):
                self.references.append(attributes[name])
        self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if not self._in or self._in[-1] not in ("script", "style"):
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture
def export_html(invoke, tmp_path):
    def run(*args: str) -> tuple[str, str]:
        target = tmp_path / "timeline.html"
        result = invoke("export", *args, "-o", str(target))
        assert result.exit_code == 0, result.stderr
        return target.read_text(encoding="utf-8"), result.stderr

    return run


def test_one_event_element_per_exported_event_in_order(invoke, export_html):
    html, stderr = export_html("--actor", "Russia")
    expected = [r["id"] for r in read_csv_text(invoke("list", "--actor", "Russia", "--format", "csv").stdout)]
    page = parse(html)
    assert [e["id"] for e in page.events] == expected
    assert f"wrote {len(expected)} events" in stderr
    assert re.search(rf'<strong id="kz-count">{len(expected)}</strong> events', html)


def test_grouped_by_year_in_order(export_html):
    page = parse(export_html("--since", "2020")[0])
    assert page.years == sorted(set(page.years)) and page.years[0] == "2020"
    for event in page.events:
        assert event["id"][:4] in page.years or event["id"][:4] < "2020"


def test_self_contained_no_network(export_html):
    html, _ = export_html()
    page = parse(html)
    # No src, and every href an in-page fragment (an event, a storyline): nothing to fetch.
    assert [r for r in page.references if not r.startswith("#")] == []
    assert any(r.startswith("#storyline-") for r in page.references)
    assert "link" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    assert "<style>" in html and "<script>" in html
    assert not re.search(r"https?://|@import|url\(", html)


def test_header_names_the_filters_and_legend_the_themes(export_html):
    html, _ = export_html("--theme", "ukraine-war", "--since", "2022")
    assert "<code>--theme ukraine-war</code>" in html and "<code>--since 2022</code>" in html
    legend = re.findall(r'data-filter-theme="([^"]+)"', html)
    assert "ukraine-war" in legend and len(legend) == len(set(legend))
    assert 'style="--c: #' in html  # themes carry their palette colour


def test_dates_at_their_precision_and_qualifier(invoke, events_file, tmp_path):
    rows = [
        make_event(id="2025-e-year", date="2025"),
        make_event(id="2025-12-e-early", date="2025-12", date_qualifier="early"),
        make_event(id="2025-04-07-e-span", date="2025-04-07", end_date="2025-04-11"),
    ]
    target = tmp_path / "t.html"
    invoke("export", "--data", str(events_file(rows)), "-o", str(target))
    html = target.read_text(encoding="utf-8")
    for machine, shown in (("2025", "2025"), ("2025-12", "early December 2025"), ("2025-04-07", "7-11 April 2025")):
        assert re.search(rf'<time class="when" datetime="{machine}"[^>]*>{shown}</time>', html), shown


HOSTILE = '<script>alert("x")</script> & <b>bold</b> "quoted" \'single\''


@pytest.mark.parametrize("column", ["title", "summary", "quote", "actors", "location", "themes", "id"])
def test_every_cell_is_escaped(invoke, events_file, tmp_path, column):
    value = HOSTILE if column != "id" else '2025-x"><script>alert(1)</script>'
    event = make_event(**{column: value})
    target = tmp_path / "t.html"
    result = invoke("export", "--data", str(events_file([event])), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    assert html.count("<script>") == 2  # the page's own two scripts, nothing injected
    assert "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(" in html
    page = parse(html)
    assert len(page.events) == 1
    if column in ("title", "summary", "quote"):
        assert HOSTILE in "".join(page.text)  # shown literally


def test_empty_selection_is_a_valid_page(export_html):
    html, stderr = export_html("--search", "no-such-word-anywhere")
    assert "No events match these filters." in html
    assert parse(html).events == [] and "wrote 0 events" in stderr


def test_readable_when_printed(export_html):
    html, _ = export_html("--period", "2025")
    assert "@media print" in html and "break-inside: avoid" in html and "beforeprint" in html


def test_template_ships_inside_the_package():
    """The template is package data next to the renderer, so wheels carry it (hatch includes package files)."""
    from importlib.resources import files

    assert files("kaztimeline.render").joinpath("templates/timeline.html.j2").is_file()
