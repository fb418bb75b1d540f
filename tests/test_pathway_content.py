"""Safety and fidelity tests for the shipped pathways in ``pathways/``.

These tests read the real content (``load_catalog([builtin_dir()])``) and walk it with the
real path enumerator and engine, so they fail if the content regresses:

- every route from every entry point and from every pathway's start ends in an outcome,
  and together the routes take every option and every score band;
- any answer tagged ``neurological`` (a new limb weakness, difficulty walking, numbness,
  bladder or bowel change, radicular pain) ends in an ``emergency`` outcome on every
  route, and no route through a ``red_flag`` answer ends below ``urgent``;
- the SINS and Mirels nodes reproduce the published tables and bands of the clinical
  reference (the expected tables below are copied from it, not from the YAML);
- every pathway passes ``bonemets validate --strict`` (the real CLI, in a subprocess);
- every cited source exists, and no text states a figure the reference marks UNVERIFIED.

The snapshot ``tests/snapshots/pathway_paths.txt`` pins every route as its answers, the
outcome and the urgency, so a content change that changes a disposition shows up in
review. After a deliberate content change, regenerate it and review the diff::

    BONEMETS_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_pathway_content.py
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pathwayhelp import routes_of

from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog
from bonemets_cli.model import (
    InfoNode,
    NodeRef,
    OutcomeNode,
    Pathway,
    PathwaySet,
    QuestionNode,
    ScoreNode,
    Urgency,
)
from bonemets_cli.model import Route as WalkPath
from bonemets_cli.walk.engine import Answer, Engine, WalkState

ROOT = Path(__file__).resolve().parent.parent
PATHWAYS_DIR = ROOT / "pathways"
SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "pathway_paths.txt"
UPDATE_ENV = "BONEMETS_UPDATE_SNAPSHOTS"

# pathway id -> (version, reviewed, next_review). Pathways changed or added for issue 14
# were reviewed on 2026-12-02; a changed disposition bumped the major version.
EXPECTED_VERSIONS: dict[str, tuple[str, str, str]] = {
    "symptoms": ("2.1.1", "2026-12-02", "2029-12-02"),
    "spine": ("2.1.1", "2026-12-02", "2029-12-02"),
    "limb": ("2.1.1", "2026-12-02", "2029-12-02"),
    "imaging": ("2.1.1", "2026-12-02", "2029-12-02"),
    "biopsy": ("1.2.1", "2026-12-02", "2029-12-02"),
    "hypercalcaemia": ("2.1.1", "2026-12-02", "2029-12-02"),
    "mscc": ("1.0.1", "2026-12-02", "2029-12-02"),
    "bone_agents": ("1.1.1", "2026-12-02", "2029-12-02"),
    "radiotherapy": ("1.1.1", "2026-12-02", "2029-12-02"),
    "pain": ("1.1.1", "2026-12-02", "2029-12-02"),
    "prognosis": ("1.0.0", "2026-12-02", "2029-12-02"),
}
EXPECTED_PATHWAYS = set(EXPECTED_VERSIONS)
NEURO = "neurological"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    cat = load_catalog([builtin_dir()])
    assert not cat.errors, [e.message for e in cat.errors]
    return cat


@pytest.fixture(scope="module")
def pathways(catalog: Catalog) -> PathwaySet:
    return catalog.pathway_set


@pytest.fixture(scope="module")
def all_paths(catalog: Catalog) -> dict[str, list[WalkPath]]:
    """Every route, by starting pathway: each entry point and each pathway's start."""
    starts = {d.pathway.id for d in catalog.entry_points()} | set(catalog.pathways)
    return {pid: routes_of(catalog, pid) for pid in sorted(starts)}


def _every_path(all_paths: dict[str, list[WalkPath]]) -> Iterator[tuple[str, WalkPath]]:
    for start, paths in all_paths.items():
        for path in paths:
            yield start, path


def _key(key: tuple[str, str]) -> str:
    return f"{key[0]}:{key[1]}"


# --------------------------------------------------------------------------- the set


