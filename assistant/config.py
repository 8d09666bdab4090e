"""Settings overrides from a file (--config): JSON or TOML, checked against Settings' fields."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import AssistantError
from assistant.settings import Settings


def read_overrides(path: Path) -> dict[str, Any]:
    """The file's settings as a dict; AssistantError naming the file and the problem in one line."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AssistantError(f"cannot read the config file {path}: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw) if path.suffix == ".toml" else json.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        kind = "TOML" if path.suffix == ".toml" else "JSON"
        raise AssistantError(f"{path} is not valid {kind}: {exc}".splitlines()[0]) from exc
    if not isinstance(data, dict):
        raise AssistantError(f'{path} must hold an object of settings, e.g. {{"top_k": 20}}')
    unknown = sorted(set(data) - set(Settings.model_fields))
    if unknown:
        raise AssistantError(
            f"{path}: unknown setting {', '.join(repr(k) for k in unknown)}; "
            f"known: {', '.join(Settings.model_fields)}"
        )
    return data


def settings_with(overrides: dict[str, Any], source: str = "config") -> Settings:
    """Settings with the overrides applied; a bad value is one line naming the field."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "settings"
        raise AssistantError(f"{source}: invalid value for '{field}': {first['msg']}") from exc
