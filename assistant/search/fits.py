"""Whether a sentence answers a part of a question: it holds the kind of answer the part asks
for, names its benefit and its people (or a wider group that includes them), and gives no other period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.search.answer_types import Vocabulary, word_tokens
from assistant.search.clauses import own_clause
from assistant.search.counting import count_figures, counts_other_things, gives_count
from assistant.search.entities import names_one
from assistant.search.parts import (
    PERCENT,
    Part,
    compared_to,
    groups_in,
    kinds_in,
    latest_ordinals,
    levels_in,
    ordinals_in,
    sides_in,
    without_people,
    years_in,
)
from assistant.search.question_clauses import is_question
from assistant.text import MONTH_NAMES, amount_value, split_sentences, terms


@dataclass(frozen=True)
class Fit:
    """Whether a sentence answers a part, and if not, why."""

    ok: bool
    why: str = ""


def _degree_ok(asked: str, sentence: str, vocabulary: Vocabulary, settles: bool = False) -> bool:
    """A sentence about a lower degree 'or above' also covers a higher one; asked whether the people
    qualify (settles), it answers for a degree below the threshold too: they do not."""
    rank, _ = vocabulary.groups[asked]
    if rank is None or not vocabulary.or_above.search(sentence):
        return False
    for group in groups_in(sentence, vocabulary):
        lower = vocabulary.groups[group][0]
        if lower is not None and (lower <= rank or settles):
            return True
    return False


def fits(part: Part, sentence: str, context: str = "", lede: str = "", year: int | None = None) -> Fit:
    """Does this sentence answer the part? context: the sentences just before it in its paragraph;
    lede: the article's title and first sentence, which name the benefit a whole article is about;
    year: the article's year, which says what its "last year" was."""
    vocabulary = Vocabulary.load()
    if part.asks:
        answer = vocabulary.answers[part.asks]
        # "When is the loan interest-free?" - "for the first two years": a period answers "when" too.
        timed = part.asks == "date" and vocabulary.answers["duration"].search(sentence)
        stated = sentence
        if part.asks == "duration":
            # "how long", "for how many months": "1,500 yuan per month" is a rate, not how long
            stated = vocabulary.cues["per_unit"].sub(" ", stated)
        if part.asks == "date" and not vocabulary.cues["asks_release"].search(part.text):
            # "What month do you have to apply?" is not answered by "the document released ... on June 22"
            stated = _RELEASED_ON.sub(" ", stated)
        day_asked = part.asks == "date" and vocabulary.cues["asks_day"].search(f"{part.text} {part.original}")
        if day_asked and not vocabulary.cues["gives_day"].search(stated):
            return Fit(False, "gives no month or day")  # "in which month ...?" - "over five years"
        if part.asks in ("date", "deadline"):
            # "When is the window for the first 2023 batch?" is not answered by "... batch in 2023"
            for asked_year in (y for y in part.years if y[:1].isdigit()):
                stated = re.sub(rf"\b{asked_year}\b", " ", stated)
        # "How much is the rent reduction?" - "a 70-percent rent reduction": a share of what it reduces
        # (unless the question already gives the share: "the rent before the 70 percent reduction")
        # ... but "the normal monthly rent before any discount" asks the price, not what is taken off it
        shared = PERCENT.search(part.text) or vocabulary.cues["before"].search(part.text)
        reduction = vocabulary.cues["reduction"].search(part.text) and not shared
        reduced = part.asks == "amount" and reduction and PERCENT.search(sentence)
        # "What does he pay for the first year?" - "free accommodation for the first year": nothing
        pays = part.asks == "amount" and not part.benefit and vocabulary.cues["pays"].search(part.text)
        paid_nothing = pays and vocabulary.cues["free"].search(stated)
        if not answer.search(stated) and not timed and not reduced and not paid_nothing:
            return Fit(False, f"holds no {part.asks}")
        shares = list(answer.finditer(stated)) if part.asks == "amount" and not reduced else []
        asks_threshold = vocabulary.cues["asks_threshold"].search(f"{part.text} {part.original}")
        if shares and not asks_threshold and all(_a_threshold_share(m, stated) for m in shares):
            # "for that part of personal tax ... exceeds 15 percent of the taxable income": a share the
            # subsidy starts above, not an amount anyone receives
            return Fit(False, "gives the share it starts above, not an amount")
        if part.asks in ("amount", "count") and not _in_a_clause_about_it(part, sentence, answer):
            return Fit(False, f"gives the {part.asks} of another item of its list")
        receiver = _receiver_named(part, vocabulary) if part.asks == "amount" and part.benefit else None
        if receiver and receiver not in terms(sentence):
            return Fit(False, f"gives an amount to others than the {receiver} asked about")
        # "How many of the 8 contact points are in Singapore?" is not answered by "8 talent contact points":
        # a count the question names is what it knows, not what it asks
        known = _known_counts(part) if part.asks == "count" else frozenset()
        if part.asks == "count" and not set(count_figures(sentence)) - known:
            return Fit(False, "holds no count, only amounts, dates or measures")
        if part.asks == "duration" and part.minimum and not _durations(stated, vocabulary, "minimum"):
            return Fit(False, "gives how long it lasts at most, not how long one must have done it")
        if part.asks == "duration" and not part.minimum and not _durations(stated, vocabulary, "term"):
            paid = "is paid" if part.benefit else "lasts or takes"
            return Fit(False, f"gives a condition to qualify, not how long it {paid}")
        its_own = (_duration_of_it(part, stated, m, vocabulary) for m in answer.finditer(stated))
        if part.asks == "duration" and not any(its_own):
            return Fit(False, "gives how long something else lasts")  # "a five-year residence permit"
        lasting = _thing_lasting(part, vocabulary) if part.asks == "duration" else ()
        if lasting and not set(lasting) & set(terms(f"{context} {sentence}")):
            # "Does the living allowance need a how-many-years contract?" - "3,000 yuan a month for three
            # years": how long the allowance is paid, not how long the contract runs
            return Fit(False, f"does not say how long the {' '.join(lasting)} runs")
        if part.asks == "duration" and _duration_of_the_premise(part, stated):
            # "after I get the confirmation letter, how long does the embassy take to issue the visa?" -
            # "the approval period for the confirmation letter from five workdays to three"
            return Fit(False, "gives how long what the question says is done takes")
        # "Over how many years is it paid out?" is not answered by "In the next two years, the demand for
        # talents will ...": the sentence itself must speak of paying
        paid_for = part.asks == "duration" and vocabulary.paying["duration_asks"].search(part.text)
        if paid_for and not vocabulary.paying["duration_answers"].search(sentence):
            return Fit(False, "does not say how long it is paid")
        # "How many working days does the consulate take to issue the R visa?" is not answered by "the
        # approval period for the confirmation letter": how long it takes to issue something is said of it
        issued = vocabulary.cues["issued_thing"].search(part.text) if part.asks == "duration" else None
        named = (issued.group(1) or issued.group(2)).strip() if issued else ""
        # a document or card issued ("the R visa", "the talent card"), not "the processing time"
        document = bool(named) and bool(
            vocabulary.documents_named.search(named) or vocabulary.cues["issued"].search(named)
        )
        issued_head = terms(named)[-1:]
        if document and issued_head and issued_head[0] not in terms(sentence):
            return Fit(False, f"does not say how long the {named} takes")
        if part.unit and not vocabulary.units[part.unit].search(stated):
            return Fit(False, f"gives no duration in {part.unit}s")
        if part.counted and part.asks == "count" and not gives_count(part.counted, sentence, known):
            return Fit(False, "counts something else")
        joint = _named_with_others(part.text, sentence) if part.asks == "count" else None
        if joint:  # "how many stations in Japan?" - "In Singapore, Japan and other places, 2 stations"
            return Fit(False, f"gives a figure for {joint} together with other places")
        if part.asks == "count" and not part.counted and counts_other_things(frozenset(part.focus), sentence):
            return Fit(False, "counts other things than those asked")
        # "How much did each project receive?" - "30 projects were initiated, with Yuan 10 million paid as
        # subsidies": an amount beside a count of what is asked for one of is their total
        for_each = part.each and not (part.aggregate or part.totalled)
        if for_each and not vocabulary.cues["per_one"].search(sentence):
            if gives_count(part.each, sentence):
                return Fit(False, f"gives a total for several, not the amount for each {part.each[-1]}")
            # "每个人才可以拿多少?" - "a total of CNY 244 million has been given out": all of them together
            if vocabulary.aggregate.search(sentence):
                return Fit(False, f"gives a total, not the amount for each {part.each[-1]}")
        if part.asks == "score" and not part.minimum and _only_thresholds(stated, answer, vocabulary):
            return Fit(False, "gives the score needed to qualify, not the points awarded")
        if part.asks == "documents" and not vocabulary.documents_named.search(sentence):
            return Fit(False, "names no document, only materials in general")
        if part.achieved and _only_planned(part, sentence, answer, vocabulary):
            return Fit(False, "gives a target or plan, not what was done")
        # "how many were approved and got apartments?" - "1,000 professionals have so far applied"
        granted, applied = vocabulary.achieved["granted"], vocabulary.achieved["applied"]
        granting = part.achieved and part.asks == "count" and granted.search(f"{part.text} {part.original}")
        if granting and applied.search(sentence) and not granted.search(sentence):
            return Fit(False, "gives how many applied, not how many were granted it")
        priced = part.counted[0] if part.asks == "amount" and part.counted else None
        # "How much is knocked off the rent?" - "a 50 percent rent reduction": the share off that price
        reduced_price = reduced and priced and re.search(rf"\b{re.escape(priced)}", sentence, re.IGNORECASE)
        if priced and not reduced_price and not _names_a_price(priced, sentence, vocabulary):
            return Fit(False, f"gives no {priced}")
        # "How much is the visa fee?" is not answered by "70% of the intermediary fee": the thing priced
        if priced and not reduced_price:
            modifier = _price_modifier(part.text, priced)
            if modifier and not _names_a_price(priced, sentence, vocabulary, modifier):
                return Fit(False, f"gives the {priced} of something else")
        # "How much does Chun'an pay its ambassadors?" is not answered by "a total investment of 500 million"
        asked_words = set(word_tokens(f"{part.text} {part.original}"))
        no_benefit_asked = bool(asked_words & vocabulary.no_benefit_asked)
        amounts = list(answer.finditer(stated)) if part.asks == "amount" and not no_benefit_asked else []
        if amounts and all(_of_no_benefit(stated, m, vocabulary) for m in amounts):
            return Fit(False, "gives an amount of something other than a benefit")  # "a total investment of"
        if part.asks == "entity" and not names_one(part.counted, sentence, vocabulary, part.known):
            return Fit(False, f"names no {' '.join(part.counted)}")
        # "Which office do I hand my application to?", "What's the deadline to apply?": said of applying
        # (not the department that issued the document, nor a plan's target year "by 2018")
        applied_to = vocabulary.applied_to
        # "What month do you have to apply?" too (not "When is the application window?": a window is for
        # applying, whatever the sentence calls it)
        asked_text = f"{part.text} {part.original}"  # "申报截止时间" read "report close time": applying
        applying = bool(part.asks in ("entity", "deadline") and applied_to["asks"].search(asked_text))
        # "Which cities does the subsidy apply to?": the places it covers, not where one applies
        applying = applying and not any(applied_to["covers"].match(thing) for thing in part.counted)
        applying = applying or bool(part.asks == "date" and vocabulary.cues["apply_verb"].search(part.text))
        if applying and not applied_to["answers"].search(sentence):
            return Fit(False, f"names no {'office' if part.asks == 'entity' else 'date'} for applying")
        where = vocabulary.applying_where
        asks_where = part.asks == "procedure" and where["asks"].search(part.text)
        if asks_where and not where["answers"].search(sentence):
            return Fit(False, "names no place or channel to apply")  # "I could apply immediately"
        # "How long does the embassy take to issue the R visa?" - "a five to ten year valid visa"
        handling = vocabulary.processing["asks"].search(f"{part.text} {part.original}")
        if part.asks == "duration" and handling and not vocabulary.processing["answers"].search(sentence):
            return Fit(False, "gives how long it is valid or paid, not how long handling takes")
        payday = part.asks in ("date", "deadline") and bool(vocabulary.paying["asks"].search(part.text))
        if payday and not vocabulary.paying["answers"].search(sentence):
            return Fit(False, "gives no date of payment")  # "effective from January 1" is another date
        if part.measured and not any(
            set(part.measured) <= set(terms(own_clause(sentence, m.group())))
            for m in PERCENT.finditer(sentence)
        ):
            return Fit(False, "gives another rate")  # "net inflow rate ... increased by 35%"
    # "How is the 6 million yuan award paid out?" - "... can get 6 million yuan" says how much, which the
    # question already knows, not how (asked without the amount, how much is part of how it is paid)
    paying = vocabulary.paying
    knows_amount = part.asks is None and part.states_amount
    manner = knows_amount and paying["manner"].search(f"{part.text} {part.original}")
    if manner and not (paying["answers"].search(sentence) or paying["manner_answers"].search(sentence)):
        return Fit(False, "does not say how it is paid")
    # "How is the 6 million yuan for top talents who buy a house paid out?", "... 6 million yuan, one-off or
    # over several years?" are not answered by "a one-off reward ranging from 10,000 yuan to 200,000 yuan":
    # the amount the question takes as given is another benefit's. (In "Does Tai'an pay masters 2,000 yuan
    # a month?" the amount is what is asked: a sentence giving 1,500 yuan answers it.)
    wh_question = _WH_FIRST.match(part.text)
    takes_as_given = part.asks not in (None, "amount") or wh_question or part.both_sides
    known_amounts = _benefit_amounts(part.text, vocabulary, compared=False) if takes_as_given else frozenset()
    given_amounts = _benefit_amounts(sentence, vocabulary) if known_amounts else frozenset()
    if given_amounts and not known_amounts & given_amounts:
        return Fit(False, "is about a benefit of another amount")
    if part.years:
        # Years and relative years ("last year") are compared each with their own kind.
        said = _years_said(sentence, year)
        for relative in (False, True):
            asked = {y for y in part.years if (not y[:1].isdigit()) == relative}
            given = {y for y in said if (not y[:1].isdigit()) == relative}
            if asked and given and not asked & given:
                return Fit(False, "is about another year")
    # "How many had received it by the end of 2018?" - an article of early 2018 counting "so far" gives
    # an earlier figure; one that names the year may give it ("by the end of 2018, 60 had").
    written_before = part.by_end and year is not None and year <= int(part.by_end)
    if written_before and part.by_end not in _years_said(sentence, year):
        return Fit(False, f"was written before the end of {part.by_end}")
    if part.ordinals:
        # "When does the second batch open?" is not answered by the first batch's date, nor by a
        # sentence (or those just before it) naming no second batch.
        said_ordinals = ordinals_in(sentence)
        serial = {(o, n) for o, n in part.ordinals if n in vocabulary.serial}
        # "What rent reduction applies in the fourth year?", "How is the rent worked out from the fourth
        # year?" (a claim, which the guard reads as a part too, is held to its figures instead)
        asking = part.asks or part.benefit or _asked(part)
        # "At the second level, ... 20,000 yuan. On this level, ... 26,000 yuan. At the third level, ...
        # In addition, ... 13,000 yuan": the sentences before speak of the level they name last
        said_nouns = {n for _, n in said_ordinals}
        latest = {(o, n) for n, o in latest_ordinals(context).items() if n not in said_nouns}
        if asking and serial and not serial & (said_ordinals | latest):
            return Fit(False, f"is not about the {' or '.join(' '.join(o) for o in sorted(serial))}")
        for noun in {n for _, n in part.ordinals}:
            asked_for = {o for o, n in part.ordinals if n == noun}
            given_for = {o for o, n in said_ordinals if n == noun}
            if given_for and not asked_for & given_for:
                return Fit(False, f"is about another {noun}")
    if part.sides:
        named_sides = sides_in(sentence, vocabulary)
        both = {pair for pair, side in part.sides if (pair, 1 - side) in part.sides}
        if any(not any(p == pair for p, _ in named_sides) for pair in both):
            return Fit(False, "says neither of the two asked about")  # "online or in person?"
        # "Is the employment subsidy paid all at once?": how it is handled, said either way
        # (not "paid monthly or once a year?": which period, read below)
        # (nor "walk me through the rent arrangement year by year": how it is paid or applied for is asked)
        periods = any(pattern.search(part.text) for pattern in vocabulary.periods.values())
        how_handled = bool(vocabulary.cues["handling"].search(part.text)) and not periods
        handled = {pair for pair, _ in part.sides if pair in vocabulary.handled} if how_handled else set()
        unsaid = any(all(p != pair for p, _ in named_sides) for pair in handled)
        if part.asks is None and _asked(part) and unsaid:
            return Fit(False, "does not say how it is handled")
        for pair, side in part.sides:
            if (
                (pair, 1 - side) in named_sides
                and (pair, side) not in named_sides
                and (pair, 1 - side) not in part.sides
                # "paid all at once?" - "paid in three instalments": no, it is said the other way
                and not (pair in handled and part.asks is None and _asked(part))
            ):
                return Fit(False, "is about the opposite case")
    one_applicant = not (part.aggregate or part.totalled)
    if part.asks == "amount" and one_applicant and vocabulary.aggregate.search(sentence):
        return Fit(False, "gives a total paid out, not what one applicant gets")
    if part.totalled and part.asks == "amount" and not _gives_a_total(sentence, vocabulary):
        return Fit(False, "gives what one applicant gets, not the total paid out")
    if part.bounded and not vocabulary.bounds["answers"].search(sentence):
        return Fit(False, "gives no upper limit")  # "... exceeds 15 percent of the taxable income"
    spoken = frozenset(terms(f"{context} {sentence}"))
    doing = _obliged_to(part, vocabulary)
    if doing and not doing & spoken:
        return Fit(False, "does not say whether one must do it")  # "Do I have to pay the money back?"
    # "If I leave Wuhu early, do I still get it?": a sentence speaking of leaving (not of owning a home)
    situations = [answering for asked, answering in vocabulary.what_if_situations if asked.search(part.text)]
    if situations and _asked(part):
        said = frozenset(terms(f"{context} {sentence}", keep_stopwords=True))
        if any(not answering & said for answering in situations):
            return Fit(False, "does not say what happens if one's situation changes")
    # "the Kunming Area of the Pilot Free Trade Zone" says nothing of paying
    said_of_it = vocabulary.cues["free_trade"].sub(" ", f"{context} {sentence}")
    for quality, answering in _properties_asked(part, vocabulary):
        if not answering.search(said_of_it):
            return Fit(False, f"does not say whether it is {quality}")  # "Is the settlement subsidy taxed?"
    thing = _asked_to_exist(part, vocabulary)
    if thing and thing not in spoken:
        return Fit(False, f"names no {thing}")  # "Is there a uniform standard for the pay?"
    # "What reward do the ambassadors receive?" (a question: the guard reads claims as parts too)
    asks_a_benefit = part.benefit and not part.kinds and part.asks is None and _asked(part)
    if asks_a_benefit and not gives_a_benefit(sentence, context, vocabulary):
        return Fit(False, "names no benefit")
    # "Is there a work allowance for the ambassadors?" is not answered by "We should optimize the working
    # mechanism" because the article's lede spoke of "support": the context names the benefit only for a
    # sentence giving something ("The selected people receive ...")
    giving = vocabulary.given.search(sentence) or vocabulary.answers["amount"].search(sentence)
    if asks_a_benefit and not giving and not gives_a_benefit(sentence, "", vocabulary):
        return Fit(False, "names no benefit")
    # "Do the ambassadors get a reward? How much?" is not answered by "a total investment of 500
    # million yuan": the amount asked is a benefit's.
    benefit_amount = part.benefit and not part.kinds and part.asks == "amount" and not part.counted
    if (
        benefit_amount
        and one_applicant
        and _asked(part)
        and not _names_a_benefit(sentence, context, vocabulary)
        and not vocabulary.given.search(sentence)
    ):
        return Fit(False, "gives an amount of something other than a benefit")
    asks_what_is_paid = (
        part.benefit and part.kinds and part.asks is None and vocabulary.cues["money"].search(part.text)
    )
    if asks_what_is_paid and not _money_said(sentence, context, vocabulary):
        return Fit(False, "names no subsidy")  # "what house-purchase subsidy?" - "the same purchase policies"
    if part.benefit and part.kinds:
        specific = part.kinds - {"housing"}
        housing = {"housing", "rent", "purchase"}
        # "subsidies, loans or apartments": any of them; "a home-purchase subsidy": that one
        only_named = specific & {"rent", "purchase"} or "housing" not in part.kinds
        wanted = set(specific if only_named else specific | housing)
        if not kinds_in(sentence, vocabulary) & wanted:
            # "Subsidies are set at three levels ... 80,000 yuan": the benefit is named just before.
            # The people a sentence names are no other benefit ("graduates of vocational schools").
            named = kinds_in(without_people(sentence, vocabulary), vocabulary)
            conflicting = named - wanted - {"housing"}
            around = kinds_in(without_people(context, vocabulary), vocabulary) | kinds_in(lede, vocabulary)
            if conflicting or not around & wanted:
                return Fit(False, f"is not about the {'/'.join(sorted(wanted))} benefit")
    # "How much house-purchase subsidy do introduced talents get?" - "The enterprise which successfully
    # introduces talents can apply for one-off reward ...": what an organisation receives
    personal = part.kinds & vocabulary.receiver_kinds
    receivers = vocabulary.receivers
    if (
        personal
        and receivers["organisation"].search(sentence)
        and not receivers["asks_organisation"].search(f"{part.text} {part.original}")
    ):
        return Fit(False, "gives what an organisation receives, not a person")
    # "does the company itself receive any subsidy?" - "doctoral students will get a monthly living
    # allowance of 3,000 yuan", "graduates recognized by enterprises can enjoy ...": what people receive
    if (
        part.benefit
        and part.asks == "amount"
        and _organisation_asked(f"{part.text} {part.original}", vocabulary)
        and not _organisation_receives(sentence, vocabulary)
    ):
        return Fit(False, "gives what people receive, not the employer asked about")
    each_year = part.period == "year" and part.asks in ("count", "amount")
    over_years = vocabulary.several_years.search(sentence) and not vocabulary.periods["year"].search(sentence)
    if each_year and over_years:  # "In the next three years, 300 roadshows will be put on stage"
        return Fit(False, "gives a figure over several years, not each year")
    asked_levels = levels_in(part.text, vocabulary)
    said_levels = levels_in(sentence, vocabulary) if asked_levels else frozenset()
    if said_levels and not asked_levels & said_levels:  # "county-level" asked, "city-level" given
        return Fit(False, "is about another level of government")
    level_words = {word for word, level in vocabulary.admin_levels.items() if level in asked_levels}
    pieces = {piece for token in word_tokens(f"{context} {sentence}") for piece in token.split("-")}
    if asked_levels and (part.asks or part.benefit) and not level_words & pieces:
        # "the one-off subsidy for a firm in a national-level park": a sentence naming no level of its own
        return Fit(False, "does not say it is for that level")
    asked_periods = [p for p, pattern in vocabulary.periods.items() if pattern.search(part.text)]
    said_periods = [p for p in asked_periods if vocabulary.periods[p].search(sentence)]
    if len(asked_periods) > 1 and not said_periods:  # "is it paid monthly or once a year?"
        return Fit(False, "says neither how often it is asked about")
    if part.period and part.asks in ("amount", None) and len(asked_periods) < 2:
        other = [
            p for p, pattern in vocabulary.periods.items() if p != part.period and pattern.search(sentence)
        ]
        if other and not vocabulary.periods[part.period].search(sentence):
            return Fit(False, f"gives the amount per {other[0]}, not per {part.period}")
    asked_ages = _age_bounds(f"{part.text} {part.original}", vocabulary)
    if part.age is not None and not asked_ages:
        asked_ages = {("aged", part.age)}
    # (a sentence speaking of no age sets none: "applicants with a score of 70 or above")
    aged = asked_ages and vocabulary.cues["age_words"].search(sentence)
    said_ages = {(b, n) for b, n in _age_bounds(sentence, vocabulary) if n >= 18} if aged else set()
    if asked_ages and not said_ages and groups_in(sentence, vocabulary) <= {"graduate"}:
        # "College graduates within two years of graduation can apply for 104,000 yuan" after "those with
        # doctorate ..., below the age of 45, can apply for 80,000 yuan": that level's age bound holds too
        earlier = _last_naming_people(context, vocabulary)
        if vocabulary.cues["age_words"].search(earlier):
            said_ages = {(b, n) for b, n in _age_bounds(earlier, vocabulary) if n >= 18}
    # (but "I'm 37: am I still young enough?" asks the age bound, and "under 35" answers it)
    if said_ages and part.asks != "age" and not any(_ages_meet(a, s) for a in asked_ages for s in said_ages):
        # "Do full-time doctors over 40 get ...?", "I'm 43 ... do doctors my age get it?" - "doctors under
        # the age of 40"
        (bound, age), (asked_bound, asked_age) = min(said_ages), min(asked_ages)
        return Fit(False, f"is for people {bound} {age}, not {asked_bound} {asked_age}")
    if part.excluded and (said_groups := groups_in(sentence, vocabulary)) and said_groups <= part.excluded:
        return Fit(False, "is about the people the question leaves out")
    if part.groups:
        named = groups_in(sentence, vocabulary)
        if named <= {"graduate"}:
            # "College graduates within two years of graduation can apply for 104,000 yuan" after "those
            # with doctorate ... 80,000 yuan": graduates of the degree the paragraph is about
            named = named | _last_named_groups(context, vocabulary)
        # "Can the holder's spouse use them?" is about spouses; "a PhD couple" about PhD holders
        wanted = {g for g in part.groups if g != "couple"} or set(part.groups)
        if any(vocabulary.groups[g][0] is not None for g in wanted):
            wanted.discard("graduate")  # "PhD graduates": the degree is what the answer must name
        if "couple" in part.groups and "couple" in named:
            wanted = set()  # "Couples can enjoy a maximum of 400000 yuan" answers a couple of graduates
        # "I'm a PhD. Above what share of my income is the tax subsidised?": a rule for everyone applies
        # to the asker too; an amount or a term of a benefit is held to their own people
        # ... and "Which cities are covered by the subsidy for high-end talents?" names the people of the
        # programme, not those the cities are for
        said_of_anyone = not named and (
            (wanted <= part.asker and part.asks not in (None, "amount", "duration")) or part.asks == "entity"
        )
        # "Am I, a junior-college graduate, eligible for it?" - "graduates with a bachelor's degree or above"
        settles = part.asks is None and _asked(part) and bool(vocabulary.eligibility.search(part.text))
        if (
            wanted
            and not said_of_anyone
            and not (wanted & named)
            and not any(_degree_ok(g, sentence, vocabulary, settles) for g in wanted)
        ):
            return Fit(False, "is about other people" if named else "does not say it applies to them")
    return Fit(True)


