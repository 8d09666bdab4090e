"""Look-alike articles assembled from the seed templates and the sentence bank, trimmed to length."""

from __future__ import annotations

import random
from datetime import date
from typing import NamedTuple

from assistant.evaluation.lookalikes.names import load
from assistant.evaluation.lookalikes.slots import Slots

MIN_WORDS = 150
MAX_WORDS = 600


class Group(NamedTuple):
    """Paragraphs kept together; in an optional group, those after the first may be dropped."""

    required: bool
    paragraphs: tuple[str, ...]


class Style(NamedTuple):
    """An article's trappings."""

    date_stamp: bool = False
    dateline: bool = False
    byline: bool = False
    source: str = ""  # "", "wire" (SOURCE ...) or "bracket" ([Source: ...])
    header: str = ""
    footer: str = ""


class SeedTemplate(NamedTuple):
    """A seed article as fillable paragraph groups, with the seed's own trappings."""

    name: str
    groups: tuple[Group, ...]
    style: Style
    sep: str = "\n\n"


_SEEDS = load("seed_templates.json")
SEED_TEMPLATES: tuple[SeedTemplate, ...] = tuple(
    SeedTemplate(
        t["name"],
        tuple(Group(g["required"], tuple(g["paragraphs"])) for g in t["groups"]),
        Style(**t["style"]),
        t.get("sep", "\n\n"),
    )
    for t in _SEEDS["templates"]
)
# (header, footer) trappings an article that does not copy a seed's own may get.
_RANDOM_TRAPPINGS: tuple[tuple[str, str], ...] = tuple((h, f) for h, f in _SEEDS["random_styles"])

# The sentence bank. Each lede, topic paragraph and quote is a tuple of sentences: the first is
# always kept.
_BANK = load("bank.json")
HEADLINES: tuple[str, ...] = tuple(_BANK["headlines"])
LEDES: tuple[tuple[str, ...], ...] = tuple(map(tuple, _BANK["ledes"]))
TOPICS: dict[str, tuple[tuple[str, ...], ...]] = {
    topic: tuple(map(tuple, paragraphs)) for topic, paragraphs in _BANK["topics"].items()
}
QUOTES: tuple[tuple[str, ...], ...] = tuple(map(tuple, _BANK["quotes"]))
CLOSINGS: tuple[str, ...] = tuple(_BANK["closings"])

_START = date(2015, 1, 1).toordinal()
_SPAN = date(2025, 12, 31).toordinal() - _START + 1


def _words(text: str) -> int:
    """Whitespace-separated word count."""
    return len(text.split())


def _random_style(rng: random.Random, dateline: bool) -> Style:
    """Trappings for an article that does not copy a seed's own."""
    roll = rng.random()
    source = "wire" if roll < 0.17 else "bracket" if roll < 0.34 else ""
    header = footer = ""
    if rng.random() < 0.06:
        header, footer = rng.choice(_RANDOM_TRAPPINGS)
    return Style(
        date_stamp=rng.random() < 0.35,
        dateline=dateline and rng.random() < 0.15,
        byline=rng.random() < 0.25,
        source=source,
        header=header,
        footer=footer,
    )


def _sentences(s: Slots, sentences: tuple[str, ...], keep: float = 0.8) -> str:
    """The first sentence and a random selection of the rest, filled and joined."""
    chosen = [sentences[0]] + [x for x in sentences[1:] if s.rng.random() < keep]
    return " ".join(s.fill(x) for x in chosen)


def _fit(
    rng: random.Random, counts: list[int], units: list[list[int]], budget: int, variety: float
) -> set[int]:
    """Indices to drop: whole units at random, then as needed to stay within ``budget`` words."""
    total = sum(counts)
    dropped: set[int] = set()
    order = units[:]
    rng.shuffle(order)

    def saving(unit: list[int]) -> int:
        return sum(counts[i] for i in unit if i not in dropped)

    for unit in order:
        if rng.random() < variety and total - saving(unit) >= MIN_WORDS + 40:
            total -= saving(unit)
            dropped.update(unit)
    for unit in order:
        if total <= budget:
            break
        if total - saving(unit) >= MIN_WORDS + 20:
            total -= saving(unit)
            dropped.update(unit)
    return dropped


