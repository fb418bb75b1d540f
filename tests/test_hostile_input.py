"""Hostile values, paths and environments: one line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clihelp import run_bonemets
from pathwayhelp import CLEAN_PATHWAY, VALID, clean_env
from quizhelp import QUIZ_DIR

LONG = "a" * 300  # over the 255-byte limit of a file name


def assert_one_line(result: subprocess.CompletedProcess[str], code: int, *parts: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("bonemets: error: ")
    for part in parts:
        assert part in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["leaflet", "mini", "-f", "txt", "-o", f"/tmp/{LONG}.txt"],
        ["walk", "mini", "-a", "ask=yes", "--transcript", f"/tmp/{LONG}.json"],
        ["progress", "--data-dir", f"/tmp/{LONG}"],
    ],
)
def test_a_path_too_long_is_one_line(args: list[str]) -> None:
    result = run_bonemets("--pathways-dir", VALID, *args)
    assert_one_line(result, 1, "File name too long")


@pytest.mark.parametrize("variable", ["BONEMETS_PATHWAYS", "BONEMETS_DATA_DIR"])
def test_a_path_too_long_in_the_environment_is_one_line(variable: str) -> None:
    result = run_bonemets(
        "progress" if variable.endswith("DATA_DIR") else "list", env={variable: f"/tmp/{LONG}"}
    )
    assert_one_line(result, 1, "File name too long")


@pytest.mark.parametrize(
    ("value", "message"),
    [('"bib\\0.yaml"', "control character U+0000"), (f'"{LONG}.yaml"', "at most 255 characters")],
)
def test_a_bibliography_name_with_nul_or_too_long_is_a_located_problem(
    tmp_path: Path, value: str, message: str
) -> None:
    text = CLEAN_PATHWAY.read_text(encoding="utf-8").replace(
        "start: start\n", f"start: start\nbibliography: {value}\n"
    )
    path = tmp_path / "clean.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_bonemets("validate", path)
    assert result.returncode == 1
    assert f"{path}:11:15: [error] bibliography: " in result.stdout
    assert message in result.stdout


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_reading_ease_must_be_a_real_number(value: str) -> None:
    result = run_bonemets("validate", "--reading-ease", value)
    assert_one_line(result, 2, f"--reading-ease {value} is not a number")


@pytest.mark.parametrize("key", ["²", "١", "①"])
def test_a_quiz_answer_key_that_only_looks_like_a_number_is_refused(
    tmp_path: Path, key: str
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {key: "A"}}), encoding="utf-8")
    result = run_bonemets(
        "--pathways-dir", QUIZ_DIR, "quiz", "--pathway", "quizlimb", "--seed", "1",
        "--count", "2", "--answers", answers, "--data-dir", tmp_path / "data",
    )  # fmt: skip
    assert_one_line(result, 2, f"item '{key}' is not in this quiz")


@pytest.mark.parametrize("reply", ["²", "١"])
def test_a_plain_walk_reply_that_only_looks_like_a_number_is_asked_again(reply: str) -> None:
    from bonemets_cli.load.catalog import load_catalog
    from bonemets_cli.ui.prompters import PlainPrompter
    from bonemets_cli.walk.engine import Engine
    from bonemets_cli.walk.session import make_ask

    catalog = load_catalog([VALID])
    engine = Engine(catalog.pathway_set)
    replies = iter([reply, "1"])
    out = __import__("io").StringIO()
    prompter = PlainPrompter(catalog.pathway_set, read=lambda _: next(replies), out=out)
    assert prompter.choose(make_ask(engine, engine.begin("mini"))) == "yes"
    assert "Please type a number from 1 to 2" in out.getvalue()


@pytest.mark.parametrize("encoding", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C"}])
def test_an_ascii_terminal_still_gets_the_output(encoding: dict[str, str]) -> None:
    env = {k: v for k, v in clean_env().items() if k != "PYTHONIOENCODING"} | encoding
    for args in (["show", "mini"], ["walk", "mini", "-a", "ask=yes", "--plain"]):
        result = subprocess.run(
            [sys.executable, "-m", "bonemets_cli", "--pathways-dir", str(VALID), *args],
            capture_output=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert b"EMERGENCY" in result.stdout
        assert b"Traceback" not in result.stderr


def test_closed_standard_streams_are_one_line_not_a_traceback() -> None:
    base = [sys.executable, "-m", "bonemets_cli", "--pathways-dir", str(VALID)]

    def closed(fd: int) -> None:
        os.close(fd)

    no_stdout = subprocess.run(
        [*base, "list"], stderr=subprocess.PIPE, text=True, env=clean_env(), check=False,
        preexec_fn=lambda: closed(1), timeout=60,
    )  # fmt: skip
    assert no_stdout.returncode == 1
    assert no_stdout.stderr.splitlines() == [
        "bonemets: error: cannot write the output: the stream is closed"
    ]
    no_stdin = subprocess.run(
        [*base, "walk", "mini", "-a", "ask=yes"], capture_output=True, text=True,
        env=clean_env(), check=False, preexec_fn=lambda: closed(0), timeout=60,
    )  # fmt: skip
    assert no_stdin.returncode == 0, no_stdin.stderr
    assert "EMERGENCY" in no_stdin.stdout