def test_the_pathways_ship_with_their_metadata(pathways: PathwaySet) -> None:
    assert set(pathways) == EXPECTED_PATHWAYS
    for pid, pw in pathways.items():
        assert pw.start == "start", pid
        assert "start" in pw.nodes, pid
        version, reviewed, next_review = EXPECTED_VERSIONS[pid]
        assert pw.version == version, pid
        assert str(pw.reviewed) == reviewed, pid
        assert str(pw.next_review) == next_review, pid
        assert (pw.next_review - pw.reviewed).days <= 3 * 366, "review at least every 3 years"
        assert pw.producer == "bonemets clinical education team", pid
        assert pw.audience, pid
        assert pw.summary, pid
        assert pw.bibliography == "bibliography.yaml", pid


def test_symptoms_is_the_only_entry_point(pathways: PathwaySet) -> None:
    assert [pid for pid, pw in pathways.items() if pw.entry] == ["symptoms"]


@pytest.mark.parametrize("pathway_id", sorted(EXPECTED_PATHWAYS))
def test_file_name_and_schema_line(pathway_id: str) -> None:
    path = PATHWAYS_DIR / f"{pathway_id}.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=pathway.schema.json"
    assert re.search(rf"^id: {pathway_id}$", path.read_text(encoding="utf-8"), re.M)


