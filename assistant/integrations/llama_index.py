"""The assistant for llama-index: its hybrid retriever, and its grounded answers as query and chat engines.

    retriever = PolicyRetriever(assistant)             # retriever.retrieve("...") -> [NodeWithScore]
    engine = PolicyQueryEngine(assistant=assistant)    # engine.query("...") -> Response, source_nodes
    chat = PolicyChatEngine(assistant)                 # chat.chat("..."), then follow-ups

Nodes carry the chunk's text and its article's metadata: title, publisher, date, region, path.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Generator, Sequence
from dataclasses import asdict
from typing import Any, cast

from llama_index.core.base.llms.types import ChatMessage, ChatResponse, MessageRole
from llama_index.core.base.response.schema import Response
from llama_index.core.chat_engine.types import (
    AgentChatResponse,
    BaseChatEngine,
    StreamingAgentChatResponse,
)
from llama_index.core.memory import BaseMemory
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.answering.answer import Answer, Citation, Streamed
from assistant.app.render import cited_text
from assistant.core import Assistant
from assistant.search.query import Filters, check_question, understand
from assistant.snapshot import Article


def _metadata(
    title: str | None, publisher: str | None, date: str | None, region: str | None, path: str
) -> dict[str, Any]:
    return {"title": title, "publisher": publisher, "date": date, "region": region, "path": path}


def _article_metadata(article: Article) -> dict[str, Any]:
    meta = article.meta
    return _metadata(meta.title, meta.publisher, meta.date, meta.region, article.path)


def citation_nodes(answer: Answer) -> list[NodeWithScore]:
    """An answer's citations as nodes: the quoted passage, its article's metadata and its number."""
    return [_citation_node(c) for c in answer.citations]


def _citation_node(c: Citation) -> NodeWithScore:
    metadata = {**_metadata(c.title, c.publisher, c.date, c.region, c.path), "n": c.n}
    return NodeWithScore(node=TextNode(text=c.quote, metadata=metadata), score=c.score)


def response_of(answer: Answer) -> Response:
    """A llama-index Response: the cited answer with its references, the citations as source nodes."""
    metadata = {"declined": answer.declined, "citations": [asdict(c) for c in answer.citations]}
    return Response(response=cited_text(answer), source_nodes=citation_nodes(answer), metadata=metadata)


class PolicyRetriever(BaseRetriever):
    """The hybrid (dense + BM25) retriever: each chunk found, best articles first, as a NodeWithScore."""

    def __init__(self, assistant: Assistant, filters: Filters | None = None, top_k: int = 10) -> None:
        super().__init__()
        self.assistant = assistant
        self.filters = filters or Filters()
        self.top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        question = check_question(query_bundle.query_str, self.assistant.settings.max_question_chars)
        retriever = self.assistant.retriever
        corpus = retriever.corpus
        read = self.assistant.reader(corpus)
        query = understand([question], corpus.gazetteer, read, spellings=corpus.spellings)
        hits = retriever.retrieve(query, self.filters)
        nodes = [
            NodeWithScore(
                node=TextNode(id_=chunk.id, text=chunk.text, metadata=_article_metadata(hit.article)),
                score=score,
            )
            for hit in hits
            for chunk, score in hit.chunks
        ]
        return nodes[: self.top_k]


class PolicyQueryEngine(CustomQueryEngine):
    """Grounded, cited answers: each query answered as a one-question conversation."""

    assistant: Assistant
    filters: Filters | None = None

    def custom_query(self, query_str: str) -> Response:
        """The answer with its references; its citations as source nodes."""
        return response_of(self.assistant.ask(query_str, self.filters))


class _History:
    """The chat's history, as the memory llama-index's streamed responses write the answer to."""

    def __init__(self, messages: list[ChatMessage]) -> None:
        self.messages = messages

    def put(self, message: ChatMessage) -> None:
        """Keep the answer, written when its stream has been read."""
        self.messages.append(message)


class PolicyChatEngine(BaseChatEngine):
    """A conversation: every user turn so far is what a follow-up leans on, as in the chat app."""

    def __init__(self, assistant: Assistant, filters: Filters | None = None) -> None:
        self.assistant = assistant
        self.filters = filters
        self._history: list[ChatMessage] = []

    @property
    def chat_history(self) -> list[ChatMessage]:
        """The conversation so far: user and assistant messages."""
        return list(self._history)

    def reset(self) -> None:
        """Start a new conversation."""
        self._history.clear()

    def _turns(self, message: str, chat_history: Sequence[ChatMessage] | None) -> list[str]:
        if chat_history is not None:
            self._history = list(chat_history)
        earlier = [m.content or "" for m in self._history if m.role == MessageRole.USER]
        self._history.append(ChatMessage(role=MessageRole.USER, content=message))
        return [*earlier, message]

    def chat(self, message: str, chat_history: list[ChatMessage] | None = None) -> AgentChatResponse:
        """Answer the message as the next turn of the conversation."""
        answer = self.assistant.ask(self._turns(message, chat_history), self.filters)
        text = cited_text(answer)
        self._history.append(ChatMessage(role=MessageRole.ASSISTANT, content=text))
        metadata = {"declined": answer.declined, "citations": [asdict(c) for c in answer.citations]}
        return AgentChatResponse(response=text, source_nodes=citation_nodes(answer), metadata=metadata)

    def stream_chat(
        self, message: str, chat_history: list[ChatMessage] | None = None
    ) -> StreamingAgentChatResponse:
        """The answer as it is written (`response_gen`); source nodes are set once it is read."""
        turns = self._turns(message, chat_history)
        response = StreamingAgentChatResponse()

        def pieces() -> Generator[ChatResponse, None, None]:
            streamed = Streamed(self.assistant.stream(turns, self.filters))
            text = ""
            for piece in streamed:
                text += piece
                yield ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=text), delta=piece)
            answer = streamed.answer
            response.source_nodes.extend(citation_nodes(answer))
            references = cited_text(answer).removeprefix(answer.answer)
            if references:
                full = ChatMessage(role=MessageRole.ASSISTANT, content=text + references)
                yield ChatResponse(message=full, delta=references)

        response.chat_stream = pieces()
        memory = cast(BaseMemory, _History(self._history))
        thread = threading.Thread(target=response.write_response_to_history, args=(memory,), daemon=True)
        response.write_response_to_history_thread = thread
        thread.start()
        return response

    async def achat(self, message: str, chat_history: list[ChatMessage] | None = None) -> AgentChatResponse:
        """chat() in a worker thread."""
        return await asyncio.to_thread(self.chat, message, chat_history)

    async def astream_chat(
        self, message: str, chat_history: list[ChatMessage] | None = None
    ) -> StreamingAgentChatResponse:
        """Not offered: use stream_chat, or achat."""
        raise NotImplementedError("PolicyChatEngine streams synchronously only: use stream_chat or achat")