def _seed_body(s: Slots, template: SeedTemplate, budget: int) -> list[str]:
    """A seed template's paragraphs, filled and trimmed to ``budget`` words."""
    paragraphs: list[str] = []
    units: list[list[int]] = []
    for group in template.groups:
        first = len(paragraphs)
        paragraphs.extend(s.fill(text) for text in group.paragraphs)
        if not group.required:  # the whole group, or any paragraph after its first
            units.append(list(range(first, len(paragraphs))))
            units.extend([i] for i in range(first + 1, len(paragraphs)))
    dropped = _fit(s.rng, [_words(p) for p in paragraphs], units, budget, variety=0.15)
    return [p for i, p in enumerate(paragraphs) if i not in dropped]


def _bank_body(s: Slots, budget: int) -> list[str]:
    """A headline, lede and topic paragraphs from the bank, trimmed to ``budget`` words."""
    rng = s.rng
    paragraphs: list[str] = []
    if rng.random() < 0.5:
        paragraphs.append(s.fill(rng.choice(HEADLINES)))
    paragraphs.append(_sentences(s, rng.choice(LEDES)))
    fixed = len(paragraphs)
    topics = list(TOPICS)
    rng.shuffle(topics)
    wanted = rng.randint(3, 6)
    for topic in topics:
        if len(paragraphs) - fixed >= wanted and sum(map(_words, paragraphs)) >= MIN_WORDS + 30:
            break
        paragraphs.append(_sentences(s, rng.choice(TOPICS[topic])))
    if rng.random() < 0.5:
        paragraphs.append(_sentences(s, rng.choice(QUOTES)))
    if rng.random() < 0.4:
        paragraphs.append(s.fill(rng.choice(CLOSINGS)))
    units = [[i] for i in range(fixed, len(paragraphs))]
    dropped = _fit(rng, [_words(p) for p in paragraphs], units, budget, variety=0.0)
    return [p for i, p in enumerate(paragraphs) if i not in dropped]


def _decorate(s: Slots, body: list[str], style: Style, sep: str) -> str:
    """The body with the style's stamp, dateline, attribution and boilerplate around it."""
    lines = body[:]
    if style.dateline:
        lead = 1 if len(lines) > 1 and not lines[0].rstrip().endswith(".") else 0
        wire = s.rng.choice(
            (
                f"{s['CITY']}, China, {s['mon_abbr']} {s['day']}, {s['year']} /PRNewswire/ -- ",
                f"{s['city']}, {s['month']} {s['day']} (Xinhua) -- ",
            )
        )
        lines[lead] = wire + lines[lead]
    if style.header:
        lines.insert(1 if lines[0].startswith("SCIO") else 0, s.fill(style.header))
    if style.byline:
        lines.append(f"This news article was written by {s['person9']} for {s['outlet']}.")
    if style.source == "wire":
        lines.append(f"SOURCE {s['source']}")
    elif style.source == "bracket":
        lines.append(f"[Source: {s['source']}]")
    if style.footer:
        lines.append(s.fill(style.footer))
    text = sep.join(lines)
    if style.date_stamp:
        text = f" date {s.when.isoformat()} {text}"
    return text + "\n"


def article(seed: int, index: int) -> str:
    """The text of look-alike article ``index`` for ``seed``."""
    rng = random.Random(f"lookalikes:{seed}:{index}")
    s = Slots(rng, date.fromordinal(_START + rng.randrange(_SPAN)))
    budget = rng.randint(260, MAX_WORDS - 60)
    if rng.random() < 0.5:
        template = rng.choice(SEED_TEMPLATES)
        style = template.style if rng.random() < 0.7 else _random_style(rng, dateline=False)
        body = _seed_body(s, template, budget)
        sep = template.sep
    else:
        style, sep = _random_style(rng, dateline=True), "\n\n"
        body = _bank_body(s, budget)
    return _decorate(s, body, style, sep)


