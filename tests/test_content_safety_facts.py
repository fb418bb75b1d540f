"""The reference's must-get-right safety facts 1–12, one test each, over the shipped files.

Each test enumerates the real routes (``enumerate_paths``) of the real pathways and fails
if its fact is broken anywhere a walk can go. Fuller checks of single fixes live in
``test_content_issue14.py`` and ``test_content_new_pathways.py``.
"""

from __future__ import annotations

import re

import pytest
from pathwayhelp import routes_of

from bonemets_cli.errors import UsageError
from bonemets_cli.export.leaflet import build_leaflet
from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog
from bonemets_cli.model import (
    AnyNode,
    NodeRef,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    Urgency,
)
from bonemets_cli.model import Route as WalkPath

NEURO = "neurological"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    cat = load_catalog([builtin_dir()])
    assert not cat.errors, [e.message for e in cat.errors]
    return cat


@pytest.fixture(scope="module")
def pathways(catalog: Catalog) -> PathwaySet:
    return catalog.pathway_set


@pytest.fixture(scope="module")
def every_route(catalog: Catalog) -> list[tuple[str, WalkPath]]:
    return [(pid, p) for pid in sorted(catalog.pathways) for p in routes_of(catalog, pid)]


def nodes_on(pathways: PathwaySet, path: WalkPath) -> list[AnyNode]:
    keys = [s.node for s in path.steps] + [path.outcome]
    return [pathways[k[0]].nodes[k[1]] for k in keys]


def said(pathways: PathwaySet, path: WalkPath, phrase: str) -> bool:
    """Whether some step of the route states ``phrase`` in its clinician text."""
    return any(phrase.lower() in " ".join(n.text.split()).lower() for n in nodes_on(pathways, path))


def took(path: WalkPath, node: tuple[str, str], *choices: str) -> bool:
    return any(s.node == node and s.choice in choices for s in path.steps)


