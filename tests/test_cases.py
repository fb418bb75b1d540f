"""``bonemets test``: authors' case files, the runner's reports, coverage and --generate.

Every test runs the real command line on real files in a copy of ``tests/data/valid``
(``mini`` has a question with a red flag, an info step, a score with two bands and a
link into ``other``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pathwayhelp import ROOT, VALID, RunCli
from tools import require

from bonemets_cli.load.catalog import load_catalog, pathway_files, search_dirs
from bonemets_cli.model import NodeRef

CASES = """\
schema_version: 1
pathway: mini
cases:
  - name: leg weakness is an emergency
    answers: {ask: "yes"}
    expect: {outcome: emergency, urgency: emergency, red_flags: [ask]}
  - name: a low score is routine
    answers: {ask: "no", scored.size: small, scored.pain: none}
    expect: {outcome: mini:routine, at_least: routine, asked: [teach], not_asked: [emergency]}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A pathways folder of our own: mini, other, clean and their bibliography."""
    target = tmp_path / "pw"
    shutil.copytree(VALID, target)
    return target


def write_cases(folder: Path, text: str, name: str = "mini.cases.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_passing_cases_print_the_summary_and_exit_0(run_cli: RunCli, folder: Path) -> None:
    cases = write_cases(folder, CASES)
    result = run_cli("test", cases)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 cases in 1 file: 2 passed, 0 failed" in result.stdout
    assert "FAIL" not in result.stdout


def test_a_failing_case_is_one_line_at_the_case_with_expected_and_actual(
    run_cli: RunCli, folder: Path
) -> None:
    wrong = CASES.replace("urgency: emergency, red", "urgency: urgent, red")
    cases = write_cases(folder, wrong.replace("at_least: routine", "at_least: emergency"))
    result = run_cli("test", cases)
    assert result.returncode == 1
    fails = [line for line in result.stdout.splitlines() if " FAIL " in line]
    assert fails == [
        f"{cases}:4:5: FAIL leg weakness is an emergency: expected emergency [urgent], "
        "got mini:emergency [emergency]",
        f"{cases}:7:5: FAIL a low score is routine: expected mini:routine [at least "
        "emergency], got mini:routine [routine]",
    ]
    assert "2 cases in 1 file: 0 passed, 2 failed" in result.stdout


def test_each_expectation_is_checked(run_cli: RunCli, folder: Path) -> None:
    cases = write_cases(
        folder,
        """\
schema_version: 1
pathway: mini
cases:
  - name: no red flag here
    answers: {ask: "no", scored.size: big, scored.pain: none}
    expect: {red_flags: [ask], asked: [emergency], not_asked: [teach]}
  - name: stops early
    answers: {ask: "no"}
    expect: {outcome: routine}
  - name: an answer never asked
    answers: {ask: "yes", scored.size: big}
    expect: {outcome: emergency}
  - name: by label, any case
    answers: {ask: "YES"}
    expect: {outcome: emergency}
""",
    )
    out = run_cli("test", cases).stdout
    assert "expected a red-flag answer at 'ask', got 'no' (not a red flag)" in out
    assert "expected the walk to ask 'emergency', but it did not" in out
    assert "expected the walk not to ask 'teach', but it did" in out
    assert "the walk stops at 'mini:scored.size' with no answer for it (choices: small, big)" in out
    assert "the answer for 'mini:scored.size' was never used" in out
    assert "4 cases in 1 file: 1 passed, 3 failed" in out


def test_a_case_file_with_several_faults_reports_each_at_its_place(
    run_cli: RunCli, folder: Path
) -> None:
    cases = write_cases(
        folder,
        """\
schema_version: 1
cases:
  - name: one
    answers: {ask: "yes"}
    expect: {urgency: soonish}
  - name: two
    expect: {outcom: emergency}
