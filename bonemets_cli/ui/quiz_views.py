"""How quiz items, feedback, results and progress look: rich renderables and plain strings.

Right and wrong are spelled out in words (colour only helps), like urgency.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bonemets_cli.quiz.items import QuizItem, letter

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from bonemets_cli.quiz.progress import Progress, ProgressRow
    from bonemets_cli.quiz.session import Result, Session


def item_view(number: int, total: int, item: QuizItem, *, options: bool = True) -> RenderableType:
    """The question; its lettered options too, unless a prompt lists them itself."""
    return _item(number, total, item, options=options)


def item_text(number: int, total: int, item: QuizItem) -> str:
    """The question and its lettered options as plain lines (``quiz --plain``)."""
    return _item(number, total, item, options=True).plain.rstrip("\n")


def feedback_text(result: Result) -> str:
    """Right or wrong, the explanation and the sources as plain lines."""
    return _feedback(result).plain.rstrip("\n")


def _item(number: int, total: int, item: QuizItem, *, options: bool) -> Text:
    from rich.text import Text

    text = Text()
    text.append(f"Question {number} of {total}", style="bold")
    text.append(f"  [{item.type.value} · {item.pathway} · {item.stage}]\n", style="dim")
    text.append(item.question + "\n")
    for index, choice in enumerate(item.choices if options else ()):
        text.append(f"  {letter(index)}. {choice.text}\n")
    return text


def feedback_view(result: Result) -> RenderableType:
    return _feedback(result)


def _feedback(result: Result) -> Text:
    from rich.text import Text

    item = result.item
    text = Text()
    if result.correct:
        text.append("RIGHT", style="bold green")
        text.append(f" ({letter(result.chosen or 0)}. {result.chosen_text})\n")
    else:
        text.append("WRONG", style="bold red")
        text.append(f" (you chose {letter(result.chosen or 0)}. {result.chosen_text}); ")
        text.append(
            f"the answer is {letter(item.correct_index)}. {item.correct_text}\n", style="bold"
        )
    text.append(item.explanation + "\n")
    for citation in item.citations:
        text.append(f"Source: {citation}\n", style="dim")
    return text


def result_view(result: Result, total: int) -> RenderableType:
    """A marked item for a scripted run: the question, then the feedback."""
    from rich.console import Group
    from rich.text import Text

    head = item_view(result.number, total, result.item)
    if not result.answered:
        return Group(head, Text("NOT ANSWERED\n", style="bold yellow"))
    return Group(head, feedback_view(result))


def summary_line(session: Session, seed: int) -> str:
    right, answered = session.score
    left = len(session.items) - answered
    parts = [f"Score: {right}/{answered} right"]
    if left:
        parts.append(f"{left} not answered")
    parts.append(f"seed {seed} (use --seed {seed} for the same quiz)")
    return "; ".join(parts) + "."


def session_json(session: Session, seed: int) -> str:
    """A marked sheet: every item, the choice, the right answer, explanation and source."""
    right, answered = session.score
    data: dict[str, Any] = {
        "seed": seed,
        "items": [
            {
                "number": r.number,
                "id": r.item.id,
                "type": r.item.type.value,
                "pathway": r.item.pathway,
                "stage": r.item.stage,
                "question": r.item.question,
                "options": {letter(i): c.text for i, c in enumerate(r.item.choices)},
                "chosen": None if r.chosen is None else letter(r.chosen),
                "correct": letter(r.item.correct_index),
                "is_correct": r.correct if r.answered else None,
                "explanation": r.item.explanation,
                "source": list(r.item.citations),
                "source_keys": list(r.item.sources),
            }
            for r in session.results
        ],
        "score": {"correct": right, "answered": answered, "total": len(session.items)},
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


# progress ------------------------------------------------------------------------------

COLUMNS = (
    "pathway",
    "stage",
    "seen",
    "answers",
    "correct",
    "accuracy",
    "due",
    "streak_days",
    "last_answered",
)


def _record(row: ProgressRow) -> dict[str, Any]:
    return {
        "pathway": row.pathway,
        "stage": row.stage,
        "seen": row.seen,
        "answers": row.answers,
        "correct": row.correct,
        "accuracy": None if row.accuracy is None else round(row.accuracy, 4),
        "due": row.due,
        "streak_days": row.streak_days,
        "last_answered": row.last_answered.isoformat(timespec="seconds")
        if row.last_answered
        else None,
    }


def progress_json(progress: Progress) -> str:
    return json.dumps(
        {
            "generated_at": progress.generated_at.isoformat(timespec="seconds"),
            "rows": [_record(r) for r in progress.rows],
            "total": _record(progress.total),
        },
        indent=2,
    )


def progress_csv(progress: Progress) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in (*progress.rows, progress.total):
        rec = _record(row)
        writer.writerow({k: "" if v is None else v for k, v in rec.items()})
    return out.getvalue()


def progress_table(progress: Progress) -> RenderableType:
    from rich.table import Table

    table = Table(title="Quiz progress", caption=_caption(progress.rows))
    for name in ("Pathway", "Stage", "Seen", "Answers", "Accuracy", "Due", "Streak"):
        table.add_column(name, justify="left" if name in ("Pathway", "Stage") else "right")
    for row in (*progress.rows, progress.total):
        acc = "–" if row.accuracy is None else f"{row.accuracy:.0%}"
        style = "bold" if row is progress.total else None
        table.add_row(
            row.pathway,
            row.stage,
            str(row.seen),
            str(row.answers),
            acc,
            str(row.due),
            str(row.streak_days),
            style=style,
        )
    return table


def _caption(rows: Sequence[ProgressRow]) -> str:
    if not rows:
        return "No answers yet: start with 'bonemets quiz'."
    return "Due: items due for review now. Streak: consecutive days with at least one answer, ending today or yesterday."
