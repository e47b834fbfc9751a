"""The figures drawn from data: geometry checked on the poses, not eyeballed on the pictures.

Every test that is about an exercise runs for every exercise in data/exercises/, so an added
exercise is covered as soon as it lands (and fails until it has data/poses/<id>.yaml).
"""

from __future__ import annotations

import base64
import math
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest

from generator.core.errors import DataError
from generator.figures.body import BODY, hip_angle, part_distance, skeleton, surfaces
from generator.figures.check import TOUCH_CM, pose_props
from generator.figures.files import (
    LINKS_MAP,
    PICK_MAP,
    anim_name,
    bodymap_exercise_name,
    bodymap_muscle_name,
    still_name,
    thumb_name,
)
from generator.figures.movement import _placed
from generator.load import figure_bytes, load_catalog, load_figure_data
from generator.pages.guide import page_paths
from generator.planner.tree import plan_tree, tree_html

DATA = Path(__file__).resolve().parent.parent / "data"
CATALOG = load_catalog(DATA)
FIGURE_DATA = load_figure_data(DATA, CATALOG)
FIGURES = figure_bytes(DATA, CATALOG)
EXERCISES = [ex.id for ex in CATALOG.exercises]
SVG = "{http://www.w3.org/2000/svg}"

# The hip opens from start to finish by at least this many degrees; a hold (its finish is
# the held position) may stay where it is: 0 degrees, equal is fine.
MIN_HIP_OPENING = 20
MIN_HOLD_OPENING = 0
# The standing kickback ends 10 to 20 degrees behind the line of the trunk, no further, so the
# lower back need not arch (the hip itself extends only a little behind the body).
KICKBACK_BEHIND_TRUNK = (10, 20)
AIR_CM = 5.0  # a foot "in the air" is at least this far from every surface


def poses(ex_id: str):
    return FIGURE_DATA.poses[ex_id]


@pytest.mark.parametrize("ex_id", EXERCISES)
def test_the_hip_opens_from_start_to_finish(ex_id: str) -> None:
    pf = poses(ex_id)
    start, finish = hip_angle(skeleton(pf.start)), hip_angle(skeleton(pf.finish))
    least = MIN_HOLD_OPENING if pf.hold else MIN_HIP_OPENING
    assert finish - start >= least, f"{ex_id}: the hip goes from {start:.0f} to {finish:.0f} degrees"
    assert finish <= 180 + KICKBACK_BEHIND_TRUNK[1], (
        f"{ex_id}: the thigh ends {finish - 180:.0f} degrees behind the trunk"
    )


def test_the_standing_kickback_stays_within_what_the_lower_back_allows() -> None:
    behind = hip_angle(skeleton(poses("standing-kickback").finish)) - 180
    low, high = KICKBACK_BEHIND_TRUNK
    assert low <= behind <= high, f"the thigh ends {behind:.0f} degrees behind the trunk line"
    # the trunk keeps its angle: the leg moves, not the back
    assert poses("standing-kickback").start.trunk == poses("standing-kickback").finish.trunk


def _lengths(sk) -> dict[str, float]:
    p = sk.points
    out = {"trunk": math.dist(p["pelvis"], p["shoulders"])}
    for side in ("leg", "other_leg"):
        out[f"{side}.thigh"] = math.dist(p["pelvis"], p[f"{side}.knee"])
        out[f"{side}.shank"] = math.dist(p[f"{side}.knee"], p[f"{side}.ankle"])
    for side in ("arm", "other_arm"):
        out[f"{side}.upper_arm"] = math.dist(p["shoulders"], p[f"{side}.elbow"])
        out[f"{side}.forearm"] = math.dist(p[f"{side}.elbow"], p[f"{side}.wrist"])
    return out


@pytest.mark.parametrize("ex_id", EXERCISES)
def test_segment_lengths_are_those_of_the_one_body_model_in_every_position(ex_id: str) -> None:
    pf = poses(ex_id)
    frames = [skeleton(pf.start), skeleton(pf.finish), *(_placed(pf, t) for t in (0.25, 0.5, 0.75))]
    for sk in frames:
        for name, length in _lengths(sk).items():
            assert length == pytest.approx(BODY[name.split(".")[-1]], abs=0.01), (ex_id, name)


