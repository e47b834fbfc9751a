"""Render PDF handouts as HTML text: data in, HTML out, no I/O.

The exercise handout shows the same sections in the same order as the exercise web page
(see `EXERCISE_SECTIONS`); :mod:`generator.handouts` turns the HTML into PDF with WeasyPrint.
Templates and CSS are read once from the `generator.handouts` package's templates/ folder (package data, not
site files), so this module stays free of file-system paths.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from html import unescape
from importlib import resources
from string import Template

from ..core.markup import escape
from ..core.model import Catalog, Exercise, Muscle, Topic
from ..core.text import DISCLAIMER, DISCLAIMER_TITLE, dose_text, equipment_text, join_words, label
from ..figures.files import bodymap_hips_name, bodymap_muscle_name, still_name
from ..pages.markdown import markdown_html

__all__ = [
    "BOOKLET_PATH",
    "BOOKLET_VOLUME_MAX",
    "EXERCISE_SECTIONS",
    "HANDOUT_LINK_TEXT",
    "PAPERS",
    "BookletVolume",
    "Doc",
    "booklet_html",
    "booklet_volumes",
    "css",
    "exercise_handout_path",
    "exercise_html",
    "page",
    "page_url",
    "plan_handout_path",
]

# The sections of an exercise, in the order both the web page and the handout show them.
EXERCISE_SECTIONS: tuple[str, ...] = (
    "summary",
    "trains",
    "equipment",
    "figure",
    "starting_position",
    "steps",
    "dose",
    "tips",
    "mistakes",
    "cautions",
    "variations",
    "disclaimer",
)
HANDOUT_LINK_TEXT = "Download handout (PDF)"
BOOKLET_PATH = "handouts/guide-booklet.pdf"
# The guide's choice: a booklet holds at most this many exercises (a page or two each, with the
# cover, contents and background some 300 to 500 pages), so that it can still be printed and
# bound, and so that no one WeasyPrint document grows with the catalog (a document is laid out
# whole in one process's memory: 2.5 GB for a 1,000-exercise booklet; a 250-exercise volume took
# about a minute of one core here). A larger catalog's booklet comes in volumes, in catalog
# order, the background chapters in the last.
BOOKLET_VOLUME_MAX = 250
PAPERS = {"a4": "A4", "letter": "letter"}
GUIDE_TITLE = "Hip extension guide"


@dataclass(frozen=True)
class Doc:
    """One PDF to make: where it goes, what it is (for messages), its HTML, one page or not."""

    path: str  # site-relative, e.g. handouts/hip-thrust.pdf
    what: str  # e.g. "exercise 'hip-thrust'"
    html: str
    one_page: bool = False


def exercise_handout_path(exercise_id: str) -> str:
    """Site-relative path of an exercise handout PDF."""
    return f"handouts/{exercise_id}.pdf"


def plan_handout_path(plan_id: str) -> str:
    """Site-relative path of a sample plan handout PDF."""
    return f"handouts/plans/{plan_id}.pdf"


def page_url(site_url: str, path: str) -> str:
    """Absolute address of a site-relative page path; "" without a public site_url (none is printed)."""
    from ..site_address import sheet_address

    return sheet_address(site_url, path)


def qr_svg(address: str) -> str:
    """The QR code of an address as inline SVG ("" for no address), drawn like the printed sheets'."""
    if not address:
        return ""
    from ..planner.sheet import qr_tree, sheet_html
    from .program_sheet import qr_rows

    tree = qr_tree(qr_rows(address), address)
    return sheet_html(tree) if tree else ""


@cache
def _template(name: str) -> str:
    return resources.files("generator.handouts").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def css(*names: str) -> str:
    """The concatenated text of handout stylesheets from generator/handouts/templates."""
    return "\n".join(_template(n) for n in names)


