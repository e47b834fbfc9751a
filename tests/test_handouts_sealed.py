"""WeasyPrint is sealed: a handout reads only the guide's own fonts and data: URLs, attaches nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.handouts.build import HandoutError, font_css, render_pdf
from generator.handouts.sheets import Doc


def test_a_handout_with_the_guides_fonts_renders():
    fonts, _ = font_css()
    assert render_pdf(Doc("x.pdf", "a test sheet", f"<style>{fonts}</style><p>Hello</p>")).startswith(b"%PDF")


@pytest.mark.parametrize(
    "html",
    [
        '<img src="file://{canary}">',
        '<link rel="stylesheet" href="file://{canary}">',
        "<style>@import url(file://{canary});</style>",
        '<style>p {{ background: url("file://{canary}") }}</style><p>x</p>',
        '<img src="../../../../../../..{canary}">',
        '<img src="http://127.0.0.1:9/x.png">',
        '<img src="https://example.org/x.png">',
    ],
)
def test_any_other_file_or_address_stops_the_render_naming_it(html: str, tmp_path: Path):
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-SECRET")
    with pytest.raises(HandoutError) as info:
        render_pdf(Doc("x.pdf", "exercise 'hostile'", html.format(canary=canary)))
    message = str(info.value)
    assert message.startswith("handout for exercise 'hostile': ") and "not one of the guide's own files" in message


@pytest.mark.parametrize("href", ["file://{canary}", "data:text/plain,hello"])
def test_attachments_are_refused(href: str, tmp_path: Path):
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-SECRET")
    html = f'<a rel="attachment" href="{href.format(canary=canary)}">file</a>'
    with pytest.raises(HandoutError, match="asks to attach a file"):
        render_pdf(Doc("x.pdf", "the guide booklet", html))
