"""One look-alike article's slots: its names and figures, drawn lazily and then reused."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from assistant.evaluation.lookalikes.names import (
    COMPASS,
    DISTRICTS,
    FIELDS,
    FOREIGN_CITIES,
    POOLS,
    PROVINCES,
    pick_person,
)
from assistant.text import MONTHS, NUMBER_WORDS

_MONTH_ABBR = POOLS["month_abbreviations"]
_WORD_NUMBERS = NUMBER_WORDS[:13]  # zero to twelve: the counts the templates write out

# ----------------------------------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------------------------------

_FIGURE = re.compile(r"\[\[([^\]|]+)(?:\|(\w+))?\]\]")


def _word_number(rng: random.Random, literal: str) -> str:
    """Another number word between two and ten, capitalised like the original."""
    old = _WORD_NUMBERS.index(literal.lower())
    new = rng.choice([n for n in range(2, 11) if n != old])
    word = _WORD_NUMBERS[new]
    return word.capitalize() if literal[0].isupper() else word


def other_figure(rng: random.Random, literal: str) -> str:
    """A different figure of the same shape and similar size: '825,000' -> '512,000'."""
    if literal.lower() in _WORD_NUMBERS:
        return _word_number(rng, literal)
    percent = literal.endswith("%")
    core = literal.rstrip("%")
    value = float(core.replace(",", ""))
    decimals = len(core.split(".")[1]) if "." in core else 0
    if decimals:
        step = 10.0**-decimals
    else:
        digits = core.replace(",", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        step = 10.0 ** (zeros if zeros < len(digits) - 1 else max(zeros - 1, 0))
    for _ in range(50):
        new = round(value * rng.uniform(0.4, 2.5) / step) * step
        if percent and new >= 100:
            new = round(value * rng.uniform(0.4, 0.95) / step) * step
        new = max(new, step)
        text = f"{new:.{decimals}f}" if decimals else (f"{int(new):,}" if "," in core else str(int(new)))
        if text != core:
            return text + ("%" if percent else "")
    return f"{value + step:.{decimals}f}" + ("%" if percent else "")  # pragma: no cover


class Slots(dict[str, str]):
    """Values for one article's ``{slots}``; a missing slot is drawn once, then reused."""

    def __init__(self, rng: random.Random, when: date) -> None:
        """Draw the article's date, province, city and district."""
        super().__init__()
        self.rng = rng
        self.when = when
        self.province = rng.choice(PROVINCES)
        self.city_is_capital = self.province.capital is not None and rng.random() < 0.35
        city = self.province.capital if self.city_is_capital else rng.choice(self.province.cities)
        assert city is not None
        p = self.province
        self.update(
            province=p.name,
            province_full=p.full if p.is_region else f"{p.name} province",
            Province_full=p.full,
            prov_kind="region" if p.is_region else "province",
            prov_adj="regional" if p.is_region else "provincial",
            committee=(f"CPC {p.full}al Committee" if p.is_region else f"CPC {p.name} Provincial Committee"),
            region=p.region,
            city=city,
            CITY=city.upper(),
            district=rng.choice(DISTRICTS),
            year=str(when.year),
            prev_year=str(when.year - 1),
            year_m2=str(when.year - 2),
            past_year=str(when.year - rng.randint(2, 6)),
            month=MONTHS[when.month - 1],
            next_month=MONTHS[when.month % 12],
            day=str(when.day),
            mon_abbr=_MONTH_ABBR[when.month - 1],
            date_long=f"{MONTHS[when.month - 1]} {when.day}, {when.year}",
        )

    def __missing__(self, key: str) -> str:
        """Draw a value for ``key`` with its maker, remember it and return it."""
        if key.endswith("_surname"):
            value = self[key[: -len("_surname")]].split()[0]
        else:
            maker = _MAKERS.get(key) or _MAKERS.get(key.rstrip("0123456789"))
            if maker is None:
                raise KeyError(f"no maker for slot {{{key}}}")
            value = maker(self, key)
        self[key] = self.get(key, value)  # a maker may already have set it (paired slots)
        return self[key]

    def figure(self, match: re.Match[str]) -> str:
        """Replacement for one ``[[figure]]`` or ``[[figure|name]]`` marker."""
        literal, name = match.group(1), match.group(2)
        if name is None:
            return other_figure(self.rng, literal)
        key = f"figure:{name}"
        if key not in self:
            self[key] = other_figure(self.rng, literal)
        return self[key]

    def fill(self, template: str) -> str:
        """The template with every figure and slot filled."""
        if "[[" in template:
            template = _FIGURE.sub(self.figure, template)
        return template.format_map(self)

    def distinct(self, key: str, draw: Callable[[], str]) -> str:
        """A drawn value not yet used by a slot of the same family (city, city2, ..., city9)."""
        family = key.rstrip("0123456789")
        used = [self[k] for k in (family, *(f"{family}{i}" for i in range(2, 10))) if k in self]
        for _ in range(30):
            value = draw()
            if value not in used:
                return value
        return value


