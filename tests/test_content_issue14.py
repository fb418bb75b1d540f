"""Safety tests for the fixes of issue 14, over the real shipped pathways.

Every test reads ``pathways/`` with the real loader and walks it with the real route
enumerator (``enumerate_paths``), engine or leaflet builder, so it fails if the content
regresses. Each was first run against the content before its fix, and failed there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bonemets_cli.catalog import Catalog, builtin_dir, load_catalog
from bonemets_cli.export.leaflet import build_leaflet
from bonemets_cli.model import AnyNode, OutcomeNode, Pathway, QuestionNode, Urgency
from bonemets_cli.paths import WalkPath, enumerate_paths

NEURO = "neurological"

# The six nerve symptoms of MSCC (reference section 1, safety fact 1): a regular
# expression for the clinician text and one for the plain-language text of each.
SIX_SYMPTOMS: dict[str, tuple[str, str]] = {
    "weakness": (r"weakness", r"\bweak"),
    "walking": (r"walking|gait", r"\bwalk"),
    "numbness": (r"numbness|pins and needles", r"\bnumb|pins and needles"),
    "saddle": (r"saddle", r"between your legs|saddle"),
    "bladder or bowel": (r"bladder.*bowel|bowel.*bladder", r"bladder.*bowel|bowel.*bladder"),
    "radicular pain": (r"radicular", r"belt|band|shoots"),
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    cat = load_catalog([builtin_dir()])
    assert not cat.errors, [e.message for e in cat.errors]
    return cat


@pytest.fixture(scope="module")
def pathways(catalog: Catalog) -> dict[str, Pathway]:
    return {pid: doc.pathway for pid, doc in catalog.pathways.items()}


@pytest.fixture(scope="module")
def routes(catalog: Catalog) -> dict[str, list[WalkPath]]:
    """Every route from every pathway's own start: each can be walked on its own."""
    return {pid: enumerate_paths(catalog, pid) for pid in sorted(catalog.pathways)}


def node_at(pathways: dict[str, Pathway], key: tuple[str, str]) -> AnyNode:
    return pathways[key[0]].nodes[key[1]]


def option_texts(node: QuestionNode) -> Iterator[tuple[str, str]]:
    """(clinician, lay) text of a question: its own, then each neurological option's."""
    yield node.text, node.lay or ""
    for option in node.options:
        if NEURO in option.tags:
            yield option.label, option.lay or option.label


# --------------------------------------------------------------------------- fix 1


def test_every_nerve_screen_asks_all_six_symptoms(
    pathways: dict[str, Pathway], routes: dict[str, list[WalkPath]]
) -> None:
    """A route that passes a nerve-symptom screen and answers 'no' was asked all six.

    Walked on its own (``bonemets walk limb``), a pathway that screens for nerve symptoms
    must ask about weakness, walking, numbness, the saddle area, the bladder and bowel
    and radicular pain, in the clinician and in the plain-language text, before any
    route goes on to an outcome that is not the emergency.
    """
    checked = 0
    for start, paths in routes.items():
        for path in paths:
            screens = [
                s
                for s in path.steps
                if s.option is not None
                and any(NEURO in o.tags for o in node_at(pathways, s.node).options)  # type: ignore[union-attr]
            ]
            if not screens or any(NEURO in s.option.tags for s in screens if s.option):
                continue
            checked += 1
            texts = [t for s in screens for t in option_texts(node_at(pathways, s.node))]  # type: ignore[arg-type]
            clinician = " ".join(t for t, _ in texts).lower()
            lay = " ".join(t for _, t in texts).lower()
            for symptom, (pro, plain) in SIX_SYMPTOMS.items():
                where = f"from {start}: {[f'{s.node[1]}={s.choice}' for s in path.steps]}"
                assert re.search(pro, clinician), f"{where}: no question about {symptom}"
                assert re.search(plain, lay), f"{where}: lay text never asks about {symptom}"
    assert checked >= 20


def test_limb_leaflet_emergency_box_names_bladder_bowel_and_saddle(catalog: Catalog) -> None:
    leaflet = build_leaflet(catalog, "limb")
    box = " ".join(f"{s.text} {' '.join(s.answers)}" for s in leaflet.warning_signs).lower()
    for phrase in ("bladder", "bowel", "between your legs", "weak", "walk", "numb"):
        assert phrase in box, f"the limb leaflet's emergency box does not mention {phrase}"


def test_limb_walked_alone_reaches_no_outcome_without_the_full_screen(
    pathways: dict[str, Pathway], routes: dict[str, list[WalkPath]]
) -> None:
    """The defect as reported: ``bonemets walk limb`` reached 14 outcomes unscreened."""
    unscreened = []
    for path in routes["limb"]:
        if path.urgency is Urgency.EMERGENCY:
            continue
        first = node_at(pathways, path.steps[0].node)
        assert isinstance(first, QuestionNode)
        text = " ".join(t for t, _ in option_texts(first)).lower()
        if not all(re.search(pro, text) for pro, _ in SIX_SYMPTOMS.values()):
            unscreened.append(path.outcome)
    assert unscreened == []


# --------------------------------------------------------------------------- fix 2


def _fracture_site_question(pathways: dict[str, Pathway]) -> QuestionNode:
    """Where ``symptoms:fracture`` = yes leads: it must ask where the break is."""
    fracture = pathways["symptoms"].nodes["fracture"]
    assert isinstance(fracture, QuestionNode)
    yes = next(o for o in fracture.options if o.id == "yes")
    target = node_at(pathways, pathways["symptoms"].qualify(yes.next))
    assert isinstance(target, QuestionNode), "a suspected fracture is not asked where it is"
    return target


def test_a_suspected_spinal_fracture_goes_to_the_spine_pathway(
    pathways: dict[str, Pathway], routes: dict[str, list[WalkPath]]
) -> None:
    site = _fracture_site_question(pathways)
    spinal = [
        o
        for o in site.options
        if re.search(r"spine|back or neck", o.label, re.I) and "not the spine" not in o.label
    ]
    assert spinal, "no answer for a break in the spine"
    checked = 0
    for path in routes["symptoms"]:
        chosen = {s.choice for s in path.steps if s.node == ("symptoms", "fracture_site")}
        if not chosen & {o.id for o in spinal}:
            continue
        checked += 1
        assert path.outcome[0] == "spine", path.outcome
        assert not any(s.node[0] == "limb" for s in path.steps), "a spinal break got limb advice"
        outcome = node_at(pathways, path.outcome)
        assert isinstance(outcome, OutcomeNode)
        assert outcome.urgency is Urgency.EMERGENCY
        text = outcome.text.lower()
        for phrase in (
            "mri of the whole spine",
            "do not use plain x-rays of the spine",
            "lie flat",
            "sins",
        ):
            assert phrase in text, f"{path.outcome}: '{phrase}'"
        lay = (outcome.lay or "").lower()
        for phrase in ("lie flat", "whole spine"):
            assert phrase in lay, f"{path.outcome} lay: '{phrase}'"
        for phrase in ("weight", "whole bone"):
            assert phrase not in lay, f"{path.outcome} lay gives long-bone advice: '{phrase}'"
    assert checked >= 1
