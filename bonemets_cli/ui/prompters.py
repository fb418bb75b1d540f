"""Three ways to answer a walk, one protocol (``bonemets_cli.walk.session.Prompter``).

- ``QuestionaryPrompter``: arrow keys and number shortcuts in a terminal (questionary and
  prompt_toolkit are imported only when it asks, so ``--help`` stays fast);
- ``PlainPrompter``: numbered lines and typed replies, for screen readers, terminals
  without arrow keys, or ``--plain``;
- ``ScriptedPrompter``: answers from ``--answer``/``--answers``; when one is missing it
  hands over to a terminal prompter, or, with no terminal, stops with a clear error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from bonemets_cli.errors import OutputError
from bonemets_cli.model import PathwaySet
from bonemets_cli.ui import keys
from bonemets_cli.ui.walkviews import (
    back_label,
    offer_label,
    step_renderable,
    step_text,
    why_renderable,
    why_text,
)
from bonemets_cli.walk.session import Ask, Command, Prompter, Reply, missing_answer
from bonemets_cli.walk.transcript import ScriptedAnswers

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["PersonPrompter", "PlainPrompter", "Prompter", "QuestionaryPrompter", "ScriptedPrompter"]

SaveFile = Callable[[Path], None]
"""Writes the summary to a path (the suffix picks the format); raises ``OutputError``."""


class PersonPrompter(Prompter, Protocol):
    """A prompter with a person behind it, who may also keep a copy of the summary."""

    def offer_save(self, default: Path, save: SaveFile) -> Path | None: ...


COMMAND_KEYS = {"b": Command.BACK, "r": Command.RESTART, "q": Command.QUIT, "?": Command.WHY}


class PlainPrompter:
    """Numbered choices and a typed reply: a number, or b/r/q/? (works with screen readers)."""

    def __init__(
        self,
        pathways: PathwaySet,
        *,
        read: Callable[[str], str] = input,
        out: TextIO,
    ) -> None:
        self.pathways = pathways
        self.read = read
        self.out = out
        self.panel_shown = False  # after 'why?' the question is asked again without its panel

    def _say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def choose(self, ask: Ask) -> Reply:
        if not self.panel_shown:
            self._say("\n" + step_text(ask, self.pathways))
        self.panel_shown = False
        back = [f"  b. {back_label(ask)}"] if ask.can_back else []
        self._say(
            "\n".join([*back, "  r. Restart", "  q. Quit", "  ?. Why? (rationale and sources)"])
        )
        count = len(ask.offers)
        while True:
            raw = self.read(f"Your choice (1-{count}, b, r, q or ?): ").strip()
            reply = self._parse(ask, raw)
            if reply is not None:
                return reply
            self._say(f"Please type a number from 1 to {count}, or b, r, q or ?.")

    def _parse(self, ask: Ask, raw: str) -> Reply | None:
        text = raw.casefold()
        if text.isascii() and text.isdigit() and 1 <= int(text) <= len(ask.offers):
            return ask.offers[int(text) - 1].id
        if text in COMMAND_KEYS:
            if COMMAND_KEYS[text] is Command.BACK and not ask.can_back:
                self._say("This is the first question: there is nothing to go back to.")
                return None
            return COMMAND_KEYS[text]
        for offer in ask.offers:  # an id or label typed in full also works
            if text and text in (offer.id.casefold(), offer.label.casefold()):
                return offer.id
        return None

    def explain(self, ask: Ask) -> None:
        self._say("\n" + why_text(ask, self.pathways))
        self._say("\n" + "\n".join(f"  {i}. {offer_label(o)}" for i, o in enumerate(ask.offers, 1)))
        self.panel_shown = True

    def went_back(self, discarded: str) -> None:
        self._say(f"Back: discarded your answer ({discarded}).")

    def restarted(self) -> None:
        self._say("Restarted: all answers discarded.")

    def offer_save(self, default: Path, save: SaveFile) -> Path | None:
        """Ask for a file name (Enter for the default, n to skip); re-ask if it fails."""
        while True:
            raw = self.read(
                f"Save this summary? File name (.md or .txt) [Enter: {default}, n: no]: "
            ).strip()
            if raw.casefold() in ("n", "no"):
                return None
            path = Path(raw) if raw else default
            if path.exists() and self.read(
                f"{path} exists. Replace it? [y/N]: "
            ).strip().casefold() not in ("y", "yes"):
                continue
            try:
                save(path)
            except OutputError as exc:
                self._say(f"Not saved: {exc}. Try another name, or n.")
                continue
            self._say(f"Saved: {path}")
            return path


class QuestionaryPrompter:
    """Arrow keys or number shortcuts; b back, r restart, w or ? why, q quit.

    ``input``/``output`` are prompt_toolkit objects, given only by tests (pipe input) or
    to draw on stderr when stdout carries Markdown/JSON.
    """

    def __init__(
        self,
        pathways: PathwaySet,
        console: Console,
        *,
        input: Any = None,
        output: Any = None,
    ) -> None:
        self.pathways = pathways
        self.console = console
        self.pt_io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}
        self.panel_shown = False  # after 'why?' the question is asked again without its panel

    def _ask(self, question: Any) -> Any:
        return keys.ask(question)

    def choose(self, ask: Ask) -> Reply:
        import questionary
        from prompt_toolkit.key_binding import KeyBindings

        if not self.panel_shown:
            self.console.print(step_renderable(ask, self.pathways))
        self.panel_shown = False
        choices: list[Any] = [questionary.Choice(offer_label(o), value=o.id) for o in ask.offers]
        choices.append(questionary.Separator())
        if ask.can_back:
            choices.append(questionary.Choice(back_label(ask), Command.BACK, shortcut_key="b"))
        choices += [
            questionary.Choice(
                "Restart (discards every answer)", Command.RESTART, shortcut_key="r"
            ),
            questionary.Choice("Why? (rationale and sources)", Command.WHY, shortcut_key="w"),
            questionary.Choice("Quit", Command.QUIT, shortcut_key="q"),
        ]
        node = ask.pos.node
        message = ask.pos.item.label if ask.pos.item else node.title
        question = questionary.select(
            message,
            choices=choices,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction="(arrow keys and Enter, or press a number; b back, r restart, w or ? why, q quit)",
            **self.pt_io,
        )
        why = KeyBindings()

        @why.add("?", eager=True)
        def _why(event: Any) -> None:
            event.app.exit(result=Command.WHY)

        keys.add_bindings(question, why)
        reply: Reply = self._ask(question)
        return reply

    def explain(self, ask: Ask) -> None:
        self.console.print(why_renderable(ask, self.pathways))
        self.panel_shown = True

    def went_back(self, discarded: str) -> None:
        self.console.print(f"Back: discarded your answer ({discarded}).", markup=False)

    def restarted(self) -> None:
        self.console.print("Restarted: all answers discarded.")

    def offer_save(self, default: Path, save: SaveFile) -> Path | None:
        import questionary

        if not self._ask(
            questionary.confirm("Save a copy of this summary?", default=False, **self.pt_io)
        ):
            return None
        while True:
            raw = self._ask(
                questionary.text(
                    "File name (.md for Markdown, .txt for plain text; empty to skip):",
                    default=str(default),
                    **self.pt_io,
                )
            ).strip()
            if not raw:
                return None
            path = Path(raw)
            if path.exists() and not self._ask(
                questionary.confirm(f"{path} exists. Replace it?", default=False, **self.pt_io)
            ):
                continue
            try:
                save(path)
            except OutputError as exc:
                self.console.print(f"Not saved: {exc}. Try another name.", markup=False)
                continue
            self.console.print(f"Saved: {path}", markup=False)
            return path


class ScriptedPrompter:
    """Replies from scripted answers; each answer is used once, so 'back' in a fallback works."""

    def __init__(self, answers: ScriptedAnswers, fallback: PersonPrompter | None = None) -> None:
        self.answers = answers
        self.fallback = fallback
        self.given: set[str] = set()
        self.asked_person = False  # True once the fallback answered a step

    def choose(self, ask: Ask) -> Reply:
        if ask.name not in self.given:
            item = ask.pos.item.id if ask.pos.item else None
            value = self.answers.lookup(ask.pos.key, item)
            if value is not None:
                self.given.add(ask.name)
                return value
        if self.fallback is None:
            raise missing_answer(ask)
        self.asked_person = True
        return self.fallback.choose(ask)

    def explain(self, ask: Ask) -> None:
        if self.fallback is not None:
            self.fallback.explain(ask)

    def went_back(self, discarded: str) -> None:
        if self.fallback is not None:
            self.fallback.went_back(discarded)

    def restarted(self) -> None:
        if self.fallback is not None:
            self.fallback.restarted()