def page(title: str, body: str, *, stylesheet: str, paper: str, body_class: str = "", font_css: str = "") -> str:
    """A whole HTML document: the page skeleton with inline CSS (nothing to fetch)."""
    size = PAPERS[paper]
    return Template(_template("handout-page.html")).substitute(
        title=escape(title),
        css=f"{font_css}\n@page {{ size: {size}; }}\n{stylesheet}",
        body_class=escape(body_class),
        body=body,
        guide=escape(GUIDE_TITLE),
    )


def _ul(items: tuple[str, ...] | list[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _uri(data: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _svg_title(data: bytes) -> str:
    found = re.search(rb"<title>(.*?)</title>", data, re.S)
    return unescape(found.group(1).decode("utf-8")) if found else ""


def _figure(ex: Exercise, figures: Mapping[str, bytes]) -> str:
    """The still of the movement (start dashed, finish solid, with its legend), at least 8 cm wide."""
    data = figures.get(still_name(ex.id))
    if data is None:
        return ""
    alt = _svg_title(data) or f"{ex.name}: start and finish positions"
    return f'<figure class="figure"><img src="{_uri(data)}" alt="{escape(alt)}"><figcaption>{escape(alt)}</figcaption></figure>'


def _bodymap(name: str, figures: Mapping[str, bytes], cls: str) -> str:
    data = figures.get(name)
    if data is None:
        return ""
    return f'<img class="{cls}" src="{_uri(data)}" alt="{escape(_svg_title(data))}">'


def exercise_article(
    ex: Exercise, catalog: Catalog, figures: Mapping[str, bytes], *, level: str = "h1", address: str = ""
) -> str:
    """The sections of one exercise, as an <article> (used by the handout and the booklet)."""
    primary = join_words([catalog.muscle(m).name for m in ex.primary_muscles])
    # the handout's body map has no legend of its own: the lines beside it say which is which
    mapped = bodymap_hips_name(ex.id) in figures
    key_main = ' <span class="key">(solid on the map)</span>' if mapped else ""
    key_helper = ' <span class="key">(hatched)</span>' if mapped else ""
    secondary = join_words([catalog.muscle(m).name for m in ex.secondary_muscles])
    optional = join_words([catalog.equipment_item(i).name.lower() for i in ex.equipment.optional], "or")
    meta = " · ".join(
        [
            f"Level: {label(ex.level)}",
            f"Position: {label(ex.position)}",
            label(ex.chain),
            f"Knee {label(ex.knee).lower()}",
        ]
    )
    parts = {
        "summary": f'<p class="summary">{escape(ex.summary)}</p>'
        + (
            '<p class="note">The guide\'s addition: this exercise is not in the exercise article the guide is '
            "built on (see the guide's choices online).</p>"
            if any(b.field == "item" and b.kind == "guide" for b in ex.basis)
            else ""
        ),
        "trains": (
            '<div class="fact"><h2>What it trains</h2>'
            + f"<p><b>Main:</b> {escape(primary)}{key_main}</p>"
            + (f"<p><b>Helping:</b> {escape(secondary)}{key_helper}</p>" if secondary else "")
            + "</div>"
        ),
        "equipment": (
            '<div class="fact"><h2>Equipment</h2>'
            f"<p>{escape(equipment_text(ex, catalog))}"
            + (f' <span class="opt">(optional: {escape(optional)})</span>' if optional else "")
            + "</p>"
            + (f'<p class="note">{escape(ex.equipment.note)}</p>' if ex.equipment.note else "")
            + "</div>"
        ),
        "figure": _figure(ex, figures),
        "starting_position": (
            f'<section class="start"><h2>Starting position</h2><p>{escape(ex.starting_position)}</p></section>'
        ),
        "steps": (
            '<section class="steps"><h2>Steps</h2><ol class="steps">'
            + "".join(f"<li>{escape(s)}</li>" for s in ex.steps)
            + "</ol></section>"
        ),
        "dose": (
            '<section class="dose"><h2>Dose</h2>'
            f'<p class="dose-text">{escape(dose_text(ex.dosage))}</p>'
            '<p class="fill">Your dose: sets ______ reps ______ times a week ______</p></section>'
        ),
        "tips": f'<section class="tips"><h2>Tips</h2>{_ul(ex.tips)}</section>' if ex.tips else "",
        "mistakes": (
            f'<section class="mistakes"><h2>Common mistakes</h2>{_ul(ex.mistakes)}</section>' if ex.mistakes else ""
        ),
        "cautions": (
            '<section class="cautions"><h2><span class="mark" aria-hidden="true">!</span> Cautions</h2>'
            f"{_ul(ex.cautions)}</section>"
            if ex.cautions
            else ""
        ),
        "variations": (
            '<section class="variations"><h2>Variations</h2><ul>'
            + "".join(f"<li><b>{escape(v.name)}.</b> {escape(v.description)}</li>" for v in ex.variations)
            + "</ul></section>"
            if ex.variations
            else ""
        ),
        "disclaimer": "",  # in the running footer of the handout, at the end of the booklet
    }
    head = (
        f'<header class="ex-head"><{level} class="title" id="ex-{ex.id}">{escape(ex.name)}</{level}>'
        f'<p class="meta">{escape(meta)}</p>'
        + (f'<p class="web">Online: {escape(address)}</p>' if address else "")
        + "</header>"
    )
    # Group the sections into the handout's blocks without changing their order.
    body_map = _bodymap(bodymap_hips_name(ex.id), figures, "bodymap")
    facts = parts["trains"] + parts["equipment"] + (f'<div class="fact map">{body_map}</div>' if body_map else "")
    lists = parts["tips"] + parts["mistakes"]
    body = (
        head
        + parts["summary"]
        + f'<div class="facts{" with-map" if body_map else ""}">{facts}</div>'
        + parts["figure"]
        + parts["starting_position"]
        + parts["steps"]
        + parts["dose"]
        + (f'<div class="cols">{lists}</div>' if lists else "")
        + parts["cautions"]
        + parts["variations"]
    )
    return f'<article class="exercise" data-sections="{" ".join(EXERCISE_SECTIONS)}">{body}</article>'


def _footer(address: str, extra: str = "") -> str:
    url = f' · <span class="url">{escape(address)}</span>' if address else ""
    return (
        '<div class="running-footer">'
        + qr_svg(address)
        + f'<p class="disclaimer"><b>{escape(DISCLAIMER_TITLE)}.</b> {escape(DISCLAIMER)}</p>'
        f'<p class="address">{escape(GUIDE_TITLE)}{url}{extra}</p>'
        "</div>"
    )


def exercise_html(
    ex: Exercise,
    catalog: Catalog,
    *,
    site_url: str,
    paper: str = "a4",
    figures: Mapping[str, bytes] | None = None,
    fit: int = 0,
    font_css: str = "",
) -> str:
    """The one-page handout of an exercise; `fit` 1 or 2 tightens the layout to stay on one page."""
    address = page_url(site_url, f"exercises/{ex.id}/")
    body = (
        f'<p class="kicker">{escape(GUIDE_TITLE)} · Exercise handout</p>'
        + _footer(address)
        + exercise_article(ex, catalog, figures or {})
    )
    cls = ["handout", "exercise-handout"] + ([f"fit-{fit}"] if fit else [])
    return page(
        f"{ex.name}: exercise handout",
        body,
        stylesheet=css("handout.css"),
        paper=paper,
        body_class=" ".join(cls),
        font_css=font_css,
    )


def _muscle_article(m: Muscle, catalog: Catalog, figures: Mapping[str, bytes] | None = None) -> str:
    trains = [e.name for e in catalog.exercises if m.id in e.primary_muscles]
    helps = [e.name for e in catalog.exercises if m.id in e.secondary_muscles]
    out = [
        f'<article class="muscle"><h2 id="mu-{m.id}">{escape(m.name)}</h2>',
        f'<p class="meta">Group: {escape(label(m.group))} · Role: {escape(label(m.role))}</p>',
        f'<p class="summary">{escape(m.summary)}</p>',
        _bodymap(bodymap_muscle_name(m.id), figures or {}, "bodymap-muscle"),
        f"<p><b>Where it is.</b> {escape(m.location)}</p>",
        f"<p><b>What it does.</b> {escape(m.action)}</p>",
    ]
    if m.clinical:
        out.append(f"<h3>Clinical notes</h3>{_ul(m.clinical)}")
    if m.training:
        out.append(f"<h3>{'Stretching and balance' if m.role == 'antagonist' else 'Training it'}</h3>{_ul(m.training)}")
    if trains or helps:
        line = []
        if trains:
            line.append(f"<b>Main mover in:</b> {escape(join_words(trains))}.")
        if helps:
            line.append(f"<b>Helps in:</b> {escape(join_words(helps))}.")
        out.append(f'<p class="trained-by">{" ".join(line)}</p>')
    out.append("</article>")
    return "".join(out)


def _topic_article(t: Topic) -> str:
    # Demote the topic's own headings under its title (## -> h3 and so on).
    body = markdown_html(t.body)
    for n in (5, 4, 3, 2, 1):
        body = body.replace(f"<h{n}", f"<h{min(n + 1, 6)}").replace(f"</h{n}>", f"</h{min(n + 1, 6)}>")
    return (
        f'<article class="topic"><h2 id="tp-{t.id}">{escape(t.name)}</h2>'
        f'<p class="summary">{escape(t.summary)}</p>{body}</article>'
    )


@dataclass(frozen=True)
class BookletVolume:
    """One volume of the booklet: its PDF, its number of how many, and its exercises."""

    path: str
    number: int
    count: int
    exercises: tuple[Exercise, ...]

    @property
    def background(self) -> bool:
        """The last volume (the only one, mostly) carries the muscles and the background topics."""
        return self.number == self.count

    @property
    def title(self) -> str:
        return "The whole guide as a booklet" if self.count == 1 else f"Booklet, volume {self.number} of {self.count}"


def booklet_volumes(catalog: Catalog, most: int | None = None) -> list[BookletVolume]:
    """The booklet's volumes: one (BOOKLET_PATH) up to `most` (BOOKLET_VOLUME_MAX) exercises, else
    as few as hold them, filled evenly (guide-booklet-1.pdf, ...)."""
    exercises = catalog.exercises
    count = max(1, -(-len(exercises) // (most or BOOKLET_VOLUME_MAX)))
    if count == 1:
        return [BookletVolume(BOOKLET_PATH, 1, 1, tuple(exercises))]
    size, larger = divmod(len(exercises), count)  # the first `larger` volumes hold one more
    starts = [n * size + min(n, larger) for n in range(count + 1)]
    return [
        BookletVolume(f"handouts/guide-booklet-{n + 1}.pdf", n + 1, count, tuple(exercises[starts[n] : starts[n + 1]]))
        for n in range(count)
    ]


def _cover_facts(catalog: Catalog, volume: BookletVolume, topics: int) -> str:
    """What the booklet's cover says it holds (HTML): the whole guide, or which part of it."""
    if volume.count == 1:
        return f"{len(catalog.exercises)} exercises · {len(catalog.muscles)} muscles · {topics} background topics"
    first, last = volume.exercises[0].name, volume.exercises[-1].name
    where = (
        f"muscles and background ({len(catalog.muscles)} muscles, {topics} topics)"
        if volume.background
        else f"the muscles and the background are in volume {volume.count}"
    )
    return escape(
        f"Volume {volume.number} of {volume.count}: exercises {first} to {last} "
        f"({len(volume.exercises)} of {len(catalog.exercises)}); {where}"
    )


def booklet_html(
    catalog: Catalog,
    *,
    site_url: str,
    paper: str = "a4",
    figures: Mapping[str, bytes] | None = None,
    date: str = "",
    font_css: str = "",
    volume: BookletVolume | None = None,
) -> str:
    """The guide booklet (or one `volume` of it, see booklet_volumes; default the whole guide in
    one): cover, contents with page numbers, exercises, and (in the last volume) muscles,
    clinical overview, concepts."""
    figures = figures or {}
    volume = volume or BookletVolume(BOOKLET_PATH, 1, 1, tuple(catalog.exercises))
    clinical = [t for t in catalog.topics if t.section == "clinical"]
    concepts = [t for t in catalog.topics if t.section == "concepts"]
    chapters: list[tuple[str, str, list[tuple[str, str]], str]] = []  # (id, title, [(anchor, name)], html)
    chapters.append(
        (
            "exercises",
            "Exercises",
            [(f"ex-{e.id}", e.name) for e in volume.exercises],
            "".join(
                '<div class="ex-page">'
                + exercise_article(e, catalog, figures, level="h2", address=page_url(site_url, f"exercises/{e.id}/"))
                + "</div>"
                for e in volume.exercises
            ),
        )
    )
    if volume.background:
        chapters.append(
            (
                "muscles",
                "Muscles",
                [(f"mu-{m.id}", m.name) for m in catalog.muscles],
                "".join(_muscle_article(m, catalog, figures) for m in catalog.muscles),
            )
        )
    for cid, title, topics in (("clinical", "Clinical overview", clinical), ("concepts", "Concepts", concepts)):
        if topics and volume.background:
            chapters.append(
                (cid, title, [(f"tp-{t.id}", t.name) for t in topics], "".join(_topic_article(t) for t in topics))
            )
    toc = ['<nav class="toc"><h1 id="contents">Contents</h1><ol>']
    for cid, title, entries, _ in chapters:
        toc.append(f'<li class="chapter"><a href="#ch-{cid}">{escape(title)}</a><ol>')
        toc.extend(f'<li><a href="#{a}">{escape(n)}</a></li>' for a, n in entries)
        toc.append("</ol></li>")
    toc.append(f'<li class="chapter"><a href="#ch-disclaimer">{escape(DISCLAIMER_TITLE)}</a></li></ol></nav>')
    cover = (
        f'<section class="cover{" cover--qr" if page_url(site_url, "") else ""}">'
        f'<p class="kicker">{escape(GUIDE_TITLE)}</p>'
        "<h1>Hip extension exercises</h1>"
        '<p class="sub">Exercises, muscles and the clinical overview, for people who train at home '
        "and the clinicians and coaches who work with them.</p>"
        + f'<p class="facts">{_cover_facts(catalog, volume, len(clinical) + len(concepts))}</p>'
        + (f'<p class="url">{escape(page_url(site_url, ""))}</p>' if page_url(site_url, "") else "")
        + qr_svg(page_url(site_url, ""))
        + (f'<p class="date">Built {escape(date)}</p>' if date else "")
        + f'<p class="disclaimer"><b>{escape(DISCLAIMER_TITLE)}.</b> {escape(DISCLAIMER)}</p>'
        "</section>"
    )
    body = [cover, "".join(toc)]
    for cid, title, _, html in chapters:
        body.append(
            f'<section class="chapter {cid}"><h1 class="chapter-title" id="ch-{cid}">{escape(title)}</h1>{html}</section>'
        )
    body.append(
        f'<section class="chapter end"><h1 class="chapter-title" id="ch-disclaimer">{escape(DISCLAIMER_TITLE)}</h1>'
        f"<p>{escape(DISCLAIMER)}</p>"
        + (f"<p>Find the guide online at {escape(page_url(site_url, ''))}.</p>" if page_url(site_url, "") else "")
        + "</section>"
    )
    return page(
        f"{GUIDE_TITLE}: booklet" + (f", volume {volume.number} of {volume.count}" if volume.count > 1 else ""),
        "".join(body),
        stylesheet=css("handout.css", "handout-booklet.css"),
        paper=paper,
        body_class="booklet",
        font_css=font_css,
    )
