"""An OpenAI-compatible API for the assistant itself: /v1/models and /v1/chat/completions.

Open WebUI, LibreChat, Chatbox or any OpenAI SDK can use the assistant as a model. The user messages
are the conversation's turns; the reply is the cited answer with its reference list, and the
citations come as data too, in an extra top-level field `citations`. The routes are served beside
the Gradio app by the same server (see assistant.app.web.serve), with the app's login and rate limit.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import time
import uuid
from collections.abc import Generator, Iterator, Sequence
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute

from assistant.answering.answer import Answer, Streamed, collect
from assistant.app.ratelimit import RateLimited
from assistant.app.render import cited_text
from assistant.app.service import BUILD_WAIT_SECONDS, ChatService, IndexNotReady
from assistant.errors import AssistantError, BadQuestion

log = logging.getLogger(__name__)
MODEL = "policy-assistant"
OOPS = "Something went wrong on our side and it has been logged. Please try again."


class ApiError(Exception):
    """A request refused with an OpenAI-style error object."""

    def __init__(self, status: int, message: str, kind: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.kind, self.code = status, message, kind, code

    def response(self) -> JSONResponse:
        """The error as OpenAI's API returns one: {"error": {message, type, param, code}}."""
        body = {"error": {"message": self.message, "type": self.kind, "param": None, "code": self.code}}
        headers = {"WWW-Authenticate": 'Basic realm="policy-assistant"'} if self.status == 401 else None
        return JSONResponse(body, status_code=self.status, headers=headers)


def bad_request(message: str) -> ApiError:
    """A 400 invalid_request_error."""
    return ApiError(400, message, "invalid_request_error")


def turns_of(body: Any) -> list[str]:
    """The conversation's user turns, in order, from a chat-completions request body."""
    if not isinstance(body, dict):
        raise bad_request("the request body must be a JSON object")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_request("'messages' must be a non-empty list of {role, content} objects")
    turns: list[str] = []
    for number, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise bad_request(f"messages[{number}] must be an object with a 'role'")
        if message["role"] == "user":
            turns.append(_text(message.get("content"), number))
    if messages[-1].get("role") != "user":
        raise bad_request("the last message must be the user's question")
    if not isinstance(body.get("stream", False), bool):
        raise bad_request("'stream' must be true or false")
    return turns


