"""Written Cantonese read as the Mandarin it says ("有冇" 有没有, "幾多" 多少, "嘅" 的), before a Chinese
question is translated: the dictionary and the question patterns know Mandarin. The table is data:
assistant/data/cantonese.tsv."""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from assistant.errors import AssistantError
from assistant.language.tables import rows


@functools.cache
def _table() -> tuple[tuple[re.Pattern[str], str], ...]:
    source = "assistant/data/cantonese.tsv"
    out = []
    text = (files("assistant") / "data" / "cantonese.tsv").read_text(encoding="utf-8")
    # An empty Mandarin column drops the Cantonese particle.
    for number, cantonese, mandarin in rows(text, source, "Cantonese<TAB>Mandarin", empty_right=True):
        try:
            out.append((re.compile(cantonese), mandarin))
        except re.error as exc:
            raise AssistantError(f"{source}, line {number}: not a regular expression ({exc})") from exc
    return tuple(out)


def as_mandarin(text: str) -> str:
    """The text with its written Cantonese read as Mandarin; Mandarin text is returned as it is."""
    for pattern, mandarin in _table():
        text = pattern.sub(mandarin, text)
    return text
