"""The text toolkit: sentences (a paragraph, a stream), figures, months, citation markers, stopwords."""

from collections.abc import Iterator

import pytest

from assistant.ingest.metadata import ArticleMeta, find_publisher, regions_by_count
from assistant.ingest.publishers import publisher_of
from assistant.text import (
    ABBREVIATIONS,
    MONTHS,
    STOPWORDS,
    SentenceSplitter,
    as_written,
    cited_numbers,
    figures,
    normal_figure,
    numbers_in,
    split_sentences,
    strip_markers,
    terms,
)


def _split(text: str, size: int) -> Iterator[str]:
    for i in range(0, len(text), size):
        yield text[i : i + size]


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_sentences_are_cut_with_their_markers_however_the_text_arrives(size: int) -> None:
    text = (
        'It pays 1.5 times the rate. [1] No. 5 applies, e.g. to engineers [2].\n- A "list" [1][3]\nLast one'
    )
    splitter = SentenceSplitter()
    sentences = [s for piece in _split(text, size) for s in splitter.feed(piece)] + splitter.flush()
    assert [s.strip() for s in sentences] == [
        "It pays 1.5 times the rate. [1]",
        "No. 5 applies, e.g. to engineers [2].",
        '- A "list" [1][3]',
        "Last one",
    ]


def test_a_paragraph_is_cut_into_verbatim_sentences_but_not_after_an_abbreviation() -> None:
    paragraph = (
        'Xinyuan Co. Ltd. hired Dr. Wang on Jan. 5. "It works," he said. 人才很多。补贴多 Then J. Li left.'
    )
    assert split_sentences(paragraph) == [
        "Xinyuan Co. Ltd. hired Dr. Wang on Jan. 5.",
        '"It works," he said.',
        "人才很多。",
        "补贴多 Then J. Li left.",
    ]


def test_one_abbreviation_list_the_stream_still_ends_a_sentence_after_a_month_as_it_always_did() -> None:
    assert {"co", "ltd", "e.g", "no", "jan", "sept", "u.s"} <= ABBREVIATIONS
    assert split_sentences("It opened on Jan. 5 in Harbin. It closed.") == [
        "It opened on Jan. 5 in Harbin.",
        "It closed.",
    ]
    splitter = SentenceSplitter()
    sentences = splitter.feed("It opened on Jan. 5 in Harbin. It closed.")
    assert sentences == ["It opened on Jan.", " 5 in Harbin."]


def test_markers_and_figures_are_read_the_way_models_write_them() -> None:
    assert cited_numbers("a [1, 2] b [Source 4] c [2-3]") == [1, 2, 4, 3]
    assert set(figures("1,500 yuan for two years from March 2022 [3]")) == {"1500", "2", "march", "2022"}
    assert set(figures("1500.0 yuan, 20%")) == {"1500", "20"}
    assert strip_markers("It pays 1,500 yuan [1] [Source 2] .") == "It pays 1,500 yuan."


def test_figures_count_number_words_scales_capitalised_months_and_chinese_numerals() -> None:
    found = figures("One of three grants of 2 million yuan, paid in May; graduates may apply. 3000万元")
    assert found == {"3": "three", "2": "2", "million": "million", "may": "May", "30": "30"}
    assert normal_figure("1,500.50") == "1500.5" and normal_figure("05") == "5"
    assert as_written("a grant of 1,500 yuan", "1500") == "1,500"
    assert as_written("no such figure", "1500") == "1500"


def test_plain_numbers_for_scores_keep_decimals_and_ignore_markers() -> None:
    assert numbers_in("Up 12.1% to 2,100 [1]. In 2023.") == {"12.1", "2100", "2023"}
    assert numbers_in("1,500.00 yuan") == {"1500.00"}  # not normalised further: scores compare as written


def test_months_and_stopwords_are_each_written_once() -> None:
    assert MONTHS[0] == "January" and len(MONTHS) == 12
    assert {"the", "what", "please", "d"} <= STOPWORDS and "subsidy" not in STOPWORDS
    assert terms("What is the subsidy?") == ["subsidi"]


def test_regions_are_counted_most_articles_first_with_ties_first_seen_or_alphabetical() -> None:
    metas = [ArticleMeta(region=r) for r in ("Lanzhou", "Chongqing", None, "Chongqing", "Harbin", "Anhui")]
    assert regions_by_count(metas) == ["Chongqing", "Lanzhou", "Harbin", "Anhui"]
    assert regions_by_count(metas, alphabetical_ties=True) == ["Chongqing", "Anhui", "Harbin", "Lanzhou"]


def test_a_page_header_labels_its_source_and_author_in_chinese_or_english() -> None:
    header = "时间:2022-07-06 撰稿人: 供稿部门:Shenyang Municipal Government website\n\nThey are attracted."
    assert find_publisher(header) == ("Shenyang Municipal Government website", None)
    assert find_publisher("来源：新华社 作者：张三\n正文") == ("新华社", "张三")
    assert find_publisher(
        "Home> Updates\n\nOak City title\n\nezhejiang.gov.cn|Updated: January 7, 2022\n"
    ) == (
        "ezhejiang.gov.cn",
        None,
    )
    assert find_publisher("Updated : 2020-07-27Source : CCFAO\n\nbody") == ("CCFAO", None)
    assert find_publisher("The subsidy's source: the city budget.") == (None, None)


def test_the_publisher_is_read_from_a_dateline_or_named_by_the_pages_address() -> None:
    assert find_publisher("BEIJING, June 26 (Xinhua) -- Oak Province has announced ...") == ("Xinhua", None)
    assert publisher_of("http://en.people.cn/n3/2024/1021/c518321-20231732.html") == "People's Daily Online"
    assert publisher_of("https://subsites.chinadaily.com.cn/a/1.html") == "China Daily"  # a subsite
    assert publisher_of("https://notpeople.cn/a") is None and publisher_of(None) is None
