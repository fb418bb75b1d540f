"""``quiz --sheet``: a question sheet, a separate answer key and an answers file; ``quiz
--answers`` marks the filled file. Real files, the real command line, PDFs read back."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from clihelp import run_bonemets
from pypdf import PdfReader
from quizhelp import QUIZ_DIR
from test_cli_quiz import expected_items
from tools import require

from bonemets_cli.quiz.items import letter

ROOT = Path(__file__).resolve().parent.parent
BASE = ["--pathways-dir", str(QUIZ_DIR), "quiz", "--pathway", "quizlimb"]


def sheet(
    tmp_path: Path, name: str, *args: str | os.PathLike[str]
) -> subprocess.CompletedProcess[str]:
    return run_bonemets(*BASE, "--sheet", tmp_path / name, *args)


def test_the_sheet_the_key_and_the_answers_file(tmp_path: Path) -> None:
    items = expected_items(seed=4, count=5)
    proc = sheet(tmp_path, "exam.md", "--seed", "4", "-n", "5", "--data-dir", tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert f"mark it with: bonemets quiz --answers {tmp_path / 'exam-answers.yaml'}" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "exam-answers.yaml",
        "exam-key.md",
        "exam.md",
    ]  # and no quiz database: printing a sheet records nothing
    questions = (tmp_path / "exam.md").read_text()
    key = (tmp_path / "exam-key.md").read_text()
    assert questions.count("\nAnswer: ______\n") == 5
    assert "Name: ____" in questions
    for n, item in enumerate(items, start=1):
        assert f"## {n}.\n" in questions
        for i, choice in enumerate(item.choices):
            assert f"{letter(i)}. {choice.text}" in questions.replace("\\", "")
        assert f"**Answer: {letter(item.correct_index)}. {item.correct_text}**" in key.replace(
            "\\", ""
        )
        assert item.explanation.split("\n")[0][:40] in key.replace("\\", "")
    assert "**Answer:" not in questions
    assert "Source: fixture-" not in questions
    assert key.count("Source: fixture-") >= 5
    assert "quiz: {seed: 4, count: 5, pathway: quizlimb}" in key
    template = (tmp_path / "exam-answers.yaml").read_text()
    assert template.splitlines()[0] == "quiz: {seed: 4, count: 5, pathway: quizlimb}"
    assert template.splitlines()[1:] == ["answers:"] + [f'  {n}: ""' for n in range(1, 6)]


def test_marking_the_filled_answers_file(tmp_path: Path) -> None:
    items = expected_items(seed=6, count=4)
    assert sheet(tmp_path, "exam.md", "--seed", "6", "-n", "4").returncode == 0
    filled = tmp_path / "exam-answers.yaml"
    wrong = letter((items[2].correct_index + 1) % len(items[2].choices))
    text = filled.read_text()
    text = text.replace('  1: ""', f"  1: {letter(items[0].correct_index).lower()}")
    text = text.replace('  3: ""', f"  3: {wrong}")
    text = text.replace('  4: ""', f'  4: "{items[3].correct_text}"')
    filled.write_text(text)
    proc = run_bonemets(
        "--pathways-dir", QUIZ_DIR, "quiz", "--answers", filled, "--format", "json",
        "--data-dir", tmp_path / "data",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    marked = json.loads(proc.stdout)
    assert marked["seed"] == 6
    assert [i["id"] for i in marked["items"]] == [i.id for i in items]
    assert [i["is_correct"] for i in marked["items"]] == [True, None, False, True]
    assert marked["score"] == {"correct": 2, "answered": 3, "total": 4}
    text_run = run_bonemets(
        "--pathways-dir", QUIZ_DIR, "quiz", "--answers", filled, "--data-dir", tmp_path / "other"
    )
    assert "Score: 2/3 right; 1 not answered; seed 6" in text_run.stdout
    # an option that disagrees with the file is refused: the marks would be for another quiz
    other = run_bonemets(
        "--pathways-dir", QUIZ_DIR, "quiz", "--answers", filled, "--seed", "7",
        "--data-dir", tmp_path / "data",
    )  # fmt: skip
    assert other.returncode == 2
    assert "is for the quiz with --seed 6; leave --seed out" in other.stderr
    same = run_bonemets(
        "--pathways-dir", QUIZ_DIR, "quiz", "--answers", filled, "--seed", "6", "-n", "4",
        "--data-dir", tmp_path / "third",
    )  # fmt: skip
    assert same.returncode == 0, same.stderr


def test_an_existing_answers_file_is_never_replaced(tmp_path: Path) -> None:
    assert sheet(tmp_path, "exam.md", "--seed", "1", "-n", "2").returncode == 0
    filled = tmp_path / "exam-answers.yaml"
    filled.write_text("quiz: {seed: 1, count: 2}\nanswers:\n  1: A\n  2: B\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    again = sheet(tmp_path, "exam.md", "--seed", "2", "-n", "2")
    assert again.returncode == 2
    assert "may hold a trainee's answers" in again.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sheet", "exam.txt"], "ending in .md or .pdf"),
        (["--sheet", "exam.md", "--due"], "leave out --answers and --due"),
    ],
)
def test_sheet_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    proc = run_bonemets(*BASE, *args, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_pdf_sheet_and_key(tmp_path: Path) -> None:
    items = expected_items(seed=3, count=3)
    assert sheet(tmp_path, "exam.pdf", "--seed", "3", "-n", "3").returncode == 0
    questions = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "exam.pdf").pages
    )
    key = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "exam-key.pdf").pages
    )
    assert questions.startswith("Quiz sheet")
    assert key.startswith("Quiz answer key")
    for item in items:
        assert " ".join(item.choices[0].text.split()) in questions
        answer = f"Answer: {letter(item.correct_index)}. {' '.join(item.correct_text.split())}"
        assert answer in key
        assert answer not in questions
    assert "Source: fixture-" in key
    assert "Source:" not in questions
    # and it renders as a person sees it
    pdftoppm = require("pdftoppm")
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            tmp_path / "exam.pdf",
            tmp_path / "page",
        ],
        check=True,
    )
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 2000


def test_the_readme_example_works(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Printed quizzes and marked sheets") :]
    section = section[: section.index("\n### ")]
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
    commands = [
        line.split("#")[0].split()
        for lang, body in blocks
        if lang == "sh"
        for line in body.splitlines()
        if line.strip()
    ]
    answers = next(body for lang, body in blocks if lang == "yaml")
    data = tmp_path / "data"
    sheet_run = commands[0]
    assert sheet_run[:3] == ["bonemets", "quiz", "--sheet"]
    proc = run_bonemets(*sheet_run[1:], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (tmp_path / "exam-answers.yaml").write_text(answers)  # the letters the README shows
    for command in commands[2:]:
        assert command[0] == "bonemets"
        args = [a for a in command[1:] if a not in (">", "marked.json")]
        proc = run_bonemets(*args, "--data-dir", data, cwd=tmp_path)
        assert proc.returncode == 0, f"{command}: {proc.stderr}"
    marked = json.loads(proc.stdout)
    assert marked["seed"] == 7
    assert marked["score"]["answered"] == 4
    assert marked["score"]["total"] == 5
