"""Errors a user can act on: each message names the fix."""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error the CLI and the UI turn into one clear line."""


class BadQuestion(AssistantError):
    """The question cannot be asked as it is (empty, too long, unprintable)."""


class IndexMissing(AssistantError):
    """No index has been built for the current settings."""

    def __init__(self, index_dir: str) -> None:
        super().__init__(
            f"no index in {index_dir} for the current settings: run `policy-assistant ingest` first"
        )


class IngestBusy(AssistantError):
    """Another ingest holds the index lock."""

    def __init__(self, lock_path: str) -> None:
        super().__init__(f"another ingest is running on this index (lock {lock_path}); wait for it to finish")


class ModelUnavailable(AssistantError):
    """The embedding model cannot be loaded offline."""


class StoreUnavailable(AssistantError):
    """The Chroma server named by the settings does not answer."""

    def __init__(self, url: str) -> None:
        super().__init__(
            f"cannot reach the Chroma server at {url}: start it with `chroma run --path DIR --port PORT`, "
            "or fix POLICY_ASSISTANT_CHROMA_URL (--chroma-url); unset it to use the embedded store"
        )


class SkippedDocument(AssistantError):
    """A file that ingest reports and skips; the message is the reason."""


class LLMUnavailable(AssistantError):
    """The configured LLM cannot answer now (down, too slow, misconfigured); the message says why."""