@pytest.mark.parametrize("ex_id", EXERCISES)
def test_every_contact_touches_its_surface(ex_id: str) -> None:
    pf = poses(ex_id)
    for name in ("start", "finish"):
        pose = getattr(pf, name)
        sk, surf = skeleton(pose), surfaces(pose_props(pf, pose))
        assert pose.contacts, f"{ex_id} {name}: nothing holds the body up"
        for c in pose.contacts:
            gap = part_distance(sk, c.part, surf[c.touches])
            assert abs(gap) <= TOUCH_CM, f"{ex_id} {name}: {c.part} is {gap:.1f} cm from the {c.touches}"


@pytest.mark.parametrize("ex_id", EXERCISES)
def test_no_body_part_passes_through_the_floor_or_a_prop(ex_id: str) -> None:
    pf = poses(ex_id)
    for name in ("start", "finish"):
        pose = getattr(pf, name)
        sk, surf = skeleton(pose), surfaces(pose_props(pf, pose))
        for surface, shapes in surf.items():
            for part in ["head", *(c.name for c in sk.capsules)]:
                gap = part_distance(sk, part, shapes)
                assert gap >= -TOUCH_CM, f"{ex_id} {name}: {part} is {-gap:.1f} cm inside the {surface}"


@pytest.mark.parametrize("ex_id", EXERCISES)
def test_the_animation_keeps_the_body_out_of_the_floor(ex_id: str) -> None:
    pf = poses(ex_id)
    floor = surfaces(())["floor"]
    for t in (0.2, 0.4, 0.6, 0.8):
        sk = _placed(pf, t)
        worst = min(part_distance(sk, part, floor) for part in ["head", *(c.name for c in sk.capsules)])
        assert worst >= -2 * TOUCH_CM, f"{ex_id} at {t:.0%} of the way: {-worst:.1f} cm into the floor"


def test_the_step_up_ends_with_the_free_foot_in_the_air() -> None:
    pf = poses("step-up")
    sk = skeleton(pf.finish)
    for surface, shapes in surfaces(pose_props(pf, pf.finish)).items():
        for part in ("other_leg.heel", "other_leg.toe", "other_leg.foot"):
            gap = part_distance(sk, part, shapes)
            assert gap >= AIR_CM, f"the free foot ({part}) is {gap:.1f} cm from the {surface}"
    assert not any(c.part.startswith("other_leg") for c in pf.finish.contacts)
    # and the working foot does not leave the box
    assert {c.part for c in pf.finish.contacts if c.touches == "box"} >= {"leg.heel", "leg.toe"}


@pytest.mark.parametrize("ex_id", EXERCISES)
def test_every_exercise_has_its_figures_as_valid_svg(ex_id: str) -> None:
    ex = CATALOG.exercise(ex_id)
    for name in (still_name(ex_id), anim_name(ex_id), thumb_name(ex_id), bodymap_exercise_name(ex_id)):
        root = ET.fromstring(FIGURES[name])
        assert root.tag == f"{SVG}svg" and root.get("viewBox"), name
    still = ET.fromstring(FIGURES[still_name(ex_id)])
    assert still.findtext(f"{SVG}title", "").startswith(ex.name)
    legend = [t.text for t in still.iter(f"{SVG}text")]
    assert legend == ["Start", "Hold here" if poses(ex_id).hold else "Finish"]
    dashed = [e for e in still.iter() if e.get("stroke-dasharray")]
    assert any("hg-fig__start" in (g.get("class") or "") for g in still.iter(f"{SVG}g")) and dashed
    thumb = ET.fromstring(FIGURES[thumb_name(ex_id)])  # cards and sheets show it in a 3:2 box, uncropped
    _, _, w, h = (float(v) for v in thumb.get("viewBox").split())
    assert (thumb.get("width"), thumb.get("height")) == ("120", "80") and w / h == pytest.approx(1.5, abs=0.01)
    anim = FIGURES[anim_name(ex_id)].decode()
    assert "<animate " in anim and 'repeatCount="indefinite"' in anim and "<script" not in anim


def test_the_start_pose_is_ink_not_light_grey() -> None:
    """A photocopier keeps the start: it is drawn in full ink (dashed), never as a pale fill."""
    for ex_id in EXERCISES:
        still = ET.fromstring(FIGURES[still_name(ex_id)])
        start = next(g for g in still.iter(f"{SVG}g") if "hg-fig__start" in (g.get("class") or ""))
        inked = [p for p in start.iter(f"{SVG}path") if p.get("stroke") == "currentColor"]
        assert inked and all(p.get("opacity") is None for p in start.iter()), ex_id


