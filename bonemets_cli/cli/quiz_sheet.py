"""``quiz --sheet FILE``: write the question sheet, its answer key and an answers file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bonemets_cli.quiz.plan import QuizPlan, QuizRequest
    from bonemets_cli.ui.terminal import Terminal

SUFFIXES = (".md", ".pdf")


def print_sheet(term: Terminal, sheet: Path, plan: QuizPlan, request: QuizRequest) -> None:
    """Three files beside each other: FILE (questions), FILE-key (answers, explanations,
    sources) and FILE-answers.yaml (to fill in). Nothing is saved in the quiz database."""
    from bonemets_cli.errors import UsageError
    from bonemets_cli.export.files import check_folder, target_of, write_atomic, write_text
    from bonemets_cli.ui import quiz_sheet

    suffix = sheet.suffix.lower()
    if str(sheet) == "-" or suffix not in SUFFIXES:
        raise UsageError(f"--sheet {sheet}: give a file name ending in .md or .pdf")
    key, answers = quiz_sheet.key_path(sheet), quiz_sheet.answers_path(sheet)
    check_folder(sheet.parent if str(sheet.parent) else Path())
    for path in (sheet, key, answers):
        target_of(path)  # refuse a folder or a device before rendering anything
    if answers.exists():
        raise UsageError(
            f"{answers} already exists and may hold a trainee's answers; it was left as it "
            "is: mark it first (bonemets quiz --answers FILE), move it, or give --sheet "
            "another name"
        )
    settings = quiz_sheet.quiz_settings(plan.seed, len(plan.items), request.pathway, request.types)
    questions, answer_key = quiz_sheet.build_sheets(plan.items, settings, answers.name)
    for pid, why in plan.skipped.items():
        term.warning(f"pathway '{pid}' is left out of the quiz: {why}; run 'bonemets validate'")
    if suffix == ".pdf":
        write_atomic(sheet, quiz_sheet.to_pdf(questions))
        write_atomic(key, quiz_sheet.to_pdf(answer_key))
    else:
        write_text(sheet, quiz_sheet.to_markdown(questions))
        write_text(key, quiz_sheet.to_markdown(answer_key))
    write_text(answers, quiz_sheet.answers_template(settings, len(plan.items)))
    term.notice(
        f"wrote {sheet} (questions), {key} (answer key) and {answers} (to fill in); "
        f"mark it with: bonemets quiz --answers {answers}"
    )
