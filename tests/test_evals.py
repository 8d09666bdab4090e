"""The evaluation tools: deterministic look-alikes, and scoring that catches bad answers."""

import json
import re
from pathlib import Path

import pytest

from assistant.answering.answer import Answer, Citation
from assistant.errors import AssistantError
from assistant.evaluation import Case, load_cases, numbers_in, score_case, summarize
from assistant.evaluation.lookalikes import PROVINCES, RESERVED_NAMES, SEED_NAMES, generate
from assistant.evaluation.support import SupportChecker, statements
from assistant.evaluation.workspace import prepare

EVALS = Path(__file__).parent.parent / "evals"


def test_lookalikes_are_deterministic_and_prefix_stable() -> None:
    first = list(generate(30, seed=3))
    assert first == list(generate(30, seed=3))
    assert first[:10] == list(generate(10, seed=3))
    assert first != list(generate(30, seed=4))


def test_lookalikes_never_name_a_seed_place_or_an_out_of_corpus_one() -> None:
    names = SEED_NAMES + RESERVED_NAMES
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
    for _, text in generate(300, seed=0):
        assert not pattern.search(text)


def test_no_out_of_corpus_case_asks_about_a_city_the_look_alikes_cover() -> None:
    # A look-alike about such a city would make the case answerable: the corpus would cover it.
    cities = {c for province in PROVINCES for c in province.all_cities} | {p.name for p in PROVINCES}
    for name in ("questions.jsonl", "heldout.jsonl"):
        for case in load_cases(EVALS / name):
            if case.decline:
                words = set(re.findall(r"[A-Z][a-z]+", " ".join(case.turns)))
                assert not words & cities, (case.id, words & cities)


def _answer(text: str, paths: list[str], declined: bool = False) -> Answer:
    citations = [Citation(i, None, None, None, None, p, "q", 0.1) for i, p in enumerate(paths, 1)]
    return Answer("q", text, declined, citations)


def test_scoring_counts_gold_facts_citations_and_numbers() -> None:
    case = Case("c1", "figure", ["q"], sources=["corpus/a.txt"], facts=[["10,000 yuan"], ["graduates?"]])
    texts = {"corpus/a.txt": "Graduates get 10,000 yuan.", "corpus/b.txt": "Nothing here."}
    good = score_case(case, _answer("Graduates get 10,000 yuan. [1]", ["corpus/a.txt"]), 0.01, texts)
    assert good.gold_first and good.facts_found == 2 and good.numbers_faithful
    assert good.statements_supported == good.statements == 1 and good.citations_credited == 1
    bad = score_case(
        case, _answer("They get 20,000 yuan. [1] [2]", ["corpus/b.txt", "corpus/a.txt"]), 0.01, texts
    )
    assert not bad.gold_first and bad.reciprocal_rank == 0.5
    assert not bad.numbers_faithful and bad.unfaithful_numbers == ["20000"]
    assert bad.cited_relevant == 1 and bad.missing_facts == ["10,000 yuan", "graduates?"]
    totals = summarize([good, bad])
    assert totals["gold_first"] == 0.5 and totals["citation_precision"] == 2 / 3
    assert totals["number_faithfulness"] == 0.5
    # a figure of the asker's own question, quoted where the answer names what the article does not give,
    # is not a figure the answer claims (one the answer says of its own still is)
    asked = Case("c2", "partial", ["我本人为博士. 请问8万元补贴是一次性发放吗"], sources=["corpus/a.txt"])
    noted = "Graduates get 10,000 yuan. [1]\n关于A的文章没有给出“我本人为博士, 请问8万元补贴是一次性发放吗”"
    assert score_case(asked, _answer(noted, ["corpus/a.txt"]), 0.01, texts).numbers_faithful
    claimed = "Graduates get 10,000 yuan. [1] The rest, 8 yuan, is paid later. [1]"
    assert not score_case(asked, _answer(claimed, ["corpus/a.txt"]), 0.01, texts).numbers_faithful
    # nor is one it wrote in Chinese numerals, quoted back in translation
    within = Case("c3", "partial", ["1. 三年内 how many units are planned?"], sources=["corpus/a.txt"])
    noted = "Graduates get 10,000 yuan. [1]\nIt does not give “how many units are planned, 3 years”."
    assert score_case(within, _answer(noted, ["corpus/a.txt"]), 0.01, texts).numbers_faithful
    claimed = "Graduates get 10,000 yuan. [1] The units are planned over 3 years. [1]"
    assert not score_case(within, _answer(claimed, ["corpus/a.txt"]), 0.01, texts).numbers_faithful


