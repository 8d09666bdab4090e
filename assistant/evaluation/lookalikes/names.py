"""The look-alike generator's name pools (assistant/data/lookalikes/names.json) and people's names."""

from __future__ import annotations

import json
import random
import re
from importlib.resources import files
from typing import Any, NamedTuple

DATA = files("assistant").joinpath("data", "lookalikes")


def load(name: str) -> Any:
    """One of the generator's data files (assistant/data/lookalikes/NAME), parsed."""
    return json.loads(DATA.joinpath(name).read_text(encoding="utf-8"))


class Province(NamedTuple):
    """A province or autonomous region with its capital, other cities and economic region."""

    name: str
    full: str  # "Hebei Province", "Guangxi Zhuang Autonomous Region"
    capital: str | None  # None where the real capital is a reserved name
    cities: tuple[str, ...]
    region: str  # read after "the": "the Bohai Rim"

    @property
    def is_region(self) -> bool:
        """True for an autonomous region."""
        return self.full.endswith("Region")

    @property
    def all_cities(self) -> tuple[str, ...]:
        """The capital (when usable) followed by the other cities."""
        return ((self.capital,) if self.capital else ()) + self.cities


_NAMES = load("names.json")
# Names from the five seed articles (places, people, programmes, organisations): never emitted.
SEED_NAMES: tuple[str, ...] = tuple(_NAMES["seed_names"])
# Cities that evaluation questions use as examples of places the corpus does not cover
# (evals/heldout.jsonl asks about a Wuhan hukou).
RESERVED_NAMES: tuple[str, ...] = tuple(_NAMES["reserved_names"])
PROVINCES: tuple[Province, ...] = tuple(
    Province(p["name"], p.get("full", f"{p['name']} Province"), p["capital"], tuple(p["cities"]), p["region"])
    for p in _NAMES["provinces"]
)
# Where each province lies, as in "Southwest China's Chengdu".
COMPASS: dict[str, str] = _NAMES["compass"]
# Real district and county names (deduplicated), combined freely with the cities above.
DISTRICTS: tuple[str, ...] = tuple(_NAMES["districts"])
SURNAMES: tuple[str, ...] = tuple(_NAMES["surnames"])
FOREIGN_CITIES: tuple[tuple[str, str], ...] = tuple((c, n) for c, n in _NAMES["foreign_cities"])
# (field, company line, first breakthrough, second breakthrough)
FIELDS: tuple[tuple[str, str, str, str], ...] = tuple((a, b, c, d) for a, b, c, d in _NAMES["fields"])
# Every list of names by its key: "hubs", "brands", "national_media", "month_abbreviations", ...
POOLS: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in _NAMES.items() if isinstance(v, list) and all(isinstance(x, str) for x in v)
}
# Whole-word matches of any seed or reserved name, e.g. a person called "Xie Ningbo".
_FORBIDDEN = re.compile(
    r"\b(?:" + "|".join(re.escape(n) for n in SEED_NAMES + RESERVED_NAMES) + r")\b", re.IGNORECASE
)


def _person(rng: random.Random) -> str:
    """A Chinese name in pinyin, surname first."""
    given = (
        rng.choice(POOLS["given_single"])
        if rng.random() < 0.2
        else (rng.choice(POOLS["given_first"]) + rng.choice(POOLS["given_second"]))
    )
    return f"{rng.choice(SURNAMES)} {given}"


def pick_person(rng: random.Random) -> str:
    """A person name that neither is nor contains a seed or reserved name."""
    name = _person(rng)
    while _FORBIDDEN.search(name):
        name = _person(rng)
    return name