""",
    )
    result = run_cli("test", cases)
    assert result.returncode == 1
    assert f"{cases}:5:23: error: cases[0].expect.urgency: should be" in result.stdout
    assert f"{cases}:7:14: error: unknown key 'outcom'; did you mean 'outcome'?" in result.stdout


def test_junit_output_is_read_by_a_junit_parser(run_cli: RunCli, folder: Path) -> None:
    from junitparser import Failure, JUnitXml

    cases = write_cases(folder, CASES.replace("urgency: emergency, red", "urgency: soon, red"))
    report = folder / "report.xml"
    result = run_cli("test", cases, "--format", "junit", "-o", report)
    assert result.returncode == 1
    assert "1 passed, 1 failed" in result.stderr  # the verdict stays on the terminal
    xml = JUnitXml.fromfile(str(report))
    suites = list(xml)
    assert [s.name for s in suites] == [str(cases)]
    assert (suites[0].tests, suites[0].failures, suites[0].errors) == (2, 1, 0)
    first, second = list(suites[0])
    assert (first.name, first.classname) == ("leg weakness is an emergency", "mini")
    assert not first.is_passed
    assert isinstance(first.result[0], Failure)
    assert "expected emergency [soon], got mini:emergency [emergency]" in first.result[0].message
    assert second.is_passed


def test_github_format_writes_workflow_commands_at_the_case(run_cli: RunCli, folder: Path) -> None:
    cases = write_cases(folder, CASES.replace("outcome: emergency", "outcome: routine"))
    out = run_cli("test", cases, "--format", "github").stdout
    assert out.startswith(
        f"::error file={cases},line=4,col=5,title=case-failed::leg weakness is an emergency: "
        "expected routine [emergency], got mini:emergency [emergency]\n"
    )


def test_coverage_names_what_no_case_exercises_with_its_place(
    run_cli: RunCli, folder: Path
) -> None:
    only_yes = CASES.split("  - name: a low score", maxsplit=1)[0]
    cases = write_cases(folder, only_yes)
    result = run_cli("test", cases)
    assert result.returncode == 0
    missed = re.findall(r"^(\S+): not covered: (.*)$", result.stdout, re.M)
    mini = folder / "mini.yaml"
    assert missed == [
        (f"{mini}:27:9", "option 'no' of mini:ask"),
        (f"{mini}:30:3", "node mini:teach"),
        (f"{mini}:38:3", "node mini:scored"),
        (f"{mini}:56:9", "band 0–1 ('Low') of mini:scored"),
        (f"{mini}:57:9", "band 2–3 ('High') of mini:scored"),
        (f"{mini}:66:3", "node mini:routine"),
    ]
    assert "coverage 33.3% (2/5 nodes, 1/2 options, 0/2 bands)" in result.stdout
    low = run_cli("test", cases, "--min-coverage", "50")
    assert low.returncode == 1
    assert "coverage 33.3% is below --min-coverage 50" in low.stderr
    assert run_cli("test", cases, "--min-coverage", "33").returncode == 0


def _lcov_summary(info: Path) -> str:
    lcov = require("lcov")
    version = subprocess.run([lcov, "--version"], capture_output=True, text=True, check=True)
    major = re.search(r"(\d+)\.\d+", version.stdout)
    branches = "lcov_branch_coverage=1" if major and major.group(1) == "1" else "branch_coverage=1"
    done = subprocess.run(
        [lcov, "--summary", str(info), "--rc", branches],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_lcov_output_is_read_by_lcov(run_cli: RunCli, folder: Path) -> None:
    cases = write_cases(folder, CASES.split("  - name: a low score", maxsplit=1)[0])
    info = folder / "cases.info"
    assert run_cli("test", cases, "--format", "lcov", "-o", info).returncode == 0
    summary = _lcov_summary(info)
    assert "functions..: 40.0% (2 of 5 functions)" in summary  # nodes
    assert "branches...: 25.0% (1 of 4 branches)" in summary  # options and bands
    assert f"SF:{folder / 'mini.yaml'}" in info.read_text()


def test_no_case_files_is_an_error_that_says_how_to_start(run_cli: RunCli, folder: Path) -> None:
    result = run_cli("test", folder)
    assert result.returncode == 1
    assert "no case files (.cases.yaml)" in result.stderr
    assert "bonemets test --generate PATHWAY" in result.stderr
    other = run_cli("test", folder / "mini.yaml")
    assert other.returncode == 2
    assert "is not a case file" in other.stderr


def test_generate_pins_every_route_and_the_pins_equal_the_walk(
    run_cli: RunCli, folder: Path
) -> None:
    out = folder / "mini.cases.yaml"
    made = run_cli("--pathways-dir", folder, "test", "--generate", "mini", "-o", out)
    assert made.returncode == 0, made.stderr
    data = yaml.safe_load(out.read_text())
    catalog = load_catalog(search_dirs([folder]))
    routes = list(catalog.pathway_set.routes(NodeRef("mini", "ask")))
    assert [c["expect"]["outcome"] for c in data["cases"]] == [str(r.outcome) for r in routes]
    assert [c["expect"]["urgency"] for c in data["cases"]] == [r.urgency.value for r in routes]
    assert data["cases"][0]["expect"]["red_flags"] == ["ask"]
    run = run_cli("test", out)
    assert run.returncode == 0, run.stdout
    assert "3 cases in 1 file: 3 passed, 0 failed" in run.stdout
    # a later change of disposition shows up as a failing case
    pathway = folder / "mini.yaml"
    pathway.write_text(pathway.read_text().replace("next: emergency", "next: routine"))
    after = run_cli("test", out)
    assert after.returncode == 1
    assert "FAIL ask=yes: expected mini:emergency [emergency], got mini:routine [routine]" in (
        after.stdout
    )


def test_generate_of_several_pathways_says_where_each_case_starts(
    run_cli: RunCli, folder: Path
) -> None:
    made = run_cli("--pathways-dir", folder, "test", "--generate", "mini", "--generate", "other")
    data = yaml.safe_load(made.stdout)
    assert "pathway" not in data
    assert {c["start"] for c in data["cases"]} == {"mini", "other"}
    assert data["cases"][0]["answers"] == {"mini:ask": "yes"}


def test_shipped_case_files_pass_and_cover_every_branch(run_cli: RunCli) -> None:
    """The shipped pathways' own cases (generated, then reviewed): one per route."""
    shipped = sorted((ROOT / "pathways").glob("*.cases.yaml"))
    ids = {p.name.removesuffix(".cases.yaml") for p in shipped}
    assert ids == {p.stem for p in pathway_files(ROOT / "pathways")}
    result = run_cli("test")
    assert result.returncode == 0, result.stdout
    assert re.search(r"^\d+ cases in 11 files: (\d+) passed, 0 failed$", result.stdout, re.M)
    assert "coverage 100.0%" in result.stdout


