"""Safety tests for the fixes of issue 14, over the real shipped pathways.

Every test reads ``pathways/`` with the real loader and walks it with the real route
enumerator (``enumerate_paths``), engine or leaflet builder, so it fails if the content
regresses. Each was first run against the content before its fix, and failed there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pathwayhelp import routes_of

from bonemets_cli.export.leaflet import build_leaflet
from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog
from bonemets_cli.model import (
    AnyNode,
    InfoNode,
    NodeRef,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    Urgency,
)
from bonemets_cli.model import Route as WalkPath
from bonemets_cli.model.graph import links

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
def pathways(catalog: Catalog) -> PathwaySet:
    return catalog.pathway_set


@pytest.fixture(scope="module")
def routes(catalog: Catalog) -> dict[str, list[WalkPath]]:
    """Every route from every pathway's own start: each can be walked on its own."""
    return {pid: routes_of(catalog, pid) for pid in sorted(catalog.pathways)}


def node_at(pathways: PathwaySet, key: tuple[str, str]) -> AnyNode:
    return pathways[key[0]].nodes[key[1]]


def option_texts(node: QuestionNode) -> Iterator[tuple[str, str]]:
    """(clinician, lay) text of a question: its own, then each neurological option's."""
    yield node.text, node.lay or ""
    for option in node.options:
        if NEURO in option.tags:
            yield option.label, option.lay or option.label


# --------------------------------------------------------------------------- fix 1


