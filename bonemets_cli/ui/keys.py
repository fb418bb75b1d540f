"""Extra keys for questionary prompts, shared by the walk and the quiz.

questionary maps Ctrl-C to KeyboardInterrupt but ignores Ctrl-D in a select; people
expect Ctrl-D to leave a prompt too, so both prompts bind it to ``EOFError``.
"""

from __future__ import annotations

from typing import Any


def add_bindings(question: Any, bindings: Any) -> None:
    """Extra keys on a questionary question (questionary has no option for them)."""
    from prompt_toolkit.key_binding import merge_key_bindings

    app = question.application
    app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, bindings) if b])


def ask(question: Any) -> Any:
    """Run a question; Ctrl-C → KeyboardInterrupt and Ctrl-D → EOFError, never None."""
    from prompt_toolkit.key_binding import KeyBindings

    extra = KeyBindings()

    @extra.add("c-d", eager=True)
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    add_bindings(question, extra)
    return question.unsafe_ask()
