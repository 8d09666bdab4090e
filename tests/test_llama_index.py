"""The llama-index integration, driven through llama-index's own calls: retrieve, query, chat."""

from __future__ import annotations

from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.base.response.schema import Response
from llama_index.core.schema import NodeWithScore
from llama_index.core.tools import QueryEngineTool

from assistant import Assistant
from assistant.app.render import cited_text
from assistant.integrations.llama_index import PolicyChatEngine, PolicyQueryEngine, PolicyRetriever
from assistant.search.query import Filters

FIRST = "What does Pine County offer returning graduates?"
FOLLOW_UP = "How long is the loan interest-free?"
METADATA = {"title", "publisher", "date", "region", "path"}


def test_the_retriever_returns_chunks_with_their_articles_metadata(assistant: Assistant) -> None:
    nodes = PolicyRetriever(assistant).retrieve(FIRST)
    assert nodes and all(isinstance(n, NodeWithScore) for n in nodes)
    first = nodes[0]
    assert first.node.metadata["path"] == "corpus/pine_county.txt"
    assert set(first.node.metadata) == METADATA
    assert first.node.metadata["title"] == "Pine County opens rural talent stations"
    chunks = {c.id: c.text for a in assistant.index.snapshot().articles.values() for c in a.chunks}
    assert all(chunks[n.node.node_id] == n.node.get_content() for n in nodes)
    assert first.score is not None and first.score > 0
    assert len(PolicyRetriever(assistant, top_k=1).retrieve(FIRST)) == 1


def test_the_retriever_keeps_to_its_filters(assistant: Assistant) -> None:
    nodes = PolicyRetriever(assistant, Filters(region="Harbor")).retrieve(FIRST)
    assert nodes and {n.node.metadata["path"] for n in nodes} == {"corpus/harbor_city.txt"}


def test_the_query_engine_answers_with_its_citations_as_source_nodes(assistant: Assistant) -> None:
    response = PolicyQueryEngine(assistant=assistant).query(FIRST)
    assert isinstance(response, Response)
    assert str(response) == cited_text(assistant.ask(FIRST))
    assert "[1]" in str(response) and "\n\nSources:\n[1] Pine County" in str(response)
    (source,) = response.source_nodes
    assert source.node.metadata["path"] == "corpus/pine_county.txt" and source.node.metadata["n"] == 1
    assert source.node.get_content() in str(response)  # the quoted passage
    assert response.metadata is not None and response.metadata["declined"] is False


def test_the_query_engine_declines_with_nothing_cited(assistant: Assistant) -> None:
    response = PolicyQueryEngine(assistant=assistant).query("What is the minimum wage in Beijing?")
    assert "can't answer" in str(response) and response.source_nodes == []
    assert response.metadata is not None and response.metadata["declined"] is True


def test_the_query_engine_is_a_tool_for_an_agent(assistant: Assistant) -> None:
    tool = QueryEngineTool.from_defaults(
        PolicyQueryEngine(assistant=assistant), name="talent_policies", description="Talent policies."
    )
    output = tool.call(FIRST)
    assert "12 rural talent stations" in output.content and "Sources:" in output.content


def test_the_chat_engine_answers_follow_ups_from_the_conversation(assistant: Assistant) -> None:
    chat = PolicyChatEngine(assistant)
    first = chat.chat(FIRST)
    assert "Pine County" in first.response and first.source_nodes
    follow_up = chat.chat(FOLLOW_UP)  # "the loan" is Pine County's: the earlier turn says so
    assert follow_up.response == cited_text(assistant.ask([FIRST, FOLLOW_UP]))
    assert "two years" in follow_up.response
    assert follow_up.source_nodes[0].node.metadata["path"] == "corpus/pine_county.txt"
    roles = [m.role for m in chat.chat_history]
    assert roles == [MessageRole.USER, MessageRole.ASSISTANT] * 2
    chat.reset()
    assert chat.chat_history == []


def test_a_given_chat_history_is_the_conversation(assistant: Assistant) -> None:
    history = [
        ChatMessage(role=MessageRole.USER, content=FIRST),
        ChatMessage(role=MessageRole.ASSISTANT, content="Pine County sets up talent stations. [1]"),
    ]
    reply = PolicyChatEngine(assistant).chat(FOLLOW_UP, chat_history=history)
    assert reply.response == cited_text(assistant.ask([FIRST, FOLLOW_UP]))


def test_a_streamed_chat_is_the_same_answer_in_pieces(assistant: Assistant) -> None:
    chat = PolicyChatEngine(assistant)
    chat.chat(FIRST)
    streamed = chat.stream_chat(FOLLOW_UP)
    text = "".join(streamed.response_gen)
    assert text == cited_text(assistant.ask([FIRST, FOLLOW_UP]))
    assert streamed.source_nodes[0].node.metadata["path"] == "corpus/pine_county.txt"
    if streamed.write_response_to_history_thread is not None:
        streamed.write_response_to_history_thread.join(10)
    assert [m.role for m in chat.chat_history][-2:] == [MessageRole.USER, MessageRole.ASSISTANT]
