"""A quiz case told as a short clinical story, from the answers on its route.

Each answer becomes a finding: an option's own ``finding``, or one made from its
question's quiz ``finding`` (a noun phrase) and the label. Plain "No" answers are told
together ("No new weakness in an arm or leg; no new difficulty walking."), a score is
told by what was scored (never its total or band: that is what a question may ask), and
teaching steps add nothing. A question's title is used only when it has no quiz finding.

Rules a story keeps (``tests/test_quiz_audit.py`` checks every one the shipped pathways
can make): no question mark inside the case, no question title pasted before its answer,
and no answer contradicts another: a finding denied ("No X") is never affirmed by a later
sentence that states X, unless that sentence tells of a change ("Since …"). So questions
that ask about the same thing share one quiz ``finding`` ("a new neurological symptom").
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from bonemets_cli.model import Option, PathwaySet, QuestionNode, RouteStep, ScoreNode

YES = frozenset({"yes"})
NO = frozenset({"no"})
UNSURE = frozenset({"not sure", "unsure"})
SINCE = "Since"
"""A finding that starts with this word tells of a change over time, not a contradiction."""


def opening(rng: random.Random) -> str:
    age = rng.randint(45, 85)
    sex = rng.choice(("man", "woman"))
    article = "An" if 80 <= age <= 89 else "A"
    return f"{article} {age}-year-old {sex} with known kidney cancer."


def answer_kind(option: Option) -> str:
    """'yes', 'no', 'unsure' for a plain answer; 'other' for one that says more."""
    label = option.label.strip().rstrip(".").casefold()
    if label in YES:
        return "yes"
    if label in NO:
        return "no"
    if label in UNSURE:
        return "unsure"
    return "other"


def question_finding(node: QuestionNode) -> str:
    """What the question asks about, as a noun phrase."""
    if node.quiz is not None and node.quiz.finding:
        return node.quiz.finding
    return node.title.rstrip("?").strip()


def story(pathways: PathwaySet, steps: Sequence[RouteStep], rng: random.Random) -> str:
    """The case: an opening line, then one sentence per finding."""
    lines = [opening(rng)]
    denied: list[str] = []
    for step in steps:
        node = pathways.node(step.node)
        sentence: str | None = None
        if isinstance(node, QuestionNode) and step.option is not None:
            kind = answer_kind(step.option)
            if step.option.finding:
                sentence = _sentence(step.option.finding)
            elif kind == "no":
                denied.append(_lower_first(question_finding(node)))
                continue
            else:
                sentence = _told(question_finding(node), kind, step.option.label)
        elif isinstance(node, ScoreNode) and step.scores:
            sentence = _scored(node, step.scores)
        if sentence is None:
            continue
        if denied:
            lines.append(_denials(denied))
            denied = []
        lines.append(sentence)
    if denied:
        lines.append(_denials(denied))
    return "\n".join(lines)


def _told(finding: str, kind: str, label: str) -> str:
    if kind == "yes":
        return _sentence(_upper_first(finding))
    if kind == "unsure":
        return _sentence(f"Not sure about {_lower_first(finding)}")
    return _sentence(f"{_upper_first(finding)}: {_lower_first(label.strip())}")


def _scored(node: ScoreNode, scores: dict[str, str] | object) -> str:
    assert isinstance(scores, dict)
    parts = []
    for item in node.items:
        choice = next((c for c in item.choices if c.id == scores.get(item.id)), None)
        if choice is not None:
            parts.append(f"{_lower_first(item.label)} {_lower_first(choice.label)}")
    what = node.quiz.finding if node.quiz is not None and node.quiz.finding else node.title
    return _sentence(f"{_upper_first(what)}: {'; '.join(parts)}")


def _denials(denied: list[str]) -> str:
    """'No X; no Y.' (an article is dropped: 'no bone that broke', not 'no a bone')."""
    bare = [
        d.split(" ", 1)[1] if d.split(" ", 1)[0] in ("a", "an") and " " in d else d for d in denied
    ]
    return _sentence("; ".join(f"{'No' if i == 0 else 'no'} {d}" for i, d in enumerate(bare)))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!")) else text.rstrip("?") + "."


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """Lower-case the first letter, unless the first word is an acronym or a number (MRI, CT)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first[:2].isupper() or not first[:1].isalpha()):
        return text
    return text[:1].lower() + text[1:]


def contradictions(text: str) -> list[str]:
    """Where a story affirms a finding it denied earlier (see the module docstring)."""
    denied: list[str] = []
    found: list[str] = []
    for line in text.splitlines()[1:]:
        sentence = line.rstrip(".").casefold()
        if sentence.startswith("no "):
            denied += [
                part.strip()[3:] for part in sentence.split(";") if part.strip()[:3] == "no "
            ]
            continue
        if line.startswith(SINCE):
            continue
        found += [f"{line!r} affirms 'no {d}'" for d in denied if d and d in sentence]
    return found