def test_bibliography_schema_line() -> None:
    first = (PATHWAYS_DIR / "bibliography.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=bibliography.schema.json"


def test_every_node_teaches_both_audiences(pathways: PathwaySet) -> None:
    """Clinician text, lay text, a stage, a rationale, a discuss prompt and sources on every node."""
    for pid, pw in pathways.items():
        for nid, node in pw.nodes.items():
            where = f"{pid}:{nid}"
            assert node.text, where
            assert node.lay, where
            assert node.rationale, where
            assert node.discuss, f"{where} has no discuss prompt of its own"
            assert node.sources, where
            assert node.lay != node.text, f"{where}: lay text copies the clinician text"


# --------------------------------------------------------------------------- paths


def test_every_path_ends_in_an_outcome(
    pathways: PathwaySet, all_paths: dict[str, list[WalkPath]]
) -> None:
    for start, path in _every_path(all_paths):
        node = pathways[path.outcome[0]].nodes[path.outcome[1]]
        assert isinstance(node, OutcomeNode), (start, path.outcome)
        assert path.urgency is node.urgency


def test_paths_take_every_option_and_every_band(
    pathways: PathwaySet, all_paths: dict[str, list[WalkPath]]
) -> None:
    wanted: set[tuple[str, str, str]] = set()
    for pid, pw in pathways.items():
        for nid, node in pw.nodes.items():
            if isinstance(node, QuestionNode):
                wanted |= {(pid, nid, o.id) for o in node.options}
            elif isinstance(node, ScoreNode):
                wanted |= {(pid, nid, f"band:{b.min}-{b.max}") for b in node.bands}
    taken = {
        (*step.node, step.choice)
        for _, path in _every_path(all_paths)
        for step in path.steps
        if step.choice
    }
    assert wanted - taken == set(), "options or bands no route takes"
    assert len(wanted) > 50  # the check is not vacuous


def test_every_node_is_on_some_path(
    pathways: PathwaySet, all_paths: dict[str, list[WalkPath]]
) -> None:
    seen = {step.node for _, p in _every_path(all_paths) for step in p.steps}
    seen |= {p.outcome for _, p in _every_path(all_paths)}
    every = {(pid, nid) for pid, pw in pathways.items() for nid in pw.nodes}
    assert every - seen == set()


def _snapshot_text(all_paths: dict[str, list[WalkPath]]) -> str:
    lines = [
        "# Every route through the shipped pathways: answers -> outcome [urgency].",
        "# Regenerate: BONEMETS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_pathway_content.py",
    ]
    for start, paths in all_paths.items():
        lines += ["", f"## from {start}:start ({len(paths)} paths)"]
        for path in paths:
            answers = [f"{_key(s.node)}={s.choice}" for s in path.steps if s.choice]
            lines.append(" > ".join(answers) + f" -> {_key(path.outcome)} [{path.urgency.value}]")
    return "\n".join(lines) + "\n"


def test_paths_match_the_snapshot(all_paths: dict[str, list[WalkPath]]) -> None:
    text = _snapshot_text(all_paths)
    if os.environ.get(UPDATE_ENV) == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.is_file(), f"no snapshot: run with {UPDATE_ENV}=1 and review it"
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert text == expected, (
        "routes or dispositions changed; review, then regenerate with "
        f"{UPDATE_ENV}=1 if the change is intended"
    )


# --------------------------------------------------------------------------- safety


def test_neurological_answers_always_end_in_an_emergency(
    all_paths: dict[str, list[WalkPath]],
) -> None:
    checked = 0
    for start, path in _every_path(all_paths):
        for step in path.steps:
            if step.option is not None and NEURO in step.option.tags:
                checked += 1
                assert path.urgency is Urgency.EMERGENCY, (
                    f"from {start}: {_key(step.node)}={step.choice} ends at "
                    f"{_key(path.outcome)} ({path.urgency.value})"
                )
    assert checked >= 10


def test_neurological_answers_go_straight_to_the_emergency(
    pathways: PathwaySet,
) -> None:
    """No question may sit between a neurological 'yes' and the emergency.

    The answer leads to the MSCC emergency step, which says what to do now; from there
    only information steps (immediate care, shown on the same screen) lead to an
    emergency outcome that says it again. No answer is asked for on the way.
    """
    tagged = 0
    for pid, pw in pathways.items():
        for nid, node in pw.nodes.items():
            if not isinstance(node, QuestionNode):
                continue
            for option in node.options:
                if NEURO not in option.tags:
                    continue
                tagged += 1
                assert option.red_flag, f"{pid}:{nid}={option.id} is not marked red_flag"
                key = NodeRef.parse(option.next, pw.id)
                first = pathways[key[0]].nodes[key[1]]
                assert "emergency" in first.title.lower(), f"{pid}:{nid}={option.id}"
                target = first
                while isinstance(target, InfoNode):
                    key = NodeRef.parse(target.next, key[0])
                    target = pathways[key[0]].nodes[key[1]]
                assert isinstance(target, OutcomeNode), f"{pid}:{nid}={option.id} reaches {key}"
                assert target.urgency is Urgency.EMERGENCY
                for step in (first, target):
                    for phrase in ("MSCC coordinator", "24 hours", "whole spine", "lie flat"):
                        assert phrase.lower() in step.text.lower(), (key, phrase)
    assert tagged >= 10


def test_red_flag_questions_come_first_in_symptoms(pathways: PathwaySet) -> None:
    """From the entry point the first questions cover every neurological red flag."""
    pw = pathways["symptoms"]
    node_id = pw.start
    texts: list[str] = []
    while True:
        node = pw.nodes[node_id]
        assert isinstance(node, QuestionNode)
        neuro = [o for o in node.options if NEURO in o.tags]
        if not neuro:
            break
        assert any(o.label == "Yes" for o in neuro), node_id
        texts.append(node.text.lower())
        node_id = next(o.next for o in node.options if o.id == "no")
    joined = " ".join(texts)
    for symptom in ("weakness", "walking", "numbness", "saddle", "bladder", "bowel", "radicular"):
        assert symptom in joined, f"no neurological red-flag question about {symptom}"
    assert len(texts) == 5


def test_red_flag_answers_never_end_below_urgent(all_paths: dict[str, list[WalkPath]]) -> None:
    checked = 0
    for start, path in _every_path(all_paths):
        if any(s.option is not None and s.option.red_flag for s in path.steps):
            checked += 1
            assert path.urgency.rank <= Urgency.URGENT.rank, (
                f"from {start}: a red-flag route ends at {_key(path.outcome)} "
                f"({path.urgency.value}): {[_key(s.node) + '=' + s.choice for s in path.steps]}"
            )
    assert checked >= 20


def test_hypercalcaemia_thresholds(pathways: PathwaySet) -> None:
    """The reference's tiered rule (section 5, safety fact 8), most urgent tier first.

    Emergency: > 3.5 mmol/L, or severe symptoms at any level. Urgent, same day: 3.0–3.5
    mmol/L, or any symptoms. Not urgent ('soon'): raised but < 3.0 with no symptoms. Every
    route is checked against the rule in ``tests/test_content_issue14.py``.
    """
    pw = pathways["hypercalcaemia"]

    def target(node_id: str, option_id: str) -> OutcomeNode:
        node = pw.nodes[node_id]
        assert isinstance(node, QuestionNode)
        option = next(o for o in node.options if o.id == option_id)
        out = pw.nodes[NodeRef.parse(option.next, pw.id)[1]]
        assert isinstance(out, OutcomeNode)
        return out

    for results in ("result_symptomatic", "result_no_symptoms"):
        assert target(results, "over_3_5").urgency is Urgency.EMERGENCY
        assert target(results, "from_3_0_to_3_5").urgency is Urgency.URGENT
    for option in ("yes", "unsure"):
        assert target("severity", option).urgency is Urgency.EMERGENCY
    for option in ("raised_under_3_0", "normal", "pending"):
        assert target("result_symptomatic", option).urgency is Urgency.URGENT
    assert target("result_no_symptoms", "raised_under_3_0").urgency is Urgency.SOON
    assert "3.5 mmol/L" in target("severity", "yes").text


MUST_GET_RIGHT: list[tuple[str, str, tuple[str, ...]]] = [
    ("spine:mscc_emergency", "", ("MSCC coordinator", "24 hours", "whole spine")),
    ("mscc:mscc_care", "emergency", ("MSCC coordinator", "24 hours", "whole spine")),
    ("mscc:start", "", ("16 mg", "gastric protection", "unless contraindicated")),
    ("mscc:positioning", "", ("log rolled", "spinal instability has been ruled out")),
    ("spine:urgent_mri", "urgent", ("within 1 week", "whole spine", "neurological symptom")),
    ("limb:xray", "", ("A normal X-ray does not rule out a metastasis",)),
    ("imaging:xray", "", ("A normal X-ray does not rule out", "spinal X-ray")),
    ("spine:no_spine_xray", "", ("Do not use plain X-rays of the spine",)),
    ("imaging:bone_scan", "", ("A negative bone scan does not rule out",)),
    ("spine:sins_intro", "", ("lie flat", "7 or more warrants a surgical opinion")),
    ("biopsy:sarcoma_referral", "urgent", ("Never assume", "72 hours", "sarcoma centre")),
    ("biopsy:bleeding", "", ("hypervascular", "embolisation")),
    ("limb:before_fixation", "", ("hypervascular", "embolisation")),
    ("symptoms:calcium", "", ("urgent", "adjusted calcium")),
    ("hypercalcaemia:hc_emergency", "emergency", ("above 3.5 mmol/L", "severe symptoms")),
]


@pytest.mark.parametrize(("ref", "urgency", "phrases"), MUST_GET_RIGHT)
def test_must_get_right_facts_are_stated_and_reachable(
    *,
    pathways: PathwaySet,
    all_paths: dict[str, list[WalkPath]],
    ref: str,
    urgency: str,
    phrases: tuple[str, ...],
) -> None:
    pid, nid = ref.split(":")
    node = pathways[pid].nodes[nid]
    for phrase in phrases:
        assert phrase.lower() in node.text.lower(), f"{ref} does not say '{phrase}'"
    if urgency:
        assert isinstance(node, OutcomeNode)
        assert node.urgency.value == urgency
    from_entry = {s.node for p in all_paths["symptoms"] for s in p.steps}
    from_entry |= {p.outcome for p in all_paths["symptoms"]}
    assert (pid, nid) in from_entry, f"{ref} cannot be reached from the entry point"


# --------------------------------------------------------------------------- scores

# Copied from the clinical reference (Fisher et al., Spine 2010): item -> choice ->
# (a fragment of the published category, points). Pain scores 3/1/0, not 3/2/1.
SINS_TABLE: dict[str, dict[str, tuple[str, int]]] = {
    "location": {
        "junctional": ("Junctional (occiput–C2, C7–T2, T11–L1, L5–S1)", 3),
        "mobile": ("Mobile (C3–C6, L2–L4)", 2),
        "semi_rigid": ("Semi-rigid (T3–T10)", 1),
        "rigid": ("Rigid (S2–S5)", 0),
    },
    "pain": {
        "mechanical": ("Mechanical", 3),
        "occasional": ("Occasional, non-mechanical", 1),
        "pain_free": ("Pain-free", 0),
    },
    "bone_lesion": {"lytic": ("Lytic", 2), "mixed": ("Mixed", 1), "blastic": ("Blastic", 0)},
    "alignment": {
        "subluxation": ("Subluxation/translation", 4),
        "new_deformity": ("New kyphosis/scoliosis", 2),
        "normal": ("Normal", 0),
    },
    "collapse": {
        "over_half": ("> 50%", 3),
        "under_half": ("< 50%", 2),
        "involved": ("None but > 50% of body involved", 1),
        "none": ("None", 0),
    },
    "posterolateral": {
        "bilateral": ("Bilateral", 3),
        "unilateral": ("Unilateral", 1),
        "none": ("None", 0),
    },
}

# Copied from the clinical reference (Mirels, Clin Orthop 1989): 1–3 points each.
MIRELS_TABLE: dict[str, dict[str, tuple[str, int]]] = {
    "site": {
        "upper_limb": ("Upper limb", 1),
        "lower_limb": ("Lower limb", 2),
        "peritrochanteric": ("Peritrochanteric", 3),
    },
    "size": {
        "under_third": ("< 1/3", 1),
        "third_to_two_thirds": ("1/3–2/3", 2),
        "over_two_thirds": ("> 2/3", 3),
    },
    "lesion": {"blastic": ("Blastic", 1), "mixed": ("Mixed", 2), "lytic": ("Lytic", 3)},
    "pain": {
        "mild": ("Mild", 1),
        "moderate": ("Moderate", 2),
        "functional": ("Functional (worse on using the limb)", 3),
    },
}


def _sins_expected(total: int) -> tuple[str, Urgency]:
    """0–6 stable; 7–12 indeterminate; 13–18 unstable; 7 or more: surgical opinion."""
    if total <= 6:
        return "sins_stable", Urgency.URGENT
    if total <= 12:
        return "sins_indeterminate", Urgency.URGENT
    return "sins_unstable", Urgency.EMERGENCY


def _mirels_expected(total: int) -> tuple[str, Urgency]:
    """≥ 9 prophylactic fixation; 8 clinical judgement; ≤ 7 observe, radiotherapy."""
    if total >= 9:
        return "mirels_fixation", Urgency.URGENT
    if total == 8:
        return "mirels_judgement", Urgency.URGENT
    return "mirels_low", Urgency.SOON


SCORES = [
    ("spine", "sins", SINS_TABLE, (0, 18), _sins_expected),
    ("limb", "mirels", MIRELS_TABLE, (4, 12), _mirels_expected),
]


@pytest.mark.parametrize(("pid", "nid", "table", "span", "expected"), SCORES)
def test_score_reproduces_the_published_table(
    *,
    pathways: PathwaySet,
    pid: str,
    nid: str,
    table: dict[str, dict[str, tuple[str, int]]],
    span: tuple[int, int],
    expected: Callable[[int], tuple[str, Urgency]],
) -> None:
    node = pathways[pid].nodes[nid]
    assert isinstance(node, ScoreNode)
    got = {item.id: {c.id: (c.label, c.points) for c in item.choices} for item in node.items}
    assert list(got) == list(table), "items differ from the published table"
    for item_id, choices in table.items():
        assert set(got[item_id]) == set(choices), item_id
        for choice_id, (fragment, points) in choices.items():
            label, got_points = got[item_id][choice_id]
            assert got_points == points, f"{nid}.{item_id}.{choice_id}: {got_points} != {points}"
            assert fragment in label, f"{nid}.{item_id}.{choice_id}: '{label}'"
    assert node.total_range == span


def _walk_score(engine: Engine, pid: str, nid: str, picks: dict[str, str]) -> OutcomeNode:
    answers = tuple(Answer(NodeRef(pid, nid), choice, item) for item, choice in picks.items())
    position = engine.position(WalkState(NodeRef(pid, nid), answers))
    assert position.outcome is not None, f"{picks} did not reach an outcome"
    return position.outcome


@pytest.mark.parametrize(("pid", "nid", "table", "span", "expected"), SCORES)
def test_every_score_combination_reaches_the_published_band(
    *,
    pathways: PathwaySet,
    pid: str,
    nid: str,
    table: dict[str, dict[str, tuple[str, int]]],
    span: tuple[int, int],
    expected: Callable[[int], tuple[str, Urgency]],
) -> None:
    """Walk every combination through the real engine; totals come from the literal table."""
    engine = Engine(pathways)
    nodes = pathways[pid].nodes
    totals_seen: set[int] = set()
    for combo in itertools.product(*(list(c.items()) for c in table.values())):
        picks = {item: choice for item, (choice, _) in zip(table, combo, strict=True)}
        total = sum(points for _, (_, points) in combo)
        totals_seen.add(total)
        want_id, want_urgency = expected(total)
        got = _walk_score(engine, pid, nid, picks)
        assert got is nodes[want_id], f"total {total} {picks} -> {got.title}"
        assert got.urgency is want_urgency
    assert totals_seen == set(range(span[0], span[1] + 1))


BAND_EDGES = [
    ("spine", "sins", 6, "sins_stable", "band:0-6"),
    ("spine", "sins", 7, "sins_indeterminate", "band:7-12"),
    ("spine", "sins", 12, "sins_indeterminate", "band:7-12"),
    ("spine", "sins", 13, "sins_unstable", "band:13-18"),
    ("limb", "mirels", 7, "mirels_low", "band:4-7"),
    ("limb", "mirels", 8, "mirels_judgement", "band:8-8"),
    ("limb", "mirels", 9, "mirels_fixation", "band:9-12"),
]


@pytest.mark.parametrize(("pid", "nid", "total", "outcome_id", "band"), BAND_EDGES)
def test_band_edges(
    *,
    pathways: PathwaySet,
    all_paths: dict[str, list[WalkPath]],
    pid: str,
    nid: str,
    total: int,
    outcome_id: str,
    band: str,
) -> None:
    node = pathways[pid].nodes[nid]
    assert isinstance(node, ScoreNode)
    found = node.band_for(total)
    assert found is not None
    assert f"band:{found.min}-{found.max}" == band
    # Following the band (through any info node) reaches the expected outcome.
    key = NodeRef.parse(found.next, pid)
    while isinstance(info := pathways[key[0]].nodes[key[1]], InfoNode):
        key = NodeRef.parse(info.next, key[0])
    assert key == (pid, outcome_id)
    # And the enumerated routes through that band agree.
    ends = {
        p.outcome
        for p in all_paths[pid]
        if any(s.node == (pid, nid) and s.choice == band for s in p.steps)
    }
    assert ends == {(pid, outcome_id)}


def test_band_outcomes_say_what_the_reference_says(pathways: PathwaySet) -> None:
    spine, limb = pathways["spine"].nodes, pathways["limb"].nodes
    for nid in ("sins_indeterminate", "sins_unstable"):
        assert "surgical opinion" in spine[nid].text
    assert "lie flat" in spine["sins_unstable"].text.lower()
    assert "prophylactic fixation" in limb["mirels_fixation"].text
    assert "~33–100%" in limb["mirels_fixation"].text
    assert "clinical judgement" in limb["mirels_judgement"].text
    assert "~15%" in limb["mirels_judgement"].text
    assert "observe, radiotherapy" in limb["mirels_low"].text
    assert "≤ ~4%" in limb["mirels_low"].text
    mirels = limb["mirels"]
    assert isinstance(mirels, ScoreNode)
    size = next(i for i in mirels.items if i.id == "size")
    assert "proportion of the bone's width" in size.label


# --------------------------------------------------------------------------- CLI


def _cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BONEMETS_PATHWAYS"}
    env["NO_COLOR"] = "1"
    return env


def test_validate_strict_passes_on_the_shipped_set() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bonemets_cli", "validate", "--strict"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_cli_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


@pytest.mark.parametrize("target", [*sorted(f"{p}.yaml" for p in EXPECTED_PATHWAYS), "."])
def test_validate_strict_passes_per_file(target: str) -> None:
    """Each pathway file alone, then the folder (which also checks bibliography.yaml)."""
    result = subprocess.run(
        [sys.executable, "-m", "bonemets_cli", "validate", "--strict", str(PATHWAYS_DIR / target)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_cli_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


# --------------------------------------------------------------------------- provenance


def test_every_cited_source_is_in_the_shared_bibliography(catalog: Catalog) -> None:
    shared = {key for bib in catalog.bibliographies for key in bib.bibliography.sources}
    cited: set[str] = set()
    for doc in catalog.documents:
        assert not doc.pathway.sources, f"{doc.pathway.id}: keep sources in bibliography.yaml"
        for nid, node in doc.pathway.nodes.items():
            missing = set(node.sources) - shared
            assert not missing, f"{doc.pathway.id}:{nid} cites unknown {missing}"
            cited |= set(node.sources)
    assert shared - cited == set(), "bibliography entries no node cites"


def test_superseded_cg75_is_cited_with_its_replacement(catalog: Catalog) -> None:
    sources = {k: v for bib in catalog.bibliographies for k, v in bib.bibliography.sources.items()}
    assert "NG234" in (sources["nice-cg75"].note or "")
    assert "superseded" in (sources["nice-cg75"].note or "").lower()
    for doc in catalog.documents:
        for nid, node in doc.pathway.nodes.items():
            if "nice-cg75" in node.sources:
                assert "nice-ng234" in node.sources, f"{doc.pathway.id}:{nid}"


def _texts(pw: Pathway) -> Iterator[tuple[str, str]]:
    """Every piece of text a reader can see, with where it is."""
    yield f"{pw.id}.title", pw.title
    yield f"{pw.id}.summary", pw.summary
    for nid, node in pw.nodes.items():
        where = f"{pw.id}:{nid}"
        for field in ("title", "text", "lay", "discuss", "rationale", "action"):
            value = getattr(node, field, None)
            if value:
                yield f"{where}.{field}", value
        if isinstance(node, QuestionNode):
            for o in node.options:
                yield f"{where}.{o.id}", f"{o.label} {o.lay or ''}"
        if isinstance(node, ScoreNode):
            for item in node.items:
                yield f"{where}.{item.id}", f"{item.label} {item.text or ''}"
                for c in item.choices:
                    yield f"{where}.{item.id}.{c.id}", c.label
            for b in node.bands:
                yield f"{where}.band", f"{b.label} {b.meaning or ''}"


# Figures and claims the clinical reference marks UNVERIFIED (or that have no source).
UNVERIFIED = [
    (r"30\s*[–-]\s*50\s*%", "the X-ray '30–50%' bone-loss figure"),
    (r"\b(EAU|NCCN)\b", "EAU or NCCN positions"),
    (r"suspected spine metastasis", "the ACR 'Suspected Spine Metastasis' position"),
    (r"\brecommendations? 1\.\d", "NG234 recommendation numbers"),
    (r"open (surgical |incisional )?biopsy[^.]*\bonly\b", "'open biopsy only when …' as a rule"),
    (r"\bonly (when|if|after)\b[^.]*needle", "'open biopsy only when …' as a rule"),
]

# Every percentage the reference gives (the content may quote only these).
ALLOWED_PERCENTAGES = {
    "95",
    "80",
    "50",
    "40",
    "50–70",
    "86",
    "81",
    "73",
    "91",
    "90",
    "97",
    "10–60",
    "94",
    "93.3",
    "97.1",
    "33–100",
    "15",
    "4",
    "35",
    "95.7",
    "79.5",
    "34",
    "28",
    "20",
    # sections 9-14 (MSCC, bone-targeted agents, radiotherapy, pain, prognosis, SREs)
    "84",
    "57",
    "62",
    "19",
    "69.3",
    "72.7",
    "11.5",
    "11.0",
    "37",
    "74",
    "61",
    "71",
    "1.1",
    "3.7",
    "4.6",
    "26",
    "31",
    "38",
    "27",
    "39",
    "14",
    "80–90",
    "10–25",
    "75",
}
PERCENT = re.compile(r"(\d+(?:\.\d+)?(?:\s*[–-]\s*\d+(?:\.\d+)?)?)\s*%")
MMOL = re.compile(r"(\d+(?:\.\d+)?)\s*mmol/L")


def _unverified_in(text: str) -> list[str]:
    return [why for pattern, why in UNVERIFIED if re.search(pattern, text, re.I)]


def _bad_percentages(text: str) -> list[str]:
    found = [re.sub(r"\s*[–-]\s*", "–", m) for m in PERCENT.findall(text)]
    return [f for f in found if f not in ALLOWED_PERCENTAGES]


def test_the_checks_catch_what_they_look_for() -> None:
    """The scanners below would fail on the figures they forbid."""
    assert _unverified_in("A lesion shows after 30–50% bone loss.")
    assert _unverified_in("Open biopsy is used only when needle biopsy fails.")
    assert _unverified_in("See NG234 recommendation 1.4.2.")
    assert _bad_percentages("about 30-50% of the bone") == ["30–50"]
    assert _bad_percentages("sensitivity 86% / 81%") == []


def test_no_unverified_figure_is_stated(pathways: PathwaySet) -> None:
    for pw in pathways.values():
        for where, text in _texts(pw):
            assert not _unverified_in(text), f"{where}: {_unverified_in(text)}"
            assert not _bad_percentages(text), f"{where}: {_bad_percentages(text)}"
            for value in MMOL.findall(text):
                assert value in {"3.0", "3.5"}, f"{where}: {value} mmol/L"