def test_every_nerve_screen_asks_all_six_symptoms(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
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
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
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


def _fracture_site_question(pathways: PathwaySet) -> QuestionNode:
    """Where ``symptoms:fracture`` = yes leads: it must ask where the break is."""
    fracture = pathways["symptoms"].nodes["fracture"]
    assert isinstance(fracture, QuestionNode)
    yes = next(o for o in fracture.options if o.id == "yes")
    target = node_at(pathways, NodeRef.parse(yes.next, "symptoms"))
    assert isinstance(target, QuestionNode), "a suspected fracture is not asked where it is"
    return target


def test_a_suspected_spinal_fracture_goes_to_the_spine_pathway(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
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


# --------------------------------------------------------------------------- fix 3

SYMPTOMATIC_LEVELS = {"over_3_5", "from_3_0_to_3_5", "raised_under_3_0", "normal", "pending"}
ASYMPTOMATIC_LEVELS = {"over_3_5", "from_3_0_to_3_5", "raised_under_3_0"}


def _tier(symptoms: bool, severe: bool, level: str | None) -> Urgency:
    """The reference's tiered rule (section 5, safety fact 8); the most urgent tier wins.

    Emergency: > 3.5 mmol/L, or severe symptoms at any level. Urgent, same day:
    3.0–3.5 mmol/L, or any symptoms. Not urgent: raised but < 3.0 with no symptoms
    (tell the cancer team: a 'soon' outcome). No symptoms and no raised result: routine.
    """
    if severe or level == "over_3_5":
        return Urgency.EMERGENCY
    if symptoms or level == "from_3_0_to_3_5":
        return Urgency.URGENT
    if level == "raised_under_3_0":
        return Urgency.SOON
    return Urgency.ROUTINE


def _calcium_routes(routes: dict[str, list[WalkPath]]) -> Iterator[tuple[str, WalkPath]]:
    for start in ("hypercalcaemia", "symptoms"):
        for path in routes[start]:
            if any(s.node[0] == "hypercalcaemia" for s in path.steps):
                yield start, path


def test_hypercalcaemia_follows_the_tiered_rule_on_every_route(
    routes: dict[str, list[WalkPath]],
) -> None:
    checked = 0
    for start, path in _calcium_routes(routes):
        answers = {s.node: s.choice for s in path.steps}
        symptoms = answers.get(NodeRef("symptoms", "calcium")) in ("yes", "unsure") or answers.get(
            NodeRef("hypercalcaemia", "symptoms")
        ) in ("symptoms", "unsure")
        severe = answers.get(NodeRef("hypercalcaemia", "severity")) in ("yes", "unsure")
        level = answers.get(NodeRef("hypercalcaemia", "result_symptomatic")) or answers.get(
            NodeRef("hypercalcaemia", "result_no_symptoms")
        )
        want = _tier(symptoms, severe, level)
        assert path.urgency is want, (
            f"from {start}: symptoms={symptoms} severe={severe} level={level} -> "
            f"{path.outcome} [{path.urgency.value}], the rule says {want.value}"
        )
        checked += 1
    assert checked >= 15


def test_calcium_results_split_normal_from_raised_below_3(pathways: PathwaySet) -> None:
    nodes = pathways["hypercalcaemia"].nodes
    for nid, wanted in (
        ("result_symptomatic", SYMPTOMATIC_LEVELS),
        ("result_no_symptoms", ASYMPTOMATIC_LEVELS),
    ):
        node = nodes[nid]
        assert isinstance(node, QuestionNode)
        assert {o.id for o in node.options} == wanted, nid
        labels = {o.id: o.label for o in node.options}
        assert "raised" in labels["raised_under_3_0"].lower()
        assert "3.0" in labels["raised_under_3_0"]
    normal = next(o for o in nodes["result_symptomatic"].options if o.id == "normal")  # type: ignore[union-attr]
    assert "normal" in normal.label.lower()


def test_hypercalcaemia_summary_notes_and_outcomes_agree(pathways: PathwaySet) -> None:
    pw = pathways["hypercalcaemia"]
    summary = pw.summary.lower()
    # the summary states the three tiers, and no longer calls any symptoms an emergency
    assert "above 3.5 mmol/l" in summary
    assert "severe symptoms" in summary
    assert re.search(r"3\.0 to 3\.5 mmol/l, or any symptoms[^.]*same day", summary), summary
    assert re.search(r"below 3\.0 mmol/l[^.]*no symptoms[^.]*not urgent", summary), summary
    assert "symptoms is an emergency" not in summary
    texts = [pw.summary] + [
        str(getattr(n, f, None) or "") for n in pw.nodes.values() for f in ("text", "lay", "action")
    ]
    for text in texts:
        assert "consider" not in text.lower(), f"softer wording left in: {text[:80]}"
    # the note quotes the Society for Endocrinology bands exactly
    note = pw.nodes["calcium_test"].text
    for quote in (
        "often asymptomatic and does not usually require urgent correction",
        "may be well tolerated if it has risen slowly, but may be symptomatic and prompt "
        "treatment is usually indicated",
        "requires urgent correction due to the risk of dysrhythmia and coma",
    ):
        assert quote in " ".join(note.split()), quote
    emergency, same_day = pw.nodes["hc_emergency"], pw.nodes["hc_same_day"]
    assert isinstance(emergency, OutcomeNode)
    assert isinstance(same_day, OutcomeNode)
    assert "severe symptoms" in emergency.text
    assert "above 3.5 mmol/L" in emergency.text
    assert "3.0–3.5 mmol/L" in same_day.text
    assert "any symptoms" in same_day.text


def test_the_pthrp_point_is_taught_on_every_calcium_walk(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    """In RCC a raised calcium does not prove bone metastases (PTHrP, reference section 5)."""
    for start, path in _calcium_routes(routes):
        seen = [node_at(pathways, s.node) for s in path.steps] + [node_at(pathways, path.outcome)]
        taught = [n for n in seen if "PTHrP" in n.text]
        if path.urgency is Urgency.ROUTINE:
            continue  # no symptoms and no raised result: the walk ends before the test
        assert taught, f"from {start}: {path.outcome} without the PTHrP point"
    intro = pathways["hypercalcaemia"].nodes["start"]
    assert "PTHrP" in intro.text
    assert "does not prove bone metastases" in intro.text
    assert "80%" in intro.text
    assert "20% of patients with hypercalcaemia do not have bone metastases" in intro.text


# --------------------------------------------------------------------------- fix 5

NOT_SURE_AT = [
    "spine:pain_features",
    "limb:start",
    "symptoms:fracture",
    "symptoms:calcium",
    "hypercalcaemia:severity",
]


def _least_urgent(catalog: Catalog, ref: str) -> Urgency:
    pid, _, nid = ref.partition(":")
    ends = routes_of(catalog, pid, nid)
    return max((p.urgency for p in ends), key=lambda u: u.rank)


@pytest.mark.parametrize("ref", NOT_SURE_AT)
def test_not_sure_is_routed_at_least_as_urgently_as_yes(
    catalog: Catalog, pathways: PathwaySet, ref: str
) -> None:
    pid, nid = ref.split(":")
    node = pathways[pid].nodes[nid]
    assert isinstance(node, QuestionNode)
    unsure = [o for o in node.options if o.label.lower().startswith("not sure")]
    assert unsure, f"{ref} offers no 'not sure'"
    yes = [o for o in node.options if o.red_flag and o not in unsure]
    assert yes, ref
    for option in unsure:
        assert option.red_flag, f"{ref}={option.id} is not marked red_flag"
        mine = NodeRef.parse(option.next, pid)
        got = _least_urgent(catalog, f"{mine[0]}:{mine[1]}")
        for y in yes:
            target = NodeRef.parse(y.next, pid)
            want = _least_urgent(catalog, f"{target[0]}:{target[1]}")
            assert got.rank <= want.rank, (
                f"{ref}: 'not sure' can end {got.value}, 'yes' {want.value}"
            )


def test_every_red_flag_yes_offers_not_sure(pathways: PathwaySet) -> None:
    """Doubt never delays help: a question whose 'yes' is a warning sign lets one say so."""
    for pid, pw in pathways.items():
        for nid, node in pw.nodes.items():
            if not isinstance(node, QuestionNode):
                continue
            if any(o.id == "yes" and o.red_flag for o in node.options):
                assert any("not sure" in o.label.lower() for o in node.options), f"{pid}:{nid}"


# --------------------------------------------------------------------------- fix 9


def test_a_known_spinal_lesion_does_not_skip_the_pain_assessment(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    """New or worse pain with a known lesion still reaches re-imaging advice."""
    checked = 0
    for start, paths in routes.items():
        for path in paths:
            keys = [s.node for s in path.steps]
            if ("spine", "known_lesion") in keys:
                checked += 1
                assert ("spine", "pain_features") in keys[
                    : keys.index(NodeRef("spine", "known_lesion"))
                ], f"from {start}: the known-lesion branch skipped the pain assessment"
    assert checked >= 2
    features = pathways["spine"].nodes["pain_features"]
    assert isinstance(features, QuestionNode)
    assert "new or worse" in features.text
    for option in features.options:
        if option.red_flag:
            target = NodeRef.parse(option.next, "spine")
            ends = {p.outcome for p in enumerate_paths_from(pathways, routes, target)}
            assert ends == {("spine", "urgent_mri")}, ends
    mri = pathways["spine"].nodes["urgent_mri"]
    assert "known spinal metastasis" in mri.text
    assert "SINS" in mri.text


def enumerate_paths_from(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]], key: tuple[str, str]
) -> list[WalkPath]:
    """The routes of the spine pathway that pass ``key``."""
    return [p for p in routes["spine"] if key in [s.node for s in p.steps]]


SURGERY = re.compile(r"fixation|surgery|surgical|operation|orthopaedic", re.I)
# Surgery that is not an operation on a kidney-cancer metastasis.
NOT_BONE_SURGERY = re.compile(
    r"(dental|oral|dentoalveolar|mouth) surgery|removed at surgery|surgery to bone", re.I
)


def _plans_surgery(text: str) -> bool:
    """A sentence looks ahead to an operation on a metastasis (not one already done)."""
    for sentence in re.split(r"(?<=[.;])\s+", NOT_BONE_SURGERY.sub("", text)):
        if SURGERY.search(sentence) and not re.search(r"\bafter\b|postoperative", sentence, re.I):
            return True
    return False


def test_every_route_to_surgery_mentions_embolisation(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    """RCC metastases are hypervascular (safety fact 7): embolisation on every surgical route."""
    checked = 0
    for start, paths in routes.items():
        for path in paths:
            outcome = node_at(pathways, path.outcome)
            if not _plans_surgery(outcome.text):
                continue
            checked += 1
            seen = [node_at(pathways, s.node) for s in path.steps] + [outcome]
            assert any("embolisation" in n.text for n in seen), (
                f"from {start}: {path.outcome} talks of surgery, no step mentions embolisation"
            )
            assert any("hypervascular" in n.text for n in seen), path.outcome
    assert checked >= 10


def test_biopsy_when_the_diagnosis_is_in_doubt(pathways: PathwaySet) -> None:
    biopsy = pathways["biopsy"]
    assert "diagnosis is in doubt" in biopsy.nodes["start"].text
    for nid, node in biopsy.nodes.items():
        for text in (node.text, node.lay or ""):
            assert "before systemic treatment" not in text, nid
            assert "before every" not in text, nid


# --------------------------------------------------------------------------- fix 4

CONTINUE = {"no", "none", "neither"}

# A screen question a route left before reaching, and what its outcome must then say,
# in the clinician text and in the lay text, so that the question is not silently lost.
SKIPPED_TOPICS: dict[tuple[str, str], tuple[str, str]] = {
    ("symptoms", "calcium"): (r"adjusted calcium", r"calcium"),
    ("symptoms", "pain_site"): (
        r"MRI of the whole spine within 1 week",
        r"whole spine.*within 1 week",
    ),
    ("hypercalcaemia", "result_symptomatic"): (r"adjusted calcium|3\.5 mmol/L", r"calcium"),
    ("limb", "xray_result"): (r"solitary", r"different (kind of )?bone tumour"),
    # the before-each-dose checklist of bone_agents
    ("bone_agents", "dental_surgery"): (r"dental or oral surgery", r"mouth surgery"),
    ("bone_agents", "low_calcium"): (r"low calcium", r"low calcium"),
    ("bone_agents", "agent"): (r"creatinine", r"kidney blood test"),
    ("bone_agents", "crcl"): (r"baseline CrCl", r"kidneys"),
}


def _screen_after(pathways: PathwaySet, key: tuple[str, str]) -> list[tuple[str, str]]:
    """The questions a 'no' at ``key`` would have asked next, following 'no' answers."""
    out: list[tuple[str, str]] = []
    node = node_at(pathways, key)
    assert isinstance(node, QuestionNode)
    while True:
        go_on = [o for o in node.options if o.id in CONTINUE]
        if not go_on:
            return out
        key = NodeRef.parse(go_on[0].next, key[0])
        node = node_at(pathways, key)
        while isinstance(node, InfoNode):
            key = NodeRef.parse(node.next, key[0])
            node = node_at(pathways, key)
        if not isinstance(node, QuestionNode):
            return out
        out.append(key)


def _leads_to_a_red_flag(pathways: PathwaySet, key: tuple[str, str]) -> bool:
    seen: set[tuple[str, str]] = set()
    todo = [key]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        node = node_at(pathways, current)
        if isinstance(node, QuestionNode) and any(o.red_flag for o in node.options):
            return True
        todo += [link.target for link in links(current[0], node)]
    return False


def test_no_red_flag_question_is_silently_skipped(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    """A walk that stops at a finding names the screen questions it did not ask.

    Each route leaves the screen at its first positive answer. Every later screen
    question that could still find a red flag must then be named by the outcome, in
    clinician and lay words (after a calcium 'yes', the red-flag spinal pain and its
    1-week MRI; after a fracture, the calcium). Routes through a neurological answer are
    left out: the MSCC emergency comes first and its care pathway follows.
    """
    checked = 0
    for start, paths in routes.items():
        for path in paths:
            if any(s.option is not None and NEURO in s.option.tags for s in path.steps):
                continue
            asked = {s.node for s in path.steps}
            outcome = node_at(pathways, path.outcome)
            for step in path.steps:
                if step.option is None or step.option.id in CONTINUE:
                    continue
                for skipped in _screen_after(pathways, step.node):
                    if skipped in asked or not _leads_to_a_red_flag(pathways, skipped):
                        continue
                    checked += 1
                    assert skipped in SKIPPED_TOPICS, f"no rule for skipping {skipped}"
                    pro, plain = SKIPPED_TOPICS[skipped]
                    where = f"from {start}: {path.outcome} skips {skipped[0]}:{skipped[1]}"
                    assert re.search(pro, outcome.text), f"{where}: its text does not say so"
                    assert re.search(plain, outcome.lay or ""), f"{where}: its lay text does not"
    assert checked >= 10


# --------------------------------------------------------------------------- fix 6

PATHWAYS_DIR = builtin_dir()
UNSOURCED_TIMEFRAMES = re.compile(r"two weeks|2 weeks|next few days|within about", re.I)


def test_no_unsourced_timeframe_in_the_shipped_files() -> None:
    files = sorted(PATHWAYS_DIR.glob("*.yaml")) + sorted((PATHWAYS_DIR / "quiz").glob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not UNSOURCED_TIMEFRAMES.search(line), f"{path.name}:{n}: {line.strip()}"


def test_soon_outcomes_use_the_references_wording(pathways: PathwaySet) -> None:
    """Safety fact 12: 'tell your team today; they decide how soon you need to be seen'."""
    soon = [
        (pid, nid, n)
        for pid, pw in pathways.items()
        for nid, n in pw.nodes.items()
        if isinstance(n, OutcomeNode) and n.urgency is Urgency.SOON
    ]
    assert len(soon) >= 4
    for pid, nid, node in soon:
        assert "tell your team today; they decide how soon you need to be seen" in (
            node.action.lower()
        ), f"{pid}:{nid} action"
        lay = (node.lay or "").lower()
        assert "tell your team today" in lay, f"{pid}:{nid} lay"
        assert "they decide how soon you need to be seen" in lay, f"{pid}:{nid} lay"


# --------------------------------------------------------------------------- fix 7


def _neuro_outcomes(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> set[tuple[str, str]]:
    return {
        p.outcome
        for paths in routes.values()
        for p in paths
        if any(s.option is not None and NEURO in s.option.tags for s in p.steps)
    }


def test_the_mscc_emergency_says_lie_flat_without_conditions(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    """Everyone who reaches it has nerve symptoms, so 'lie flat' has no 'if' there."""
    outcomes = _neuro_outcomes(pathways, routes)
    assert outcomes
    for key in outcomes:
        node = node_at(pathways, key)
        lay = node.lay or ""
        sentences = [x for x in re.split(r"(?<=[.!?])\s+", lay) if "lie flat" in x.lower()]
        assert sentences, f"{key}: the lay text does not say lie flat"
        for sentence in sentences:
            assert not re.search(r"\b(if|may|might|unless)\b", sentence, re.I), sentence
        assert "whole spine (neck to lower back)" in lay, key
        assert "whole back" not in lay, key


# --------------------------------------------------------------------------- fixes 8, 10


def _every_text(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """Every text of every pathway node, option and quiz bank item, with where it is."""
    from bonemets_cli.load.catalog import load_banks

    for pid, doc in catalog.pathways.items():
        pw = doc.pathway
        yield f"{pid}.summary", pw.summary
        for nid, node in pw.nodes.items():
            for field in ("title", "text", "lay", "discuss", "rationale", "action"):
                value = getattr(node, field, None)
                if value:
                    yield f"{pid}:{nid}.{field}", value
            if isinstance(node, QuestionNode):
                for o in node.options:
                    yield f"{pid}:{nid}.{o.id}", f"{o.label} {o.lay or ''}"
    for item in load_banks([builtin_dir()]):
        yield (
            f"quiz:{item.id}",
            " ".join([item.question, item.explanation, *(o.text for o in item.options)]),
        )


def test_figures_carry_their_own_source(catalog: Catalog) -> None:
    """No figure whose study has no source key; each '94%' says which study it is from."""
    texts = list(_every_text(catalog))
    assert len(texts) > 300
    for where, text in texts:
        assert not re.search(r"\b940\b|1,975", text), f"{where}: the unsourced blood-loss series"
        assert "62%" not in text, f"{where}: the unsourced 'MRI 94% vs bone scan 62%'"
        if "94%" in text:
            assert re.search(r"Koga|2001", text), f"{where}: a 94% without its study"


SYSTEMIC_DRUGS = re.compile(
    r"sunitinib|sorafenib|pazopanib|cabozantinib|axitinib|lenvatinib|tivozanib|nivolumab|"
    r"pembrolizumab|ipilimumab|avelumab|everolimus|temsirolimus|bevacizumab",
    re.I,
)


def test_no_drug_is_named_as_current_standard_treatment(catalog: Catalog) -> None:
    """Reference section 6: any named systemic drug as a current standard is UNVERIFIED."""
    for where, text in _every_text(catalog):
        assert not SYSTEMIC_DRUGS.search(text), f"{where}: {SYSTEMIC_DRUGS.search(text)}"


# --------------------------------------------------------------------------- fix 11

GUIDELINE_JARGON = re.compile(
    r"\b(?:NG|CG|QS)\s?\d+\b|\bstatement \d|\[(?:I|II|III|IV|V), [A-E]\]|supersede|"
    r"replaced CG|\brec(?:ommendation)?s? \d",
    re.I,
)
URL = re.compile(r"https?://\S+")


def test_lay_text_has_no_guideline_numbers(catalog: Catalog) -> None:
    for pid, doc in catalog.pathways.items():
        for nid, node in doc.pathway.nodes.items():
            texts = [node.lay or ""]
            if isinstance(node, QuestionNode):
                texts += [o.lay or o.label for o in node.options]
            for text in texts:
                assert not GUIDELINE_JARGON.search(text), f"{pid}:{nid}: {text[:80]}"


def test_nothing_a_leaflet_prints_has_guideline_numbers(catalog: Catalog) -> None:
    from bonemets_cli.export.render import render

    built = 0
    for pid in sorted(catalog.pathways):
        if getattr(catalog.pathways[pid].pathway, "clinician_only", False):
            continue  # no patient leaflet at all
        leaflet = build_leaflet(catalog, pid)
        built += 1
        text = URL.sub("", render(leaflet, "txt").decode())
        found = GUIDELINE_JARGON.search(text)
        assert not found, f"{pid} leaflet prints '{found.group(0) if found else ''}'"
    assert built >= 6