def test_every_muscle_has_a_region_and_deep_muscles_are_drawn_as_deep() -> None:
    by_muscle: dict[str, set[str]] = {}
    for r in FIGURE_DATA.bodymap.regions:
        by_muscle.setdefault(r.muscle, set()).add(r.depth)
    assert set(by_muscle) == {m.id for m in CATALOG.muscles}
    for deep in ("gluteus-minimus", "iliacus", "psoas-major"):
        assert by_muscle[deep] == {"deep"}, deep
    assert "deep" in by_muscle["adductor-magnus"]  # under the hamstrings and the gluteus maximus
    assert by_muscle["gluteus-maximus"] == {"surface"}
    for m in CATALOG.muscles:
        root = ET.fromstring(FIGURES[bodymap_muscle_name(m.id)])
        marked = [g for g in root.iter(f"{SVG}g") if "hg-bm__region--main" in (g.get("class") or "")]
        assert marked and m.name in root.get("aria-label", ""), m.id


def test_an_exercise_body_map_marks_main_and_helping_muscles_differently() -> None:
    ex = CATALOG.exercise("glute-bridge")
    root = ET.fromstring(FIGURES[bodymap_exercise_name(ex.id)])
    groups = {g.get("data-muscle"): g for g in root.iter(f"{SVG}g") if g.get("data-muscle")}
    classes = lambda m: " ".join(x.get("class") or "" for x in groups[m].iter())  # noqa: E731
    assert "hg-bm__region--main" in classes("gluteus-maximus")
    for m in ex.secondary_muscles:
        assert "hg-bm__region--helper" in classes(m) and "hg-bm__region--main" not in classes(m)
    assert "--main" not in classes("iliacus") and "--helper" not in classes("iliacus")
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Main muscles", "Helping muscles", "Dashed: deep, under other muscles"} <= set(legend)
    label = root.get("aria-label", "")
    assert all(CATALOG.muscle(m).name in label for m in (*ex.primary_muscles, *ex.secondary_muscles))


def test_the_muscles_index_map_links_each_region_and_the_exercise_map_filters() -> None:
    links = ET.fromstring(FIGURES[LINKS_MAP])
    anchors = {a.get("{http://www.w3.org/1999/xlink}href"): a for a in links.iter(f"{SVG}a")}
    assert set(anchors) == {f"{m.id}/" for m in CATALOG.muscles}
    for m in CATALOG.muscles:
        assert anchors[f"{m.id}/"].findtext(f"{SVG}title") == m.name  # named on hover and to screen readers
    pick = ET.fromstring(FIGURES[PICK_MAP])
    buttons = [g for g in pick.iter(f"{SVG}g") if g.get("role") == "button"]
    trained = {m for e in CATALOG.exercises for m in (*e.primary_muscles, *e.secondary_muscles)}
    assert {b.get("data-muscle") for b in buttons} == trained
    assert all(b.get("tabindex") == "0" and b.get("aria-pressed") == "false" for b in buttons)


PAGES = page_paths(CATALOG, {}, FIGURES)


@pytest.mark.parametrize("ex_id", EXERCISES)
def test_the_exercise_page_shows_the_movement_inline_and_the_body_map(ex_id: str) -> None:
    page = PAGES[f"exercises/{ex_id}.md"]
    assert 'class="hg-move__panel hg-move__panel--anim"' in page and "<animate " in page
    assert FIGURES[still_name(ex_id)].decode() in page
    assert FIGURES[bodymap_exercise_name(ex_id)].decode() in page
    # raw HTML blocks end at a blank line: the inline SVG has none
    block = page[page.index('<figure class="hg-move">') :]
    assert "\n\n" not in block[: block.index("</figure>")]


def test_muscle_pages_and_the_indexes_carry_their_maps_and_thumbnails() -> None:
    for m in CATALOG.muscles:
        assert FIGURES[bodymap_muscle_name(m.id)].decode() in PAGES[f"muscles/{m.id}.md"]
    assert FIGURES[LINKS_MAP].decode() in PAGES["muscles/index.md"]
    index = PAGES["exercises/index.md"]
    assert FIGURES[PICK_MAP].decode() in index and "data-hg-bodymap hidden" in index
    for ex_id in EXERCISES:
        assert f'src="../assets/figures/{thumb_name(ex_id)}"' in index


