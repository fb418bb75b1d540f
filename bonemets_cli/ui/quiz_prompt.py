"""Asking quiz questions: in a terminal (one prompt_toolkit application per quiz) or plain.

Both work as the walk's prompters do: a letter (or the arrow keys) picks an option and
Enter confirms it, ``q`` picks Quit; Ctrl-C raises ``KeyboardInterrupt`` so the command
can stop with exit code 130; Ctrl-D stops like q. The options wrap whole, at word
boundaries, at any width. The scripted answerer (``--answers``) is in ``quiz/session``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, TextIO

from bonemets_cli.quiz.items import LETTERS, QuizItem, letter
from bonemets_cli.ui.chooser import Chooser, Entry, wrap_block
from bonemets_cli.ui.quiz_views import feedback_text, feedback_view, item_text, item_view

if TYPE_CHECKING:
    from typing import Any

    from rich.console import Console

    from bonemets_cli.quiz.session import Result

QUIT = "quit"
HINT = "A letter or ↑/↓, then Enter; q quits (answers so far are saved)."


class TerminalAnswerer:
    def __init__(
        self,
        console: Console,
        reviews: Collection[str] | None = None,
        *,
        input: Any = None,
        output: Any = None,
    ) -> None:
        self.console = console
        self.reviews = reviews  # quiz --due: the ids asked again because they are due
        self.chooser = Chooser(input=input, output=output)

    def ask(self, number: int, total: int, item: QuizItem) -> int | None:
        review = None if self.reviews is None else item.id in self.reviews
        self.console.print(item_view(number, total, item, options=False, review=review))
        entries = [Entry(c.text, i, letter(i)) for i, c in enumerate(item.choices)]
        entries.append(Entry("Quit (answers so far are saved)", QUIT, "q", gap_before=True))
        try:
            answer = self.chooser.choose(f"Your answer to question {number}:", entries, hint=HINT)
        except EOFError:  # the terminal went away: stop like q, keeping the answers so far
            return None
        return None if answer == QUIT else int(answer)

    def show(self, result: Result) -> None:
        self.console.print(feedback_view(result))


class PlainAnswerer:
    """Numbered (lettered) lines, a typed reply, no colour: for screen readers and pipes."""

    def __init__(
        self,
        *,
        read: Callable[[str], str] = input,
        out: TextIO,
        width: int | None = None,
        reviews: Collection[str] | None = None,
    ) -> None:
        self.read = read
        self.out = out
        self.width = width  # wrap between words at this width (None: leave lines whole)
        self.reviews = reviews  # quiz --due: the ids asked again because they are due

    def _say(self, text: str) -> None:
        self.out.write(wrap_block(text, self.width) + "\n")
        self.out.flush()

    def ask(self, number: int, total: int, item: QuizItem) -> int | None:
        review = None if self.reviews is None else item.id in self.reviews
        self._say("\n" + item_text(number, total, item, review=review))
        letters = LETTERS[: len(item.choices)]
        choices = f"{letters[0]}-{letters[-1]}"
        while True:
            try:
                raw = self.read(f"Your answer to question {number} ({choices}, or q to quit): ")
            except EOFError:
                return None
            text = raw.strip().upper()
            if text == "Q":
                return None
            if len(text) == 1 and text in letters:
                return letters.index(text)
            self._say(f"Please type a letter from {choices}, or q to quit.")

    def show(self, result: Result) -> None:
        self._say(feedback_text(result))
