"""The quiz bank (``pathways/quiz/*.yaml``): enough facts, each fair and sourced.

Read with the real bank loader over the shipped files. Figures in explanations and
correct answers obey the same scanners as the pathways (``test_pathway_content``);
distractors may carry made-up figures, but never the only figure or citation.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from test_pathway_content import ALLOWED_PERCENTAGES, MMOL, PERCENT, UNVERIFIED

from bonemets_cli.load.catalog import Catalog, builtin_dir, load_banks, load_catalog
from bonemets_cli.model import BankItem

FIGURE = re.compile(r"\d")
CITATION = re.compile(r"\b(?:19|20)\d\d\b|et al|\b(?:NICE|ESMO|BOAST|ASTRO|MHRA|QS56)\b|\[I")
CATCH_ALL = re.compile(r"\b(all|none|both) of the (above|these)\b", re.I)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_dir()])


@pytest.fixture(scope="module")
def items() -> list[BankItem]:
    return load_banks([builtin_dir()])


def test_at_least_sixty_facts_across_every_pathway(catalog: Catalog, items: list[BankItem]) -> None:
    assert len(items) >= 60
    per_pathway = Counter(i.pathway for i in items)
    for pid in catalog.pathways:
        assert per_pathway[pid] >= 2, f"only {per_pathway[pid]} bank facts for {pid}"
    known = {k for bib in catalog.bibliographies for k in bib.bibliography.sources}
    for item in items:
        assert item.sources, item.id
        assert set(item.sources) <= known, item.id


def test_each_fact_has_one_answer_and_plausible_distractors(items: list[BankItem]) -> None:
    for item in items:
        correct = [o for o in item.options if o.correct]
        wrong = [o for o in item.options if not o.correct]
        assert len(correct) == 1, item.id
        assert len(item.options) == 4, f"{item.id}: four options"
        assert len({o.text.casefold() for o in item.options}) == 4, item.id
        for option in item.options:
            assert not CATCH_ALL.search(option.text), f"{item.id}: '{option.text}'"
        answer = correct[0].text
        if FIGURE.search(answer):
            assert any(FIGURE.search(o.text) for o in wrong), (
                f"{item.id}: the correct option is the only one with a figure"
            )
        if CITATION.search(answer):
            assert any(CITATION.search(o.text) for o in wrong), (
                f"{item.id}: the correct option is the only one with a citation"
            )


def test_explanations_and_answers_state_only_sourced_figures(items: list[BankItem]) -> None:
    for item in items:
        answer = next(o.text for o in item.options if o.correct)
        for text in (item.explanation, answer):
            for pattern, why in UNVERIFIED:
                assert not re.search(pattern, text, re.I), f"{item.id}: {why}"
            for found in PERCENT.findall(text):
                figure = re.sub(r"\s*[–-]\s*", "–", found)
                assert figure in ALLOWED_PERCENTAGES, f"{item.id}: {figure}%"
            for value in MMOL.findall(text):
                assert value in {"3.0", "3.5"}, f"{item.id}: {value} mmol/L"


SEVERE = re.compile(r"drows|confus|vomit|seizure", re.I)
SYMPTOM = re.compile(r"drows|confus|vomit|seizure|thirst|nausea|constipat", re.I)


def test_calcium_facts_follow_the_tiered_rule(items: list[BankItem]) -> None:
    """Safety fact 8, again in the bank: the quiz must not teach another rule."""
    tiered = [i for i in items if i.id.startswith("hc-tier")]
    assert len(tiered) >= 3
    for item in tiered:
        found = re.search(r"(\d\.\d) mmol/L", item.question)
        assert found, item.id
        level = float(found.group(1))
        symptoms = bool(SYMPTOM.search(item.question)) and "feels well" not in item.question
        if SEVERE.search(item.question) or level > 3.5:
            want = "Emergency"
        elif symptoms or level >= 3.0:
            want = "Urgent"
        else:
            want = "Not urgent"
        answer = next(o.text for o in item.options if o.correct)
        assert answer.startswith(want), f"{item.id}: '{answer}', the rule says {want}"
