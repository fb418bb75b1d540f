"""A printed quiz for an examiner: a question sheet for the trainee and a separate answer
key, in Markdown or PDF (the leaflets' WeasyPrint path).

The key ends with an answers file ready to fill in: it names the quiz (seed, count,
pathway, types), so ``bonemets quiz --answers FILE`` rebuilds exactly the quiz that was
printed and marks it, with no options to retype.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bonemets_cli.export.markup import md
from bonemets_cli.quiz.items import QUESTION_TYPES, ItemType, QuizItem, letter


@dataclass(frozen=True)
class SheetQuestion:
    number: int
    question: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    title: str
    about: str
    instructions: str
    questions: tuple[SheetQuestion, ...]
    key: bool
    marking: str
    template: str
    command: str


INSTRUCTIONS = "Write the letter of one answer for each question."
MARKING = (
    "Copy the trainee's letters into a file like this one (leave a question blank if it "
    "was not answered), then mark it:"
)


def quiz_settings(
    seed: int, count: int, pathway: str | None, types: Sequence[ItemType]
) -> dict[str, object]:
    """What names a quiz: with these the same items come back in the same order."""
    out: dict[str, object] = {"seed": seed, "count": count}
    if pathway is not None:
        out["pathway"] = pathway
    if tuple(types) != QUESTION_TYPES:  # the default: every question type
        out["types"] = [t.value for t in types]
    return out


def answers_template(settings: dict[str, object], total: int) -> str:
    """An answers file to fill in, naming the quiz (YAML, so a person can edit it)."""
    parts = []
    for key, value in settings.items():
        shown = "[" + ", ".join(str(v) for v in value) + "]" if isinstance(value, list) else value
        parts.append(f"{key}: {shown}")
    lines = ["quiz: {" + ", ".join(parts) + "}", "answers:"]
    lines += [f'  {n}: ""' for n in range(1, total + 1)]
    return "\n".join(lines) + "\n"


def build_sheets(
    items: Sequence[QuizItem], settings: dict[str, object], answers_name: str
) -> tuple[Sheet, Sheet]:
    """The question sheet and the answer key for the same items."""
    questions = tuple(
        SheetQuestion(
            number=n,
            question=item.question,
            options=tuple(c.text for c in item.choices),
            answer=f"{letter(item.correct_index)}. {item.correct_text}",
            explanation=item.explanation,
            sources=item.citations or item.sources,
        )
        for n, item in enumerate(items, start=1)
    )
    about = f"bonemets quiz, seed {settings['seed']}: {len(items)} questions" + (
        f" on {settings['pathway']}" if "pathway" in settings else ""
    )
    template = answers_template(settings, len(items))
    command = f"bonemets quiz --answers {answers_name}"

    def sheet(title: str, key: bool) -> Sheet:
        return Sheet(title, about, INSTRUCTIONS, questions, key, MARKING, template, command)

    return sheet("Quiz sheet", False), sheet("Quiz answer key", True)


def _lines(text: str) -> str:
    """Pathway text in Markdown, its line breaks kept (a score case lists its findings)."""
    return "  \n".join(md(line) for line in text.splitlines() if line.strip())


def to_markdown(sheet: Sheet) -> str:
    out = [f"# {sheet.title}", "", md(sheet.about), ""]
    if not sheet.key:
        out += ["Name: ____________________  Date: ____________", "", sheet.instructions, ""]
    for q in sheet.questions:
        out += [f"## {q.number}.", "", _lines(q.question), ""]
        if sheet.key:
            out += [f"**Answer: {md(q.answer)}**", "", md(q.explanation), ""]
            out += [f"Source: {md(source)}  " for source in q.sources]
            out.append("")
        else:
            out += [f"{letter(i)}. {md(option)}  " for i, option in enumerate(q.options)]
            out += ["", "Answer: ______", ""]
    if sheet.key:
        out += ["## To mark a filled sheet", "", sheet.marking, "", "```yaml"]
        out += [sheet.template.rstrip("\n"), "```", "", f"`{sheet.command}`", ""]
    return "\n".join(out)


def to_pdf(sheet: Sheet) -> bytes:
    from bonemets_cli.export.html import render_template
    from bonemets_cli.export.pdf import to_pdf as html_to_pdf

    return html_to_pdf(render_template("quiz_sheet.html.j2", sheet=sheet))


def key_path(sheet_path: Path) -> Path:
    """Where the answer key goes: beside the sheet, ``exam.pdf`` → ``exam-key.pdf``."""
    return sheet_path.with_name(f"{sheet_path.stem}-key{sheet_path.suffix}")


def answers_path(sheet_path: Path) -> Path:
    """The answers file to fill in, beside the sheet: ``exam.pdf`` → ``exam-answers.yaml``."""
    return sheet_path.with_name(f"{sheet_path.stem}-answers.yaml")
