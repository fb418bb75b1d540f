"""Colours for urgency and node kinds: colour helps, the words (``model.wording``) carry the meaning."""

from __future__ import annotations

from bonemets_cli.model.wording import Urgency

URGENCY_STYLE: dict[Urgency, str] = {
    Urgency.EMERGENCY: "bold white on red",
    Urgency.URGENT: "bold red",
    Urgency.SOON: "bold yellow",
    Urgency.ROUTINE: "green",
}


KIND_STYLE = {"question": "cyan", "info": "blue", "score": "magenta", "outcome": "bold"}
