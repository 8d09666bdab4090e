"""The flags that set a settings field, declared with that field in one table, and the Settings a parsed
command line names: its flags, then its --config file, then the environment."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.settings import Settings


@dataclass(frozen=True)
class SettingFlag:
    """A command-line flag that sets the settings field of the same name; options go to add_argument."""

    flag: str
    field: str
    options: dict[str, Any]


# Where the data lives: flags of the command line itself, before the subcommand.
FOLDERS = (
    SettingFlag(
        "--data-dir",
        "data_dir",
        {"type": Path, "help": "folder holding corpus/ and index/ (env POLICY_ASSISTANT_DATA_DIR)"},
    ),
    SettingFlag(
        "--corpus-dir",
        "corpus_dir",
        {"type": Path, "help": "articles folder (env POLICY_ASSISTANT_CORPUS_DIR)"},
    ),
    SettingFlag(
        "--index-dir", "index_dir", {"type": Path, "help": "index folder (env POLICY_ASSISTANT_INDEX_DIR)"}
    ),
    SettingFlag(
        "--chroma-url",
        "chroma_url",
        {
            "help": "a Chroma server (`chroma run`) to hold the vectors, e.g. http://127.0.0.1:8000 "
            "(env POLICY_ASSISTANT_CHROMA_URL; default: the embedded store in the index folder)"
        },
    ),
)
# Who writes the answers: the same flags for every command that answers.
LLM = (
    SettingFlag(
        "--llm",
        "llm",
        {
            "choices": ["extractive", "openai", "local"],
            "help": "who writes the answer: quotes (default), an OpenAI-compatible server, a local GGUF "
            "model (env POLICY_ASSISTANT_LLM); the key comes only from POLICY_ASSISTANT_LLM_API_KEY or "
            "OPENAI_API_KEY",
        },
    ),
    SettingFlag(
        "--llm-base-url",
        "llm_base_url",
        {
            "help": "OpenAI-compatible server, e.g. http://localhost:8000/v1 "
            "(env POLICY_ASSISTANT_LLM_BASE_URL, else OPENAI_BASE_URL)"
        },
    ),
    SettingFlag("--llm-model", "llm_model", {"help": "model name on that server"}),
    SettingFlag("--llm-path", "llm_path", {"type": Path, "help": "GGUF model file for --llm local"}),
)
# Where the chat app listens.
SERVE = (
    SettingFlag(
        "--host", "host", {"help": "address to listen on (env POLICY_ASSISTANT_HOST, GRADIO_SERVER_NAME)"}
    ),
    SettingFlag(
        "--port", "port", {"type": int, "help": "port (env POLICY_ASSISTANT_PORT or GRADIO_SERVER_PORT)"}
    ),
    SettingFlag("--share", "share", {"action": "store_true", "help": "also open a public gradio.live link"}),
)


def add_flags(parser: argparse.ArgumentParser, flags: tuple[SettingFlag, ...]) -> None:
    """Add the flags to parser; one not given is left out of the parsed arguments, so that the file, the
    environment or the default decides."""
    for flag in flags:
        parser.add_argument(flag.flag, dest=flag.field, default=argparse.SUPPRESS, **flag.options)


def add_config(parser: argparse.ArgumentParser) -> None:
    """--config FILE: settings from a file, below the flags and above the environment."""
    parser.add_argument(
        "--config",
        type=Path,
        help='JSON or TOML file of settings, e.g. {"top_k": 20}; flags win over it, it over the environment',
    )


def settings(args: argparse.Namespace) -> Settings:
    """The settings the parsed command line names: its flags, then its --config file, then the
    environment, then the defaults."""
    given = {f.field: getattr(args, f.field) for f in (*FOLDERS, *LLM, *SERVE) if hasattr(args, f.field)}
    return Settings.read(getattr(args, "config", None), **given)