def test_shipped_case_files_pin_the_route_snapshot() -> None:
    """Each route of ``tests/snapshots/pathway_paths.txt`` is a case with its ending."""
    snapshot = (ROOT / "tests" / "snapshots" / "pathway_paths.txt").read_text()
    pinned = set(re.findall(r"-> (\S+) \[(\w+)\]$", snapshot, re.M))
    endings = set()
    count = 0
    for path in (ROOT / "pathways").glob("*.cases.yaml"):
        for case in yaml.safe_load(path.read_text())["cases"]:
            if case["name"].startswith("safety:"):  # written by hand, beside the pins
                continue
            endings.add((case["expect"]["outcome"], case["expect"]["urgency"]))
            count += 1
    assert endings == pinned
    routes = [line for line in snapshot.splitlines() if "->" in line and line[:1] != "#"]
    assert count == len(routes)


def test_case_files_beside_pathways_are_not_read_as_pathways(run_cli: RunCli, folder: Path) -> None:
    write_cases(folder, CASES)
    assert "mini.cases.yaml" not in [p.name for p in pathway_files(folder)]
    listed = run_cli("--pathways-dir", folder, "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    # the test pathways have no lay text, so neither their lay nor their reading level counts
    ignored = ("missing-lay", "default-discuss", "reading-level")
    checked = run_cli("validate", *(a for rule in ignored for a in ("--ignore", rule)), folder)
    assert checked.returncode == 0, checked.stdout
    assert "5 files checked: no problems" in checked.stdout  # 3 pathways, bibliography, cases


def test_validate_checks_case_files_against_their_schema(run_cli: RunCli, folder: Path) -> None:
    bad = write_cases(
        folder,
        CASES.replace("pathway: mini", "pathway: minni").replace(
            "expect: {outcome: emergency", "expect: {outcome: Emergency"
        ),
    )
    result = run_cli("validate", bad)
    assert result.returncode == 1
    assert f"{bad}:6:23: [error] cases[0].expect.outcome:" in result.stdout
    assert "1 file checked" in result.stdout
    fixed = write_cases(folder, CASES.replace("pathway: mini", "pathway: minni"))
    warned = run_cli("validate", fixed)
    assert (
        f"{fixed}:2:10: [warning] case file is for pathway 'minni', which is not loaded; "
        "did you mean 'mini'? (missing-pathway)"
    ) in warned.stdout


def test_schema_cases_is_the_shipped_schema_and_accepts_the_shipped_files(
    run_cli: RunCli,
) -> None:
    import json

    import jsonschema

    from bonemets_cli.load.yaml import read_yaml

    result = run_cli("schema", "cases")
    shipped = (ROOT / "pathways" / "cases.schema.json").read_text()
    assert result.stdout == shipped, (
        "regenerate: bonemets schema cases > pathways/cases.schema.json"
    )
    schema = json.loads(shipped)
    validator = jsonschema.Draft202012Validator(schema)
    for path in (ROOT / "pathways").glob("*.cases.yaml"):
        validator.validate(read_yaml(path.read_bytes(), str(path)).data)
    broken = yaml.safe_load(CASES)
    broken["cases"][0]["expect"]["urgency"] = "whenever"
    error = jsonschema.exceptions.best_match(validator.iter_errors(broken))
    assert error is not None
    assert list(error.absolute_path) == ["cases", 0, "expect", "urgency"]


def test_the_readme_example_case_file_passes(run_cli: RunCli, tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Test cases: `bonemets test`", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "spine.cases.yaml"
    path.write_text(example, encoding="utf-8")
    result = run_cli("test", path)
    assert result.returncode == 0, result.stdout
    assert "2 cases in 1 file: 2 passed, 0 failed" in result.stdout


def test_a_walk_resumed_from_its_last_position_is_the_walk_replayed() -> None:
    """``Engine.position(state, since=…)`` (how cases run) gives what a full replay gives,
    at every answer of every shipped route, and ignores a ``since`` of another walk."""
    from bonemets_cli.load.catalog import builtin_dir
    from bonemets_cli.walk.engine import Engine

    pathways = load_catalog([builtin_dir()]).pathway_set
    engine = Engine(pathways)
    checked = 0
    for pid in pathways:
        for route in pathways.routes(pathways.start(pid)):
            state = engine.begin(pid)
            pos = engine.position(state)
            for step in route.steps:
                answers = [step.choice] if step.option else list(step.scores.values())
                for choice in answers:
                    state = engine.answer(state, choice, pos)
                    resumed = engine.position(state, since=pos)
                    assert resumed == engine.position(state)
                    pos = resumed
                    checked += 1
            assert pos.key == route.outcome
    assert checked > 1000
    other = engine.begin("spine")
    assert engine.position(other, since=pos) == engine.position(other)
