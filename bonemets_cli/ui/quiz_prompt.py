"""Asking quiz questions in a terminal with questionary (imported only when a quiz runs).

Letters A–D pick an option, ``q`` picks Quit; Enter confirms. Ctrl-C raises
``KeyboardInterrupt`` so the command can stop with exit code 130; Ctrl-D stops like q.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from bonemets_cli.quiz.items import QuizItem, letter
from bonemets_cli.ui import keys
from bonemets_cli.ui.quiz_views import feedback_view, item_view

if TYPE_CHECKING:
    from rich.console import Console

    from bonemets_cli.quiz.session import Result

QUIT = "quit"


class TerminalAnswerer:
    def __init__(self, console: Console, reviews: Collection[str] | None = None) -> None:
        self.console = console
        self.reviews = reviews  # quiz --due: the ids asked again because they are due

    def ask(self, number: int, total: int, item: QuizItem) -> int | None:
        import questionary

        review = None if self.reviews is None else item.id in self.reviews
        self.console.print(item_view(number, total, item, options=False, review=review))
        choices = [
            questionary.Choice(c.text, value=i, shortcut_key=letter(i).lower())
            for i, c in enumerate(item.choices)
        ]
        choices.append(
            questionary.Choice("Quit (answers so far are saved)", value=QUIT, shortcut_key="q")
        )
        prompt = questionary.select(
            f"Your answer to question {number}:",
            choices=choices,
            use_shortcuts=True,
            use_arrow_keys=True,
            instruction="(letter or arrows, then Enter; q to quit)",
        )
        try:
            answer = keys.ask(prompt)
        except EOFError:  # the terminal went away: stop like q, keeping the answers so far
            return None
        if answer == QUIT or answer is None:
            return None
        return int(answer)

    def show(self, result: Result) -> None:
        self.console.print(feedback_view(result))
