"""Colours and words for urgency: colour helps, the words carry the meaning."""

from __future__ import annotations

from bonemets_cli.model import Urgency

URGENCY_STYLE: dict[Urgency, str] = {
    Urgency.EMERGENCY: "bold white on red",
    Urgency.URGENT: "bold red",
    Urgency.SOON: "bold yellow",
    Urgency.ROUTINE: "green",
}

URGENCY_LABEL: dict[Urgency, str] = {
    Urgency.EMERGENCY: "!!! EMERGENCY !!!",
    Urgency.URGENT: "! URGENT",
    Urgency.SOON: "SOON",
    Urgency.ROUTINE: "ROUTINE",
}

KIND_STYLE = {"question": "cyan", "info": "blue", "score": "magenta", "outcome": "bold"}

URGENCY_HEADLINE: dict[Urgency, str] = {
    Urgency.EMERGENCY: "EMERGENCY — act now",
    Urgency.URGENT: "URGENT — contact the team today",
    Urgency.SOON: "SOON — review within about two weeks",
    Urgency.ROUTINE: "ROUTINE — raise at the next planned appointment",
}
"""Panel titles for outcomes: the words carry the meaning even with no colour."""

RED_FLAG_WORDS = "(red flag)"
