"""Every error in one pass, and messages that point where the author must fix.

Several schema faults in one file are all reported; the graph and provenance rules
still run on the parts that could be read; YAML syntax errors say what the usual cause
is, at the line to change; cross-links to a misspelt pathway get a "did you mean"; a
score band no total can reach is reported; the JSON Schema lets standard validators
name the real fault.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pathwayhelp import CLEAN_PATHWAY, ROOT, VALID, RunCli

from bonemets_cli.errors import PathwayLoadError
from bonemets_cli.load.yaml import read_yaml

CLEAN = CLEAN_PATHWAY.read_text(encoding="utf-8")


def problems(run_cli: RunCli, path: Path, *extra: str) -> list[str]:
    result = run_cli("validate", "--ignore", "missing-lay", *extra, path)
    assert result.returncode == 1, result.stdout
    return result.stdout.splitlines()[:-1]


def test_several_schema_faults_are_all_reported_each_at_its_place(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = (
        CLEAN.replace('version: "1.0.0"', "version: 1.0")
        .replace("stage: imaging", "stage: imagin")
        .replace("urgency: routine", "urgency: whenever")
        .replace("    action: Call", "    acton: Call")
    )
    path = tmp_path / "clean.yaml"
    path.write_text(text, encoding="utf-8")
    found = problems(run_cli, path)
    assert [line.split(": [")[0] for line in found] == [
        f"{path}:4:10",  # version
        f"{path}:31:12",  # stage
        f"{path}:41:5",  # acton
        f"{path}:49:14",  # urgency
    ]
    assert "unknown key 'acton'; did you mean 'action'?" in found[2]


def test_the_rest_of_a_partly_broken_file_is_checked(run_cli: RunCli, tmp_path: Path) -> None:
    text = (
        CLEAN.replace("stage: imaging", "stage: imagin")  # 'explain' cannot be read
        .replace("        next: act-now", "        next: act-noww")
        .replace("    sources: [ref]\n  later:", "    sources: [reff]\n  later:")
        .replace(
            "    discuss: Ask your doctor about it.\n    sources: [ref]",
            "    discuss: Ask your doctor about it.",
        )
    )
    path = tmp_path / "clean.yaml"
    path.write_text(text, encoding="utf-8")
    found = problems(run_cli, path)
    assert len(found) == 4, found
    assert f"{path}:31:12: [error] nodes.explain.stage:" in found[1]
    assert found[0] == (
        f"{path}:24:15: [error] 'act-noww' names no node in pathway 'clean'; did you mean "
        "'act-now'? (dangling-next)"
    )
    assert found[2].startswith(f"{path}:43:15: [error] source 'reff' is in no bibliography")
    assert found[3] == (
        f"{path}:44:3: [error] outcome 'later' cites no source; add 'sources: [key]' "
        "(outcome-source)"
    )
    # 'start' leads into the broken node 'explain': not a dead end, nothing unreachable
    assert not any("dead-end" in line or "unreachable" in line for line in found)


def test_other_commands_still_stop_at_a_broken_file(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "clean.yaml").write_text(CLEAN.replace("stage: imaging", "stage: x"))
    result = run_cli("--pathways-dir", tmp_path, "show", "clean")
    assert result.returncode == 1
    assert "nodes.explain.stage" in result.stderr


@pytest.mark.parametrize(
    ("before", "after", "line", "col", "hint"),
    [
        (
            "    text: Any new leg weakness?",
            "    text: Note: any new leg weakness?",
            19,
            11,
            "the value of 'text' holds ': ', which YAML reads as another key; put the value "
            'in quotes: text: "Note: any new leg weakness?"',
        ),
        (
            "    title: Teaching point",
            "    title Teaching point",
            30,
            5,
            "'title Teaching point' has no ':' after its key; write 'key: value'",
        ),
        (
            "    stage: imaging",
            "     stage: imaging",
            31,
            6,
            "this line is indented 5 spaces where the line before it has 4",
        ),
        (
            "    text: Imaging comes next.",
            "  text: Imaging comes next.",
            32,
            3,
            "this line is indented 2 spaces where the line after it has 4",
        ),
    ],
)
def test_yaml_syntax_errors_name_the_common_cause_at_the_line_to_fix(
    before: str, after: str, line: int, col: int, hint: str
) -> None:
    assert before in CLEAN
    text = CLEAN.replace(before, after)
    assert text.splitlines()[line - 1].strip() == after.strip()  # the line the author changed
    with pytest.raises(PathwayLoadError) as caught:
        read_yaml(text.encode(), "f.yaml")
    err = caught.value
    assert (err.rule, err.location) == ("yaml-syntax", err.location)
    assert err.location is not None
    assert (err.location.line, err.location.col) == (line, col)
    assert hint in err.message


def test_a_misspelt_pathway_in_a_cross_link_gets_did_you_mean(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "pw"
    shutil.copytree(VALID, folder)
    mini = folder / "mini.yaml"
    mini.write_text(mini.read_text().replace("next: other:start", "next: othre:start"))
    found = problems(run_cli, folder)
    assert any(
        "'othre:start' names pathway 'othre', which is not loaded; did you mean 'other'? "
        "(missing-pathway)" in line
        for line in found
    ), found
    # the shipped example of the issue: a US spelling of a shipped pathway
    symptoms = folder / "symptoms.yaml"
    symptoms.write_text(
        CLEAN.replace("id: clean", "id: symptoms-copy").replace(
            "next: explain", "next: hypercalcemia:start"
        )
    )
    copy = problems(run_cli, symptoms)
    assert any("did you mean 'hypercalcaemia'?" in line for line in copy), copy


SCORE = """\
  later:
    kind: score
    title: Points that jump
    stage: assessment
    text: Score it.
    sources: [ref]
    items:
      - id: only
        label: Only item
        choices:
          - {id: none, label: None, points: 0}
          - {id: lots, label: Lots, points: 5}
    bands:
      - {min: 0, max: 0, label: Nil, next: done}
      - {min: 1, max: 4, label: Between, next: done}
      - {min: 5, max: 5, label: Full, next: done}
  done:
