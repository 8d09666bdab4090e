"""A comparison table: one column per place, one row per aspect, each cell a cited figure;
its sentences underneath (summarise), and its Markdown, CSV and JSON forms.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.answering.answer import Answer, Citation
from assistant.answering.compare_figures import ASPECT_ORDER, GROUP_ORDER, Vocab
from assistant.search.parts import Part
from assistant.snapshot import Article
from assistant.text import amount_value, fold_ws

NOT_STATED = "not stated"
NOT_COVERED = "not covered"
_UPPER_BOUND = re.compile(r"\b(?:maximum|max|up to|at most|no more than)\b", re.IGNORECASE)


# -- the table -------------------------------------------------------------------------------------
@dataclass
class CellFigure:
    """One cited figure of a cell."""

    text: str  # verbatim in the cited article
    n: int  # the citation number
    quote: str  # the sentence it comes from, verbatim
    path: str  # the cited article
    who: str = ""  # the people it is for, as the article lists them, when a cell holds several

    def shown(self) -> str:
        """'1,500 yuan per person per month [1]'."""
        who = f" ({self.who})" if self.who else ""
        return f"{self.text}{who} [{self.n}]"


@dataclass
class Cell:
    """One place's figures for one row."""

    place: str
    status: str  # "stated", "not stated", "not covered"
    figures: list[CellFigure] = field(default_factory=list)

    def shown(self) -> str:
        """The cell as text: its cited figures, or why it is empty."""
        if self.status != "stated":
            return self.status
        return "; ".join(f.shown() for f in self.figures)


@dataclass
class Row:
    """An aspect the sources give, with one cell per place."""

    key: str
    label: str
    aspect: str
    kind: str | None
    group: str | None
    period: str | None
    cells: list[Cell]


@dataclass
class Column:
    """A place compared."""

    place: str
    covered: bool
    regions: list[str] = field(default_factory=list)  # the regions of its articles


@dataclass
class Comparison:
    """A comparison table with its citations and the sentences that answer the question."""

    question: str
    topic: str
    columns: list[Column]
    rows: list[Row]
    summary: list[str]
    citations: list[Citation]

    @property
    def has_figures(self) -> bool:
        """True when some cell holds a figure."""
        return any(c.status == "stated" for r in self.rows for c in r.cells)

    @property
    def has_figure_rows(self) -> bool:
        """True when some cell of a figure row (not a quoted sentence) holds a figure."""
        return any(c.status == "stated" for r in self.rows if r.aspect not in _PHRASES for c in r.cells)

    def to_json(self) -> dict[str, Any]:
        """The --json shape: question, topic, columns, rows (cells, figures), summary, citations."""
        return {
            "question": self.question,
            "topic": self.topic,
            "columns": [asdict(c) for c in self.columns],
            "rows": [
                {
                    "label": r.label,
                    "aspect": r.aspect,
                    "benefit": r.kind,
                    "group": r.group,
                    "period": r.period,
                    "cells": [
                        {
                            "place": c.place,
                            "status": c.status,
                            "text": c.shown(),
                            "figures": [asdict(f) for f in c.figures],
                        }
                        for c in r.cells
                    ],
                }
                for r in self.rows
            ],
            "summary": " ".join(self.summary),
            "citations": [asdict(c) for c in self.citations],
        }

    def header(self) -> list[str]:
        """The table's header: the aspect, then one column per place."""
        return ["Aspect", *(c.place for c in self.columns)]

    def table_rows(self) -> list[list[str]]:
        """The table's rows as text, with their [n] markers."""
        return [[r.label, *(c.shown() for c in r.cells)] for r in self.rows]

    def markdown(self) -> str:
        """The table in Markdown, the summary under it (no reference list)."""

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(fold_ws(c).replace("|", "\\|") for c in cells) + " |"

        lines = [line(self.header()), "|" + "---|" * len(self.header())]
        lines += [line(r) for r in self.table_rows()]
        return "\n".join(lines) + ("\n\n" + " ".join(self.summary) if self.summary else "")

    def references(self) -> str:
        """The citations as a plain-text reference list."""
        return self.answer().references()

    def markdown_with_sources(self) -> str:
        """The table, the summary and the reference list: ready to paste into a reply."""
        refs = self.references()
        return self.markdown() + (f"\n\nSources:\n{refs}" if refs else "")

    def csv_text(self) -> str:
        """The table as CSV (the aspect, then one column per place), then the sources."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.header())
        writer.writerows(self.table_rows())
        if self.citations:
            writer.writerow([])
            writer.writerow(["source", "title", "publisher", "date", "region", "path"])
            for c in self.citations:
                writer.writerow(
                    [f"[{c.n}]", c.title or "", c.publisher or "", c.date or "", c.region or "", c.path]
                )
        return buffer.getvalue()

    def answer(self) -> Answer:
        """The comparison as an answer: the table and summary as its text, the articles as citations."""
        return Answer(self.question, self.markdown(), declined=not self.has_figures, citations=self.citations)


STATEMENT = "What the articles say"
CONDITIONS = "Conditions"
_PHRASES = ("statement", "conditions")  # rows of quoted sentences, not figures


def statement_row(
    columns: list[Column],
    said: dict[str, tuple[float, Article, str]],
    aspect: str = "statement",
    label: str = STATEMENT,
) -> Row:
    """The row quoting, per place, the sentence that says most about the topic (or its conditions)."""
    cells: list[Cell] = []
    for column in columns:
        if not column.covered:
            cells.append(Cell(column.place, NOT_COVERED))
        elif column.place in said:
            _, article, sentence = said[column.place]
            cells.append(Cell(column.place, "stated", [CellFigure(sentence, 0, sentence, article.path)]))
        else:
            cells.append(Cell(column.place, NOT_STATED))
    return Row(aspect, label, aspect, None, None, None, cells)


def row_order(key: tuple[str, str | None, str | None, str | None]) -> tuple[int, str, int, str]:
    aspect, kind, group, period = key
    group_rank = GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER)
    return (ASPECT_ORDER.index(aspect), kind or "~", group_rank, period or "~")


def row_label(aspect: str, kind: str | None, group: str | None, period: str | None, vocab: Vocab) -> str:
    """'Living allowance, PhD holders, per month'; 'Age limit, master's graduates'."""
    head = vocab.aspects[aspect]
    if kind and aspect == "amount":
        head = vocab.kind_labels.get(kind, head)
    elif kind and aspect in ("percent", "duration"):
        head = f"{head} ({vocab.kind_labels.get(kind, kind).lower()})"
    pieces = [head]
    if group:
        pieces.append(vocab.group_labels.get(group, group))
    if period:
        pieces.append(vocab.periods.get(period, period))
    return ", ".join(pieces)


