"""Reading level: the scores, and proof that they need no network (textstat < 0.7.9)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from bonemets_cli.readability import as_sentence, reading_level

EASY = "Your legs may feel weak. Call your team now. Tell them you have kidney cancer."
HARD = (
    "Metastatic epidural spinal cord compression necessitates immediate multidisciplinary "
    "evaluation, including whole-spine magnetic resonance imaging, corticosteroid "
    "administration and consideration of decompressive neurosurgical intervention."
)


def test_plain_words_score_easier_than_clinical_jargon() -> None:
    easy, hard = reading_level(EASY), reading_level(HARD)
    assert easy.ease >= 60 > hard.ease
    assert easy.grade < 8 < hard.grade


def test_as_sentence_adds_a_full_stop_only_when_missing() -> None:
    assert as_sentence("Call now") == "Call now."
    assert as_sentence("Are you weak?") == "Are you weak?"


def test_reading_level_runs_with_the_network_blocked(tmp_path: Path) -> None:
    """textstat 0.7.9+ fetches NLTK data at run time; the pinned range must not.

    (Checked by hand: with textstat 0.7.10 this same setup fails with an NLTK LookupError.)
    """
    blocker = tmp_path / "site"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            import socket

            class _BlockedSocket(socket.socket):  # a class, so ssl can still subclass it
                def __init__(self, *args, **kwargs):
                    raise OSError("network access blocked by the test")

            def _blocked(*args, **kwargs):
                raise OSError("network access blocked by the test")

            socket.socket = _BlockedSocket
            socket.create_connection = _blocked
            socket.getaddrinfo = _blocked
            """
        )
    )
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    code = textwrap.dedent(
        f"""
        import socket
        try:
            socket.socket()
        except OSError:
            print("blocked")
        from bonemets_cli.readability import reading_level
        level = reading_level({EASY!r})
        print(level.ease, level.grade)
        """
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(blocker), os.environ.get("PYTHONPATH", "")]),
        "NLTK_DATA": str(empty),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[0] == "blocked"
    ease, grade = float(lines[1]), float(lines[2])
    assert (ease, grade) == (reading_level(EASY).ease, reading_level(EASY).grade)