_NOUN_PHRASE = re.compile(r"\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.IGNORECASE)
_NOT_NOUNS = frozenset(
    re.findall(
        r"[\w']+",
        "a an the of for to in on at by with under from and or as is are was were will be can that which who "
        "who's after before within since until",
    )
)


_MONTH = rf"(?:{MONTH_NAMES}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
# "the document released by the Finance Department of Guangdong Province on June 22": when it came out
_RELEASED_ON = re.compile(
    rf"\b(?:released|issued|published|announced|unveiled|promulgated|printed|reported)\b(?:\s+[^\s.;]+){{0,10}}?"
    rf"\s+(?:on|in)\s+(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|{_MONTH}(?:\s+(?:19|20)\d\d)?|"
    rf"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _duration_of_it(part: Part, sentence: str, found: re.Match[str], vocabulary: Vocabulary) -> bool:
    """A duration written before a noun ("a five-year residence permit") is that thing's: it answers a
    part asking about that thing, not one asking about another ("the entry visa with a work permit").
    Any other duration may be the one asked."""
    if "-" not in found.group():
        return True
    phrase = _NOUN_PHRASE.match(sentence, found.end())
    words: list[str] = []
    for word in phrase.group(1).split() if phrase else ():
        if word.lower() in _NOT_NOUNS:
            break
        words.append(word)
    if not words:
        return True
    *modifiers, head = (terms(w) for w in words)
    # "a maximum of 3-year living allowances" is the living subsidy's, by either word
    benefit = part.benefit and words[-1].lower() in vocabulary.benefits
    if not benefit and not set(head) & set(part.focus):
        return False  # the duration of something the question does not name
    # "work permit" asked, "residence permit" given: the same noun for another thing
    asked = re.findall(rf"\b([a-z][a-z]{{2,}})[\s-]+{re.escape(words[-1])}\b", part.text)
    asked_modifiers = {t for w in asked if w.lower() not in _NOT_NOUNS for t in terms(w)}
    given = {t for m in modifiers for t in m}
    return not (asked_modifiers and given and not asked_modifiers & given)


def _thing_lasting(part: Part, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The words of the thing whose length a part asks, as terms, where it names one other than the
    benefit: "a how many years contract", "how many years of social insurance", "how long is the R visa
    offered via ... valid"; none for "how long is it paid?", "how long does the subsidy last?" or "how
    long must I work there?"."""
    found = _LASTING_THING.search(part.text)
    if not found:
        return ()
    words: list[str] = []
    for word in (found.group(1) or found.group(2)).split():
        lowered = word.lower()
        if lowered in _NOT_NOUNS or lowered in _NOT_LASTING or lowered.endswith("ed"):
            break  # "the R visa offered via ...": the thing is named before its verb
        words.append(lowered)
    if not words or words[-1] in vocabulary.benefits or kinds_in(words[-1], vocabulary):
        return ()
    return tuple(terms(" ".join(words)))


# "how many years (of) <thing>", "a <thing> for how many years", "how long is/must the <thing> ..."
_LASTING_THING = re.compile(
    r"\bhow many (?:years?|months?|days?|weeks?)(?:['’]s?)? (?:(?:or|and) (?:above|more|over|longer) )?"
    r"(?:of (?:the |my |your |an? )?)?"
    r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)"
    r"|\bhow long (?:is|are|must|should|does|do|will|would) (?:the|my|your|an?|their|his|her) "
    r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)",
    re.IGNORECASE,
)
_NOT_LASTING = frozenset(
    re.findall(
        r"[\w']+",
        "do does did must should can could will would have has had need needs it they i you we he she one "
        "this that these those it's period time term duration length programme program policy scheme plan "
        "validity valid last lasts take takes paid pay payment payments given get gets receive receives "
        "long old max maximum min minimum most least at total altogether exactly about around roughly "
        "approximately u ya",
    )
)


def _duration_of_the_premise(part: Part, sentence: str) -> bool:
    """The sentence's period is that of a thing only the question's condition or statements name ("after
    I get the confirmation letter"), not the part asking how long."""
    found = _PERIOD_OF.search(sentence)
    if not found or not part.context:
        return False
    head = terms(found.group(1).split()[-1])[:1]
    said = set(terms(part.context))
    return bool(head) and head[0] in said and head[0] not in set(part.focus)


# "the approval period for the foreign high-end talent confirmation letter", "the processing time of the
# application"
_PERIOD_OF = re.compile(
    r"\b(?:period|time|duration|time limit|wait(?:ing)? time)\s+(?:for|of)\s+"
    r"(?:the\s+|an?\s+|their\s+|its\s+)?"
    r"((?:[\w-]+\s+){0,5}?[\w-]+?)(?=\s+(?:from|is|was|has|have|will|to|by|in|within)\b|[,.;]|$)",
    re.IGNORECASE,
)


def _years_said(sentence: str, year: int | None) -> frozenset[str]:
    """The years a sentence names, "last year" also as the year it was in the article's year ("last
    year" in a 2024 article is 2023 too)."""
    said = years_in(sentence)
    if year is None:
        return said
    offsets = {"this year": 0, "last year": -1, "next year": 1}
    return said | {str(year + offsets[y]) for y in said if y in offsets}


def _receiver_named(part: Part, vocabulary: Vocabulary) -> str | None:
    """The term of the organisation a part asks a benefit for ("the one-off subsidy for parks selected at
    that level": park), when its words name no people, no kind of benefit, no place (written with a
    capital) and no time."""
    found = vocabulary.cues["benefit_for"].search(part.text)
    if not found:
        return None
    words: list[str] = []
    for word in found.group(1).split():
        if word.endswith(("ed", "ing")) or not terms(word):
            break  # "parks selected at that level", "enterprises that introduce ..."
        words.append(word)
    phrase = " ".join(words)
    named = [t for w in words for t in terms(w)]
    if not named or any(w[:1].isupper() for w in words):
        return None
    if set(named) & (_NO_RECEIVER | vocabulary.benefit_terms):
        return None
    if groups_in(phrase, vocabulary) or kinds_in(phrase, vocabulary):
        return None
    # an organisation ("parks", "enterprises"); people ("leaders") are said too many ways to hold to a word
    return named[-1] if vocabulary.receivers["asks_organisation"].search(phrase) else None


# after "a subsidy for": words that name no one it is paid to ("for three years", "for top talents")
_NO_RECEIVER = frozenset(terms("year years month months week day days time how long talent talents someone"))


def _organisation_asked(question: str, vocabulary: Vocabulary) -> bool:
    """The question asks what an organisation receives ("does the company itself receive"), not what
    people picked by one do ("can a graduate recognized by an enterprise receive")."""
    return any(
        not _picked_by(question, found.start())
        for found in vocabulary.receivers["organisation_asked"].finditer(question)
    )


def _picked_by(text: str, start: int) -> bool:
    """The organisation named at start picks, hires or employs people: "recognized by an enterprise",
    "graduates from prominent universities" (a preposition up to three words back)."""
    return any(word.lower() in _NOT_RECEIVING for word in text[:start].split()[-3:])


def _organisation_receives(sentence: str, vocabulary: Vocabulary) -> bool:
    """The sentence names an organisation other than as who picks, hires or employs people ("recognized
    by enterprises", "talents working in companies", "graduates from prominent universities"): "subsidies
    to enterprises", "the enterprise which introduces talents can apply for ..."."""
    return any(
        not _picked_by(sentence, found.start())
        for found in vocabulary.receivers["asks_organisation"].finditer(sentence)
    )


_NOT_RECEIVING = frozenset(("by", "from", "in", "at", "with", "of", "within", "across"))


def _known_counts(part: Part) -> frozenset[str]:
    """The figures the question itself gives of the things it counts ("How many of its 8 talent contact
    points are in Singapore?": 8), in its statements too, not a programme's number ("the 10,000 Talent
    Plan")."""
    if not part.counted:
        return frozenset()
    # "Chun'an got 12 overseas talents this year. How many of those came from Japan?": 12 is known too
    said = part.context.split()
    stated = {
        figure
        for i, word in enumerate(said)
        for figure in count_figures(word)
        if part.counted[-1] in terms(" ".join(said[i + 1 : i + 6]))
    }
    words = part.text.split()
    return frozenset(stated) | frozenset(
        figure
        for i, word in enumerate(words)
        for figure in count_figures(word)
        if part.counted[-1] in terms(" ".join(words[i + 1 : i + 6]))
        # "How many graduates of the six top universities ...?": six counts what the question knows
        # (not a programme's number: "the 10,000 Talent Plan")
        or (i + 1 < len(words) and words[i + 1][:1].islower())
    )


def _last_named_groups(context: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The people the last sentence of the context naming some (beyond "graduates") is about, when it is
    about one degree ("new full-time doctors ... 80,000 yuan"); a list of degrees ("graduates,
    undergraduates and junior college students ... respectively") tells no one degree its graduates hold."""
    named = groups_in(_last_naming_people(context, vocabulary), vocabulary)
    degrees = {g for g in named if vocabulary.groups[g][0] is not None}
    return named if len(degrees) <= 1 else frozenset()


def _last_naming_people(context: str, vocabulary: Vocabulary) -> str:
    """The last sentence of the context that names people beyond "graduates"; empty if none does."""
    return next(
        (s for s in reversed(split_sentences(context)) if groups_in(s, vocabulary) - {"graduate"}), ""
    )


def _age_bounds(text: str, vocabulary: Vocabulary) -> set[tuple[str, int]]:
    """The age bounds a text sets: ("under", 40) for "under the age of 40", ("over", 45) for "45岁以上"
    (an age, not a figure of anything else: "over 40 companies" sets none)."""
    return {
        (bound, int(next(age for age in found.groups() if age)))
        for bound in ("under", "over")
        for found in vocabulary.age_bounds[bound].finditer(text)
    }


def _named_with_others(question: str, sentence: str) -> str | None:
    """A place the question asks about ("in Japan") that the sentence names only in a list with others
    ("In Singapore, Japan and other places ... 2 talent liaison stations"), its figure theirs together."""
    if re.search(r"\b(?:each|respectively)\b", sentence, re.IGNORECASE):
        return None
    for found in re.finditer(r"\bin ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)", question):
        name = re.escape(found.group(1))
        listed = (
            rf"\b{name}(?:,\s*[A-Z][\w'’-]+)*,?\s+(?:and|or)\s+(?:other\b|[A-Z])"
            rf"|[A-Z][\w'’-]+(?:,\s*[A-Z][\w'’-]+)*,?\s+(?:and|or)\s+{name}\b"
            rf"|[A-Z][\w'’-]+,\s+{name}(?:,\s*[A-Z][\w'’-]+)*,?\s+(?:and|or)\s"
        )
        if re.search(listed, sentence):
            return found.group(1)
    return None


def _ages_meet(asked: tuple[str, int], said: tuple[str, int]) -> bool:
    """Some age asked about ("over 40", "aged 43") is within the bound the sentence sets ("under 40"): a
    bound is read inclusively ("40岁以下", "40 or under"), so only an age clearly outside it fails."""
    (asked_bound, asked_age), (bound, age) = asked, said
    if asked_bound == "aged":
        return asked_age <= age if bound == "under" else asked_age >= age
    if asked_bound == bound:
        return True
    return asked_age < age if asked_bound == "over" else asked_age > age


def _durations(sentence: str, vocabulary: Vocabulary, wanted: str) -> bool:
    """Some duration of the sentence may answer: as a "term" it is not a minimum to qualify ("for more
    than six months", "(including three months)"); as a "minimum" it is not a maximum ("for up to 12
    months" says how long a benefit lasts, not how long one must have worked or paid in), nor a window.
    Neither is an age ("below 35 years")."""
    said = vocabulary.minimum_duration
    for found in vocabulary.answers["duration"].finditer(sentence):
        before, after = sentence[max(0, found.start() - 20) : found.start()], sentence[found.end() :]
        aged = re.match(r"\d\d\b", found.group()) and said["age_before"].search(before)
        if aged or said["age_after"].search(after):
            continue  # "below 35 years", "25 years old": an age (not "over five years")
        if wanted == "minimum":
            # "within two years of graduation" is a window since an event, not how long one has done it
            window = said["after"].search(after) and re.match(r"\s*(?:after|since|of)\b", after)
            if not said["maximum_before"].search(before) and not window:
                return True
        elif not (said["before"].search(before) or said["after"].search(after)):
            return True
    return False


def _only_thresholds(sentence: str, answer: re.Pattern[str], vocabulary: Vocabulary) -> bool:
    """Every score the sentence gives is one to reach: "have to earn a minimum of 72 points"."""
    said = vocabulary.score_threshold
    found = list(answer.finditer(sentence))
    return bool(found) and all(
        said["before"].search(sentence[max(0, m.start() - 40) : m.start()])
        or said["after"].search(sentence[m.end() :])
        for m in found
    )


def _only_planned(part: Part, sentence: str, answer: re.Pattern[str], vocabulary: Vocabulary) -> bool:
    """Every figure of the kind asked is in a clause stating a plan or target, none in one stating a
    result: "aims to select more than 10 leaders" does not say how many were selected."""
    if part.asks == "count":
        found = (re.search(rf"\b{re.escape(f)}\b", sentence, re.IGNORECASE) for f in count_figures(sentence))
        figures = [m.group() for m in found if m]
    else:
        figures = [m.group() for m in answer.finditer(sentence)]
    achieved = vocabulary.achieved
    rule, done, planned = achieved["rule"], achieved["done"], achieved["planned"]
    # a clause that says neither ("More than 30,000 domestic and foreign talents, university graduates
    # and ... will join online") is read with its sentence
    clauses = [
        clause if (rule.search(clause) or done.search(clause) or planned.search(clause)) else sentence
        for clause in (own_clause(sentence, figure) for figure in figures)
    ]
    # ... nor a rule ("graduates of six universities who meet the requirements can secure a hukou")
    # (a rule says nothing of how many did; of an amount, "can apply for 20,000 yuan" is what one gets)
    ruled = part.asks == "count"
    return bool(clauses) and all(
        states_a_plan(c, vocabulary) or (ruled and rule.search(c) and not done.search(c)) for c in clauses
    )


def states_a_plan(clause: str, vocabulary: Vocabulary | None = None) -> bool:
    """The clause states a plan or target ("aims to select", "will be held"), and no result."""
    achieved = (vocabulary or Vocabulary.load()).achieved
    return bool(achieved["planned"].search(clause)) and not achieved["done"].search(clause)


def states_a_result(clause: str) -> bool:
    """The clause states a result ("have been held", "so far"), and no plan."""
    achieved = Vocabulary.load().achieved
    return bool(achieved["done"].search(clause)) and not achieved["planned"].search(clause)


def _a_threshold_share(found: re.Match[str], stated: str) -> bool:
    """The amount found is a share of something that a rule starts above ("exceeds 15 percent of the
    taxable income"), not a sum."""
    start = found.start()
    while start and (stated[start - 1].isdigit() or stated[start - 1] in ".,"):
        start -= 1  # "15 percent of": the pattern finds its last digit
    return bool(
        PERCENT.match(found.group())
        and Vocabulary.load().cues["above_a_share"].search(stated[max(0, start - 30) : start])
    )


def _in_a_clause_about_it(part: Part, sentence: str, answer: re.Pattern[str]) -> bool:
    """In a sentence listing items between semicolons ("3 persons were granted special allowances; ...
    with Yuan 10 million paid as subsidies for ..."), the figure's own item shares a word with the
    part beyond the names it holds (places, programmes)."""
    items = re.split(r"[;；]", sentence)
    if len(items) < 2:
        return True
    names = " ".join(re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][\w'’-]*", part.text))  # places, programmes
    asked = set(part.focus) - set(terms(names)) - _ANY_ITEM
    if not asked:
        return True  # "How much is each?": the benefits were named before it, nothing ties one item
    # "the State Council special allowance": the item must name what sets the benefit apart ("special")
    qualifiers = _qualifiers(part.text, names) if part.benefit else set()
    # ... or names the people asked about ("500 yuan per person per month for undergraduates": a bachelor's)
    return any(
        answer.search(item)
        and (asked & (found := set(terms(item))) or part.groups & groups_in(item))
        and qualifiers <= found
        for item in items
    )


# Words any item of a list may use: they tie no figure to the thing asked.
_ANY_ITEM = frozenset(terms("talent talents paid pay paying given give get receive yuan each every year"))
_QUALIFIED = re.compile(
    r"\b((?:[a-z][\w-]*\s+){1,2})(?:subsid(?:y|ies)|allowances?|grants?|bonus(?:es)?|rewards?|awards?|stipends?)\b"
)


def _qualifiers(text: str, names: str) -> set[str]:
    """The lower-case words just before the benefit a part names ("special allowance" -> special), not
    its kind (rent, purchase) nor question words: what one item of a list must say to be about it."""
    match = _QUALIFIED.search(text)
    if not match:
        return set()
    # "first-home" names a kind, as a whole; "PhD", "Grade A" name people, whom fits() checks itself
    raw = [w for w in match.group(1).split() if not kinds_in(w) and not groups_in(w)]
    words = set(terms(" ".join(raw))) - set(terms(names)) - _ANY_ITEM
    return {w for w in words if w not in _QUESTION_TERMS and w not in _CHOOSING}


# "choose the rental subsidy": a verb before the benefit is no qualifier of it
_CHOOSING = frozenset(terms("select choose chose chosen opt pick take want apply claim use prefer"))


_QUESTION_TERMS = frozenset(
    terms(
        "how much many what which the is are was were monthly yearly annual one-off max maximum min minimum "
        "highest lowest top upper limit",
        keep_stopwords=True,
    )
)


def _names_a_price(priced: str, sentence: str, vocabulary: Vocabulary, modifier: str | None = None) -> bool:
    """The sentence names the rent (price, salary ...) asked about, not a benefit named after it:
    "a monthly rent subsidy" is no rent; with a modifier ("visa" of "the visa fee"), the price of that
    thing, named in the words just before or after it ("the visa fee", "the fee for the visa")."""
    for found in vocabulary.priced[priced].finditer(sentence):
        following = word_tokens(sentence[found.end() : found.end() + 30])[:1]
        if following and following[0] in vocabulary.benefits:
            continue
        before, after = sentence[max(0, found.start() - 30) : found.start()], sentence[found.end() :][:30]
        near = terms(f"{before} {after}")
        if modifier is None or modifier in near:
            return True
    return False


def _price_modifier(text: str, priced: str) -> str | None:
    """The thing a price asked about is of, as a term: "the visa fee" -> "visa" (not "the monthly rent")."""
    found = re.search(rf"\b([A-Za-z][\w-]*)\s+{re.escape(priced)}s?\b", text, re.IGNORECASE)
    if not found:
        return None
    said = terms(found.group(1))
    return said[0] if said and said[0] not in _PRICE_QUALIFIERS else None


# Words that say which amount of a price, not whose price it is: "the monthly rent", "a minimum salary"
_PRICE_QUALIFIERS = frozenset(
    terms(
        "monthly yearly annual daily weekly per minimum maximum max min average typical usual basic full "
        "new much many high highest low lowest current total overall actual what which whose any each"
    )
)


def _money_said(sentence: str, context: str, vocabulary: Vocabulary) -> bool:
    if _benefit_word_said(sentence, context, vocabulary):
        return True
    return bool(vocabulary.answers["amount"].search(sentence) or PERCENT.search(sentence))


def _benefit_amounts(text: str, vocabulary: Vocabulary, compared: bool = True) -> frozenset[float]:
    """The yuan of each amount a text gives of a benefit, not of a price, a salary or an investment ("an
    annual salary of 350,000 yuan", "a monthly rent of 800 yuan"); without compared, not an amount a
    question compares the answer with either ("is it more than 20,000 yuan a month?")."""
    values = set()
    for found in vocabulary.answers["amount"].finditer(text):
        # the words just around it: "a monthly rent of 800 yuan", "an annual salary of 350,000 yuan"
        before = " ".join(text[: found.start()].split()[-3:])
        after = " ".join(text[found.end() :].split()[:2])
        priced = any(p.search(f"{before} {after}") for p in vocabulary.priced.values())
        if priced or _of_no_benefit(text, found, vocabulary):
            continue
        if not compared and compared_to(text, found.start(), vocabulary):
            continue
        value = amount_value(found.group())
        if value is not None:
            values.add(value)
    return frozenset(values)


def _of_no_benefit(sentence: str, amount: re.Match[str], vocabulary: Vocabulary) -> bool:
    """The amount measures something no one receives: "signed projects with a total investment of 500
    million yuan" (but not "projects with investment over 1 billion yuan get a subsidy of 5 million")."""
    before = set(word_tokens(sentence[max(0, amount.start() - 60) : amount.start()])[-5:])
    return bool(before & vocabulary.not_benefits) and not before & vocabulary.benefits


def _asked(part: Part) -> bool:
    """The part is a user's question (or reads as one), not a claim of an answer."""
    return part.question or is_question(part.text)


_WH_FIRST = re.compile(
    r"^\W*(?:(?:and|but|so|then|also)\s+)?(?:how|what|what's|which|when|where|who|whom|whose|why)\b", re.I
)
_WH_WORD = re.compile(r"\b(?:what|what's|which|who|whom|whose|where|when|why|how)\b", re.IGNORECASE)


def _obliged_to(part: Part, vocabulary: Vocabulary) -> frozenset[str]:
    """The terms that say what a question asks whether one must do ("Do I have to pay the money back?":
    pay back, repay, refund ...); empty for a statement, a part asking a typed answer, or a verb said too
    many ways to hold a sentence to."""
    found = vocabulary.obligation.search(part.text) if part.asks is None and _asked(part) else None
    if not found or _WH_WORD.search(part.text[: found.start()]):
        return frozenset()  # "Which work permit do I need to qualify?" asks which, not whether
    verb = found.group(1).lower() + (" back" if found.group(2) else "")
    if verb in vocabulary.obligation_forms:
        return vocabulary.obligation_forms[verb]
    return frozenset() if verb in vocabulary.obligation_not_held else frozenset(terms(verb))


def _properties_asked(part: Part, vocabulary: Vocabulary) -> list[tuple[str, re.Pattern[str]]]:
    """The properties a yes-or-no question asks of a benefit ("Is the settlement subsidy taxed?": tax),
    each with the words that speak of it (not "pay income tax": taxed, tax-free, exempt); none for a part
    asking a typed answer, or a statement."""
    if part.asks is not None or not _asked(part):
        return []
    # a wh-question asks something else of it, unless its question word asks the property ("how often")
    wh = _WH_WORD.match(part.text.strip())
    return [
        (found.group(0).lower(), answering)
        for asked, answering in vocabulary.properties.values()
        if (found := asked.search(f"{part.text} {part.original}"))
        and (not wh or _WH_WORD.match(found.group(0)))
    ]


def _asked_to_exist(part: Part, vocabulary: Vocabulary) -> str | None:
    """The thing a part asks whether there is, or whether one needs, as a term ("Is there a uniform
    standard for the pay?": standard; "Is a local hukou required?": hukou); None when it asks for a
    typed answer or a benefit, which other checks read, or when the words name no thing of their own
    ("is there any way to ...")."""
    found = vocabulary.existence.search(part.text) if part.asks is None else None
    if not found and part.asks is None and _asked(part):
        # "Do I need a local hukou to get it?" (not "Which permit do I need?": which, not whether)
        needed = (m for pattern in vocabulary.required if (m := pattern.search(part.text)))
        found = next((m for m in needed if not _WH_WORD.search(part.text[: m.start()])), None)
    if not found:
        return None
    words = word_tokens(found.group(1))
    head = words[-2:-1] if len(words) > 1 and words[-1] in vocabulary.generic_heads else words[-1:]
    if not head or head[0] in vocabulary.not_things or head[0] in vocabulary.benefits:
        return None
    if kinds_in(head[0], vocabulary) or groups_in(head[0], vocabulary) or not head[0].isalpha():
        return None
    if groups_in(found.group(1), vocabulary):
        return None  # "Do I need a master's degree?": the people it is for, which other checks read
    stems = terms(head[0])
    return stems[0] if stems else None


def _gives_a_total(sentence: str, vocabulary: Vocabulary) -> bool:
    # "eligible for a total subsidy of 50 million yuan": a total, though not one paid out to many
    return bool(
        vocabulary.aggregate.search(sentence)
        or vocabulary.totalled.search(sentence)
        or _A_TOTAL_OF.search(sentence)
    )


_A_TOTAL_OF = re.compile(r"\ba total (?:[a-z-]+ ){1,2}of\b", re.IGNORECASE)


def gives_a_benefit(sentence: str, context: str = "", vocabulary: Vocabulary | None = None) -> bool:
    """The sentence (or those just before it) names a benefit, or someone in it receives an amount:
    "The selected people are expected to receive a maximum of 1 million yuan" names none, but gives one
    (not "we give full play to the role of overseas associations")."""
    vocabulary = vocabulary or Vocabulary.load()
    if _names_a_benefit(sentence, context, vocabulary):
        return True
    return bool(vocabulary.given.search(sentence) and vocabulary.answers["amount"].search(sentence))


def _names_a_benefit(sentence: str, context: str, vocabulary: Vocabulary) -> bool:
    """A benefit word in the sentence or just before it, or housing given ("an apartment rent-free")."""
    if _benefit_word_said(sentence, context, vocabulary):
        return True
    return bool(kinds_in(sentence, vocabulary) & {"housing", "rent"})


def _benefit_word_said(sentence: str, context: str, vocabulary: Vocabulary) -> bool:
    """A benefit word in the sentence or the sentences just before it."""
    return vocabulary.names_benefit(f"{context} {sentence}")
