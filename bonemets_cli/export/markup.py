"""Text from pathway files made literal for the markup it is printed in.

One escaper per markup, used by every writer of it (leaflets and walk summaries alike),
so no pathway text can turn into emphasis, a link or raw HTML by accident. (HTML is
escaped by Jinja2's autoescape, never by hand.)
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def md(text: str) -> str:
    """Pathway text as literal Markdown on one line: no stray emphasis, links or raw HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