"""


def test_a_band_no_combination_of_choices_can_reach_is_reported(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "clean.yaml"
    path.write_text(CLEAN.replace("  later:\n", SCORE), encoding="utf-8")
    result = run_cli("validate", "--ignore", "missing-lay", path)
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        f"{path}:58:9: [warning] band 'Between' (1–4) covers only totals no combination of "
        "choices can reach; the reachable totals are 0, 5 (score-bands)"
    ]
    assert result.returncode == 0  # a warning
    assert run_cli("validate", "--strict", "--ignore", "missing-lay", path).returncode == 1


def test_strict_says_what_a_step_with_no_source_is(run_cli: RunCli) -> None:
    shown = " ".join(run_cli("validate", "--help").stdout.split())
    assert "An outcome that cites no source is always an error (outcome-source)" in shown
    assert (
        "any other step with no source is a warning (missing-source), so an error only with --strict"
        in shown.replace("missing- source", "missing-source")
    )
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert (
        "a step with no source (`missing-source`) is a warning, and an error with `--strict`"
        in readme
    )


def test_the_schema_checks_a_node_against_its_own_kind() -> None:
    """No OpenAPI discriminator (standard validators ignore it and report whichever
    kind failed last): ``if kind is X then X's schema``, so the best match is the field."""
    import jsonschema
    from jsonschema.exceptions import best_match

    text = (ROOT / "pathways" / "pathway.schema.json").read_text(encoding="utf-8")
    assert "discriminator" not in text
    schema = json.loads(text)
    validator = jsonschema.Draft202012Validator(schema)
    data = read_yaml(CLEAN.encode(), "clean.yaml").data
    data = json.loads(json.dumps(data, default=str))
    assert best_match(validator.iter_errors(data)) is None
    data["nodes"]["later"]["urgency"] = "whenever"
    error = best_match(validator.iter_errors(data))
    assert error is not None
    assert list(error.absolute_path) == ["nodes", "later", "urgency"]
    del data["nodes"]["later"]["urgency"]
    data["nodes"]["later"]["acton"] = data["nodes"]["later"].pop("action")
    error = best_match(validator.iter_errors(data))
    assert error is not None
    assert list(error.absolute_path) == ["nodes", "later"]
    assert "urgency" in error.message or "action" in error.message or "acton" in error.message
    data["nodes"]["later"]["kind"] = "outcom"
    error = best_match(validator.iter_errors(data))
    assert error is not None
    assert list(error.absolute_path) == ["nodes", "later", "kind"]
