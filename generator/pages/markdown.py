"""Markdown from the data, rendered safely: the link check on every page, and topic bodies for PDFs.

Build only (python-markdown). :class:`SafeLinks` is a Markdown extension: the plugin adds it to
MkDocs' own Markdown, so on every page a link that is not to the guide's own pages or to an
``https:`` address (:func:`generator.core.markup.allowed_href`) becomes its plain text, and an
image that is not the site's own file is dropped. It runs once backslash escapes are resolved,
so what it judges is the address the browser would follow.
:func:`markdown_html` renders a restricted-Markdown field for the handouts, with raw HTML off.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..core.markup import allowed_href, markdown_source

__all__ = ["SafeLinks", "markdown_html"]


class _LinkCheck(Treeprocessor):
    def __init__(self, md: markdown.Markdown, relative: bool) -> None:
        super().__init__(md)
        self.relative = relative

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "a" and not self._keep(child.get("href", "")):
                    child.tag = "span"
                    child.attrib.clear()
                elif child.tag == "img" and not self._keep_image(child.get("src", "")):
                    _drop(parent, child)

    def _keep(self, href: str) -> bool:
        return allowed_href(href) and (self.relative or href.lower().startswith(("https:", "#")))

    @staticmethod
    def _keep_image(src: str) -> bool:
        return allowed_href(src) and not src.lower().startswith("https:")


def _drop(parent: etree.Element, child: etree.Element) -> None:
    """Remove `child`, keeping the text that followed it."""
    tail = child.tail or ""
    index = list(parent).index(child)
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(child)


class SafeLinks(Extension):
    """Links only to the guide's own pages and to https:; images only from the site itself.

    With ``relative=False`` (the handouts, where a page path leads nowhere) only ``https:``
    links and in-document anchors stay links.
    """

    def __init__(self, relative: bool = True) -> None:
        super().__init__()
        self.relative = relative

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - python-markdown's name
        # Priority 0, registered after python-markdown's "unescape" (0, which turns `\:`
        # placeholders back into text) and before MkDocs' "relpath" (0, which checks and rewrites
        # links, and would warn about a refused one): a stable sort keeps that order.
        md.treeprocessors.register(_LinkCheck(md, self.relative), "hipguide_safe_links", 0)


def markdown_html(value: str) -> str:
    """A restricted-Markdown field (e.g. a topic body) as HTML for the handouts.

    Raw HTML is off twice over: the source is made inert by `markdown_source`, and
    python-markdown's raw-HTML steps are removed. Links go through `SafeLinks(relative=False)`.
    """
    md = markdown.Markdown(extensions=["tables", "sane_lists", SafeLinks(relative=False)], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md.convert(markdown_source(value))