def test_the_plan_tree_shows_each_exercise_thumbnail() -> None:
    plan = {
        "sessions": [
            {
                "name": "Day 1",
                "estimated_minutes": 20,
                "exercises": [{"id": "step-up", "name": "Step-up", "dose": "15 reps"}],
            }
        ]
    }
    html = unescape(tree_html(plan_tree(plan)))
    assert (
        '<div class="hg-excard__fig"><img src="../assets/figures/step-up-thumb.svg" alt="" width="120" height="80">'
        in html
    )
    assert "</img>" not in html
    assert thumb_name("step-up") in FIGURES


def test_handouts_print_the_figure_at_least_8_cm_wide_and_the_body_maps() -> None:
    weasyprint = pytest.importorskip("weasyprint")
    from generator.handouts.sheets import booklet_html, exercise_html

    ex = CATALOG.exercise("glute-bridge")
    uri = base64.b64encode(FIGURES[still_name(ex.id)]).decode()
    for fit in (0, 1, 2, 3):  # the tighter layouts a long exercise falls back to keep the figure's width
        doc = weasyprint.HTML(string=exercise_html(ex, CATALOG, site_url="", figures=FIGURES, fit=fit)).render()
        widths = [
            box.width
            for box in _boxes(doc)
            if getattr(box, "element_tag", "") == "img" and uri in (box.element.get("src") or "")
        ]
        assert widths and widths[0] * 2.54 / 96 >= 8.0, (fit, widths)
    booklet = booklet_html(CATALOG, site_url="", figures=FIGURES)
    for m in CATALOG.muscles:
        article = booklet[booklet.index(f'id="mu-{m.id}"') :]
        article = article[: article.index("</article>")]
        assert base64.b64encode(FIGURES[bodymap_muscle_name(m.id)]).decode() in article, m.id


def _boxes(doc):
    def walk(box):
        yield box
        for child in getattr(box, "children", []) or []:
            yield from walk(child)

    for page in doc.pages:
        yield from walk(page._page_box)


def test_a_broken_pose_file_gets_one_line_naming_file_field_and_value(data_copy: Path) -> None:
    path = data_copy / "poses" / "step-up.yaml"
    path.write_text(path.read_text().replace("\n  leg: {hip: 176, knee: 180", "\n  leg: {hip: 176, knee: 200", 1))
    (data_copy / "poses" / "hip-thrust.yaml").unlink()
    bridge = data_copy / "poses" / "glute-bridge.yaml"
    bridge.write_text(re.sub(r"pelvis: \[-4, 30\]", "pelvis: [-4, 60]", bridge.read_text()))
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    lines = [str(p) for p in info.value.problems]
    assert "data/poses/step-up.yaml: finish.leg.knee: expected degrees from 15 to 180, found 200" in lines
    assert (
        "data/poses/hip-thrust.yaml: (file): expected the start and finish positions of exercise 'hip-thrust', "
        "found no file"
    ) in lines
    assert any(
        line.startswith(
            "data/poses/glute-bridge.yaml: finish.contacts[0]: expected head to touch the floor, found a gap of"
        )
        for line in lines
    ), lines


def test_plan_handouts_show_each_exercise_thumbnail_beside_its_dose() -> None:
    from generator.handouts.plan_sheet import plan_docs
    from generator.pages.plans import sample_plans

    plans = sample_plans(CATALOG)
    docs = plan_docs(CATALOG, plans, site_url="https://example.org/", figures=FIGURES)
    assert docs
    for doc in docs:
        plan = plans[doc.path.rsplit("/", 1)[-1].removesuffix(".pdf")]
        for ex in {e["id"] for s in plan.get("sessions", []) for e in s.get("exercises", [])}:
            uri = base64.b64encode(FIGURES[thumb_name(ex)]).decode()
            row = doc.html[doc.html.index(f'data-id="{ex}"') :]
            row = row[: row.index("</li>")]
            assert uri in row and "hg-sheet__fig" in row, (doc.path, ex)  # in the exercise's own row
