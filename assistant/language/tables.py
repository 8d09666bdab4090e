"""Two-column tables of data (assistant/data/*.tsv and a corpus's own): 'left<TAB>right' lines, blank
lines and '#' comment lines skipped, and an error naming the line and the form to write for any other."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.errors import AssistantError


def rows(text: str, source: str, form: str, *, empty_right: bool = False) -> Iterator[tuple[int, str, str]]:
    """(line number, left, right) of each row, both stripped. A line without a tab, with nothing on the
    left, or (unless empty_right) nothing on the right raises an error that shows the form, e.g.
    'shorthand<TAB>words'."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        left, tab, right = line.partition("\t")
        if not tab or not left.strip() or not (empty_right or right.strip()):
            raise AssistantError(f"{source}, line {number}: write '{form}', got {line!r}")
        yield number, left.strip(), right.strip()