def test_recall_at_k_reads_the_retrieval_order_after_the_citations() -> None:
    case = Case("c", "cross", ["q"], sources=["corpus/a.txt", "corpus/b.txt"])
    score = score_case(
        case,
        _answer("A says so. [1]", ["corpus/a.txt"]),
        0.0,
        {"corpus/a.txt": "A says so."},
        ranking=[
            "corpus/x.txt",
            "corpus/a.txt",
            "corpus/y.txt",
            "corpus/z.txt",
            "corpus/w.txt",
            "corpus/b.txt",
        ],
    )
    assert score.ranking[:3] == ["corpus/a.txt", "corpus/x.txt", "corpus/y.txt"]
    assert score.recall_at == {"1": 0.5, "5": 0.5, "10": 1.0}


def test_alce_credits_supporting_citations_only() -> None:
    texts = {
        "a.txt": "Pine County will set up 12 rural talent stations. Each station offers free office space.",
        "b.txt": "Harbor City pays a housing subsidy of 1,500 yuan a month.",
    }
    answer = _answer(
        "Pine County will set up 12 rural talent stations. [1][2] Harbor City pays 1,500 yuan. [2]\n"
        "The moon is made of cheese. [1]",
        ["a.txt", "b.txt"],
    )
    said = statements(answer)
    assert [s.cites for s in said] == [("a.txt", "b.txt"), ("b.txt",), ("a.txt",)]
    alce = SupportChecker().alce(said, texts)
    # Sentence 1: supported, but b.txt is redundant; sentence 2: supported; sentence 3: not.
    assert (alce.statements, alce.supported, alce.citations, alce.credited) == (3, 2, 4, 2)


def test_a_figure_must_be_in_the_article_its_sentence_cites() -> None:
    texts = {"a.txt": "It has 12 stations.", "b.txt": "It pays 1,500 yuan."}
    swapped = _answer("It pays 1,500 yuan. [1] It has 12 stations. [2]", ["a.txt", "b.txt"])
    score = score_case(Case("c", "figure", ["q"], sources=["a.txt"]), swapped, 0.0, texts)
    assert score.unfaithful_numbers == ["12", "1500"]


def test_decline_cases_need_a_decline_with_no_citations() -> None:
    case = Case("c2", "out_of_corpus", ["q"], decline=True, forbid=["1 billion"])
    declined = score_case(case, _answer("The corpus does not say.", [], declined=True), 0.0, {})
    assert declined.decline_correct and not declined.forbidden_found and declined.gold_first is None
    fooled = score_case(case, _answer("It is 1 billion yuan. [1]", ["corpus/a.txt"]), 0.0, {})
    assert not fooled.decline_correct and fooled.forbidden_found == ["1 billion"]
    assert numbers_in("Up 12.1% to 2,100 [1].") == {"12.1", "2100"}


def test_question_sets_parse_and_cover_every_kind() -> None:
    questions = load_cases(EVALS / "questions.jsonl")
    assert len(questions) >= 80
    kinds = {c.kind for c in questions}
    assert {"fact", "figure", "list", "cross", "followup", "out_of_corpus", "injection", "chinese"} <= kinds
    assert all(c.decline == (not c.sources) for c in questions)
    assert len(load_cases(EVALS / "heldout.jsonl")) >= 40


def test_a_bad_question_set_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "a", "turns": ["q"]}) + "\n" + json.dumps({"id": "a", "turns": ["r"]}))
    with pytest.raises(AssistantError, match=r"q.jsonl:2: the id 'a' is used twice"):
        load_cases(path)
    path.write_text('{"id": "x"}\n')
    with pytest.raises(AssistantError, match=r"q.jsonl:1: not a valid case"):
        load_cases(path)


def test_workspace_keeps_distractors_until_their_recipe_changes(tmp_path: Path) -> None:
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A seed article about talent.", encoding="utf-8")
    data = prepare(tmp_path / "work", corpus, 4, seed=1)
    files = sorted((data / "corpus" / "lookalikes").iterdir())
    assert len(files) == 4 and (data / "corpus" / "a.txt").is_file()
    stamp = files[0].stat().st_mtime_ns
    assert prepare(tmp_path / "work", corpus, 4, seed=1) == data
    assert files[0].stat().st_mtime_ns == stamp  # kept, not rewritten
    prepare(tmp_path / "work", corpus, 2, seed=1)
    assert len(list((data / "corpus" / "lookalikes").iterdir())) == 2
    (corpus / "a.txt").unlink()
    prepare(tmp_path / "work", corpus, 2, seed=1)
    assert not (data / "corpus" / "a.txt").exists()


def test_an_article_date_is_written_the_ways_an_answer_writes_it() -> None:
    from assistant.evaluation.runner import _written_date

    assert _written_date("2020-09-24") == "2020-09-24 September 24, 2020"
    assert _written_date(None) is None
    assert _written_date("spring 2020") == "spring 2020"
