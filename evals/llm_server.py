"""A real OpenAI-compatible chat server on loopback that plays back scripted completions.

    python -m evals.llm_server --port 8765 [--invent-every 3]

Tests give it canned replies; the eval and manual runs use `composer`, which writes a cited answer
from the prompt's own numbered sources and, every Nth answer, adds a sentence with a made-up figure
and one citing a source that does not exist, so the guard has something to catch. It is a stand-in
for a model server, not a model: it answers only from the text it is sent.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from assistant.text import split_sentences, terms

Respond = Callable[[dict[str, Any]], str]
# How long a hanging request holds its connection at most, so a test run always ends.
HANG_SECONDS = 30.0
_SOURCE = re.compile(r'<source n="(\d+)">\n.*?\n"(.*?)"\n</source>', re.DOTALL)


class ScriptedServer:
    """ThreadingHTTPServer on 127.0.0.1 serving /v1/chat/completions, streamed (SSE) or not."""

    def __init__(
        self,
        respond: Respond,
        *,
        hang: bool = False,
        delay: float = 0.0,
        port: int = 0,
        status: int = 200,
        stall_after: str | None = None,
    ) -> None:
        self.respond = respond
        self.hang = hang
        self.status = status  # an error status answers every request with it
        self.stall_after = stall_after  # streaming stops, connection open, after the piece holding this
        self.delay = delay  # seconds between streamed pieces
        self.requests: list[dict[str, Any]] = []  # each request's body, with its Authorization header
        self._stop = threading.Event()
        self._http = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, name="scripted-llm", daemon=True)

    @property
    def url(self) -> str:
        """The base URL, ending in /v1 as OpenAI-compatible servers' do."""
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._http.shutdown()
        self._http.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read the recorded requests instead."""

            def do_POST(self) -> None:
                """One chat completion."""
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self.send_error(404, "no such endpoint")
                    return
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                server.requests.append({**body, "authorization": self.headers.get("Authorization")})
                if server.hang:
                    server._stop.wait(HANG_SECONDS)  # accepted, and never answered
                    return
                if server.status != 200:
                    self.send_error(server.status, "scripted error")
                    return
                text = server.respond(body)
                if body.get("stream"):
                    self._stream(text)
                else:
                    self._reply(text)

            def _reply(self, text: str) -> None:
                data = json.dumps(
                    {
                        "object": "chat.completion",
                        "model": "scripted",
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}],
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for piece in re.findall(r"\S*\s*", text):
                    if not piece:
                        continue
                    chunk = {
                        "object": "chat.completion.chunk",
                        "choices": [{"index": 0, "delta": {"content": piece}}],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    if server.stall_after and server.stall_after in piece:
                        server._stop.wait(HANG_SECONDS)
                        return
                    if server.delay:
                        time.sleep(server.delay)
                self.wfile.write(b"data: [DONE]\n\n")

        return Handler


def canned(answer: str, rewrite: str | None = None) -> Respond:
    """Reply `answer` to answer requests and `rewrite` (default: the last question) to rewrite requests."""

    def respond(body: dict[str, Any]) -> str:
        user = body["messages"][-1]["content"]
        if user.rstrip().endswith("Standalone question:"):
            last = re.search(r"Last question: (.*)", user)
            return rewrite if rewrite is not None else (last.group(1) if last else "")
        return answer

    return respond


def composer(invent_every: int = 0) -> Respond:
    """Write an answer from the prompt's sources: per source, its sentences closest to the question.

    Sentences are lightly reworded (the way a model paraphrases) and cited; with invent_every=N every
    Nth answer also gets a sentence with a figure no source gives and one citing a missing source.
    """
    count = 0
    lock = threading.Lock()

    def respond(body: dict[str, Any]) -> str:
        nonlocal count
        user = body["messages"][-1]["content"]
        if user.rstrip().endswith("Standalone question:"):
            return re.search(r"Last question: (.*)", user).group(1)  # type: ignore[union-attr]
        question = set(terms(re.search(r"Question: (.*)", user).group(1)))  # type: ignore[union-attr]
        parts = []
        for n, passage in _SOURCE.findall(user):
            sentences = split_sentences(passage)
            ranked = sorted(sentences, key=lambda s: -len(question & set(terms(s))))
            for sentence in sorted(ranked[:2], key=sentences.index):
                parts.append(f"{_reword(sentence)} [{n}]")
        with lock:
            count += 1
            invent = bool(invent_every) and count % invent_every == 0
        if invent and parts:
            parts.insert(1, "The subsidy was raised to 98,765 yuan in 2031 [1].")
            parts.append("Applicants must also hold a residence permit [7].")
        return " ".join(parts)

    return respond


def _reword(sentence: str) -> str:
    out = sentence.rstrip(".")
    for old, new in (("will ", "is going to "), (" can ", " may "), ("In addition, ", "Also, ")):
        out = out.replace(old, new)
    return out + "."


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--invent-every", type=int, default=3, help="every Nth answer gets made-up claims")
    args = parser.parse_args(argv)
    with ScriptedServer(composer(args.invent_every), port=args.port) as server:
        print(f"serving scripted completions at {server.url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
