"""Markdown rendering and sanitising, against golden HTML and plain-text files.

Regenerate on purpose with `pytest tests/content/test_markdown.py --update-golden`,
then read the diff: each golden file is the contract for its input.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from feeds.content.markdown import Rendered, has_unsafe_html, render_markdown

BASE_URL = "https://bulletin.example.org/"

CASES = {
    "paragraphs": (
        "Dear colleague\n\nWelcome to the twenty-fifth edition.\nThis line wraps in the source.\n\n"
        "A third paragraph with a hard break  \nafter two spaces.\n"
    ),
    "lists": (
        "The Showcase covers:\n\n"
        "- Implementing a digital front door\n"
        "- Enabling *social care* practitioners\n"
        "  - a nested point\n"
        "- Enhancing efficiency\n\n"
        "Then, in order:\n\n"
        "1. Register\n2. Attend\n\n"
        "A loose list:\n\n- first\n\n- second\n\nAfter the lists.\n"
    ),
    "emphasis": "Plain, *emphasis*, **strong**, ***both***, ~~struck~~ and `code`.\n",
    "links": (
        "Read [the hub](/our-support/hub), [the CCS website](https://www.crowncommercial.gov.uk/),"
        " email [the team](mailto:cyberanddigital@local.gov.uk), see [a page](page.html),"
        ' [a fragment](#top) and ![the logo](/logo.png "Logo").\n\n'
        "An autolink <https://www.ons.gov.uk/> and a [reference][ref].\n\n"
        "[ref]: https://www.techuk.org/\n"
    ),
    "unsafe": (
        "Before <script>alert('x')</script> after.\n\n"
        "<script>\ndocument.cookie\n</script>\n\n"
        "<style>p { display: none }</style>\n\n"
        '<iframe src="https://www.example.org/"></iframe>\n\n'
        '<p onclick="steal()">A <b onmouseover="x()">bold</b> '
        '<img src="/x.png" onerror="alert(1)"> '
        '<a href="javascript:alert(1)">script link</a> '
        '<a href="JaVaScRiPt:alert(1)">mixed case</a> '
        '<a href="data:text/html;base64,PHNjcmlwdD4=">data link</a> '
        '<a href="https://www.example.org/" target="_blank">kept</a></p>\n\n'
        "[markdown js](javascript:alert(1)) and [vbscript](vbscript:msgbox)\n\n"
        '<form action="/x"><input name="q"><button>Go</button></form>\n'
    ),
    "tables": (
        "| Workshop | Date | Time |\n|---|:---:|---:|\n"
        "| Data maturity | 7 November | 9:30-10:30am |\n"
        "| Every Cloud | 21 November | 9:30-11am |\n"
    ),
    "code": (
        "Run `feeds validate` first.\n\n```yaml\nnumber: 25\ntitle: <Edition>\n```\n\n"
        "    indented code & more\n"
    ),
    "blocks": (
        "# A heading\n\n## A smaller one\n\n> A quotation\n> over two lines.\n\n---\n\nThe end.\n"
    ),
    "entities": "AT&T, 5 < 6 & \"quotes\" 'single' &copy; &#169; &nbsp;end\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_markdown_renders_to_the_golden_html_and_text(golden, name):
    rendered = render_markdown(CASES[name], BASE_URL)
    golden(f"markdown/{name}.html", rendered.html.encode("utf-8") + b"\n")
    golden(f"markdown/{name}.txt", rendered.text.encode("utf-8") + b"\n")


class _Markup(HTMLParser):
    """Every element and attribute of a document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


def test_sanitised_html_has_no_active_content():
    markup = _Markup()
    markup.feed(render_markdown(CASES["unsafe"], BASE_URL).html)
    assert markup.tags.isdisjoint({"script", "style", "iframe", "form", "input", "button"})
    assert [name for name, _ in markup.attributes if name.startswith("on")] == []
    urls = [value for name, value in markup.attributes if name in ("href", "src")]
    assert urls == ["https://bulletin.example.org/x.png", "https://www.example.org/"]


def test_root_relative_links_become_absolute_against_base_url():
    rendered = render_markdown(
        "[hub](/hub) ![logo](/logo.png) [far](//cdn.example.org/x)", BASE_URL
    )
    assert rendered.html == (
        '<p><a href="https://bulletin.example.org/hub">hub</a> '
        '<img src="https://bulletin.example.org/logo.png" alt="logo"> '
        '<a href="//cdn.example.org/x">far</a></p>'
    )


def test_a_blank_document_renders_to_nothing():
    assert render_markdown("  \n\n ", BASE_URL) == Rendered("", "")


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<IFRAME src=x>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<style>p{}</style>",
    ],
)
def test_unsafe_sources_are_recognised(source):
    assert has_unsafe_html(source) is True


@pytest.mark.parametrize(
    "source",
    [
        "Open data: what councils publish.",
        "A <b>bold</b> and <em>calm</em> sentence with [a link](https://www.example.org/).",
        "Read about JavaScript: the language.",
        "Onboarding: a guide",
        "",
    ],
)
def test_safe_sources_are_not_flagged(source):
    assert has_unsafe_html(source) is False