def summarise(comparison: Comparison, part: Part) -> list[str]:
    """One or two sentences answering the comparison, every figure cited; periods never mixed."""
    sentences: list[str] = []
    places = [c.place for c in comparison.columns if c.covered]
    best_row: Row | None = None
    best_values: list[tuple[float, str, CellFigure]] = []
    for row in comparison.rows:
        if row.aspect != "amount":
            continue
        values: list[tuple[float, str, CellFigure]] = []
        for cell in row.cells:
            candidates = [(amount_value(f.text), f) for f in cell.figures]
            known = [(v, f) for v, f in candidates if v is not None]
            if known:
                value, figure = max(known, key=lambda item: item[0])
                values.append((value, cell.place, figure))
        asked = row.group is not None and row.group in part.groups
        if len(values) >= 2 and (best_row is None or (asked and best_row.group not in part.groups)):
            best_row, best_values = row, values
        if best_row is not None and asked:
            break
    if best_row is not None:
        ranked = sorted(best_values, key=lambda item: -item[0])
        top_value, top_place, top = ranked[0]
        what = best_row.label[0].lower() + best_row.label[1:]
        others = ", ".join(f"{f.text} [{f.n}] in {place}" for _, place, f in ranked[1:])
        if ranked[1][0] == top_value:
            same = " and ".join(f"{f.text} [{f.n}] in {place}" for _, place, f in ranked[:2])
            sentences.append(f"For {what}, {ranked[0][1]} and {ranked[1][1]} give the same: {same}.")
        else:
            bound = " at most" if any(_UPPER_BOUND.search(f.text) for _, _, f in ranked) else ""
            sentences.append(
                f"For {what}, {top_place} gives more{bound}: {top.text} [{top.n}], against {others}."
            )
        periods = {r.period for r in comparison.rows if r.aspect == "amount" and r.kind == best_row.kind}
        if len(periods - {None}) > 1 or (best_row.period and None in periods and len(periods) > 1):
            sentences.append("Amounts per month, per year or once are in separate rows, never added up.")
    elif any(r.aspect not in _PHRASES and r.cells for r in comparison.rows) and comparison.has_figures:
        each: list[tuple[str, str]] = []
        for index, column in enumerate(comparison.columns):
            first = next(
                (
                    r
                    for r in comparison.rows
                    if r.aspect not in _PHRASES and r.cells[index].status == "stated"
                ),
                None,
            )
            if first is not None:
                figure = first.cells[index].figures[0]
                what = first.label[0].lower() + first.label[1:]
                each.append((column.place, f"{figure.text} ({what}) [{figure.n}]"))
        if len(each) == 1:
            sentences.append(f"Only the articles about {each[0][0]} give a figure: {each[0][1]}.")
        else:
            listed = "; ".join(f"{place} {text}" for place, text in each)
            sentences.append(
                f"No two places give a figure for the same benefit, people and period: {listed}."
            )
    if any(r.aspect == "statement" for r in comparison.rows) and not sentences:
        sentences.append(
            "The first row quotes, for each place, the sentence of its articles that says most about "
            f"{comparison.topic if len(comparison.topic.split()) <= 6 else 'the topic'}."
        )
    silent = [
        p
        for i, p in enumerate(c.place for c in comparison.columns)
        if comparison.columns[i].covered and all(r.cells[i].status != "stated" for r in comparison.rows)
    ]
    missing = [c.place for c in comparison.columns if not c.covered]
    notes = []
    if silent:
        notes.append(f"the articles about {_join(silent)} do not state it")
    if missing:
        notes.append(f"the corpus does not cover {_join(missing)}")
    if notes:
        note = "; ".join(notes)
        sentences.append(note[0].upper() + note[1:] + ".")
    if not places:
        return [f"The corpus does not cover {_join([c.place for c in comparison.columns])}."]
    return sentences


def _join(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
