"""Seeded generator of look-alike "distractor" articles for retrieval evaluations.

The five seed articles in ``corpus/`` are talent-policy news from Lanzhou (Gansu), Heilongjiang,
Zhejiang, Chongqing's Liangjiang New Area and Chun'an County of Hangzhou. A retrieval-augmented
assistant is only trustworthy if it keeps answering from those articles when the index also holds
many texts that *look* like them. This module writes such texts: the same vocabulary (flexible
talent introduction, talent cards, resettlement subsidies in yuan, enclaves, liaison stations,
talent weeks, service platforms, percentages and dates) about other places, people, programmes
and figures. The words are data in ``assistant/data/lookalikes/``:

* ``seed_templates.json``: each seed article transcribed as a template that keeps its sentences
  word for word but turns every place, person and programme name into a ``{slot}`` and every
  figure into a ``[[figure]]`` marker. Filling the slots with other names and replacing each
  marked figure by a different value of the same shape and magnitude (``[[31.7%]]`` becomes e.g.
  ``24.9%``, ``[[seven]]`` e.g. ``five``) gives a text that reads almost exactly like the seed but
  is about another place with other numbers: the hardest kind of distractor. ``[[60|measures]]``
  names a figure so that every mention of it gets the same new value. About half the articles.
* ``bank.json``: headlines, ledes, topic paragraphs (eligibility, subsidies, graduates, talent
  cards, platforms, enclaves, liaison stations, talent weeks, statistics, programmes), quotes and
  closings, each a tuple of template sentences, filled the same way: the other half.
* ``names.json``: the name pools: 266 real prefecture-level cities in 24 provinces and autonomous
  regions and about 540 real district and county names, combined as "X District of City", "City X
  New Area" and so on (well over a hundred thousand distinct places), people, media, programmes.
  No name that occurs in a seed (``seed_names``) and none of the cities that evaluation questions
  use as out-of-corpus examples (``reserved_names``) is ever emitted.

Templates are groups of paragraphs. Optional groups and the trailing paragraphs of a group are
dropped at random, and then as needed, so that every article has 150-600 words. Some articles get
the seeds' trappings: a leading `` date YYYY-MM-DD `` stamp, a wire dateline, a ``SOURCE ...`` or
``[Source: ...]`` line, a "This news article was written by X for Y." byline, or a little web
boilerplate ("Print E-mail", "Follow ... on Twitter").

Every article draws from its own ``random.Random`` seeded by ``(seed, index)``, so the output is
byte-identical for the same arguments and ``generate(k)`` is a prefix of ``generate(n)`` for
``k <= n``. Only the standard library is used. The modules: ``names`` (the pools), ``slots`` (one
article's names and figures), ``articles`` (templates, trimming, trappings); ``python -m
assistant.evaluation.lookalikes`` writes articles to a folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.evaluation.lookalikes.articles import article
from assistant.evaluation.lookalikes.names import PROVINCES, RESERVED_NAMES, SEED_NAMES

__all__ = ["DEFAULT_N", "PROVINCES", "RESERVED_NAMES", "SEED_NAMES", "article", "generate", "write"]

DEFAULT_N = 2000


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield ``(filename, text)`` for ``n`` look-alike articles, deterministically."""
    for index in range(n):
        yield f"lookalike_{index:06d}.txt", article(seed, index)


def write(out_dir: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` look-alike articles into ``out_dir`` as UTF-8 files and return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for name, text in generate(n, seed):
        path = out_dir / name
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        paths.append(path)
    return paths

