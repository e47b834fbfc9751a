"""The one escaping rule (generator.core.markup) and the link check on rendered Markdown."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import markdown
import pytest

from generator.core import model
from generator.core.errors import DataError
from generator.core.markup import allowed_href, escape, is_id, markdown_source
from generator.load import load_catalog
from generator.pages.markdown import SafeLinks, markdown_html

# What MkDocs renders the guide's pages with (mkdocs.yml), plus the plugin's link check.
PAGE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]


def page_html(source: str) -> str:
    return markdown.markdown(source, extensions=[*PAGE_EXTENSIONS, SafeLinks()])


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "Title {: onclick=alert(1) }",
    "!!! danger",
    "??? note",
    "1. a list",
    "- a list",
    "# heading",
    "`code`",
    "| a | b |",
    "*emphasis* and __strong__",
    "&lt;already an entity&gt;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_shows_as_itself_in_markdown_and_in_html(text: str):
    from html import unescape

    rendered = page_html(escape(text))
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "onclick=" not in rendered.replace("onclick&#61;", "")
    # The text a reader sees is exactly the text in the data (one paragraph, spaces kept).
    inner = rendered.removeprefix("<p>").removesuffix("</p>")
    assert unescape(inner) == text
    assert unescape(escape(text)) == text


def test_escape_keeps_a_space_at_either_end_and_folds_runs():
    assert escape(" (about 22 minutes)") == " (about 22 minutes)"
    assert escape("a\n\n   b") == "a b"


def test_the_body_markdown_keeps_its_allowed_features_only():
    body = (
        "## A heading\n\nSome *emphasis*, **strong** and a [guide page](../muscles/x.md), an "
        "[outside page](https://example.org/), a [bad one](javascript:alert(1)), another "
        "[bad one](&#106;avascript:alert(1)) and ![an image](https://evil.example/x.png).\n\n"
        "- a list item\n\n| a | b |\n|---|---|\n| <b>1</b> | 2 |\n\n<script>alert(1)</script>\n\n"
        "## Heading {: onclick=alert(1) }\n\n!!! danger\n    admonition\n\n[r]: javascript:alert(2)\n\n[ref][r]\n"
    )
    html = page_html(markdown_source(body))
    assert "<h2" in html and "<em>emphasis</em>" in html and "<strong>strong</strong>" in html
    assert '<a href="../muscles/x.md">guide page</a>' in html and '<a href="https://example.org/">' in html
    assert "<li>a list item</li>" in html and "<table>" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    # The image is shown as a link to its https: address, never loaded.
    assert hrefs == ["../muscles/x.md", "https://example.org/", "https://evil.example/x.png"], hrefs
    for bad in ("<script", "<b>", "<img", 'class="admonition'):
        assert bad not in html, bad
    assert not re.search(r"<[^>]* onclick=", html)  # the attribute list is text
    assert "<span>bad one</span>" in html and "<span>ref</span>" in html


def test_the_handouts_render_the_body_without_raw_html_or_page_links():
    html = markdown_html('<a rel="attachment" href="file:///etc/passwd">x</a> [p](../x.md) [w](https://e.org/)')
    assert "<a rel" not in html and "file:///etc/passwd" in html  # shown as text, not fetched
    assert "<span>p</span>" in html and '<a href="https://e.org/">w</a>' in html


@pytest.mark.parametrize(
    ("href", "ok"),
    [
        ("../muscles/gluteus-maximus.md", True),
        ("#top", True),
        ("https://example.org/a?b#c", True),
        ("HTTPS://example.org/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("http://example.org/", False),
        ("mailto:a@example.org", False),
        ("file:///etc/passwd", False),
        ("//evil.example/", False),
        ("/root-absolute/", False),
        ("https:evil", False),
    ],
)
def test_links_only_to_the_guide_and_https(href: str, ok: bool):
    assert allowed_href(href) is ok


def test_ids_are_lower_case_letters_digits_and_hyphens():
    assert is_id("glute-bridge") and is_id("a1") and is_id("x" * 64)
    for bad in ("", "-x", "Glute", "a b", 'a"', "a<b", "x" * 65, "é"):
        assert not is_id(bad), bad


def test_every_text_field_of_the_model_is_plain_or_markdown():
    """Each str field is plain text unless marked markdown; only Topic.body is Markdown today."""
    markdown_fields = set()
    for cls in [getattr(model, name) for name in model.__all__]:
        if not dataclasses.is_dataclass(cls):
            continue
        for f in dataclasses.fields(cls):
            assert f.metadata.get("text", "plain") in ("plain", "markdown"), (cls.__name__, f.name)
            if f.metadata.get("text") == "markdown":
                assert typing.get_type_hints(cls)[f.name] is str
                markdown_fields.add(f"{cls.__name__}.{f.name}")
    assert markdown_fields == {"Topic.body"}


def test_an_id_with_markup_is_refused_at_load_time(data_copy: Path):
    ex = data_copy / "exercises" / "glute-bridge.yaml"
    ex.write_text(ex.read_text().replace("progressions: [hip-thrust,", "progressions: ['\"><b>', hip-thrust,"))
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    expected = (
        "data/exercises/glute-bridge.yaml: progressions[0]: expected an id of lower-case letters, digits and "
        "hyphens (at most 64), found '\"><b>'"
    )
    assert expected in [str(p) for p in info.value.problems]