def test_fact_01_nerve_symptoms_are_an_oncological_emergency(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    """Weakness, walking, numbness (saddle), bladder/bowel or radicular pain: escalate now."""
    screened = " ".join(
        f"{n.text} {' '.join(o.label for o in n.options)}"
        for pw in pathways.values()
        for n in pw.nodes.values()
        if isinstance(n, QuestionNode) and any(NEURO in o.tags for o in n.options)
    ).lower()
    for symptom in ("weakness", "walking", "numbness", "saddle", "bladder", "bowel", "radicular"):
        assert symptom in screened, symptom
    checked = 0
    for start, path in every_route:
        if not any(s.option is not None and NEURO in s.option.tags for s in path.steps):
            continue
        checked += 1
        assert path.urgency is Urgency.EMERGENCY, (start, path.outcome)
        for phrase in ("MSCC coordinator", "immediately", "whole spine within 24 hours"):
            assert said(pathways, path, phrase), (start, phrase)
    assert checked >= 20


def test_fact_02_red_flag_spinal_pain_needs_mri_within_1_week(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    checked = 0
    for start, path in every_route:
        if not took(path, ("spine", "pain_features"), "yes", "unsure"):
            continue
        checked += 1
        assert path.urgency.rank <= Urgency.URGENT.rank, (start, path.outcome)
        outcome = pathways[path.outcome[0]].nodes[path.outcome[1]]
        assert "within 1 week" in outcome.text
        assert "whole spine" in outcome.text
        assert "neurological symptom" in outcome.text  # report any new one at once
    assert checked >= 3


def test_fact_03_normal_xray_does_not_rule_out_and_no_spinal_xray(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    for start, path in every_route:
        if ("limb", "xray_result") in [s.node for s in path.steps]:
            assert said(pathways, path, "A normal X-ray does not rule out a metastasis"), start
        if took(path, ("spine", "pain_features"), "yes", "unsure"):
            assert said(pathways, path, "Do not use plain X-rays of the spine"), start
    # wherever a spinal X-ray is mentioned, it is to say it is not used
    for pid, pw in pathways.items():
        for nid, node in pw.nodes.items():
            for text in (node.text, node.lay or ""):
                for sentence in re.split(r"(?<=[.;:])\s+", " ".join(text.split())):
                    if re.search(r"x-rays? of the (spine|back)|spinal x-ray", sentence, re.I):
                        assert re.search(r"\b(not|never|miss)", sentence, re.I), (
                            f"{pid}:{nid}: {sentence}"
                        )


def test_fact_04_a_negative_bone_scan_does_not_rule_out(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    bone_scan = pathways["imaging"].nodes["bone_scan"]
    assert "A negative bone scan does not rule out" in bone_scan.text
    assert "lytic" in bone_scan.text
    negative = pathways["imaging"].nodes["imaging_negative"]
    assert "negative bone scan does not rule out" in negative.text
    for start, path in every_route:
        if path.outcome == ("imaging", "imaging_negative"):
            assert ("imaging", "bone_scan") in [s.node for s in path.steps], start


def test_fact_05_instability_lie_flat_and_sins_7_surgical_opinion(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    spine = pathways["spine"].nodes
    for nid in ("sins_indeterminate", "sins_unstable"):
        assert "surgical opinion" in spine[nid].text
        assert "lie flat" in spine[nid].text.lower()
    assert spine["sins_unstable"].urgency is Urgency.EMERGENCY  # type: ignore[union-attr]
    for start, path in every_route:
        for step in path.steps:
            if step.node == ("spine", "sins") and step.choice in ("band:7-12", "band:13-18"):
                outcome = pathways[path.outcome[0]].nodes[path.outcome[1]]
                assert "surgical opinion" in outcome.text, (start, path.outcome)
        if took(path, ("symptoms", "fracture_site"), "spine", "unsure"):
            assert "lie flat" in (pathways["spine"].nodes["fracture_emergency"].lay or "").lower()
            assert path.outcome == ("spine", "fracture_emergency")


def test_fact_06_a_solitary_lesion_goes_to_a_sarcoma_centre(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    checked = 0
    for start, path in every_route:
        if any(s.option is not None and s.option.id == "solitary" for s in path.steps):
            checked += 1
            assert path.outcome == ("biopsy", "sarcoma_referral"), (start, path.outcome)
    referral = pathways["biopsy"].nodes["sarcoma_referral"]
    for phrase in (
        "Never assume a solitary bone lesion is a metastasis",
        "72 hours",
        "sarcoma centre",
    ):
        assert phrase in " ".join(referral.text.split())
    assert checked >= 4


SURGICAL_OUTCOMES = {
    ("spine", "sins_indeterminate"),
    ("spine", "sins_unstable"),
    ("spine", "fracture_emergency"),
    ("limb", "mirels_judgement"),
    ("limb", "mirels_fixation"),
    ("limb", "fracture_emergency"),
    ("mscc", "mscc_care"),
}


def test_fact_07_hypervascular_metastases_embolisation_may_be_considered(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    seen: set[tuple[str, str]] = set()
    for start, path in every_route:
        if path.outcome in SURGICAL_OUTCOMES:
            seen.add(path.outcome)
            assert said(pathways, path, "hypervascular"), (start, path.outcome)
            assert said(pathways, path, "embolisation may be considered"), (start, path.outcome)
    assert seen == SURGICAL_OUTCOMES


def test_fact_08_hypercalcaemia_tiers(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    assert "same day" in pathways["symptoms"].nodes["calcium"].text
    checked = 0
    for start, path in every_route:
        answers = {s.node: s.choice for s in path.steps}
        level = answers.get(NodeRef("hypercalcaemia", "result_symptomatic")) or answers.get(
            NodeRef("hypercalcaemia", "result_no_symptoms")
        )
        severe = answers.get(NodeRef("hypercalcaemia", "severity")) in ("yes", "unsure")
        if level is None and not severe:
            continue
        checked += 1
        symptomatic = ("hypercalcaemia", "result_no_symptoms") not in answers
        if severe or level == "over_3_5":
            want = Urgency.EMERGENCY
        elif symptomatic or level == "from_3_0_to_3_5":
            want = Urgency.URGENT
        else:
            want = Urgency.SOON  # raised, < 3.0, no symptoms: not urgent, tell the team
        assert path.urgency is want, (start, level, severe, path.outcome)
    assert checked >= 20


def test_fact_09_mscc_dexamethasone_and_log_rolling(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    checked = 0
    for start, path in every_route:
        if not any(s.option is not None and NEURO in s.option.tags for s in path.steps):
            continue
        checked += 1
        for phrase in (
            "16 mg",
            "as soon as possible",
            "gastric protection",
            "unless contraindicated",
        ):
            assert said(pathways, path, phrase), (start, phrase)
        assert said(pathways, path, "log rolled until the MRI scan has been reported"), start
        assert said(pathways, path, "lie flat"), start
    assert checked >= 20


def test_fact_10_dental_check_and_jaw_symptoms_reported(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    agents = pathways["bone_agents"].nodes
    jaw = agents["jaw"]
    for word in ("jaw pain", "loose teeth", "swelling", "does not heal"):
        assert word in (jaw.lay or "")
    doses = 0
    for start, path in every_route:
        if path.outcome[0] != "bone_agents":
            continue
        assert said(pathways, path, "oral care assessment"), start  # the dental check
        if took(path, ("bone_agents", "jaw"), "yes", "unsure"):
            assert path.urgency.rank <= Urgency.URGENT.rank
        if path.outcome in {("bone_agents", "give_denosumab"), ("bone_agents", "give_zoledronic")}:
            doses += 1
            assert took(path, ("bone_agents", "jaw"), "no"), start
    assert doses >= 5


def test_fact_11_denosumab_calcium_vitamin_d_and_low_calcium_symptoms(
    pathways: PathwaySet, every_route: list[tuple[str, WalkPath]]
) -> None:
    agents = pathways["bone_agents"].nodes
    assert '"unless hypercalcaemia is present"' in agents["agents"].text
    assert "unless your calcium is high" in (agents["agents"].lay or "")
    low = agents["low_calcium"].lay or ""
    for word in ("cramps", "twitching", "tingling", "mouth", "fingers or toes"):
        assert word in low, word
    for start, path in every_route:
        if path.outcome == ("bone_agents", "give_denosumab"):
            assert took(path, ("bone_agents", "low_calcium"), "no"), start
        if took(path, ("bone_agents", "low_calcium"), "severe"):
            assert path.urgency is Urgency.EMERGENCY
        if took(path, ("bone_agents", "low_calcium"), "yes", "unsure"):
            assert path.urgency is Urgency.URGENT


def test_fact_12_no_unsourced_timeframes_and_prognosis_for_clinicians(
    catalog: Catalog, pathways: PathwaySet
) -> None:
    for path in sorted(builtin_dir().glob("**/*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "two weeks" not in text, path.name
    for pid, pw in pathways.items():
        for nid, node in pw.nodes.items():
            if isinstance(node, OutcomeNode) and node.urgency is Urgency.SOON:
                assert "they decide how soon you need to be seen" in node.action, f"{pid}:{nid}"
            assert not re.search(r"(surviv|median)[^.]*\d", node.lay or "", re.I), f"{pid}:{nid}"
    prognosis = pathways["prognosis"]
    assert prognosis.clinician_only
    with pytest.raises(UsageError):
        build_leaflet(catalog, "prognosis")
    for node in prognosis.nodes.values():
        if isinstance(node, OutcomeNode):
            assert "not this person's outlook" in node.text