def _listing(
    count_key: str,
    list_key: str,
    pool: Sequence[str],
    low: int,
    high: int,
    *,
    capital: bool = False,
    always: str = "",
) -> Callable[[Slots, str], str]:
    """A maker that sets a count word and a matching English list drawn from ``pool``."""

    def make(s: Slots, key: str) -> str:
        k = s.rng.randint(low, high)
        items = s.rng.sample(list(pool), k - bool(always))
        if always:
            items.append(always)
        word = _WORD_NUMBERS[k]
        s[count_key] = word.capitalize() if capital else word
        s[list_key] = ", ".join(items[:-1]) + ", and " + items[-1]
        return s[key]

    return make


def _city(s: Slots, key: str) -> str:
    """Another city of the article's province (any province's city once those run out)."""
    pool = s.province.all_cities
    if len(pool) < 5:
        pool = pool + tuple(c for p in PROVINCES for c in p.cities[:2])
    return s.distinct(key, lambda: s.rng.choice(pool))


def _place(s: Slots, key: str) -> str:
    """The subject of a bank article: a city, district, county, new area, zone or province."""
    city, district, rng = s["city"], s["district"], s.rng
    kind = rng.randrange(7)
    if kind <= 1:
        place, short = (f"{city} City" if kind else city), city
    elif kind == 2:
        place, short = f"{district} District of {city}", f"{district} District"
    elif kind == 3:
        place, short = f"{district} County of {city}", f"{district} County"
    elif kind == 4:
        place, short = f"{city} {district} New Area", f"{district} New Area"
    elif kind == 5:
        place, short = f"{city} {district} High-tech Zone", f"{district} High-tech Zone"
    else:
        place, short = s["province_full"], s["province"]
    s["place"], s["place_short"] = place, short
    s["domain"] = re.sub(r"[^a-z]", "", (city if kind <= 1 else district).lower())
    return s[key]


def _field(s: Slots, key: str) -> str:
    """A research field with a company line and two breakthroughs."""
    field, line, feat1, feat2 = s.rng.choice(FIELDS)
    s.update(field=field, field_line=line, feat1=feat1, feat2=feat2)
    return s[key]


def _foreign_city(s: Slots, key: str) -> str:
    """A foreign city and its country."""
    s["fcity"], s["fcountry"] = s.rng.choice(FOREIGN_CITIES)
    return s[key]


def _event_span(s: Slots, key: str) -> str:
    """A two-day event a few days after the article date: 'November 21 to 22'."""
    first = s.when + timedelta(days=s.rng.randint(2, 10))
    second = first + timedelta(days=1)
    tail = str(second.day) if second.month == first.month else f"{MONTHS[second.month - 1]} {second.day}"
    return f"{MONTHS[first.month - 1]} {first.day} to {tail}"


def _byline_outlet(s: Slots, key: str) -> str:
    """A newspaper for a byline."""
    p, city = s["province"], s["city"]
    return s.rng.choice(
        (
            f"New {p}·{p} Daily",
            f"{p} Daily",
            f"{city} Evening News",
            f"{p} News Network",
            s.rng.choice(POOLS["national_media"]),
        )
    )