def _text(value: Any, number: int) -> str:
    """A message's content: a string, or the text parts of a list of content parts."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(p, dict) for p in value):
        return "\n".join(str(p.get("text", "")) for p in value if p.get("type") == "text")
    raise bad_request(f"messages[{number}].content must be a string or a list of text parts")


def login(authorization: str | None, credentials: Sequence[tuple[str, str]] | None) -> str | None:
    """The signed-in user from `Bearer user:password` or HTTP Basic; None when the app is open."""
    if credentials is None:
        return None
    scheme, _, value = (authorization or "").partition(" ")
    pair = value.strip()
    if scheme.lower() == "basic":
        try:
            pair = base64.b64decode(pair, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            pair = ""
    elif scheme.lower() != "bearer":
        pair = ""
    user, _, password = pair.partition(":")
    accepted = None
    for known_user, known_password in credentials:
        # Every pair is compared in full: the time taken says nothing about which part failed.
        user_ok = hmac.compare_digest(user.encode(), known_user.encode())
        password_ok = hmac.compare_digest(password.encode(), known_password.encode())
        if user_ok and password_ok:
            accepted = user
    if accepted is None:
        raise ApiError(
            401,
            "this assistant asks for a login: send `Authorization: Bearer user:password` "
            "(the API key) or HTTP Basic",
            "invalid_request_error",
            "invalid_api_key",
        )
    return accepted


class ChatCompletions:
    """The routes, answering with the same ChatService as the chat app."""

    def __init__(self, service: ChatService) -> None:
        self.service = service
        self.credentials = service.settings.credentials()
        self.created = int(time.time())

    def routes(self) -> list[BaseRoute]:
        """The API's routes, to serve beside the Gradio app."""
        router = APIRouter()
        router.add_api_route("/v1/models", self.models, methods=["GET"], include_in_schema=False)
        router.add_api_route(
            "/v1/chat/completions", self.completions, methods=["POST"], include_in_schema=False
        )
        return list(router.routes)

    async def models(self, request: Request) -> Response:
        """GET /v1/models: the one model, the assistant."""
        try:
            login(request.headers.get("authorization"), self.credentials)
        except ApiError as exc:
            return exc.response()
        model = {"id": MODEL, "object": "model", "created": self.created, "owned_by": "policy-assistant"}
        return JSONResponse({"object": "list", "data": [model]})

    async def completions(self, request: Request) -> Response:
        """POST /v1/chat/completions: the answer to the last user turn, streamed with SSE or not."""
        try:
            user = login(request.headers.get("authorization"), self.credentials)
            try:
                body = json.loads(await request.body())
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise bad_request(f"the request body is not JSON ({exc.__class__.__name__})") from exc
            turns = turns_of(body)
            # Each client has its own allowance: its login, else its address.
            client = user or (request.client.host if request.client else "unknown")
            stream = await run_in_threadpool(self._start, turns, f"openai-api:{client}")
        except ApiError as exc:
            return exc.response()
        reply_id = f"chatcmpl-{uuid.uuid4().hex}"
        if body.get("stream"):
            return StreamingResponse(
                self._events(reply_id, stream),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache"},
            )
        try:
            answer = await run_in_threadpool(collect, stream)
        except Exception:
            log.exception("answering through the OpenAI-compatible API failed")
            return ApiError(500, OOPS, "server_error").response()
        message = {"role": "assistant", "content": cited_text(answer)}
        return JSONResponse(
            {
                **self._head(reply_id, "chat.completion"),
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "citations": [asdict(c) for c in answer.citations],
            }
        )

    def _start(self, turns: list[str], session: str) -> Generator[str, None, Answer]:
        """The answer's stream with its first piece read, so a refused question is an HTTP error."""
        # An API caller would rather wait for a first build than get an error to retry.
        self.service.wait(BUILD_WAIT_SECONDS)
        try:
            stream = self.service.stream(turns, session=session)
            try:
                first = next(stream)
            except StopIteration as done:
                return _just(done.value)
        except BadQuestion as exc:
            raise bad_request(str(exc)) from exc
        except RateLimited as exc:
            raise ApiError(429, str(exc), "rate_limit_exceeded", "rate_limit_exceeded") from exc
        except IndexNotReady as exc:
            raise ApiError(503, str(exc), "server_error", "index_not_ready") from exc
        except AssistantError as exc:
            raise ApiError(503, str(exc), "server_error") from exc
        except Exception as exc:
            log.exception("answering through the OpenAI-compatible API failed")
            raise ApiError(500, OOPS, "server_error") from exc
        return _after(first, stream)

    def _head(self, reply_id: str, kind: str) -> dict[str, Any]:
        return {"id": reply_id, "object": kind, "created": int(time.time()), "model": MODEL}

    def _events(self, reply_id: str, stream: Generator[str, None, Answer]) -> Iterator[str]:
        """Server-sent events: a role chunk, the answer's pieces, the references, a final chunk."""

        def chunk(delta: dict[str, str], finish: str | None = None, **extra: Any) -> str:
            choice = {"index": 0, "delta": delta, "finish_reason": finish}
            data = {**self._head(reply_id, "chat.completion.chunk"), "choices": [choice], **extra}
            return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

        yield chunk({"role": "assistant", "content": ""})
        streamed = Streamed(stream)
        try:
            for piece in streamed:
                yield chunk({"content": piece})
        except Exception as exc:
            # The status line is sent: the error goes in the stream, as OpenAI's API does.
            message = str(exc) if isinstance(exc, AssistantError) else OOPS
            if not isinstance(exc, AssistantError):
                log.exception("streaming through the OpenAI-compatible API failed")
            error = {"message": message, "type": "server_error", "param": None, "code": None}
            yield f"data: {json.dumps({'error': error}, ensure_ascii=False)}\n\n"
            return
        answer = streamed.answer
        if answer.citations:  # the reference list, as the whole reply has it
            yield chunk({"content": cited_text(answer).removeprefix(answer.answer)})
        yield chunk({}, "stop", citations=[asdict(c) for c in answer.citations])
        yield "data: [DONE]\n\n"


def _just(answer: Answer) -> Generator[str, None, Answer]:
    """A stream that has nothing more to say and returns answer."""
    return answer
    yield ""  # a generator, never reached


def _after(first: str, rest: Generator[str, None, Answer]) -> Generator[str, None, Answer]:
    """The stream again, its first piece put back."""
    yield first
    return (yield from rest)
