"""``bonemets diff``: what a change does to every route, node and version.

The property test mutates one ``next`` (or moves one band boundary) of the shipped
pathways at random and checks that exactly the routes through that link are reported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pathwayhelp import ROOT, RunCli

from bonemets_cli.load.catalog import builtin_dir, load_catalog
from bonemets_cli.model import (
    InfoNode,
    NodeRef,
    PathwaySet,
    QuestionNode,
    ScoreNode,
)
from bonemets_cli.model.graph import links
from bonemets_cli.review.diff import RouteKey, RouteKind, diff, route_key


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """A copy of the shipped pathways (no case files), the 'before' of each change, each
    at version 2.0.0 so the tests read version changes against a known number."""
    folder = tmp_path / "old"
    folder.mkdir()
    for path in (ROOT / "pathways").glob("*.yaml"):
        if not path.name.endswith(".cases.yaml"):
            text = re.sub(r'(?m)^version: "[0-9.]+"$', 'version: "2.0.0"', path.read_text())
            (folder / path.name).write_text(text)
    return folder


def changed(old: Path, name: str, *edits: tuple[str, str]) -> Path:
    """A copy of ``old`` with text replacements in one file."""
    new = old.parent / "new"
    if not new.exists():
        shutil.copytree(old, new)
    path = new / name
    text = path.read_text(encoding="utf-8")
    for before, after in edits:
        assert before in text, before
        text = text.replace(before, after, 1)
    path.write_text(text, encoding="utf-8")
    return new


def test_no_change_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "pathways", copy)
    result = run_cli("diff", copy, ROOT / "pathways", "--check")
    assert result.returncode == 0, result.stderr
    assert "No change to any pathway." in result.stdout


def test_a_downgrade_comes_first_and_is_marked(run_cli: RunCli, old: Path) -> None:
    new = changed(
        old,
        "limb.yaml",
        ("    urgency: emergency\n", "    urgency: urgent\n"),
        ('version: "2.0.0"', 'version: "3.0.0"'),
    )
    # and one more urgent ending elsewhere, which must come after the downgrade
    changed(new.parent / "old", "biopsy.yaml", ("\n    urgency: soon", "\n    urgency: urgent"))
    result = run_cli("diff", old, new)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    routes = [
        line
        for line in out.splitlines()
        if line.startswith("- ") and " → " in line and "(from" in line
    ]
    assert routes[0].startswith(
        "- **DOWNGRADE** `limb:start=no > limb:fracture_check=yes` (from limb)"
    )
    assert routes[0].endswith(
        "limb:fracture_emergency [emergency] → **limb:fracture_emergency [urgent]**"
    )
    assert out.index("## Downgrades") < out.index("## Routes that end elsewhere")
    assert "biopsy:biopsy_plan [soon] → **biopsy:biopsy_plan [urgent]**" in out
    assert "`limb:fracture_emergency` urgency: emergency → urgent" in out


def test_new_and_removed_routes(run_cli: RunCli, old: Path) -> None:
    maybe = '      - id: maybe\n        label: Maybe\n        next: biopsy_plan\n      - id: "no"\n'
    new = changed(old, "biopsy.yaml", ('      - id: "no"\n', maybe), ('version: "', 'version: "9'))
    data = json.loads(run_cli("diff", old, new, "--format", "json").stdout)
    added = [r for r in data["routes"] if r["kind"] == "added"]
    assert {(r["start"], r["answers"]) for r in added} >= {("biopsy", "biopsy:primary_check=maybe")}
    assert all(r["answers"].endswith("primary_check=maybe") for r in added)
    assert {r["kind"] for r in data["routes"]} == {"added"}
    assert data["version_problems"] == []  # the major version went up
    back = run_cli("diff", new, old, "--format", "markdown").stdout
    assert "## Removed routes" in back
    assert "- `biopsy:primary_check=maybe` (from biopsy): biopsy:biopsy_plan [soon]" in back


def test_more_questions_after_an_emergency_answer_are_downgrades(
    run_cli: RunCli, old: Path
) -> None:
    """'Not sure' at the nerve screen used to end at MSCC care; sent on to more questions
    instead, it can end at 'soon'. The answers that used to end the walk say so: these
    are downgrades, not merely new routes beside a removed one."""
    new = changed(
        old,
        "spine.yaml",
        (
            "        lay: I am not sure\n        next: mscc_emergency",
            "        lay: I am not sure\n        next: pain_features",
        ),
        ('version: "2.0.0"', 'version: "3.0.0"'),
    )
    data = json.loads(run_cli("diff", old, new, "--format", "json").stdout)
    kinds = {(r["kind"], r["answers"]) for r in data["routes"]}
    assert ("removed", "spine:start=unsure") in kinds
    lower = [r for r in data["routes"] if r["kind"] == "downgrade"]
    assert lower, data["routes"]
    assert all(r["answers"].startswith("spine:start=unsure > ") for r in lower)
    assert all(r["before"] == "spine:start=unsure" for r in lower)
    assert all(r["old"] == {"outcome": "mscc:mscc_care", "urgency": "emergency"} for r in lower)
    assert "soon" in {r["new"]["urgency"] for r in lower}
    markdown = run_cli("diff", old, new).stdout
    first = next(line for line in markdown.splitlines() if line.startswith("- "))
    assert first.startswith("- **DOWNGRADE** `spine:start=unsure > ")
    assert "before, `spine:start=unsure` ended the walk" in first
    # the other way round, the shorter route is compared with the most urgent it cut short
    back = json.loads(run_cli("diff", new, old, "--format", "json").stdout)
    shorter = [r for r in back["routes"] if r["answers"] == "spine:start=unsure"]
    assert [r["kind"] for r in shorter] == ["changed"]
    assert shorter[0]["old"]["urgency"] == "emergency"


def test_text_lay_source_and_band_changes_per_node(run_cli: RunCli, old: Path) -> None:
    new = changed(
        old,
        "spine.yaml",
        ("      - min: 0\n        max: 6", "      - min: 0\n        max: 5"),
        ("      - min: 7\n", "      - min: 6\n"),
    )
    result = run_cli("diff", old, new, "-f", "json")
    data = json.loads(result.stdout)
    assert data["routes"] == []  # the same answers end in the same places
    fields = {(n["node"], n["field"]) for n in data["nodes"]}
    assert fields == {("spine:sins", "bands")}
    band = data["nodes"][0]
    assert band["old"].startswith("0–6 ")
    assert band["new"].startswith("0–5 ")
    assert data["version_problems"][0]["message"] == (
        "pathway 'spine' changed but its version did not go up (2.0.0 → 2.0.0)"
    )


def test_the_semver_gate(run_cli: RunCli, old: Path) -> None:
    version = 'version: "2.0.0"'
    assert version in (old / "limb.yaml").read_text()
    downgrade = ("    urgency: emergency\n", "    urgency: urgent\n")
    minor = changed(old, "limb.yaml", downgrade, (version, 'version: "2.1.0"'))
    gated = run_cli("diff", old, minor, "--check")
    assert gated.returncode == 1
    assert gated.stderr == (
        "bonemets: error: routes of pathway 'limb' end differently but its major version did not go up "
        "(2.0.0 → 2.1.0); a changed disposition needs 3.0.0\n"
    )
    assert run_cli("diff", old, minor).returncode == 0  # reported, but only --check fails
    shutil.rmtree(minor)
    major = changed(old, "limb.yaml", downgrade, (version, 'version: "3.0.0"'))
    assert run_cli("diff", old, major, "--check").returncode == 0
    shutil.rmtree(major)
    same = changed(
        old, "limb.yaml", ("Suspected or actual pathological", "Suspected or a pathological")
    )
    text_only = run_cli("diff", old, same, "--check")
    assert text_only.returncode == 1
    assert (
        "pathway 'limb' changed but its version did not go up (2.0.0 → 2.0.0)" in text_only.stderr
    )
    shutil.rmtree(same)
    patch = changed(
        old,
        "limb.yaml",
        ("Suspected or actual pathological", "Suspected or a pathological"),
        (version, 'version: "2.0.1"'),
    )
    assert run_cli("diff", old, patch, "--check").returncode == 0


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_git_compares_with_the_pathways_at_a_revision(
    run_cli: RunCli, old: Path, tmp_path: Path
) -> None:
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(old, repo / "pathways")
    (repo / "pathways" / "evil.yaml").symlink_to("/etc/passwd")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one")
    limb = repo / "pathways" / "limb.yaml"
    limb.write_text(
        limb.read_text().replace("    urgency: emergency\n", "    urgency: urgent\n", 1)
    )
    (repo / "pathways" / "evil.yaml").unlink()
    result = run_cli("diff", "--git", "HEAD", repo / "pathways", "--check", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("# Pathway changes: ")
    assert " at HEAD → " in result.stdout.splitlines()[0]
    assert "**DOWNGRADE**" in result.stdout
    assert "passwd" not in result.stdout + result.stderr
    one_file = run_cli("diff", "--git", "HEAD", limb, cwd=repo)
    assert one_file.returncode == 0, one_file.stderr
    assert "**DOWNGRADE**" in one_file.stdout
    bad = run_cli("diff", "--git", "--upload-pack=x", repo / "pathways")
    assert bad.returncode == 2
    missing = run_cli("diff", "--git", "no-such-rev", repo / "pathways")
    assert missing.returncode == 1
    assert missing.stderr.startswith("bonemets: error: git ls-tree: fatal:")


# --- the property: exactly the affected routes are reported --------------------------

SHIPPED = load_catalog([builtin_dir()])
PATHWAYS = SHIPPED.pathway_set
IDS = list(SHIPPED.pathways)
LINKS = [
    (ref, index)
    for ref, node in PATHWAYS.nodes()
    for index, _ in enumerate(links(ref.pathway, node))
]


def _with_next(pathways: PathwaySet, ref: NodeRef, index: int, target: str) -> PathwaySet:
    """The set with link ``index`` of ``ref`` leading to ``target`` instead."""
    pathway = pathways[ref.pathway]
    node = pathway.nodes[ref.node]
    if isinstance(node, QuestionNode):
        options = list(node.options)
        options[index] = options[index].model_copy(update={"next": target})
        node = node.model_copy(update={"options": tuple(options)})
    elif isinstance(node, ScoreNode):
        bands = list(node.bands)
        bands[index] = bands[index].model_copy(update={"next": target})
        node = node.model_copy(update={"bands": tuple(bands)})
    else:
        assert isinstance(node, InfoNode)
        node = node.model_copy(update={"next": target})
    nodes = {**pathway.nodes, ref.node: node}
    return PathwaySet({**dict(pathways), ref.pathway: pathway.model_copy(update={"nodes": nodes})})


def _through(pathways: PathwaySet, ref: NodeRef, index: int) -> dict[RouteKey, object]:
    """Route key → ending of every route that takes link ``index`` of ``ref``."""
    node = pathways.node(ref)
    out: dict[RouteKey, object] = {}
    for pid in IDS:
        for route in pathways.routes(pathways.start(pid)):
            for step in route.steps:
                if step.node != ref:
                    continue
                if isinstance(node, QuestionNode):
                    taken = step.choice == node.options[index].id
                elif isinstance(node, ScoreNode):
                    band = node.bands[index]
                    taken = step.choice == f"band:{band.min}-{band.max}"
                else:
                    taken = True
                if taken:
                    out[route_key(pathways, pid, route)[0]] = (route.outcome, route.urgency)
    return out


@settings(
    max_examples=int(os.environ.get("BONEMETS_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.sampled_from(LINKS), st.data())
def test_mutating_one_link_reports_exactly_the_routes_through_it(
    link: tuple[NodeRef, int], data: st.DataObject
) -> None:
    ref, index = link
    current = links(ref.pathway, PATHWAYS.node(ref))[index]
    targets = [str(r) for r, _ in PATHWAYS.nodes(ref.pathway) if r != ref]
    target = data.draw(st.sampled_from(targets))
    assume(target != str(current.target))
    mutated = _with_next(PATHWAYS, ref, index, target)
    assume(all(mutated.broken(pid) is None for pid in IDS))  # no loop made
    result = diff(PATHWAYS, IDS, mutated, IDS)
    before, after = _through(PATHWAYS, ref, index), _through(mutated, ref, index)
    affected = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    reported = {(c.start, c.answers) for c in result.routes}
    words = {}
    for side in (PATHWAYS, mutated):
        for pid in IDS:
            for route in side.routes(side.start(pid)):
                key, said = route_key(side, pid, route)
                words[key] = (pid, said)
    assert reported == {words[key] for key in affected}
    for change in result.routes:
        if change.kind is RouteKind.DOWNGRADE:
            assert change.old is not None
            assert change.new is not None
            assert change.new.urgency.rank > change.old.urgency.rank
    # a changed next is a route change; only a band's shows in the node's bands too
    banded = isinstance(PATHWAYS.node(ref), ScoreNode)
    assert [c.field for c in result.nodes] == (["bands"] if banded else [])


SCORES = [
    (ref, node)
    for ref, node in PATHWAYS.nodes()
    if isinstance(node, ScoreNode) and len(node.bands) > 1
]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(SCORES), st.data())
def test_moving_a_band_boundary_is_a_band_change_and_moves_no_route(
    scored: tuple[NodeRef, ScoreNode], data: st.DataObject
) -> None:
    ref, node = scored
    cut = data.draw(st.integers(0, len(node.bands) - 2))
    low, high = node.bands[cut], node.bands[cut + 1]
    shift = data.draw(st.sampled_from([-1, 1]))
    assume(low.min <= low.max + shift and high.min + shift <= high.max)
    bands = list(node.bands)
    bands[cut] = low.model_copy(update={"max": low.max + shift})
    bands[cut + 1] = high.model_copy(update={"min": high.min + shift})
    pathway = PATHWAYS[ref.pathway]
    nodes = {**pathway.nodes, ref.node: node.model_copy(update={"bands": tuple(bands)})}
    mutated = PathwaySet(
        {**dict(PATHWAYS), ref.pathway: pathway.model_copy(update={"nodes": nodes})}
    )
    result = diff(PATHWAYS, IDS, mutated, IDS)
    assert [(str(c.node), c.field) for c in result.nodes] == [(str(ref), "bands")]
    assert result.routes == ()
