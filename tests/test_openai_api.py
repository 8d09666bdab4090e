"""The OpenAI-compatible API, driven by the official `openai` package against a running app."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from fakes import FakeEmbedder
from pydantic import SecretStr

from assistant import Assistant, Settings

TINY = Path(__file__).parent / "data" / "corpus"
README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
FIRST = "What does Pine County offer returning graduates?"
FOLLOW_UP = "How long is the loan interest-free?"
RATE_LIMIT = 12  # more than the questions the other tests ask as alice


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the tiny corpus with a login for two users, on a free loopback port."""
    from assistant.app.web import serve

    data = tmp_path_factory.mktemp("data")
    shutil.copytree(TINY, data / "corpus")
    settings = Settings(
        data_dir=data, host="127.0.0.1", rate_limit=RATE_LIMIT, auth=SecretStr("alice:pw1,bob:pw2")
    )
    demo = serve(settings, block=False, assistant=Assistant(settings, embedder=FakeEmbedder()))
    try:
        yield demo.local_url
    finally:
        demo.close()


def client(url: str, key: str = "alice:pw1") -> openai.OpenAI:
    """The official client; no retries, so a refusal is seen as it is."""
    return openai.OpenAI(base_url=f"{url}v1", api_key=key, max_retries=0, timeout=60)


def conversation() -> list[Any]:
    return [
        {"role": "system", "content": "You are helpful."},
        {"role": "user", "content": FIRST},
        {"role": "assistant", "content": "Pine County sets up rural talent stations. [1]"},
        {"role": "user", "content": [{"type": "text", "text": FOLLOW_UP}]},
    ]


def test_the_assistant_is_the_one_model(url: str) -> None:
    (model,) = client(url).models.list().data
    assert model.id == "policy-assistant" and model.object == "model"


def test_a_conversation_is_answered_with_its_references_and_citations(url: str) -> None:
    reply = client(url).chat.completions.create(model="policy-assistant", messages=conversation())
    text = reply.choices[0].message.content
    assert text is not None and reply.choices[0].finish_reason == "stop"
    answer, _, references = text.partition("\n\nSources:\n")
    # The follow-up leans on the first turn: the loan is Pine County's.
    assert "no interest for two years" in answer and "[1]" in answer
    assert references.startswith("[1] Pine County opens rural talent stations") and "pine_county.txt" in text
    citations = (reply.model_extra or {})["citations"]
    assert [c["n"] for c in citations] == [1]
    assert citations[0]["path"] == "corpus/pine_county.txt" and citations[0]["quote"] in references
    assert set(citations[0]) == {
        "n",
        "title",
        "publisher",
        "date",
        "region",
        "path",
        "quote",
        "score",
        "page",
    }


def test_a_streamed_reply_is_the_same_reply_in_pieces_with_citations_at_the_end(url: str) -> None:
    api = client(url)
    whole = api.chat.completions.create(model="policy-assistant", messages=conversation())
    chunks = list(api.chat.completions.create(model="policy-assistant", messages=conversation(), stream=True))
    assert len(chunks) >= 3 and chunks[0].choices[0].delta.role == "assistant"
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert streamed == whole.choices[0].message.content
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert (last.model_extra or {})["citations"] == (whole.model_extra or {})["citations"]
    assert all("citations" not in (c.model_extra or {}) for c in chunks[:-1])


def test_what_the_corpus_does_not_cover_is_declined_with_nothing_cited(url: str) -> None:
    reply = client(url).chat.completions.create(
        model="policy-assistant",
        messages=[{"role": "user", "content": "What is the minimum wage in Beijing?"}],
    )
    text = reply.choices[0].message.content or ""
    assert "can't answer" in text and "Sources:" not in text
    assert (reply.model_extra or {})["citations"] == []


@pytest.mark.parametrize(
    ("messages", "message"),
    [
        ([], "'messages' must be a non-empty list"),
        ([{"role": "user", "content": FIRST}, {"role": "assistant", "content": "…"}], "last message"),
        ([{"role": "user", "content": 42}], "must be a string or a list of text parts"),
        ([{"role": "user", "content": "   "}], "question"),
    ],
    ids=["no messages", "ends with the assistant", "bad content", "blank question"],
)
def test_a_bad_request_is_a_400_with_an_openai_error(url: str, messages: list[Any], message: str) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client(url).chat.completions.create(model="policy-assistant", messages=messages)
    error = caught.value.body
    assert isinstance(error, dict) and error["type"] == "invalid_request_error"
    assert message in error["message"] and "Traceback" not in error["message"]


def test_a_body_that_is_not_json_is_a_400(url: str) -> None:
    response = httpx.post(f"{url}v1/chat/completions", content=b"{", auth=("alice", "pw1"), timeout=30)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_the_app_login_is_asked_for_bearer_or_basic(url: str) -> None:
    for key in ("wrong", "alice:pw2", "bob:pw1"):
        with pytest.raises(openai.AuthenticationError) as caught:
            client(url, key).models.list()
        assert "Bearer user:password" in str(caught.value)
    assert httpx.get(f"{url}v1/models", timeout=30).status_code == 401
    assert httpx.get(f"{url}v1/models", auth=("bob", "pw2"), timeout=30).status_code == 200
    basic_wrong = httpx.post(f"{url}v1/chat/completions", json={}, auth=("bob", "nope"), timeout=30)
    assert basic_wrong.status_code == 401 and "WWW-Authenticate" in basic_wrong.headers


def test_each_client_has_the_apps_rate_limit(url: str) -> None:
    bob = client(url, "bob:pw2")
    messages: Any = [{"role": "user", "content": FIRST}]
    for _ in range(RATE_LIMIT):
        bob.chat.completions.create(model="policy-assistant", messages=messages)
    with pytest.raises(openai.RateLimitError) as caught:
        bob.chat.completions.create(model="policy-assistant", messages=messages, stream=True)
    assert "Please wait" in str(caught.value) and f"{RATE_LIMIT} questions in the last minute" in str(
        caught.value
    )
    # Another client is not slowed by the first.
    assert client(url).chat.completions.create(model="policy-assistant", messages=messages).choices


def test_the_readme_example_runs(url: str) -> None:
    (code,) = re.findall(r"```python openai\n(.*?)```", README, re.DOTALL)
    code = code.replace("http://127.0.0.1:7860/", url).replace("user:password", "alice:pw1")
    code = code.replace("What can a graduate get in Liangjiang New Area?", FIRST)  # the tiny corpus
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert "Sources:" in printed.getvalue() and "corpus/pine_county.txt" in printed.getvalue()
