"""The validator: every rule by fixture (rule id, level, place), formats, --strict, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pathwayhelp import (
    CLEAN_PATHWAY,
    INVALID,
    VALID,
    PathwayBuilder,
    RunCli,
    clean_pathway_data,
)

from bonemets_cli.errors import Location
from bonemets_cli.load.catalog import Catalog, load_catalog
from bonemets_cli.validate import RULES, Level, Problem, has_errors
from bonemets_cli.validate import validate_catalog as validate_everything
from bonemets_cli.validate.run import check_paths

STRUCTURE_ONLY = ("--ignore", "missing-lay", "--ignore", "reading-level")  # for the real CLI


def validate_catalog(catalog: Catalog, **options: Any) -> list[Problem]:
    """The graph, schema and provenance rules; the lay-text rules have their own tests.

    These fixtures have no ``lay`` text on purpose (they are about structure), so the
    ``missing-lay`` and ``reading-level`` warnings they would all carry are left out.
    """
    lay_rules = ("missing-lay", "reading-level")
    return [p for p in validate_everything(catalog, **options) if p.rule not in lay_rules]


EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (INVALID / "EXPECTED.yaml").read_text(encoding="utf-8")
)
TODAY = dt.date(2026, 6, 1)
ALL_CASES = sorted(EXPECTED)


def catalog_for(target: Path) -> Catalog:
    """A folder is loaded as a pathways folder; a file on its own (with its bibliography)."""
    return load_catalog([target]) if target.is_dir() else load_catalog([], [target])


def problem_file(name: str) -> Path:
    entry = EXPECTED[name]
    return INVALID / name / entry["file"] if "file" in entry else INVALID / name


FOUNDATION_RULES = {
    "yaml-syntax", "tab", "empty-file", "not-a-mapping", "multiple-documents", "unknown-key",
    "missing-key", "wrong-type", "duplicate-key", "tag", "alias", "too-deep", "too-large",
    "encoding", "newer-schema", "path-escape", "missing-bibliography", "io", "duplicate-id",
    "missing-start", "dangling-next", "missing-pathway", "unreachable-node", "dead-end",
    "cycle", "outcome-source", "missing-source", "unknown-source", "default-discuss",
    "score-bands", "review-dates", "review-overdue",
}  # fmt: skip
"""The pathway-file rules; features add their own (quiz banks, leaflets) with their tests."""


def test_every_rule_has_a_corpus_fixture_or_a_named_test() -> None:
    """Every rule id ``validate`` knows, the feature rules too (quiz banks, lay text)."""
    assert set(RULES) >= FOUNDATION_RULES
    covered = {e["rule"] for e in EXPECTED.values()}
    tested_elsewhere = {"too-large", "io"}  # generated at test time (tests/test_loader.py)
    assert covered | tested_elsewhere == set(RULES)


@pytest.mark.parametrize("name", ALL_CASES)
def test_each_fixture_reports_its_rule_at_its_place(name: str) -> None:
    """Through ``check_paths``, what ``bonemets validate PATH`` runs (quiz banks included)."""
    entry = EXPECTED[name]
    ignore = [r for r in ("missing-lay", "reading-level") if r != entry["rule"]]
    problems = check_paths(
        [INVALID / name], [], reading_ease=60, ignore=ignore, today=TODAY
    ).problems
    mine = [p for p in problems if p.rule == entry["rule"]]
    assert mine, problems
    first = mine[0]
    assert first.location == Location(str(problem_file(name)), entry["line"], entry["col"])
    assert first.level is Level(entry.get("level", "error"))
    assert entry["message"] in first.message
    # the fixture breaks one rule (and what it unavoidably drags along), nothing else
    assert {p.rule for p in problems} == {entry["rule"], *entry.get("also", [])}


def test_clean_pathway_has_no_problems_at_all() -> None:
    assert validate_catalog(load_catalog([], [CLEAN_PATHWAY]), today=TODAY) == []


def test_valid_folder_has_only_the_default_discuss_warnings() -> None:
    problems = validate_catalog(load_catalog([VALID]), today=TODAY)
    assert {(p.rule, p.level) for p in problems} == {("default-discuss", Level.WARNING)}
    assert not has_errors(problems)
    assert has_errors(problems, strict=True)


def test_review_overdue_depends_on_today() -> None:
    path = INVALID / "review-overdue.yaml"
    catalog = load_catalog([], [path])
    assert validate_catalog(catalog, today=dt.date(2020, 12, 31)) == []
    assert validate_catalog(catalog, today=dt.date(2021, 1, 1)) == []
    late = validate_catalog(catalog, today=dt.date(2021, 1, 2))
    assert [(p.rule, p.level) for p in late] == [("review-overdue", Level.WARNING)]


def test_two_pathways_with_one_id(pathway_builder: PathwayBuilder) -> None:
    first = pathway_builder("a.yaml", clean_pathway_data(), folder="f")
    second = pathway_builder("b.yaml", clean_pathway_data(), folder="f")
    problems = validate_catalog(load_catalog([first.parent]), today=TODAY)
    assert [(p.rule, p.location.file, p.location.line) for p in problems] == [
        ("duplicate-id", str(second), 2)
    ]
    assert f"already used by {first}" in problems[0].message
    assert "the rest of this file is checked once its id is unique" in problems[0].message


def test_a_copy_of_a_shipped_pathway_is_told_to_rename(run_cli: RunCli, tmp_path: Path) -> None:
    """Forking a built-in pathway: the clash is named, with what to do about it."""
    from bonemets_cli.load.catalog import builtin_dir

    shipped = sorted(
        p
        for p in builtin_dir().glob("*.yaml")
        if p.name != "bibliography.yaml" and not p.name.endswith(".cases.yaml")
    )
    if not shipped:
        pytest.skip("no shipped pathways in this checkout")
    copy = tmp_path / shipped[0].name
    copy.write_bytes(shipped[0].read_bytes())
    (tmp_path / "bibliography.yaml").write_bytes((builtin_dir() / "bibliography.yaml").read_bytes())
    result = run_cli("validate", *STRUCTURE_ONLY, copy)
    assert result.returncode == 1
    assert f"{copy}:" in result.stdout
    assert "(duplicate-id)" in result.stdout
    assert "rename one" in result.stdout


def score_node(bands: list[tuple[int, int]], points: tuple[int, ...] = (0, 3)) -> dict[str, Any]:
    return {
        "kind": "score",
        "title": "Score",
        "stage": "assessment",
        "text": "Score it.",
        "sources": ["ref"],
        "items": [
            {
                "id": "item",
                "label": "Item",
                "choices": [{"id": f"c{p}", "label": f"{p}", "points": p} for p in points],
            }
        ],
        "bands": [{"min": lo, "max": hi, "label": f"b{lo}", "next": "later"} for lo, hi in bands],
    }


def with_score(bands: list[tuple[int, int]], points: tuple[int, ...] = (0, 3)) -> dict[str, Any]:
    data = clean_pathway_data()
    data["nodes"]["explain"]["next"] = "scored"
    data["nodes"]["scored"] = score_node(bands, points)
    return data


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        ([(0, 3)], []),
        ([(0, 1), (2, 3)], []),
        ([(3, 3), (0, 2)], []),
        ([(0, 1)], [("error", "no band covers total 2–3 (possible totals are 0–3)")]),
        ([(0, 0), (2, 3)], [("error", "no band covers total 1 (possible totals are 0–3)")]),
        ([(0, 2), (2, 3)], [("error", "more than one band covers total 2")]),
        ([(0, 3), (0, 3)], [("error", "more than one band covers total 0–3")]),
        ([(0, 3), (5, 9)], [("warning", "band 'b5' (5–9) lies outside the possible totals 0–3")]),
        (
            [(0, 3), (3, 1)],
            [("error", "band 'b3' has min 3 above max 1")],
        ),
    ],
)
def test_score_bands_cover_every_total_exactly_once(
    pathway_builder: PathwayBuilder, bands: list[tuple[int, int]], expected: list[tuple[str, str]]
) -> None:
    path = pathway_builder("p.yaml", with_score(bands))
    problems = validate_catalog(load_catalog([], [path]), today=TODAY)
    assert all(p.rule == "score-bands" for p in problems)
    assert sorted((p.level.value, p.message) for p in problems) == sorted(expected)


def test_score_bands_stay_fast_for_huge_totals(pathway_builder: PathwayBuilder) -> None:
    data = with_score([(0, 10)], points=(0, 100))
    item = data["nodes"]["scored"]["items"][0]
    data["nodes"]["scored"]["items"] = [{**item, "id": f"i{n}"} for n in range(3000)]
    path = pathway_builder("p.yaml", data)
    import time

    started = time.perf_counter()
    problems = validate_catalog(load_catalog([], [path]), today=TODAY)
    assert time.perf_counter() - started < 5
    assert [p.message for p in problems] == [
        "no band covers total 11–300000 (possible totals are 0–300000)"
    ]


def test_links_across_pathways_make_nodes_reachable(pathway_builder: PathwayBuilder) -> None:
    a = clean_pathway_data(id="a")
    a["nodes"]["explain"]["next"] = "b:deep"
    b = clean_pathway_data(id="b")
    b["nodes"]["deep"] = dict(b["nodes"]["explain"], next="later")  # only 'a' leads here
    pathway_builder("a.yaml", a, folder="f")
    folder = pathway_builder("b.yaml", b, folder="f").parent
    problems = validate_catalog(load_catalog([folder]), today=TODAY)
    assert [(p.rule, p.message) for p in problems] == [
        (
            "unreachable-node",
            "node 'later' cannot be reached from any start; link to it or remove it",
        )
    ]
    assert problems[0].location.file.endswith("a.yaml")


def test_a_loop_off_the_walk_is_a_loop_a_dead_end_and_unreachable(
    pathway_builder: PathwayBuilder,
) -> None:
    """Graph rules on a loop no start leads to, entered by two links to one node."""
    data = clean_pathway_data()
    info = data["nodes"]["explain"]
    data["nodes"]["side"] = {
        **data["nodes"]["start"],
        "options": [
            {"id": "a", "label": "A", "next": "round"},
            {"id": "b", "label": "B", "next": "round"},
        ],
    }
    data["nodes"]["round"] = dict(info, next="about")
    data["nodes"]["about"] = dict(info, next="round")
    path = pathway_builder("p.yaml", data)
    problems = validate_catalog(load_catalog([], [path]), today=TODAY)
    found = {(p.rule, p.message.split("'")[1]) for p in problems}
    assert found == {
        ("unreachable-node", "side"),
        ("unreachable-node", "round"),
        ("unreachable-node", "about"),
        ("dead-end", "side"),
        ("dead-end", "round"),
        ("dead-end", "about"),
        ("cycle", "about"),
    }
    loop = next(p for p in problems if p.rule == "cycle")
    assert loop.message.startswith("'about' leads back to 'round', making a loop")


def test_a_broken_bibliography_is_reported_at_its_place(pathway_builder: PathwayBuilder) -> None:
    folder = pathway_builder("p.yaml", clean_pathway_data(), folder="f").parent
    pathway_builder(
        "bibliography.yaml", "schema_version: 1\nsources:\n  x: {title: X, yaer: 1}\n", folder="f"
    )
    problems = validate_catalog(load_catalog([folder]), today=TODAY)
    assert [(p.rule, p.location) for p in problems] == [
        ("unknown-key", Location(str(folder / "bibliography.yaml"), 3, 17))
    ]


def test_only_keeps_the_named_files(pathway_builder: PathwayBuilder) -> None:
    good = pathway_builder("good.yaml", clean_pathway_data(id="good"), folder="f")
    bad = pathway_builder("bad.yaml", clean_pathway_data(id="bad", start="nowhere"), folder="f")
    catalog = load_catalog([good.parent])
    assert validate_catalog(catalog, today=TODAY, only=[good]) == []
    assert {p.rule for p in validate_catalog(catalog, today=TODAY, only=[bad])} == {
        "missing-start",
        "unreachable-node",
    }


def test_extra_rules_plug_in() -> None:
    def always(catalog: Catalog) -> Any:
        for doc in catalog.documents:
            yield Problem(doc.locate("title"), Level.WARNING, "extra", "from a plug-in rule")

    problems = validate_catalog(
        load_catalog([], [CLEAN_PATHWAY]), today=TODAY, extra_rules=[always]
    )
    assert [(p.rule, p.location.line) for p in problems] == [("extra", 3)]


def test_problems_come_once_each_in_place_order() -> None:
    """By file, line, column, then level, rule and message; a repeated problem once."""
    places = [Location("b.yaml", 2, 1), Location("a.yaml", 10, 3), Location("a.yaml", 9, 7)]
    made = [
        Problem(where, level, rule, message)
        for where in places
        for level in (Level.WARNING, Level.ERROR)
        for rule in ("cycle", "alias")
        for message in ("z", "a")
    ]
    shuffled = [made[(i * 7) % len(made)] for i in range(len(made))] + made[:5]

    def plug_in(catalog: Catalog) -> Any:
        yield from shuffled

    problems = validate_catalog(
        load_catalog([], [CLEAN_PATHWAY]), today=TODAY, extra_rules=[plug_in]
    )
    assert problems == sorted(set(made))
    assert problems[:3] == [
        Problem(Location("a.yaml", 9, 7), Level.ERROR, "alias", "a"),
        Problem(Location("a.yaml", 9, 7), Level.ERROR, "alias", "z"),
        Problem(Location("a.yaml", 9, 7), Level.ERROR, "cycle", "a"),
    ]


# --- the command ---------------------------------------------------------------------

LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): \[(?P<level>error|warning)\] .+ \((?P<rule>[a-z-]+)\)$"
)
GITHUB = re.compile(
    r"^::(?P<level>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<rule>[a-z-]+)::(?P<message>.+)$"
)


def test_cli_clean_exits_0(run_cli: RunCli) -> None:
    result = run_cli("validate", *STRUCTURE_ONLY, CLEAN_PATHWAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 file checked: no problems\n"


def test_cli_ignore_skips_a_rule_and_refuses_an_unknown_one(run_cli: RunCli) -> None:
    warned = run_cli("validate", CLEAN_PATHWAY)
    assert warned.returncode == 0
    assert "(missing-lay)" in warned.stdout
    assert run_cli("validate", "--strict", CLEAN_PATHWAY).returncode == 1
    assert run_cli("validate", "--strict", *STRUCTURE_ONLY, CLEAN_PATHWAY).returncode == 0
    typo = run_cli("validate", "--ignore", "missing-lai", CLEAN_PATHWAY)
    assert typo.returncode == 2
    assert typo.stderr == (
        "bonemets: error: --ignore: no rule 'missing-lai'; did you mean 'missing-lay'?\n"
    )


def test_cli_default_checks_every_loaded_pathway(
    run_cli: RunCli, pathway_builder: PathwayBuilder
) -> None:
    folder = pathway_builder("p.yaml", clean_pathway_data(start="begin"), folder="mine").parent
    result = run_cli("--pathways-dir", folder, "validate", *STRUCTURE_ONLY)
    assert result.returncode == 1
    assert (
        f"{folder / 'p.yaml'}:10:8: [error] start node 'begin' is not among the nodes"
        in result.stdout
    )
    result = run_cli("validate", *STRUCTURE_ONLY, env={"BONEMETS_PATHWAYS": str(folder)})
    assert result.returncode == 1
    assert "(missing-start)" in result.stdout


def test_cli_text_format_and_summary(run_cli: RunCli) -> None:
    result = run_cli("validate", *STRUCTURE_ONLY, INVALID / "dead-end.yaml", cwd=INVALID)
    assert result.returncode == 1
    *lines, summary = result.stdout.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m["line"], m["rule"]) for m in parsed if m] == [
        ("38", "dead-end"),
        ("45", "dead-end"),
        ("51", "cycle"),
    ]
    assert summary == "1 file checked: 3 errors, 0 warnings"


def test_cli_warnings_pass_unless_strict(run_cli: RunCli) -> None:
    path = INVALID / "unreachable-node.yaml"
    relaxed = run_cli("validate", *STRUCTURE_ONLY, path)
    assert relaxed.returncode == 0
    assert "[warning]" in relaxed.stdout
    assert "1 file checked: 0 errors, 1 warning" in relaxed.stdout
    strict = run_cli("validate", *STRUCTURE_ONLY, "--strict", path)
    assert strict.returncode == 1
    assert strict.stdout == relaxed.stdout


def test_cli_json_format(run_cli: RunCli) -> None:
    result = run_cli(
        "validate", *STRUCTURE_ONLY, "--format", "json", INVALID / "missing-start.yaml"
    )
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data[0] == {
        "file": str(INVALID / "missing-start.yaml"),
        "line": 10,
        "column": 8,
        "level": "error",
        "rule": "missing-start",
        "message": "start node 'begin' is not among the nodes",
    }
    assert {d["rule"] for d in data[1:]} == {"unreachable-node"}
    assert all(d["level"] == "warning" for d in data[1:])
    clean = run_cli("validate", *STRUCTURE_ONLY, "-f", "json", CLEAN_PATHWAY)
    assert (clean.returncode, json.loads(clean.stdout)) == (0, [])


def test_cli_github_format(run_cli: RunCli) -> None:
    result = run_cli(
        "validate",
        *STRUCTURE_ONLY,
        "--format",
        "github",
        INVALID / "cycle.yaml",
        INVALID / "unknown-source",
    )
    assert result.returncode == 1
    matches = [GITHUB.match(line) for line in result.stdout.splitlines()]
    assert all(matches), result.stdout
    found = {(m["rule"], m["level"], m["line"], m["col"]) for m in matches if m}
    assert found == {("cycle", "error", "27", "15"), ("unknown-source", "error", "30", "15")}
    # the summary goes to stderr so the annotations stay machine-readable
    assert "2 errors, 0 warnings" in result.stderr


def test_github_escapes_commas_colons_and_newlines() -> None:
    from bonemets_cli.ui.problems import as_github

    problem = Problem(Location("a,b:c.yaml", 1, 2), Level.ERROR, "cycle", "50% done\nnext")
    assert as_github([problem]) == (
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=cycle::50%25 done%0Anext\n"
    )


def test_cli_folder_argument(run_cli: RunCli) -> None:
    result = run_cli("validate", *STRUCTURE_ONLY, INVALID / "unknown-source")
    assert result.returncode == 1
    assert result.stdout.endswith("2 files checked: 1 error, 0 warnings\n")


def test_cli_folder_without_pathway_files_fails(run_cli: RunCli, tmp_path: Path) -> None:
    """A mistyped folder must not pass a CI job as '0 files checked: no problems'."""
    (tmp_path / "notes.txt").write_text("not a pathway\n", encoding="utf-8")
    result = run_cli("validate", tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"bonemets: error: no pathway files in {tmp_path}: expected .yaml pathway, "
        "bibliography, quiz-bank or case files; check the folder name\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "does-not-exist.yaml"),
        ("validate", "--format", "xml"),
        ("validate", "--bogus"),
        ("--pathways-dir", "no-such-folder", "validate"),
    ],
)
def test_cli_usage_errors_exit_2(run_cli: RunCli, args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert "Error:" in result.stderr
    assert result.stdout == ""


def test_cli_reports_a_load_error_in_every_format(run_cli: RunCli) -> None:
    path = INVALID / "duplicate-key.yaml"
    text = run_cli("validate", *STRUCTURE_ONLY, path)
    assert text.stdout.startswith(f"{path}:52:5: [error] duplicate key 'urgency'")
    data = json.loads(run_cli("validate", *STRUCTURE_ONLY, "-f", "json", path).stdout)
    assert [(d["rule"], d["line"], d["column"]) for d in data] == [("duplicate-key", 52, 5)]


def test_a_quiz_distractor_cites_a_known_source(run_cli: RunCli, tmp_path: Path) -> None:
    """A distractor is a clinical statement too: its sources are checked, with the place."""
    fixture = (INVALID / "quiz-distractor.yaml").read_text(encoding="utf-8")
    fixed = fixture.replace(
        "        - text: call acute oncology now\n", "        - text: X-ray first\n"
    )
    broken = tmp_path / "distractor-source.yaml"
    broken.write_text(
        fixed.replace(
            "sources: [ref]\n        - text: X-ray", "sources: [nope]\n        - text: X-ray"
        ),
        encoding="utf-8",
    )
    result = run_cli("validate", *STRUCTURE_ONLY, broken)
    assert result.returncode == 1
    assert f"{broken}:49:21: [error] source 'nope' is in no bibliography" in result.stdout
    assert "(unknown-source)" in result.stdout
    assert "quiz-distractor" not in result.stdout
