"""The one escaping rule: how text from the data reaches HTML, Markdown and PDFs.

Pure standard library (ships in the browser wheel). Every text field of the model is one of:

* **plain text** (the default): shown exactly as written. :func:`escape` is the only way it
  reaches a page, a title, a navigation entry, a ``<meta>`` description, an attribute or a
  handout. Its output is inert both as HTML and as Markdown source, so the same call is right
  in a Markdown page, inside raw HTML in that page, and in the handouts' HTML.
* **Markdown** (fields marked ``text="markdown"`` in :mod:`generator.core.model`, today only
  ``Topic.body``): a restricted Markdown, passed through :func:`markdown_source` before it is
  rendered. Allowed: paragraphs, headings, bullet and numbered lists, tables, emphasis and
  strong emphasis, and links to the guide's own pages (relative ``.md`` paths, ``#anchors``)
  or to ``https:`` addresses (:func:`allowed_href`, enforced on the rendered tree by
  :mod:`generator.pages.markdown`). Raw HTML, images, attribute lists, admonitions, code
  spans and fences show as the text they are.
* **ids** (``id`` fields and references to them): lower-case letters, digits and hyphens,
  checked when the data is loaded (:func:`is_id`), so they may be written anywhere unescaped.
"""

from __future__ import annotations

import functools
import html
import re

__all__ = ["ID_PATTERN", "allowed_href", "escape", "is_id", "markdown_source"]

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
_ID = re.compile(ID_PATTERN)

# HTML's five, and every character that can start Markdown syntax in the guide's Markdown
# extensions (emphasis, code, links and images, attribute lists, tables, headings, admonitions).
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]!|#~^=+"}
_ENTITIES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;"})
# Only at the start of a line: a list item ("- ", "1. ", "1) ") or pymdownx.details ("???").
_LEADING = re.compile(r"^ ?(?:[-?]|\d{1,9}[.)])")
_SPACES = re.compile(r"\s+")


def is_id(value: object) -> bool:
    """True for an id: 1 to 64 lower-case letters, digits and hyphens, not starting with a hyphen."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def escape(value: object, quote: bool = True) -> str:
    """Plain text as inert HTML and Markdown: the one escaping rule for text from the data.

    Whitespace runs become one space (plain text is one paragraph; a space at either end stays,
    as it may separate the text from what follows); ``& < > " '`` become HTML
    entities, and so does every character that could start Markdown syntax, so the result shows
    exactly the text whether it lands in HTML, in an attribute or in Markdown source. Apply it
    exactly once, where the text meets HTML or Markdown. (`quote` is accepted for the signature
    of :func:`html.escape`; quotes are always escaped.)
    """
    return _escaped(str(value))


# A page repeats the same names many times (a muscle page names every exercise that works it):
# the text is escaped once (str.translate with a dict is slow), up to a bounded number of texts.
@functools.lru_cache(maxsize=16384)
def _escaped(text: str) -> str:
    out = _SPACES.sub(" ", text).translate(_ENTITIES)
    lead = _LEADING.match(out)
    if lead:  # "1." -> "1&#46;", "-" -> "&#45;": text that starts like a list stays text
        at = lead.end() - 1
        out = f"{out[:at]}&#{ord(out[at])};{out[at + 1 :]}"
    return out


# Markdown fields: only the constructs in the allow-list above survive as syntax.
_BLOCK_OPENERS = re.compile(r"^([ \t]*)(!!!|\?\?\?|~~~|\[TOC\])", re.M)


def markdown_source(value: str) -> str:
    """A restricted-Markdown field as Markdown source in which raw HTML and the extensions are inert.

    ``<`` and ``>`` become entities (no raw HTML, no autolinks, no block quotes), and so do
    ``{ }`` (no attribute lists), backticks (no code), ``!`` before ``[`` (an image becomes a
    link, which the link check then judges) and the openers of admonitions and details.
    Links are checked later, on the rendered tree (see :func:`allowed_href`).
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLOCK_OPENERS.sub(lambda m: m.group(1) + f"&#{ord(m.group(2)[0])};" + m.group(2)[1:], text)
    for char, entity in (("<", "&lt;"), (">", "&gt;"), ("{", "&#123;"), ("}", "&#125;"), ("`", "&#96;")):
        text = text.replace(char, entity)
    return text.replace("![", "&#33;[")


_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def allowed_href(href: str) -> bool:
    """True for a link the guide's Markdown may keep: a relative path or ``#anchor``, or ``https:``.

    Judged as a browser reads it: entities decoded, whitespace and control characters dropped.
    Protocol-relative (``//host``) and root-absolute (``/path``) links are refused too: the
    guide's own pages are always linked relatively, so the site works under any path.
    """
    url = _INVISIBLE.sub("", html.unescape(href))
    if "\x02" in href or "\x03" in href:  # a Markdown placeholder left in: not a plain link
        return False
    scheme = _SCHEME.match(url)
    if scheme:
        return scheme.group(1).lower() == "https" and url[6:8] == "//"
    return not url.startswith(("/", "\\"))
