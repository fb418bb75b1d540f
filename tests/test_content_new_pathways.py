"""Safety tests for the pathways added in issue 14 (reference sections 9–14).

They read the real shipped files and walk them with the real route enumerator, engine
and leaflet builder: MSCC immediate care, bone-targeted agents, radiotherapy, cancer
bone pain and the clinician-only IMDC prognosis pathway.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from pathwayhelp import routes_of

from bonemets_cli.errors import UsageError
from bonemets_cli.export.leaflet import build_leaflet
from bonemets_cli.export.render import render_all
from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog
from bonemets_cli.model import (
    NodeRef,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    ScoreNode,
    Urgency,
)
from bonemets_cli.model import Route as WalkPath
from bonemets_cli.walk.engine import Answer, Engine, WalkState

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
def routes(catalog: Catalog) -> dict[str, list[WalkPath]]:
    return {pid: routes_of(catalog, pid) for pid in sorted(catalog.pathways)}


def _passed(path: WalkPath) -> list[NodeRef]:
    return [s.node for s in path.steps] + [path.outcome]


# --------------------------------------------------------------------------- mscc


def test_every_neurological_answer_goes_on_to_immediate_mscc_care(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    """MSCC emergency → steroids, lying flat, bladder and bowel, treatment, in that order."""
    care = [NodeRef("mscc", n) for n in ("start", "positioning", "bladder_bowel", "definitive")]
    checked = 0
    for paths in routes.values():
        for path in paths:
            if not any(s.option is not None and NEURO in s.option.tags for s in path.steps):
                continue
            checked += 1
            keys = _passed(path)
            assert [k for k in keys if k in care] == care, keys
            assert path.outcome == ("mscc", "mscc_care")
            assert path.urgency is Urgency.EMERGENCY
            neuro_at = next(
                i for i, s in enumerate(path.steps) if s.option and NEURO in s.option.tags
            )
            later = path.steps[neuro_at + 1 :]
            assert all(s.option is None and not s.scores for s in later), "a question after it"
    assert checked >= 15


def test_mscc_care_states_steroids_positioning_and_treatment(pathways: PathwaySet) -> None:
    nodes = pathways["mscc"].nodes
    steroid = nodes["start"].text
    for phrase in ("16 mg", "as soon as possible", "gastric protection", "unless contraindicated"):
        assert phrase in steroid, phrase
    position = nodes["positioning"].text
    assert "nursed flat and log rolled until the MRI scan has been reported" in position
    assert "within 24 hours" in position
    assert "within 48 hours" in position
    assert "bowel and bladder dysfunction" in nodes["bladder_bowel"].text
    definitive = " ".join(nodes["definitive"].text.split())
    assert "radiotherapy within 24 hours of the decision to treat" in definitive
    assert "42/50 (84%) against 29/51 (57%)" in definitive  # Patchell
    assert "69.3% against 72.7%" in definitive  # SCORAD
    assert "embolisation" in definitive
    lay = " ".join(n.lay or "" for n in nodes.values()).lower()
    assert "dexamethasone" in lay
    assert "lie flat" in lay


# --------------------------------------------------------------------------- bone agents

CRCL_TABLE = {  # reference section 10 (Zometa SmPC): baseline CrCl -> dose
    "over_60": ("More than 60 ml/min", "4.0 mg"),
    "from_50_to_60": ("50–60 ml/min", "3.5 mg"),
    "from_40_to_49": ("40–49 ml/min", "3.3 mg"),
    "from_30_to_39": ("30–39 ml/min", "3.0 mg"),
    "under_30": ("Below 30 ml/min", "not recommended"),
}


def test_zoledronic_acid_dose_follows_the_crcl_table(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    crcl = pathways["bone_agents"].nodes["crcl"]
    assert isinstance(crcl, QuestionNode)
    assert {o.id for o in crcl.options} == set(CRCL_TABLE)
    for option in crcl.options:
        band, dose = CRCL_TABLE[option.id]
        assert band in option.label
        assert dose in option.label
    under = next(o for o in crcl.options if o.id == "under_30")
    ends = {p.outcome for p in routes["bone_agents"] if ("bone_agents", "crcl") in _passed(p)}
    assert ("bone_agents", "zoledronic_not_recommended") in ends
    assert under.red_flag
    for path in routes["bone_agents"]:
        if path.outcome == ("bone_agents", "give_zoledronic"):
            keys = _passed(path)
            assert ("bone_agents", "kidney") in keys, "a dose given without the creatinine check"
            kidney = next(s for s in path.steps if s.node == ("bone_agents", "kidney"))
            assert kidney.choice == "no"


def test_every_dose_passes_the_whole_checklist(routes: dict[str, list[WalkPath]]) -> None:
    """Safety facts 10 and 11: jaw, dental surgery and low calcium before every dose."""
    given = 0
    for start, paths in routes.items():
        for path in paths:
            if path.outcome not in {
                ("bone_agents", "give_denosumab"),
                ("bone_agents", "give_zoledronic"),
            }:
                continue
            given += 1
            answers = {s.node: s.choice for s in path.steps}
            for check in ("jaw", "dental_surgery", "low_calcium"):
                assert answers.get(NodeRef("bone_agents", check)) == "no", (start, check)
            assert ("bone_agents", "dental") in _passed(path)
    assert given >= 5


def test_checklist_findings_are_never_routine(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    for path in routes["bone_agents"]:
        answers = {s.node[1]: s.choice for s in path.steps if s.node[0] == "bone_agents"}
        if answers.get("low_calcium") == "severe":
            assert path.urgency is Urgency.EMERGENCY
        if any(answers.get(q) in ("yes", "unsure") for q in ("jaw", "dental_surgery", "kidney")):
            assert path.urgency.rank <= Urgency.URGENT.rank, path.outcome
    jaw = pathways["bone_agents"].nodes["jaw"]
    for word in ("jaw pain", "loose teeth", "swelling", "does not heal"):
        assert word in (jaw.lay or ""), word
    low = pathways["bone_agents"].nodes["low_calcium"]
    for word in ("cramps", "twitching", "tingling", "mouth", "fingers or toes"):
        assert word in (low.lay or ""), word
    agents = pathways["bone_agents"].nodes["agents"].text
    assert '"unless hypercalcaemia is present"' in agents


# --------------------------------------------------------------------------- radiotherapy


def test_radiotherapy_teaches_single_fraction_and_pain_flare_carefully(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    nodes = pathways["radiotherapy"].nodes
    assert "single 8 Gy fraction" in nodes["start"].text
    assert "Retreatment was twice as common after 8 Gy" in nodes["start"].text
    feel = nodes["feel"]
    assert "may be offered" in feel.text
    assert "it is not standard" in feel.text
    assert "may offer" in (feel.lay or "")
    for pid, pw in pathways.items():
        for nid, node in pw.nodes.items():
            text = " ".join((node.text + " " + (node.lay or "")).split())
            for sentence in re.split(r"(?<=[.;])\s+", text):
                if "pain flare" in sentence.lower() and "dexamethasone" in sentence.lower():
                    assert not re.search(r"\b(recommended|standard of care)\b", sentence), (
                        f"{pid}:{nid}: {sentence}"
                    )
    for path in routes["radiotherapy"]:
        assert ("radiotherapy", "feel") in _passed(path)
    assert "spinal decompression" in nodes["rt_after_surgery"].text
    sbrt = nodes["rt_sbrt"].text
    assert "10–25% or more" in sbrt
    assert "35% against 14%" in sbrt


# --------------------------------------------------------------------------- pain


def test_strong_opioid_advice_carries_the_laxative_and_rescue_doses(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    opioids = pathways["pain"].nodes["opioids"]
    assert "regular laxative to everyone starting strong opioids" in " ".join(opioids.text.split())
    assert "rescue" in opioids.text
    assert "laxative" in (opioids.lay or "")
    assert "rescue" in (opioids.lay or "")
    assert '"20 mg to 30 mg"' in opioids.text
    assert "renal impairment" in opioids.text
    for path in routes["pain"]:
        keys = _passed(path)
        if ("pain", "control") in keys:
            assert ("pain", "opioids") in keys
            assert ("pain", "breakthrough") in keys
    routes_to_rt = [p for p in routes["pain"] if p.outcome[0] == "radiotherapy"]
    assert routes_to_rt, "pain never leads on to radiotherapy"


def test_pain_red_flags_reach_mscc_fracture_or_calcium(
    pathways: PathwaySet, routes: dict[str, list[WalkPath]]
) -> None:
    flags = pathways["pain"].nodes["red_flags"]
    assert isinstance(flags, QuestionNode)
    targets = {o.id: NodeRef.parse(o.next, "pain") for o in flags.options}
    assert targets["fracture"] == ("symptoms", "fracture_site")
    assert targets["calcium"] == ("hypercalcaemia", "severity")
    for path in routes["pain"]:
        answers = {s.node: s.choice for s in path.steps}
        if answers.get(NodeRef("pain", "red_flags"), "none") != "none":
            assert path.urgency.rank <= Urgency.URGENT.rank, path.outcome


# --------------------------------------------------------------------------- prognosis

IMDC_FACTORS = {
    "haemoglobin": "Haemoglobin below the lower limit of normal",
    "calcium": "Corrected calcium above the upper limit of normal",
    "performance": "Karnofsky performance status below 80%",
    "time_to_treatment": "Time from diagnosis to treatment under 1 year",
    "neutrophils": "Neutrophils above the upper limit of normal",
    "platelets": "Platelets above the upper limit of normal",
}


def _imdc_group(count: int) -> str:
    return "imdc_favourable" if count == 0 else "imdc_intermediate" if count <= 2 else "imdc_poor"


def test_imdc_score_has_the_six_factors_and_three_groups(pathways: PathwaySet) -> None:
    node = pathways["prognosis"].nodes["imdc"]
    assert isinstance(node, ScoreNode)
    assert {i.id: i.label for i in node.items} == IMDC_FACTORS
    engine = Engine(pathways)
    for combo in itertools.product(("present", "absent"), repeat=6):
        answers = tuple(
            Answer(NodeRef("prognosis", "imdc"), choice, item)
            for item, choice in zip(IMDC_FACTORS, combo, strict=True)
        )
        outcome = engine.position(WalkState(NodeRef("prognosis", "imdc"), answers)).outcome
        assert outcome is pathways["prognosis"].nodes[_imdc_group(combo.count("present"))]


def test_prognosis_frames_medians_as_group_figures(pathways: PathwaySet) -> None:
    pw = pathways["prognosis"]
    assert pw.clinician_only
    for nid in ("imdc_favourable", "imdc_intermediate", "imdc_poor"):
        node = pw.nodes[nid]
        assert isinstance(node, OutcomeNode)
        assert "Group figures, not this person's outlook" in node.text
        assert "group median" in node.text
        assert "right-skewed" in node.text
        assert "Do not present" in node.text
    poor = " ".join(pw.nodes["imdc_poor"].text.split())
    assert "7·8 months (95% CI 6·5–9·7; 252 patients)" in poor
    # the recalled, unverified Heng 2009 figures are nowhere
    for node in pw.nodes.values():
        for figure in ("27 months", "53%", "8.8 months", "8·8 months"):
            assert figure not in node.text


def test_no_survival_numbers_in_any_lay_text(pathways: PathwaySet) -> None:
    survival = re.compile(r"(surviv|live|median|outlook)[^.]*\d|\d[^.]*(surviv|median)", re.I)
    for pid, pw in pathways.items():
        for nid, node in pw.nodes.items():
            lay = node.lay or ""
            assert not survival.search(lay), f"{pid}:{nid}: {lay}"
            if pw.clinician_only:
                assert not re.search(r"\d", lay), f"{pid}:{nid}: a number in lay text"


def test_prognosis_has_no_leaflet_and_is_left_out_of_leaflet_all(
    catalog: Catalog, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match="clinicians only"):
        build_leaflet(catalog, "prognosis")
    files = render_all(catalog, "md")
    written = set(files)
    assert "prognosis.md" not in written
    assert {"symptoms.md", "mscc.md", "bone_agents.md", "pain.md", "index.md"} <= written
    for name, data in files.items():
        assert "IMDC" not in data.decode(), f"{name} prints prognosis content"
