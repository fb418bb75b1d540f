"""``bonemets walk`` with scripted answers, run through the real CLI with no terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelp import Result, run_bonemets

VALID = Path(__file__).parent / "data" / "valid"
HIGH = ("-a", "mini:ask=no", "-a", "scored.size=Big", "-a", "mini:scored.pain=bad")


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """The real CLI, stdin not a terminal, a clean environment."""
    return run_bonemets(
        "--pathways-dir",
        VALID,
        "walk",
        *args,
        cwd=cwd,
        env={"HOME": str(cwd), "TERM": "xterm", **(env or {})},
    )


def test_json_output_has_answers_path_and_outcome_but_no_time(tmp_path: Path) -> None:
    result = run("mini", *HIGH, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["complete"] is True
    assert data["path"] == ["mini:ask", "mini:teach", "mini:scored", "other:start"]
    assert [(a["node"], a.get("item"), a["answer"]) for a in data["answers"]] == [
        ("mini:ask", None, "no"),
        ("mini:scored", "size", "big"),
        ("mini:scored", "pain", "bad"),
    ]
    assert data["outcome"]["urgency"] == "urgent"
    assert data["pathways"] == {"mini": "1.0.0", "other": "0.2.0"}
    assert "started_at" not in data
    assert "finished_at" not in data


def test_plain_output_is_colour_free_and_spells_out_urgency(tmp_path: Path) -> None:
    result = run("mini", "-a", "ask=yes", "--plain", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "*** EMERGENCY — act now ***" in result.stdout
    assert "1. Red flag?: Yes (red flag)" in result.stdout
    assert "Urgency: EMERGENCY — act now" in result.stdout


def test_markdown_output(tmp_path: Path) -> None:
    result = run("mini", *HIGH, "-f", "markdown", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# bonemets walk summary")
    assert "**Urgency: URGENT — contact the team today**" in result.stdout
    assert (
        "3. **Tiny score** (total 3: High)\n   - Size: Big (2)\n   - Pain: Bad (1)\n"
        in result.stdout
    )


def test_rich_output_honours_no_color(tmp_path: Path) -> None:
    coloured = run("mini", "-a", "ask=yes", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    plain = run("mini", "-a", "ask=yes", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "31m" in coloured.stdout or "41m" in coloured.stdout
    for out in (coloured.stdout, plain.stdout):
        assert "EMERGENCY — act now" in out
        assert "(red flag)" in out
    assert "31m" not in plain.stdout
    assert "41m" not in plain.stdout


def test_transcript_round_trip_replays_exactly(tmp_path: Path) -> None:
    first = run("mini", *HIGH, "--transcript", "t.json", "-f", "json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    saved = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert saved["started_at"]
    assert saved["finished_at"]
    assert saved["complete"] is True
    # no PATHWAY: the transcript's own start is used
    again = run("--answers", "t.json", "-f", "json", "--transcript", "t2.json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    replayed = json.loads((tmp_path / "t2.json").read_text(encoding="utf-8"))
    for key in ("start", "pathways", "answers", "path", "outcome", "complete"):
        assert replayed[key] == saved[key], key
    assert json.loads(again.stdout)["answers"] == saved["answers"]


def test_hand_written_yaml_answers_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        'start: mini:ask\nanswers:\n  ask: "No"\n  scored.size: small\n  scored.pain: none\n',
        encoding="utf-8",
    )
    result = run("--answers", "a.yaml", "--plain", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ROUTINE — raise at the next planned appointment" in result.stdout


def test_flags_override_the_answers_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("answers:\n  ask: no\n", encoding="utf-8")
    result = run("mini", "--answers", "a.yaml", "-a", "ask=yes", "-f", "json", cwd=tmp_path)
    assert json.loads(result.stdout)["outcome"]["urgency"] == "emergency"


def test_missing_answer_without_terminal_is_an_error_not_a_hang(tmp_path: Path) -> None:
    result = run("mini", "-a", "ask=no", "--transcript", "part.json", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no answer for 'mini:scored.size' (Tiny score)" in lines[0]
    assert "small (Small), big (Big)" in lines[0]
    assert "Traceback" not in result.stderr
    partial = json.loads((tmp_path / "part.json").read_text(encoding="utf-8"))
    assert partial["complete"] is False
    assert partial["path"][-1] == "mini:scored"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("-a", "nowhere=yes"), 2, "unknown node 'nowhere'"),
        (("-a", "ask.depth=1"), 2, "unknown score item 'ask.depth'"),
        (
            ("-a", "ask=maybe"),
            1,
            "'maybe' is not an answer to 'mini:ask'; choose one of: yes (Yes), no (No)",
        ),
        (("-a", "ask"), 2, "should look like NODE=OPTION"),
    ],
)
def test_bad_answers_are_refused_by_name_in_one_line(
    tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = run("mini", *args, cwd=tmp_path)
    assert result.returncode == code
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert result.stderr.startswith("bonemets: error: ")


def test_unused_answers_are_warned_about(tmp_path: Path) -> None:
    result = run("mini", "-a", "ask=yes", "-a", "scored.size=big", "--plain", cwd=tmp_path)
    assert result.returncode == 0
    assert "answers not used on this path: mini:scored.size" in result.stderr


def test_a_bare_name_in_several_pathways_is_refused_with_the_choices(tmp_path: Path) -> None:
    """``start`` is in every shipped pathway and in ``other``, but not in ``mini``."""
    result = run("mini", "-a", "start=no", cwd=tmp_path)
    assert result.returncode == 2
    assert "'start' is a node of several pathways; write one of" in result.stderr
    assert "other:start" in result.stderr


def test_a_bare_name_means_the_node_of_the_walks_own_pathway(tmp_path: Path) -> None:
    result = run("other", "-a", "start=no", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "answers not used on this path: other:start" in result.stderr


def test_unknown_pathway(tmp_path: Path) -> None:
    result = run("nope", cwd=tmp_path)
    assert result.returncode == 1
    assert "no pathway 'nope'" in result.stderr


def test_broken_answers_file_points_at_the_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("answers:\n  - node: mini:ask\n", encoding="utf-8")
    result = run("mini", "--answers", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_transcript_folder_is_checked_before_the_walk(tmp_path: Path) -> None:
    result = run("mini", "-a", "ask=yes", "--transcript", "no/such/dir/t.json", cwd=tmp_path)
    assert result.returncode == 2
    assert "--transcript no/such/dir/t.json: folder not found" in result.stderr
    assert result.stdout == ""  # refused before any walking


def test_replaying_a_transcript_of_other_pathway_versions_warns_or_refuses(
    tmp_path: Path,
) -> None:
    transcript = tmp_path / "walk.json"
    recorded = run("mini", "-a", "ask=yes", "--transcript", str(transcript), cwd=tmp_path)
    assert recorded.returncode == 0, recorded.stderr
    same = run("--answers", str(transcript), cwd=tmp_path)
    assert same.returncode == 0, same.stderr
    assert same.stderr == ""
    data = json.loads(transcript.read_text(encoding="utf-8"))
    data["pathways"]["mini"] = "0.9.0"
    transcript.write_text(json.dumps(data), encoding="utf-8")
    warned = run("--answers", str(transcript), cwd=tmp_path)
    assert warned.returncode == 0, warned.stderr
    assert warned.stderr.splitlines() == [
        "bonemets: warning: pathway 'mini' was 0.9.0 when this walk was recorded and is "
        "1.0.0 now: the replay may differ from the recorded walk"
    ]
    refused = run("--answers", str(transcript), "--strict-replay", cwd=tmp_path)
    assert refused.returncode == 2
    assert "--strict-replay: pathway 'mini' was 0.9.0" in refused.stderr
