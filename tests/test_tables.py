"""The two-column data tables (shorthand, Cantonese, glossary) are read by one reader."""

import pytest

from assistant.errors import AssistantError
from assistant.language.tables import rows


def test_rows_skip_blank_and_comment_lines_and_strip_both_columns() -> None:
    text = "# a comment\n\n  # indented comment\nyrs \t years \nu\tyou\n"
    assert list(rows(text, "shorthand.tsv", "shorthand<TAB>words")) == [(4, "yrs", "years"), (5, "u", "you")]


@pytest.mark.parametrize("line", ["no tab here", "\twords", "yrs\t  "])
def test_a_bad_line_names_its_number_and_the_form_to_write(line: str) -> None:
    with pytest.raises(AssistantError, match=r"shorthand.tsv, line 2: write 'shorthand<TAB>words'"):
        list(rows(f"ok\tfine\n{line}\n", "shorthand.tsv", "shorthand<TAB>words"))


def test_an_empty_right_column_is_kept_where_the_table_allows_it() -> None:
    read = rows("嘅\t\n", "cantonese.tsv", "Cantonese<TAB>Mandarin", empty_right=True)
    assert list(read) == [(1, "嘅", "")]
