"""The frame around the quotes follows the question's language; the quotes stay verbatim English."""

from pathlib import Path

from assistant import Assistant
from assistant.answering.frames import Frames, language_of
from assistant.app.render import cited_text


def test_the_language_of_a_question() -> None:
    assert language_of("两江新区的毕业生可以获得多少安置补贴？") == "zh"
    assert language_of("Liangjiang New Area 的毕业生补贴是多少？") == "zh"
    assert language_of("What can graduates get in 两江新区?") == "en"
    assert language_of("What can graduates get?") == "en"


def test_frames_are_data_with_english_as_the_fallback() -> None:
    assert Frames.load("zh").text("sources") == "来源"
    assert Frames.load("fr").text("sources") == "Sources"


def test_a_chinese_question_gets_a_chinese_frame_around_english_quotes(
    assistant: Assistant, data_dir: Path
) -> None:
    (data_dir / "corpus" / "glossary.tsv").write_text("港城\tHarbor City\n", encoding="utf-8")
    answer = assistant.ask("港城的住房补贴是多少？年龄上限是多少？")
    assert "1,500 yuan" in answer.answer and not answer.declined
    assert "没有给出年龄限制" in answer.answer
    assert "来源:" in cited_text(answer)
    declined = assistant.ask("太原对博士有什么补贴？")
    assert declined.declined and declined.answer.startswith("语料库没有关于Taiyuan的内容")


def test_an_english_question_keeps_the_english_frame(assistant: Assistant) -> None:
    declined = assistant.ask("What subsidies does Taiyuan give PhD holders?")
    assert declined.answer.startswith("The corpus says nothing about Taiyuan")


def test_a_detail_missing_for_every_place_asked_is_named_once_for_them_all(assistant: Assistant) -> None:
    declined = assistant.ask("What documents are needed in Harbor City and in Pine County?")
    assert declined.declined
    assert declined.answer.startswith(
        "The Harbor City and Pine County articles cover these places but do not give the documents required"
    )
    joined = Frames.load("en").join_and(["Liuzhou, Guangxi", "Wuhu", "Tai'an"])
    assert joined == "Liuzhou, Guangxi; Wuhu and Tai'an"
