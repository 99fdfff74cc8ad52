"""The accessible HTML renderer."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from csrating.errors import RenderError
from csrating.letters.render import DEFAULT_STYLESHEET, render_html


class _Collector(HTMLParser):
    """Records start tags (with attributes) and the text inside selected elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "meta", "hr"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for tag in self._open:
            self.text.setdefault(tag, []).append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def _collect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


@pytest.fixture
def page(letter_markdown: str) -> str:
    return render_html(
        letter_markdown,
        title="Rating letter <Exampleshire>",
        banner="Demonstration data: synthetic outcomes",
    )


def test_document_shell(page: str) -> None:
    html = _collect(page)
    assert page.startswith("<!DOCTYPE html>\n")
    assert html.named("html") == [{"lang": "en-GB"}]
    assert {"charset": "utf-8"} in html.named("meta")
    assert "".join(html.text["title"]) == "Rating letter <Exampleshire>"
    assert "<title>Rating letter &lt;Exampleshire&gt;</title>" in page
    assert len(html.named("main")) == 1


def test_heading_levels(page: str) -> None:
    html = _collect(page)
    assert len(html.named("h1")) == 1
    assert len(html.named("h2")) == 1
    assert "".join(html.text["h1"]) == "Children's services annual rating 2009"


def test_table_structure(page: str) -> None:
    html = _collect(page)
    assert len(html.named("table")) == 1
    assert len(html.named("thead")) == 1
    headers = html.named("th")
    assert len(headers) == 3
    assert all(attrs.get("scope") == "col" for attrs in headers)
    assert "".join(html.text["caption"]) == "The four-point scale"
    assert len(html.named("tr")) == 5
    assert headers[0].get("class") == "align-right"
    # the caption paragraph is not repeated as a paragraph
    assert "<p><strong>The four-point scale</strong></p>" not in page


def test_lists_breaks_and_emphasis(page: str) -> None:
    html = _collect(page)
    assert len(html.named("ul")) == 1
    assert len(html.named("li")) == 2
    assert len(html.named("br")) == 5  # four in the address, one in the signature
    assert "<em>perform well</em>" in page
    assert "<strong>Performs well</strong>" in page


def test_text_is_escaped_never_markup(page: str) -> None:
    html = _collect(page)
    assert html.named("script") == []
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends" in page
    assert 'alert("x")' in "".join(html.text["p"])


def test_banner_is_a_visible_note_first_in_main(page: str) -> None:
    html = _collect(page)
    names = [name for name, _ in html.tags]
    main_at = names.index("main")
    assert html.tags[main_at + 1] == ("p", {"class": "banner", "role": "note"})
    assert "Demonstration data: synthetic outcomes" in "".join(html.text["main"])


def test_no_banner_when_none(letter_markdown: str) -> None:
    assert 'class="banner"' not in render_html(letter_markdown, title="t")


def test_stylesheet_is_embedded_and_self_contained(page: str) -> None:
    html = _collect(page)
    assert html.named("link") == []
    assert html.named("script") == []
    assert DEFAULT_STYLESHEET in page
    assert "@page" in DEFAULT_STYLESHEET and "size: A4" in DEFAULT_STYLESHEET
    assert "19px" in DEFAULT_STYLESHEET
    assert "url(" not in DEFAULT_STYLESHEET and "@import" not in DEFAULT_STYLESHEET


def test_custom_stylesheet_replaces_the_default(letter_markdown: str) -> None:
    page = render_html(letter_markdown, title="t", stylesheet="body { color: black; }\n")
    assert "body { color: black; }" in page
    assert DEFAULT_STYLESHEET not in page


def test_stylesheet_cannot_close_its_element(letter_markdown: str) -> None:
    with pytest.raises(RenderError, match="</style"):
        render_html(letter_markdown, title="t", stylesheet="</STYLE><script>x()</script>")


def test_fragment_is_the_content_of_main(letter_markdown: str) -> None:
    fragment = render_html(letter_markdown, title="t", banner="Embargoed", standalone=False)
    assert fragment.startswith('<p class="banner" role="note">Embargoed</p>\n<p>9 December 2009')
    for absent in ("<html", "<head", "<main", "<style", "<title"):
        assert absent not in fragment
    assert fragment in render_html(letter_markdown, title="t", banner="Embargoed")
