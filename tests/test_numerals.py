"""Chinese figures read as numbers, and checked by the guard against English passages."""

import pytest

from assistant.language.numerals import (
    chinese_figures,
    english_figure,
    parse_chinese_number,
    to_english_figures,
)
from assistant.text import figures


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1万", 10_000),
        ("3000万", 30_000_000),
        ("1.5亿", 150_000_000),
        ("一百二十万", 1_200_000),
        ("十二", 12),
        ("两千", 2_000),
        ("三千零五", 3_005),
        ("十二万", 120_000),
        ("一千二百万", 12_000_000),
        ("六点七", 6.7),
        ("二〇二〇", 2020),
    ],
)
def test_chinese_numbers_are_read(written: str, value: float) -> None:
    assert parse_chinese_number(written) == pytest.approx(value)


def test_figures_are_found_in_chinese_text_with_their_units() -> None:
    found = chinese_figures("最高可获得3000万元资助，占比百分之六点七，五年内发放")
    assert found == [("3000万", 30_000_000, False), ("百分之六点七", 6.7, True), ("五", 5, False)]


@pytest.mark.parametrize("text", ["三亚市", "十大产业", "一次性补贴", "千万不要", "六盘水"])
def test_numeral_characters_that_are_words_are_no_figures(text: str) -> None:
    assert chinese_figures(text) == []


def test_figures_are_written_as_english_articles_write_them() -> None:
    assert english_figure(10_000) == "10,000"
    assert english_figure(300_000) == "300,000"
    assert english_figure(30_000_000) == "30 million"
    assert english_figure(1_200_000) == "1.2 million"
    assert english_figure(2_100_000_000) == "2.1 billion"
    assert to_english_figures("百分之六点七") == " 6.7% "


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("毕业生可获得1万元安置补贴[1]", "graduates can enjoy a resettlement subsidy of 10,000 yuan"),
        ("高层次人才最高可获得3000万元补贴[1]", "a maximum of 30 million yuan of subsidy"),
        ("一流科学家最高可获得1亿元[1]", "a maximum of 100 million yuan"),
        ("地区生产总值增长百分之六点七[1]", "GDP grew by 6.7% year on year"),
        ("地区生产总值增长6.7%[1]", "GDP grew by 6.7% year on year"),
        ("实际利用外资21亿元[1]", "actual utilization of foreign capital reached 2.1 billion yuan"),
    ],
)
def test_the_guard_finds_a_chinese_figure_in_the_english_passage(chinese: str, english: str) -> None:
    assert set(figures(chinese)) <= set(figures(english)), (figures(chinese), figures(english))


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("毕业生可获得10万元安置补贴", "a resettlement subsidy of 10,000 yuan"),
        ("最高可获得300万元补贴", "a maximum of 30 million yuan of subsidy"),
        ("增长百分之七点六", "GDP grew by 6.7%"),
    ],
)
def test_the_guard_misses_a_chinese_figure_the_passage_does_not_hold(chinese: str, english: str) -> None:
    assert not set(figures(chinese)) <= set(figures(english))


@pytest.mark.parametrize(
    ("written", "value"),
    [("一万二", 12_000), ("两千五", 2_500), ("三百五", 350), ("一亿二", 120_000_000), ("一万零二", 10_002)],
)
def test_a_digit_after_a_unit_is_of_the_next_unit_down(written: str, value: float) -> None:
    assert parse_chinese_number(written) == pytest.approx(value)
