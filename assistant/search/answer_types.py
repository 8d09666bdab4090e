"""The answer-type vocabulary (package data: assistant/data/answer_types.json), compiled once:
what a question asks for, the benefits, groups of people, periods and units a sentence may name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from assistant.text import terms


def _with_fragments(raw: dict[str, Any]) -> dict[str, Any]:
    """The vocabulary with each "<name>" in a pattern replaced by the shared fragment of that name."""
    fragments = {k: v for k, v in raw.pop("fragments", {}).items() if not k.startswith("_")}
    if not fragments:
        return raw
    named = re.compile("<(" + "|".join(re.escape(k) for k in fragments) + ")>")

    def expand(value: Any) -> Any:
        if isinstance(value, str):
            return named.sub(lambda m: fragments[m.group(1)], value)
        if isinstance(value, dict):
            return {k: expand(v) for k, v in value.items()}
        if isinstance(value, list):
            return [expand(v) for v in value]
        return value

    expanded: dict[str, Any] = expand(raw)
    return expanded


@dataclass(frozen=True)
class Vocabulary:
    """The answer-type vocabulary, compiled once."""

    asks: dict[str, re.Pattern[str]]
    asks_chinese: dict[str, re.Pattern[str]]  # the same, for a question asked in Chinese
    answers: dict[str, re.Pattern[str]]
    benefits: frozenset[str]
    kinds: dict[str, frozenset[str]]  # canonical kind -> its words
    housing: frozenset[str]
    groups: dict[str, tuple[int | None, re.Pattern[str]]]  # group -> (degree rank, pattern)
    group_labels: dict[str, str]  # each group in words, for notes and tables: "doctor" -> "PhD holders"
    or_above: re.Pattern[str]
    eligibility: re.Pattern[str]  # a yes-or-no question whether the asker's people qualify
    predicate: dict[str, re.Pattern[str]]  # "yes_no", "yes_no_chinese", "qualifies", "wh": a question's form
    predicate_not_telling: frozenset[str]  # terms saying nothing a benefit is asked to be ("apply", "get")
    benefit_terms: frozenset[str]  # the terms naming a benefit or its kind ("subsidy", "rent", "housing")
    predicate_share: float  # of the rest, the share a sentence answering a yes-or-no question holds
    periods: dict[str, re.Pattern[str]]
    units: dict[str, re.Pattern[str]]
    aggregate: re.Pattern[str]
    totalled: re.Pattern[str]  # a question asking what was paid out in all, not to one applicant
    one_receiver: re.Pattern[str]  # "can a couple receive (in total)": one recipient's total
    minimum_duration: dict[str, re.Pattern[str]]  # "for more than six months": a condition, not a term
    bounds: dict[str, re.Pattern[str]]  # "asks": a question for a cap; "answers": a sentence giving one
    score_threshold: dict[str, re.Pattern[str]]  # "asks": the score needed; "before"/"after": a threshold
    achieved: dict[str, re.Pattern[str]]  # "asks": what was done; "planned"/"done": a clause's plan or result
    documents_named: re.Pattern[str]  # a document named ("ID card"), not "relevant materials"
    multipliers: frozenset[str]  # "30 million yuan": words between a figure and its unit
    measure_units: frozenset[str]  # a figure before one of these measures, it does not count
    measure_before: frozenset[str]  # nor a figure after one of these ("No. 3", "May 15", "yuan 500")
    contrasts: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]  # opposite qualifiers: online, in person
    handled: frozenset[int]  # the contrasts saying how a benefit is handled (paid in one go or in parts)
    priced: dict[str, re.Pattern[str]]  # what an amount is of when no benefit: rent, price, salary
    place_kinds: frozenset[str]  # "which countries": named by a place, not by a name holding the word
    place_levels: dict[str, frozenset[str]]  # "which cities": the gazetteer levels that answer (empty: any)
    name_words: dict[str, tuple[str, ...]]  # "which companies": names ending "Co., Ltd." or "Group"
    serial: frozenset[str]  # "batch", "round": things numbered in a series ("the second batch")
    given: re.Pattern[str]  # "are expected to receive 1 million yuan": an amount someone gets
    asks_given: re.Pattern[str]  # "What can the selected leaders receive?": a benefit, named or not
    applied_to: dict[str, re.Pattern[str]]  # "asks": which office one applies to; "answers": applying said
    paying: dict[str, re.Pattern[str]]  # "asks": when money is paid out; "answers": paying said;
    # "duration_asks"/"duration_answers": how long it is paid, and a sentence that speaks of paying
    applying_where: dict[str, re.Pattern[str]]  # "asks": where one applies; "answers": a place named
    processing: dict[str, re.Pattern[str]]  # "asks": how long handling takes; "answers": handling said
    verification: dict[str, re.Pattern[str]]  # "is that right?": the markers of a claim to verify
    not_benefits: frozenset[str]  # "a total investment of 500 million yuan": an amount of no benefit
    no_benefit_asked: frozenset[str]  # "how much was invested?", "what did it cost?": such an amount asked
    properties: dict[str, tuple[re.Pattern[str], re.Pattern[str]]]  # "is it taxed?": asked, and its words
    what_if: re.Pattern[str]  # "If I leave Wuhu early, do I still get ...?": the asker's situation changing
    # each situation ("leaving", "owning"): how a question asks about it, the terms a sentence speaks of it in
    what_if_situations: tuple[tuple[re.Pattern[str], frozenset[str]], ...]
    existence: re.Pattern[str]  # "Is there a uniform standard ...?": the thing asked to exist (group 1)
    not_things: frozenset[str]  # words after "is there" that name no thing of their own ("any way")
    generic_heads: frozenset[str]  # "legal status": a head naming only a sort of thing, named by its modifier
    required: tuple[re.Pattern[str], ...]  # "Do I need a local hukou ...?": the thing asked (group 1)
    obligation: re.Pattern[str]  # "Do I have to pay the money back?": the verb (group 1), "back" (group 2)
    obligation_not_held: frozenset[str]  # verbs said too many ways to hold a sentence to ("work", "stay")
    obligation_forms: dict[str, frozenset[str]]  # a verb ("pay back") -> the terms that also say it
    several_years: re.Pattern[str]  # "in the next three years": a figure over several years, not each year
    # "organisation": an organisation receives what the sentence gives; "asks_organisation": a question about
    # organisations; receiver_kinds: the benefits a person receives
    receivers: dict[str, re.Pattern[str]]
    receiver_kinds: frozenset[str]
    # "under", "over": an age bound ("under the age of 40"), the age; "stated": an age said ("I'm 43")
    age_bounds: dict[str, re.Pattern[str]]
    admin_levels: dict[str, str]  # a level's word ("municipal") -> the level ("city")
    cues: dict[
        str, re.Pattern[str]
    ]  # what ties a sentence's figure to the thing asked ("before", "per_one" ...)

    @classmethod
    @cache
    def load(cls) -> Vocabulary:
        """The bundled vocabulary (package data)."""
        raw: dict[str, Any] = _with_fragments(
            json.loads(
                resources.files("assistant").joinpath("data", "answer_types.json").read_text(encoding="utf-8")
            )
        )

        def compile_all(patterns: dict[str, str]) -> dict[str, re.Pattern[str]]:
            """Each pattern compiled; a key starting with "_" is a note, not a pattern."""
            return {k: re.compile(v, re.IGNORECASE) for k, v in patterns.items() if not k.startswith("_")}

        def inflected(items: list[str]) -> re.Pattern[str]:
            """The words, each also with a plain ending ("renews", "clawed"); "tax" is not "tax-free"."""
            alternatives = "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
            return re.compile(rf"(?<![\w-])(?:{alternatives})(?:s|es|ed|d|ing)?(?![\w-])", re.IGNORECASE)

        def words(items: list[str]) -> re.Pattern[str]:
            alternatives = "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
            return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

        kinds = [w for ws in raw["kinds"].values() for w in ws]
        names = raw["entities"]["names"]  # "offices": "departments" spells a kind with another's words
        return cls(
            asks=compile_all(raw["asks"]),
            asks_chinese=compile_all(raw["asks_chinese"]),
            answers=compile_all(raw["answers"]),
            benefits=frozenset(w.lower() for w in raw["benefits"]),
            kinds={k: frozenset(w.lower() for w in v) for k, v in raw["kinds"].items()},
            housing=frozenset(w.lower() for w in raw["housing"]),
            groups={k: (v.get("rank"), words(v["words"])) for k, v in raw["groups"].items()},
            group_labels={k: v["label"] for k, v in raw["groups"].items()},
            or_above=re.compile(raw["or_above"], re.IGNORECASE),
            eligibility=re.compile(raw["eligibility"]["asks"], re.IGNORECASE),
            predicate={
                k: re.compile(raw["predicate"][k], re.IGNORECASE)
                for k in ("yes_no", "yes_no_chinese", "qualifies", "wh", "covers")
            },
            predicate_not_telling=frozenset(terms(" ".join(raw["predicate"]["not_telling"]))),
            benefit_terms=frozenset(terms(" ".join([*raw["benefits"], *raw["housing"], *kinds]))),
            predicate_share=float(raw["predicate"]["share"]),
            periods=compile_all(raw["periods"]),
            units=compile_all(raw["units"]),
            aggregate=re.compile(raw["aggregate"], re.IGNORECASE),
            totalled=re.compile(raw["totalled"], re.IGNORECASE),
            one_receiver=re.compile(raw["one_receiver"]["pattern"], re.IGNORECASE),
            minimum_duration=compile_all(raw["minimum_duration"]),
            bounds=compile_all(raw["bounds"]),
            score_threshold=compile_all(raw["score_threshold"]),
            achieved=compile_all(raw["achieved"]),
            documents_named=re.compile(raw["documents"]["named"], re.IGNORECASE),
            multipliers=frozenset(w.lower() for w in raw["measures"]["multipliers"]),
            measure_units=frozenset(w.lower() for w in raw["measures"]["units"]),
            measure_before=frozenset(w.lower() for w in raw["measures"]["before"]),
            contrasts=tuple((words(a), words(b)) for a, b in raw["contrasts"]["pairs"]),
            handled=frozenset(raw["contrasts"]["of_the_benefit"]),
            place_kinds=frozenset(k for k in raw["entities"]["places"] if not k.startswith("_")),
            place_levels={
                k: frozenset(v) for k, v in raw["entities"]["places"].items() if not k.startswith("_")
            },
            name_words={k: tuple(names[v] if isinstance(v, str) else v) for k, v in names.items()},
            priced={k: words(v) for k, v in raw["priced"].items() if not k.startswith("_")},
            serial=frozenset(t for noun in raw["serial"]["nouns"] for t in terms(noun)),
            given=re.compile(raw["given"]["pattern"], re.IGNORECASE),
            asks_given=re.compile(raw["given"]["asks"], re.IGNORECASE),
            applied_to=compile_all(raw["entities"]["applied_to"]),
            paying=compile_all(raw["paying"]),
            applying_where=compile_all(raw["applying_where"]),
            processing=compile_all(raw["processing"]),
            verification=compile_all(raw["verification"]),
            not_benefits=frozenset(raw["not_benefits"]["words"]),
            no_benefit_asked=frozenset(raw["not_benefits"]["words"] + raw["not_benefits"]["asked"]),
            properties={
                name: (re.compile(spec["asks"], re.IGNORECASE), inflected(spec["answers"]))
                for name, spec in raw["properties"].items()
                if not name.startswith("_")
            },
            what_if=re.compile(
                "|".join(f"(?:{spec['asks']})" for spec in raw["what_if"]["situations"].values()),
                re.IGNORECASE,
            ),
            what_if_situations=tuple(
                (
                    re.compile(spec["asks"], re.IGNORECASE),
                    frozenset(terms(" ".join(spec["answers"]), keep_stopwords=True)),
                )
                for spec in raw["what_if"]["situations"].values()
            ),
            existence=re.compile(raw["existence"]["asks"], re.IGNORECASE),
            not_things=frozenset(raw["existence"]["not_things"]),
            generic_heads=frozenset(raw["existence"]["generic_heads"]),
            required=tuple(re.compile(p, re.IGNORECASE) for p in raw["requirement"]["asks"]),
            obligation=re.compile(raw["obligation"]["asks"], re.IGNORECASE),
            obligation_not_held=frozenset(raw["obligation"]["not_held"]),
            obligation_forms={
                # "pay back" is said by its forms alone ("repay", "refund"): "pay" is said of much else
                verb: frozenset(terms(" ".join([*forms, *([] if " " in verb else [verb])])))
                for verb, forms in raw["obligation"]["forms"].items()
            },
            several_years=re.compile(raw["several_years"]["pattern"], re.IGNORECASE),
            receivers=compile_all({k: v for k, v in raw["receivers"].items() if k != "kinds"}),
            receiver_kinds=frozenset(raw["receivers"]["kinds"]),
            age_bounds=compile_all(raw["age_bounds"]),
            admin_levels={
                word: level for level, said in raw["admin_levels"]["levels"].items() for word in said
            },
            cues=compile_all(raw["cues"]),
        )

    def names_benefit(self, text: str) -> bool:
        """A benefit word in the text ("subsidy", "allowance", "funding" ...)."""
        return bool(set(word_tokens(text)) & self.benefits)


_TOKEN = re.compile(r"[a-z][a-z'’&.-]*[a-z]|[a-z]|\d[\d,.]*|[\u3400-\u9fff]+", re.IGNORECASE)


def word_tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'").rstrip(".") for t in _TOKEN.findall(text)]