def _source(s: Slots, key: str) -> str:
    """An organisation for a SOURCE or [Source: ...] line."""
    p, city, district = s["Province_full"], s["city"], s["district"]
    return s.rng.choice(
        (
            f"{city} {district} New Area Administrative Committee",
            f"{city} Municipal Human Resources and Social Security Bureau",
            f"Talent Office of {s['committee']}",
            f"Website of the Department of Human Resources and Social Security of {p}",
            f"{s['province']} Daily",
            "Xinhua",
            "China Daily",
            f"Website of the Organization Department of the {s['committee']}",
        )
    )


def _choice(pool: Sequence[str]) -> Callable[[Slots, str], str]:
    """A maker that picks distinct values from ``pool``."""
    return lambda s, key: s.distinct(key, lambda: s.rng.choice(pool))


_MAKERS: dict[str, Callable[[Slots, str], str]] = {
    "city": _city,
    "district": _choice(DISTRICTS),
    "person": lambda s, key: s.distinct(key, lambda: pick_person(s.rng)),
    "media": _choice(POOLS["national_media"]),
    "site": _choice(POOLS["web_sites"]),
    "outlet": _byline_outlet,
    "source": _source,
    "title": _choice(POOLS["official_titles"]),
    "compass": lambda s, key: COMPASS[s.province.name],
    "month_a": _choice(MONTHS),
    "month_b": _choice(MONTHS),
    "event_span": _event_span,
    "goose": lambda s, key: " ".join(
        (s.rng.choice(POOLS["programme_adjectives"]), s.rng.choice(POOLS["programme_nouns"]))
    ),
    "talent_program": _choice(POOLS["talent_programs"]),
    "hub": _choice(POOLS["hubs"]),
    "bank_product": _choice(POOLS["bank_products"]),
    "reform": _choice(POOLS["reforms"]),
    "academy_home": _choice(POOLS["academy_homes"]),
    "method": _choice(POOLS["methods"]),
    "herb": _choice(POOLS["herbs"]),
    "brand": _choice(POOLS["brands"]),
    "country": _choice(POOLS["countries"]),
    "overseas_regions": _choice(POOLS["overseas_regions"]),
    "fcity": _foreign_city,
    "fcountry": _foreign_city,
    "field": _field,
    "field_line": _field,
    "feat1": _field,
    "feat2": _field,
    "university": lambda s, key: s.rng.choice(
        (
            f"{s['city']} University of Technology",
            f"{s['province']} University of Science and Technology",
            f"{s['city']} Institute of Technology",
            f"{s['province']} University",
        )
    ),
    "company": lambda s, key: f"{s['city']} {s['brand' + key[7:]]} {s['field_line']} Co. Ltd.",
    "place": _place,
    "place_short": _place,
    "domain": _place,
    "industry_count": _listing("industry_count", "industry_list", POOLS["industries"], 3, 7),
    "industry_list": _listing("industry_count", "industry_list", POOLS["industries"], 3, 7),
    "policy_count": _listing(
        "policy_count", "policy_list", POOLS["support_policies"], 5, 8, always="“enclave” talent introduction"
    ),
    "section_count": _listing("section_count", "section_list", POOLS["site_sections"], 4, 7),
    "doc_count": _listing("doc_count", "doc_list", POOLS["talent_groups"], 3, 5, capital=True),
    "young_age": _choice(("35", "38", "40", "45")),
    "max_age": _choice(("45", "50", "55")),
    "retire_age": _choice(("65", "68", "70", "75")),
    "months_a_year": _choice(("two", "three", "four")),
    "day_a": lambda s, key: str(s.rng.randint(1, 28)),
    "project_list": lambda s, key: ", ".join(s.rng.sample(POOLS["overseas_projects"], s.rng.randint(3, 5))),
    "season": _choice(("spring", "summer", "autumn", "winter")),
    "ordinal": _choice(("first", "second", "third")),
    "city_desc": lambda s, key: (
        f"the capital of {s['province_full']}"
        if s.city_is_capital
        else f"a prefecture-level city in {s['province_full']}"
    ),
    "city_rank": lambda s, key: f"{s['prov_adj']} capital" if s.city_is_capital else "regional central city",
    "next_year": lambda s, key: str(s.when.year + 1),
    "district_domain": lambda s, key: re.sub(r"[^a-z]", "", s["district"].lower()),
}

