"""A settings file (--config): pydantic-settings' own TOML or JSON source, with errors that name the
file and what is wrong with it in one line."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import (
    BaseSettings,
    InitSettingsSource,
    JsonConfigSettingsSource,
    TomlConfigSettingsSource,
)

from assistant.errors import AssistantError


def file_source(settings_cls: type[BaseSettings], path: Path) -> InitSettingsSource:
    """The library's source for the file at path (TOML by its suffix, else JSON), read now: a file that
    cannot be read, does not parse, is not a table or names a setting that does not exist is an
    AssistantError."""
    kind = "TOML" if path.suffix == ".toml" else "JSON"
    source: InitSettingsSource
    try:
        with path.open("rb"):  # the library skips a missing file; here it is an error
            pass
        if kind == "TOML":
            toml = TomlConfigSettingsSource(settings_cls, toml_file=path)
            source, data = toml, toml.toml_data
        else:
            js = JsonConfigSettingsSource(settings_cls, json_file=path)
            source, data = js, js.json_data
    except OSError as exc:
        raise AssistantError(f"cannot read the config file {path}: {exc.strerror}") from exc
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AssistantError(f"{path} is not valid {kind}: {exc}".splitlines()[0]) from exc
    except (TypeError, ValueError) as exc:  # a list, a string or a number where a table belongs
        raise AssistantError(f'{path} must hold an object of settings, e.g. {{"top_k": 20}}') from exc
    fields = settings_cls.model_fields
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise AssistantError(
            f"{path}: unknown setting {', '.join(repr(k) for k in unknown)}; known: {', '.join(fields)}"
        )
    return source


def invalid_value(path: Path, exc: ValidationError) -> AssistantError:
    """A bad value read with a settings file, as one line naming the file and the field."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "settings"
    return AssistantError(f"{path}: invalid value for '{field}': {first['msg']}")
