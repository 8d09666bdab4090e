"""Questions sent as numbered or bulleted lists (assistant/search/listed_items.py)."""

from __future__ import annotations

import re

import pytest

from assistant.search.listed_items import items_apart
from assistant.search.query import understand


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "HR at a Wuhu firm here. 1) What is the rent subsidy? 2) How long is it paid?",
            "HR at a Wuhu firm here.\nWhat is the rent subsidy?\nHow long is it paid?",
        ),
        (
            "Foreign manager at a Beijing firm:\n(a) when are results announced\n(b) how many letters",
            "Foreign manager at a Beijing firm.\nwhen are results announced?\nhow many letters?",
        ),
        ("海南人才政策：\n①居留许可几年？\n②审批多久？", "海南人才政策。\n居留许可几年？\n审批多久？"),
        ("请教：一、补贴多少？二、发几年？", "请教。\n补贴多少？\n发几年？"),
        ("Tai'an HR here:\n- What allowance does a PhD get?\n- For how many years?",
         "Tai'an HR here.\nWhat allowance does a PhD get?\nFor how many years?"),
        # a line introducing the list reads with a first item that speaks of what it names ("it")
        (
            "Caller asks about Hainan's residence policy:\n- Does it also cover his spouse?\n- Deadline?",
            "Caller asks about Hainan's residence policy: Does it also cover his spouse?\nDeadline?",
        ),
        # an item with no question mark ends with one where it asks ("第三年呢")
        ("珠海问一下：①第二年减免多少 ②第三年呢", "珠海问一下。\n第二年减免多少?\n第三年呢?"),
        # a line before the list that asks nothing of its own says what the items are about
        ("那博士呢？①补贴多少？②年龄上限是多少？", "那博士呢。\n补贴多少？\n年龄上限是多少？"),
    ],
)
def test_each_item_of_a_list_is_a_sentence_of_its_own(message: str, expected: str) -> None:
    assert items_apart(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "Does Xiamen pay 1.5 million yuan to Grade 2: talents?",  # a number, not a list
        "In 2023. the city paid 3. 000 yuan",  # no run 1, 2 ...
        "What is the subsidy for Grade (1) talents, and for Grade A?",  # one marker is no list
        "Is it 10:30 or 11:30?",
        "What does a PhD get?",
    ],
)
def test_a_message_with_no_list_is_left_as_it_is(message: str) -> None:
    assert items_apart(message) == message


def test_the_circled_numbers_of_a_chinese_list_are_no_figures_of_its_questions() -> None:
    asked = understand(["上海落户新政：①应届硕士博士落户的高校有几所？②非上海生源需要多少分？"])
    assert len(asked.parts) == 2
    assert not any(re.search(r"\d", p.original) for p in asked.parts), [p.original for p in asked.parts]
