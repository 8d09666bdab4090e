"""What a question asks, part by part, and which sentences answer a part (assistant/search/parts.py)."""

from __future__ import annotations

import pytest

from assistant.answering.part_names import describe
from assistant.search.fits import fits
from assistant.search.parts import following, groups_in, parts_of, read_part
from assistant.search.query import understand

RENT = "Grade C talents can receive a rental subsidy of 5,000 yuan per month."
PURCHASE = "PhD holders can receive a home-purchase subsidy of 200,000 yuan."
TOTAL = "Since the policy began last August, a total of CNY 244 million has been given out."
LIVING = (
    "Living allowances will be 1,500 yuan per person per month for doctors; 1,000 yuan per person per "
    "month for masters."
)


def test_a_question_is_split_into_the_parts_it_asks() -> None:
    parts = parts_of(
        "Compare the monthly living allowance for PhD graduates in Liuzhou and in Tai'an. "
        "Which city pays more, and for how long does Tai'an pay it?"
    )
    assert [p.asks for p in parts] == [None, None, "duration"]
    assert parts[0].kinds == {"living"} and parts[0].groups >= {"doctor"} and parts[0].period == "month"


def test_a_statement_gives_the_group_of_people_to_every_part() -> None:
    (part,) = parts_of(
        "A PhD under 45 joins a chip company in Lin-gang. What settlement allowance can they get?"
    )
    assert part.groups == {"doctor"} and part.kinds == {"settlement"}


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        ("How much is the home-purchase subsidy for PhD holders?", PURCHASE, True),
        ("How much is the home-purchase subsidy for PhD holders?", RENT, False),  # another benefit
        ("How much rent subsidy does a Grade C talent get?", RENT, True),
        ("How much rent subsidy does a Grade D talent get?", RENT, False),  # another group
        ("What yearly rent subsidy does a Grade C talent get?", RENT, False),  # another period
        ("How much first-home subsidy does the city give one PhD holder?", TOTAL, False),  # a total
        ("How much has the city paid out in total under the subsidy?", TOTAL, True),
        ("How much living allowance does a master's graduate get per month?", LIVING, True),
        ("For how many years is the living allowance paid?", LIVING, False),  # no duration in it
        ("What is the age cap for the subsidy?", PURCHASE, False),  # no age in it
        ("How many services does the card offer?", "The card offers 24 exclusive services.", True),
        ("How many applicants were there?", "The card offers 24 exclusive services.", False),
    ],
)
def test_a_sentence_answers_a_part_only_when_it_holds_what_is_asked(
    question: str, sentence: str, answers: bool
) -> None:
    assert fits(read_part(question), sentence).ok is answers


def test_a_lower_degree_or_above_covers_a_higher_one() -> None:
    part = read_part("How much housing subsidy can a PhD get?")
    assert fits(part, "Graduates with a bachelor's degree or above get a housing subsidy of 10,000 yuan.").ok
    assert not fits(part, "Graduates with a bachelor's degree get a housing subsidy of 10,000 yuan.").ok


def test_a_degree_threshold_settles_whether_a_lower_degree_qualifies() -> None:
    rule = "Graduates with a bachelor's degree or above get a resettlement subsidy of 10,000 yuan."
    # asked whether they qualify, the threshold answers: a junior-college graduate does not
    asked = read_part("Am I eligible for the resettlement subsidy as a junior college graduate?")
    assert fits(asked, rule).ok
    assert fits(read_part("Can junior college graduates apply for the resettlement subsidy?"), rule).ok
    # asked how much they get, it gives nothing of theirs
    assert not fits(read_part("How much resettlement subsidy do junior college graduates get?"), rule).ok
    # a rule naming no threshold says nothing of the degrees it does not name
    plain = "Graduates with a bachelor's degree get a resettlement subsidy of 10,000 yuan."
    assert not fits(read_part("Can junior college graduates apply for the resettlement subsidy?"), plain).ok


def test_the_benefit_named_just_before_counts() -> None:
    part = read_part("What settlement allowance can a PhD apply for?")
    sentence = "Those with a doctorate can apply for 80,000 yuan."
    assert fits(part, sentence, context="Settlement allowances are offered to talent in top industries.").ok
    assert not fits(part, sentence, context="Rental subsidies are offered to talent in top industries.").ok


def test_a_follow_up_keeps_what_was_asked_for_its_own_group() -> None:
    earlier = read_part("How much monthly living subsidy does Changchun give college graduates?")
    (part,) = parts_of("And someone with a master's degree?")
    follow = following(part, earlier)
    assert follow.asks == "amount" and follow.kinds == {"living"} and follow.groups == {"master"}


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        # A figure before yuan, a unit or after a month name counts nothing.
        (
            "How many graduates have been paid the resettlement subsidy so far?",
            "Outstanding graduates can also enjoy a resettlement subsidy of 10,000 yuan.",
            False,
        ),
        (
            "How many people attended the fair?",
            "From November 21 to 22, the fair will be held in the New Area.",
            False,
        ),
        ("How many people attended the fair?", "More than 3,000 people attended the fair.", True),
        # Opposite qualifiers: in person is not online.
        (
            "How many people will be at the venue in person?",
            "More than 30,000 talents will join online.",
            False,
        ),
        (
            "How many people will be at the venue in person?",
            "About 2,000 talents attended in person and 30,000 joined online.",
            True,
        ),
        # Which rate is asked.
        ("At what interest rate is the talent loan given?", "The net inflow rate was 12%.", False),
        ("At what interest rate is the talent loan given?", "The loan's interest rate is 3.5%.", True),
        # A year asked about is not answered by another year's figure.
        (
            "How many talents did the city attract in 2019?",
            "In 2021, the city attracted 5,000 talents.",
            False,
        ),
        (
            "How many talents did the city attract in 2019?",
            "In 2019, the city attracted 4,000 talents.",
            True,
        ),
        # Pay is an amount.
        ("What is the minimum monthly pay for an expert?", "Employers must offer suitable pay.", False),
        # How to apply needs a channel or a step.
        (
            "How do young professionals apply for the housing incentives?",
            "More than 1,000 professionals have so far applied for the housing incentives.",
            False,
        ),
        (
            "How do young professionals apply for the housing incentives?",
            "A WeChat Mini Program application platform for the housing incentives opened on Feb 6.",
            True,
        ),
    ],
)
def test_a_part_is_not_answered_by_a_figure_about_something_else(
    question: str, sentence: str, answers: bool
) -> None:
    (part,) = parts_of(question)
    assert fits(part, sentence).ok is answers, fits(part, sentence).why


def test_a_premise_is_said_not_asked() -> None:
    parts = parts_of(
        "Heilongjiang says more graduates are staying, but what is the number of graduates who stayed?"
    )
    assert len(parts) == 1 and parts[0].asks == "count"
    two = parts_of("For a foreign expert: how long is the visa valid, and what share of the score is points?")
    assert [p.asks for p in two] == ["duration", "percent"]


def test_the_article_lede_names_the_benefit_a_later_sentence_is_about() -> None:
    (part,) = parts_of("How do young professionals apply for Zhuhai's housing incentives?")
    sentence = "A WeChat Mini Program platform has been accepting applications since Feb 6."
    assert not fits(part, sentence, "Recruitment fairs help employment.").ok
    assert fits(part, sentence, "Recruitment fairs help employment.", "Zhuhai's new housing policy ...").ok


def test_years_said_relative_to_now_are_compared_with_each_other() -> None:
    (_, before) = parts_of("How many skilled workers last year, and what was the number the year before?")
    assert before.asks == "count" and before.years == {"the year before"}
    assert not fits(before, "Last year, skilled personnel reached 825,000.").ok
    assert fits(before, "In the previous year, skilled personnel numbered 790,000.").ok


def test_a_rate_is_read_in_the_clause_of_its_own_figure() -> None:
    (part,) = parts_of("What is Hangzhou's net inflow rate of talent?")
    sentence = (
        "In 2018, the number of college students increased by 35%, and the net inflow rate of talents "
        "in Hangzhou ranks first in the country."
    )
    assert not fits(part, sentence).ok
    assert fits(part, "Hangzhou's net inflow rate of talent reached 12.5% in 2018.").ok


def test_which_banks_wants_banks_named() -> None:
    (part,) = parts_of("Which banks are taking part in the talent service bank?")
    assert part.asks == "entity"
    assert not fits(part, "The alliance integrates the powers of banks, brokers and funds.").ok
    assert fits(part, "Partners include the Bank of Hangzhou and China Construction Bank.").ok
    (countries,) = parts_of("Which countries did Hangzhou's overseas talents come from?")
    assert fits(countries, "Most came from Singapore and Japan.").ok
    assert not fits(countries, "They came from many places abroad.").ok


def test_how_big_asks_a_size() -> None:
    (part,) = parts_of("How big will the talent building be?")
    assert part.asks == "size"
    assert not fits(part, "The talent building gathers 360 major talent policies.").ok
    assert fits(part, "The talent building will cover 50,000 square meters.").ok
    (subsidy,) = parts_of("How big is the housing subsidy?")
    assert subsidy.asks == "amount"


def test_a_place_the_question_names_does_not_answer_which_city() -> None:
    parts = parts_of("When does the Heilongjiang Talent Week take place, and in which city is it held?")
    city = parts[-1]
    assert city.asks == "entity" and "Heilongjiang" in city.known
    assert not fits(city, "Heilongjiang continued to run the Heilongjiang Talent Week.").ok
    assert fits(city, "The Heilongjiang Talent Week is held in Harbin every June.").ok


def test_last_year_in_an_article_is_read_by_its_date() -> None:
    (part,) = parts_of("What was the number of skilled personnel in 2021?")
    sentence = "Last year, skilled personnel reached 825,000."
    assert not fits(part, sentence, year=2024).ok  # last year was 2023
    assert fits(part, sentence, year=2022).ok


def test_either_or_needs_a_sentence_saying_one_of_them() -> None:
    (part,) = parts_of("Do we apply online, or does someone have to go to an office in person?")
    assert not fits(part, "Employers must meet certain criteria.").ok
    assert fits(part, "Applications are submitted online through the platform.").ok


def test_a_deadline_needs_a_closing_date() -> None:
    (part,) = parts_of("What's the deadline to register for the conference?")
    assert not fits(part, "From November 21 to 22, the conference will be held in the New Area.").ok
    assert fits(part, "Registration closes on November 15.").ok


def test_a_share_of_people_is_no_amount_of_money() -> None:
    (part,) = parts_of("What subsidy does Heilongjiang pay per person to a highly skilled worker?")
    assert part.asks == "amount"
    assert not fits(part, "Highly skilled personnel reached 825,000, 31.7% of the skilled workforce.").ok
    assert fits(part, "Employers of highly skilled workers are reimbursed 30% of their salary.").ok


def test_a_question_after_a_preposition_is_a_part_of_its_own() -> None:
    parts = parts_of(
        "What's the most a first-class scientist can receive, and over how many years is it paid?"
    )
    assert [p.asks for p in parts] == ["amount", "duration"]
    (_, share) = parts_of(
        "What share of the workforce is highly skilled, and what's the equivalent share in Zhejiang?"
    )
    assert share.asks == "percent"


def test_a_thing_the_question_names_does_not_answer_which() -> None:
    (_, banks) = parts_of(
        "What products come with the Talent Service Bank 2.0, and which banks take part in it?"
    )
    assert banks.asks == "entity"
    assert not fits(banks, "The launch of the “Talent Service Bank 2.0” brings a talent card.").ok
    assert fits(banks, "Partners include the Bank of Hangzhou and the Talent Service Bank.").ok


def test_what_is_counted_is_not_a_generic_word() -> None:
    (items,) = parts_of("How many 'dry goods' items has the platform put out?")
    assert fits(items, "The website sows out more than 10,000 “dry goods”.").ok
    (people,) = parts_of("Roughly how many people from the county live in Singapore?")
    assert not fits(
        people, "In Singapore I established 2 talent liaison stations and 8 talent contact points."
    ).ok


def test_a_figure_before_a_noun_its_word_describes_counts_that_noun() -> None:
    # "8 talent contact points" counts points: talents asked about are not counted by it
    (talents,) = parts_of("How many of those talents came from Japan?")
    stations = "In Singapore and Japan I established 2 talent liaison stations and 8 talent contact points."
    assert not fits(talents, stations).ok
    assert fits(talents, "This year 12 overseas high-level talents were introduced.").ok
    (points,) = parts_of("How many talent contact points are there?")
    assert fits(points, stations).ok


def test_the_second_batch_is_not_answered_by_the_first() -> None:
    (part,) = parts_of("And when does the second batch open?")
    assert not fits(part, "Lanzhou has deployed its first batch of applications in 2023.").ok
    assert fits(part, "The second batch of applications opens in March 2024.").ok
    assert fits(part, "The first batch opened in 2023 and the second batch opens in 2024.").ok


def test_an_age_is_no_count_of_people() -> None:
    (part,) = parts_of("How many people are funded each year?")
    assert not fits(part, "Those people with doctorate, below the age of 45, can apply for 80,000 yuan.").ok


def test_which_office_wants_an_office_named() -> None:
    (_, office) = parts_of("How much is the monthly living subsidy, and which office do I apply to?")
    assert office.asks == "entity"
    assert not fits(office, "With such process I read today, I found that I could apply immediately.").ok
    assert fits(office, "Applications go to the Changchun Human Resources Bureau.").ok


def test_a_synonym_of_what_is_counted_counts_it() -> None:
    (part,) = parts_of("How many job openings is Changchun setting aside for college graduates?")
    assert fits(part, "This year, Changchun provides 6,000 employment posts for college graduates.").ok


def test_an_amount_of_rent_needs_rent_named() -> None:
    (part,) = parts_of("What's the monthly rent for the talent apartments?")
    assert part.asks == "amount"
    assert not fits(part, "The talent apartments are expected to cost 120 million yuan.").ok
    assert fits(part, "Talents pay a monthly rent of 800 yuan for the apartments.").ok


def test_a_yes_no_question_before_and_is_asked_not_stated() -> None:
    parts = parts_of("Does the Superior Talent Card have an age limit, and how much is its living allowance?")
    assert [p.asks for p in parts] == ["age", "amount"]


def test_a_couple_is_answered_by_what_couples_get() -> None:
    (part,) = parts_of(
        "What's the most a married couple of graduates can receive from the home-buying subsidy?"
    )
    before = "Graduates get a home purchase subsidy."
    assert fits(part, "Couples can enjoy a maximum of 400000 yuan.", before).ok


def test_a_count_of_people_does_not_reach_across_a_clause() -> None:
    (_, staff) = parts_of("How many liaison stations does the county run, and how many staff work at them?")
    assert not fits(staff, "It held 16 training sessions on talent work, and set up 7 working teams.").ok
    assert fits(staff, "The stations have 12 staff in all.").ok


def test_the_year_a_question_names_does_not_answer_when() -> None:
    (part,) = parts_of("When is the application window for the first 2023 batch?")
    assert not fits(part, "The city has deployed its first batch of applications in 2023.").ok
    assert fits(part, "Applications for the first batch ran from early August 2023.").ok


def test_a_rent_cut_is_no_amount_of_rent() -> None:
    parts = parts_of("What rent cut do I get in the second year, and what's the monthly rent there?")
    assert [p.asks for p in parts] == [None, "amount"]


def test_what_is_the_amount_and_the_maximum_ask_for_an_amount() -> None:
    assert read_part("What's the amount of the city's first-home purchase subsidy?").asks == "amount"
    assert read_part("What's the maximum funding a scientist can get under the plan?").asks == "amount"
    assert read_part("Is there a minimum annual salary to qualify?").asks == "amount"


def test_a_cap_is_answered_by_a_bound_not_by_a_threshold() -> None:
    (part,) = parts_of("Is there an upper limit on how much income tax subsidy one person can get?")
    assert part.asks == "amount" and part.bounded
    assert not fits(part, "Subsidies cover the tax paid that exceeds 15 percent of the taxable income.").ok
    assert fits(part, "Each person's income tax subsidy is capped at 500,000 yuan a year.").ok


def test_a_total_paid_out_is_not_what_one_applicant_gets() -> None:
    (part,) = parts_of("What was the total sum of money paid out in the first batch of housing subsidies?")
    assert part.totalled
    assert not fits(part, "Graduates get a housing subsidy of up to 200,000 yuan.").ok
    assert fits(part, "A total of 12 million yuan of housing subsidies was paid out in the first batch.").ok


def test_a_numbered_batch_is_answered_only_by_a_sentence_about_it() -> None:
    (part,) = parts_of("When will the city pay out the second batch of housing subsidies?")
    assert not fits(part, "Since June 30, 2018, graduates under 35 can enjoy the housing subsidy.").ok
    assert not fits(part, "The first batch of housing subsidies was paid out in March 2019.").ok
    assert fits(part, "The second batch of housing subsidies will be paid out in October.").ok
    # the sentence before may name it: "The second batch opens soon. Payment is due in October."
    before = "The second batch of housing subsidies opens soon."
    assert fits(part, "Payment is due in October.", context=before).ok


def test_a_salary_cap_needs_a_salary_named() -> None:
    (part,) = parts_of("Is there a salary cap for the young talent house purchase subsidy?")
    assert part.counted == ("salary",)
    assert not fits(part, "The subsidy is 12% of the purchase price, up to 200,000 yuan.").ok
    assert fits(part, "Buyers claiming the purchase subsidy must earn a salary under 300,000 yuan a year.").ok


def test_what_the_asker_already_has_is_not_asked() -> None:
    (part,) = parts_of("Besides the 10,000 yuan resettlement subsidy, is there a rent subsidy? How much?")
    assert part.kinds == {"rent"}
    assert not fits(part, "Graduates can enjoy a resettlement subsidy of 10,000 yuan.").ok


def test_which_housing_subsidy_may_be_said_after_it() -> None:
    (part,) = parts_of("What's the housing subsidy for a newly introduced talent buying their first home?")
    assert "purchase" in part.kinds
    assert not fits(part, "Graduates can apply for a monthly rent subsidy of up to 800 yuan.").ok


def test_people_the_question_leaves_out_do_not_answer_it() -> None:
    (part,) = parts_of("What house-purchase subsidy do ordinary (not top) talents get?")
    assert part.excluded == {"high_level"} and not part.groups
    assert not fits(part, "Top talents who purchase a house can get 6 million yuan.").ok
    assert not parts_of("Is this not available for PhD holders?")[0].excluded


def test_a_question_about_a_benefit_needs_one_named() -> None:
    (part,) = parts_of("What reward do the county's talent attraction ambassadors receive?")
    assert not fits(part, "I served as the county's overseas talent attraction ambassador.").ok
    assert fits(part, "Each ambassador receives an annual reward for every project signed.").ok


def test_a_minimum_to_qualify_is_not_how_long_it_is_paid() -> None:
    (part,) = parts_of("For how many months is the living allowance paid?")
    assert not fits(part, "Graduates insured for more than six months get a living allowance.").ok
    assert fits(part, "The living allowance is paid for up to 12 months.").ok


def test_which_city_is_not_answered_by_a_country() -> None:
    (part,) = parts_of("Chun'an set up a liaison station in Japan: in which Japanese city is it?")
    assert not fits(part, "Liaison stations were set up in Singapore, Japan and other places.").ok
    assert fits(part, "A liaison station was set up in Osaka last year.").ok
    (choice,) = parts_of("Which city pays a new PhD more, Liuzhou or Tai'an?")
    assert choice.asks is None  # it chooses between the cities it names


def test_a_figure_counts_its_own_noun_and_a_range_end_what_its_start_counts() -> None:
    (letters,) = parts_of("How many talent confirmation letters did the city issue in 2018?")
    shorter = "It cut the approval time for the confirmation letter from five workdays to three."
    assert not fits(letters, shorter).ok
    (students,) = parts_of("How many new college students did the province bring in?")
    sections = "The site has six sections: talent policy, services and college student internship."
    assert not fits(students, sections).ok
    assert fits(students, "The province brought in 450,000 new college students.").ok


def test_a_figure_of_another_item_of_a_list_does_not_answer() -> None:
    (part,) = parts_of("How much did each of the six people granted special allowances by Dalian get?")
    listing = (
        "6 persons were granted special allowances by the people's government of Dalian; "
        "30 projects were initiated, with Yuan 10 million paid as subsidies for new personnel."
    )
    assert not fits(part, listing).ok


def test_which_website_or_office_is_answered_by_either() -> None:
    (part,) = parts_of("Which website or office handles applications for the living subsidy?")
    assert part.counted == ("websites", "offices")
    assert fits(part, "Apply for the living subsidy through the Changchun Talent Service Platform.").ok
    assert fits(part, "The living subsidy is handled by the Changchun Human Resources Bureau.").ok
    assert not fits(part, "Graduates can apply for living subsidies for up to 12 months.").ok


def test_a_figure_counts_what_its_noun_phrase_ends_in() -> None:
    (talents,) = parts_of("How many overseas high-level talents has the county attracted?")
    assert fits(talents, "It promoted 12 overseas high-level talents to the county and 4 overseas teams.").ok
    (flats,) = parts_of("How many talent apartments are being decorated?")
    assert fits(flats, "396 talents apartments which include 6 types are being decorated.").ok


def test_by_how_much_something_grew_asks_for_a_rate() -> None:
    (part,) = parts_of("By how much did the district's GDP grow in the first three quarters?")
    assert part.asks == "percent"
    assert fits(part, "In the first three quarters, the district's GDP increased by 6.7%.").ok


def test_a_website_address_is_answered_by_an_address_on_the_web() -> None:
    (part,) = parts_of("What's the website address of the Talent Service Platform?")
    assert part.asks == "url"
    assert not fits(part, "The Talent Service Platform was officially launched on the same day.").ok
    assert fits(part, "The Talent Service Platform can be visited at www.zjrc.gov.cn.").ok


def test_a_figure_before_another_plural_counts_that() -> None:
    (cards,) = parts_of("How many Talent Cards have been issued so far?")
    assert not fits(cards, "It issued Talent Cards that offer 24 exclusive services in seven areas.").ok


def test_a_rent_subsidy_is_no_rent() -> None:
    (part,) = parts_of("What's the monthly rent for the talent apartments?")
    assert not fits(part, "Graduates can apply for a monthly rent subsidy of at most 800 yuan.").ok


def test_documents_to_submit_are_answered_by_documents_named() -> None:
    (part,) = parts_of("What documents do I need to submit to get a hukou with a college degree?")
    assert part.asks == "documents"
    assert not fits(part, "Those with a junior college degree may gain hukou where they work.").ok
    assert fits(part, "Applicants submit their degree certificate and labour contract to get a hukou.").ok


def test_parents_are_not_answered_by_what_the_talent_gets() -> None:
    (part,) = parts_of("Can the parents of a top-tier overseas talent also get permanent residence?")
    assert "parent" in part.groups
    assert not fits(part, "Top-tier overseas talents will be granted permanent residence.").ok


def test_a_dash_may_start_the_question_and_how_much_is_of_the_benefit_asked_about() -> None:
    question = "I'm a graduate moving to Changchun - is there a rent subsidy, and how much per month?"
    (_, part) = parts_of(question)
    assert part.asks == "amount" and part.kinds == {"rent"} and part.period == "month"
    assert not fits(part, "Graduates can apply for living subsidies of 400 yuan per month.").ok


def test_a_rate_per_month_is_no_number_of_months() -> None:
    (part,) = parts_of("For how many months does the city pay the 1,500 yuan monthly living allowance?")
    assert not fits(part, "Living allowances will be 1,500 yuan per person per month for doctors.").ok
    assert fits(part, "Doctors get a living allowance of 1,500 yuan per month for 36 months.").ok


def test_a_figure_counts_the_head_noun_right_after_it() -> None:
    (part,) = parts_of("Exactly how many college students did the province newly introduce in 2018?")
    sections = "The website has six sections: talent policy, project display and college student internship."
    assert not fits(part, sections).ok


def test_the_names_of_things_are_not_answered_by_their_number() -> None:
    (part,) = parts_of("What are the names of the five talent policies the county has perfected?")
    assert part.asks == "entity" and part.counted == ("policies",)
    assert not fits(part, "Up to now, it has perfected 5 policies on talent and held 3 meetings.").ok
    assert fits(part, "The county perfected the Qiandao Lake Talent Policy and four others.").ok


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        # A target is no result ...
        (
            "How many engineers has the county actually recruited?",
            "The county aims to recruit 500 engineers.",
            False,
        ),
        (
            "How many forums did the park hold last year?",
            "In the next two years, 40 forums will be held.",
            False,
        ),
        (
            "How many startups have moved in so far?",
            "The zone plans to bring in 200 startups by 2025.",
            False,
        ),
        # ... a result answers, also beside a target ...
        (
            "How many engineers has the county actually recruited?",
            "The county has recruited 320 engineers.",
            True,
        ),
        (
            "How many startups have moved in so far?",
            "So far 86 startups have moved in, and the zone plans to bring in 200 by 2025.",
            True,
        ),
        # ... and a question about the plan is answered by the plan.
        (
            "How many engineers does the county want to recruit?",
            "The county aims to recruit 500 engineers.",
            True,
        ),
        (
            "How many engineers has the county pledged to recruit?",
            "The county aims to recruit 500 engineers.",
            True,
        ),
    ],
)
def test_what_was_done_is_not_answered_by_a_target(question: str, sentence: str, answers: bool) -> None:
    (part,) = parts_of(question)
    assert fits(part, sentence).ok is answers


def test_a_yes_no_question_about_an_age_or_an_income_asks_for_one() -> None:
    age = read_part("Do I have to be under a certain age to claim the living allowance?")
    assert age.asks == "age"
    assert not fits(age, "PhD graduates receive a living allowance of 3,000 yuan a month.").ok
    assert fits(age, "Applicants for the living allowance must be under the age of 35.").ok
    income = read_part("Is there a salary threshold for the talent card?")
    assert income.asks == "amount" and income.counted == ("salary",)
    assert not fits(income, "Top talents receive the talent card and may apply for permanent residence.").ok


def test_permanent_residence_is_no_duration() -> None:
    (part,) = parts_of("How long does it take to get the recommendation letter?")
    assert not fits(part, "The office will issue a recommendation letter for permanent residence.").ok
    assert fits(part, "The recommendation letter is issued within 20 working days.").ok


def test_a_rate_is_no_duration() -> None:
    (_, part) = parts_of("How much is the living allowance for PhDs, and how long is it paid?")
    assert not fits(part, "PhD holders get a living allowance of 1,500 yuan per month.").ok
    # "how long is it paid?" is the living allowance's: said of it, here or in the sentences before
    assert fits(part, "PhDs receive 1,500 yuan a month for three years.", "Living allowances are new.").ok
    assert not fits(part, "PhDs get a rent subsidy of 1,000 yuan a month for three years.").ok


def test_a_what_question_about_a_monthly_or_one_off_benefit_asks_its_amount() -> None:
    assert read_part("What's the monthly rental allowance for a foreign expert?").asks == "amount"
    assert read_part("What one-off start-up subsidy is there for graduate founders?").asks == "amount"
    assert read_part("What rental allowance is there for a foreign expert?").asks is None


def test_a_bare_amount_after_a_chinese_question_is_the_amount_of_its_benefit() -> None:
    first, amount = parts_of(
        "Wenzhou newly introduced master's home purchase subsidy? Maximum how much money?",
        "温州对新引进的硕士研究生有购房补贴吗？最高多少钱？",
    )
    assert amount.asks == "amount" and amount.kinds == first.kinds == {"housing", "purchase"}
    assert not fits(amount, "Graduates in small firms will be given employment subsidies of 40,000 yuan.").ok


def test_technicians_and_skilled_workers_are_a_group_of_their_own() -> None:
    (part,) = parts_of("What employment subsidy does the city give a senior technician?")
    assert part.groups == {"skilled"}
    assert not fits(part, "Doctors will be given an employment subsidy of 80,000 yuan.").ok
    assert fits(part, "Senior technicians will be given an employment subsidy of 30,000 yuan.").ok


def test_a_window_after_graduation_is_no_term_of_payment() -> None:
    (_, part) = parts_of("How much is the employment subsidy, and over how many years is the money paid out?")
    window = "Graduates who work here within five years after graduation get a subsidy of 40,000 yuan."
    assert not fits(part, window).ok
    assert fits(part, "The subsidy of 40,000 yuan is paid for three years.").ok


def test_which_documents_needs_a_document_named() -> None:
    (part,) = parts_of("Which documents do I have to upload for the recommendation?")
    assert part.asks == "documents"
    assert not fits(part, "Applicants make an online declaration and submit relevant materials.").ok
    assert fits(part, "Applicants upload their passport and a copy of the degree certificate.").ok


def test_an_age_cutoff_asks_an_age() -> None:
    assert read_part("What's the age cutoff for counting as a young talent?").asks == "age"
    young = read_part("I'm 37. Am I still young enough for Oak City's youth housing policy?")
    assert young.asks == "age"
    assert not fits(young, "The policy offers young talents free accommodation for the first year.").ok
    assert fits(young, "Young talents under the age of 35 can apply for the free accommodation.").ok
    assert read_part("Am I too old for the talent apartment?").asks == "age"
    (over_age,) = understand(["我37岁了,会不会超龄?"]).parts
    assert over_age.asks == "age"


def test_a_time_frame_asks_how_long() -> None:
    frame = read_part("After due diligence the letter is issued. What is the time frame?")
    assert frame.asks == "duration"
    assert not fits(frame, "The leading group will issue a recommendation letter to the applicant.").ok
    assert fits(frame, "The recommendation letter is issued within 30 working days.").ok
    assert read_part("How soon is the letter issued?").asks == "duration"


def test_they_after_the_family_is_named_asks_about_the_family() -> None:
    (part,) = parts_of("My wife and our two children live with me. Are they covered by my application?")
    assert part.groups == {"couple", "child"}
    assert not fits(part, "Applicants can log in to the platform to make an online declaration.").ok
    assert fits(part, "The applicant's spouse and children under 18 may apply together.").ok
    (colleagues,) = parts_of("Two colleagues joined with me. Are they covered by the scheme?")
    assert not colleagues.groups


def test_what_a_city_pays_towards_buying_a_home_is_a_purchase_subsidy() -> None:
    (part,) = parts_of("Oak City pays master's graduates how much towards buying their first home?")
    assert {"purchase", "housing"} <= part.kinds
    assert not fits(part, "Living allowances will be 1,000 yuan per person per month for masters.").ok
    assert fits(part, "Masters buying their first home get a purchase subsidy of 50,000 yuan.").ok


def test_a_count_of_ph_d_holders_counts_holders() -> None:
    (part,) = parts_of("How many Ph.D. holders in total joined the district in 2024?")
    assert part.counted == ("phd", "holder")
    assert not fits(part, "Nine Ph.D. representatives chose their apartments at the ceremony in 2024.").ok


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        # a duration written before a noun is that thing's
        (
            "How long is the entry visa with a work permit valid for overseas talent?",
            "Overseas Chinese can apply for a five-year residence permit under the relevant rules.",
            False,
        ),
        ("How long is the R visa valid?", "Holders can get a five-year multiple-entry visa.", True),
        ("How long is the residence permit valid?", "They get a five-year residence permit.", True),
        ("How long must the labor contract be?", "Applicants must sign a three-year labor contract.", True),
        # how long it takes is not a minimum to qualify, repeated or not
        (
            "After my subsidy is approved, how long does it take for the money to reach my bank account?",
            "Has paid social insurance above three months (including three months) since applying.",
            False,
        ),
        ("How long does the review take?", "The review is completed within 20 working days.", True),
        # a minimum asked is not answered by a maximum
        (
            "How many months of social insurance do I need before I can claim the living subsidy?",
            "College graduates can apply for living subsidies for up to 12 months.",
            False,
        ),
        (
            "How many months of social insurance do I need before I can claim the living subsidy?",
            "Applicants must have paid social insurance for 6 months to claim the living subsidy.",
            True,
        ),
    ],
)
def test_a_duration_answers_only_as_the_duration_asked(question: str, sentence: str, answers: bool) -> None:
    assert fits(read_part(question), sentence).ok is answers


def test_a_target_number_and_a_credit_limit_ask_figures() -> None:
    (target,) = parts_of("What is the target number of talents Jinpu New District plans to bring in 2018?")
    assert target.asks == "count"
    assert target.counted[-1:] == ("talent",)
    assert not fits(target, "Jinpu New District plans to introduce more talents in 2018.").ok
    assert fits(target, "Jinpu New District plans to introduce 3,000 talents in 2018.").ok
    (limit,) = parts_of("What's the credit limit of the 'talent loan' under the Talent Service Bank 2.0?")
    assert limit.asks == "amount"
    assert not fits(limit, "The bank launched products including a “talent card” and a “talent loan”.").ok


def test_an_amount_asked_of_a_benefit_is_something_someone_gets() -> None:
    (part,) = parts_of("Do the overseas ambassadors get a reward for each talent they bring in? How much?")
    assert not fits(part, "We introduced signed projects with a total investment of 500 million yuan.").ok
    assert fits(part, "Each ambassador is rewarded with 20,000 yuan per talent introduced.").ok
    assert fits(part, "The selected people are expected to receive a maximum of 1 million yuan.").ok


def test_which_of_two_ways_of_payment_needs_one_of_them_named() -> None:
    (part,) = parts_of("Is the tax subsidy paid monthly through my payroll or as a single annual payment?")
    assert not fits(part, "Governments of the nine cities will give subsidies to those talents.").ok
    assert fits(part, "The income tax subsidy is paid monthly with the salary.").ok


def test_the_office_one_applies_to_is_one_that_takes_applications() -> None:
    (part, _) = parts_of("Which office do I hand my income-tax subsidy application to, and what documents?")
    assert part.asks == "entity"
    released = "According to a document released by the Finance Department, cities give subsidies."
    assert not fits(part, released).ok
    assert fits(part, "Income tax subsidy applications are accepted by the Finance Department.").ok


def test_a_benefit_duration_may_name_the_benefit_by_another_word() -> None:
    (part,) = parts_of("How long is the living subsidy paid at most?")
    assert fits(part, "A maximum of 3-year living allowances will be given out.").ok


def test_a_first_home_is_no_numbered_series() -> None:
    (part,) = parts_of("How much has the city given out in total for first home purchase subsidies?")
    total = "A total of CNY 244 million of subsidies for the first house-purchase has been given out."
    assert fits(part, total).ok


def test_an_age_is_a_limit_not_a_criterion_named_in_a_list() -> None:
    (part,) = parts_of("Is there a maximum age for applicants?")
    assert not fits(part, "The personal section includes age, education and work experience.").ok
    assert fits(part, "There are no age, education or work experience restrictions.").ok
    assert fits(part, "Applicants must be under the age of 45.").ok


def test_one_of_many_and_an_age_count_nothing() -> None:
    (part,) = parts_of("How many people attended the conference in person?")
    assert not fits(part, "As one of the main organizers of the conference, the area hosts it.").ok
    (part,) = parts_of("How many talented people does the province plan to have attracted by 2022?")
    assert not fits(part, "The policy also applies to the people's spouses and children under 18.").ok


def test_a_numbered_year_of_a_benefit_must_be_named() -> None:
    (part,) = parts_of("What rent reduction does the youth housing policy give in the fourth year?")
    assert not fits(part, "We are building the most comprehensive rent reduction system for young people.").ok
    assert fits(part, "Tenants get a 70-percent rent reduction, and 50 percent in the fourth year.").ok


def test_what_someone_receives_is_a_benefit_named_or_given() -> None:
    (support,) = parts_of("What's the maximum support for someone chosen under the '10 Talent Plan'?")
    assert support.asks == "amount"
    (received,) = parts_of("What can the big-data leaders picked under the '10 Talent Plan' receive?")
    assert received.benefit and received.asks is None
    given = "The selected people and their projects are expected to receive a maximum of 1 million yuan."
    assert fits(received, given).ok
    assert not fits(received, "The plan aims to select more than 10 big data industry leaders.").ok
    # giving "full play" to a network gives nobody anything
    (reward,) = parts_of("What reward or allowance do the overseas ambassadors receive?")
    assert not fits(reward, "We give full play to the role of the overseas talent network.").ok


def test_a_figure_by_the_end_of_a_year_is_not_one_counted_before_it() -> None:
    (part,) = parts_of("How many foreign experts had received the confirmation letter by the end of 2018?")
    assert part.by_end == "2018"
    so_far = "Shanghai has issued the confirmation letter to 52 foreign experts since Jan 1, so far."
    assert not fits(part, so_far, year=2018).ok
    assert fits(part, "By the end of 2018, 160 foreign experts had received the letter.", year=2018).ok
    assert fits(part, "By the end of last year, 160 foreign experts had received the letter.", year=2019).ok


def test_how_many_of_them_counts_what_they_were() -> None:
    (part,) = parts_of("How many of them were post-doctorate researchers?")
    assert part.counted == ("post", "doctor", "research")
    assert not fits(part, "Six once served as head or academician at overseas research institutes.").ok


def test_a_score_asked_is_a_number_of_points() -> None:
    (part,) = parts_of("How many points does a master's degree earn under the point-based hukou system?")
    assert part.asks == "score"
    assert not fits(part, "Graduates of six universities get hukou regardless of their total points.").ok
    assert fits(part, "A master's degree earns 26 points under the point-based hukou system.").ok


def test_a_follow_up_counting_people_counts_those_it_names() -> None:
    (earlier,) = parts_of("How many foreign experts got the high-end talent confirmation letter?")
    (part,) = parts_of("How many of them were post-doctorate researchers?")
    followed = following(part, earlier)
    assert followed.groups == {"postdoc"}  # the people it counts, none carried from the earlier turn
    assert fits(followed, "Three are post-doctorate researchers, and two are senior managers.").ok
    assert not fits(followed, "Three are doctors, and two are senior managers.").ok


def test_a_deadline_to_apply_is_a_date_said_of_applying() -> None:
    (part,) = parts_of("What's the deadline to apply for the '10 Talent Plan'?")
    assert not fits(part, "The city plans to select more than 10 leading talents by 2018.").ok
    assert fits(part, "Applications for the 10 Talent Plan must be submitted before June 30, 2016.").ok


def test_a_hyphenated_name_of_a_permit_is_its_own() -> None:
    (part,) = parts_of("How long is the work-permit entry visa valid?")
    assert not fits(part, "Overseas Chinese can apply for a five-year residence permit.").ok


def test_the_rent_of_an_apartment_asked_in_chinese_is_a_rent_not_a_rent_subsidy() -> None:
    english = "how many, Liuzhou talent apartments per month rent?"  # as the glossary reads it
    (part,) = parts_of(english, original="柳州的人才公寓每月租金是多少？")
    assert part.asks == "amount" and part.counted == ("rent",)
    assert not fits(part, "Graduates can apply for a monthly rent subsidy of up to 800 yuan.").ok


def test_an_income_level_asked_needs_an_income() -> None:
    (part,) = parts_of("What income level do I need to be recognised as high-level talent?")
    assert part.asks == "amount"
    assert not fits(part, "The card offers 24 exclusive services in seven areas to high-level talent.").ok


def test_how_many_of_those_projects_counts_projects() -> None:
    (part,) = parts_of("How many of those roadshow projects are expected to receive investment?")
    assert part.counted[-1:] == ("project",)
    assert not fits(part, "The center in Jiaxing is one of the key moves of the two cities.").ok


def test_a_reduction_asked_how_much_is_answered_by_its_share() -> None:
    (part,) = parts_of("How much is the rent reduction in the second year?")
    assert fits(part, "Tenants get a 70-percent rent reduction for the second year.").ok
    (kinds,) = parts_of("What kinds of income are covered by the income tax subsidy?")
    assert kinds.asks != "amount"  # which incomes, not how much


def test_is_there_a_fixed_amount_asks_an_amount() -> None:
    (part,) = parts_of("Is there a fixed amount for the monthly rental allowance under the talent card?")
    assert part.asks == "amount"
    assert not fits(part, "Eligible foreign talents can enjoy rental allowances and other benefits.").ok


def test_the_points_something_earns_are_not_the_score_needed() -> None:
    (earns,) = parts_of("How many points is a doctorate worth under the city's points system?")
    assert earns.asks == "score" and not earns.minimum
    threshold = "Applicants from other provinces must score at least 90 points to settle."
    assert not fits(earns, threshold).ok
    assert fits(earns, "A doctorate is worth 30 points under the points system.").ok
    (needed,) = parts_of("What is the minimum score an applicant needs to settle?")
    assert needed.minimum and fits(needed, threshold).ok


def test_a_bare_amount_after_a_question_about_a_benefit_is_of_that_benefit() -> None:
    parts = parts_of(
        "What share of the home-purchase subsidy do junior college graduates get? How much money at most?"
    )
    assert parts[1].asks == "amount"
    assert parts[1].kinds == parts[0].kinds and "college" in parts[1].groups
    assert not fits(parts[1], "Couples can enjoy a maximum of 400,000 yuan for a purchase.").ok


def test_people_named_by_their_school_name_no_benefit() -> None:
    (part,) = parts_of("How much is the home-purchase subsidy for junior college graduates?")
    sentence = (
        "Graduates of technical schools and vocational colleges get a housing subsidy of up to 90,000 yuan."
    )
    assert fits(part, sentence, context="Bachelors get 12% of the purchase price.").ok


def test_a_statement_of_buying_makes_a_housing_subsidy_the_purchase_one() -> None:
    (part,) = parts_of("I'm a PhD buying my first flat in the city. How much housing subsidy can I get?")
    assert "purchase" in part.kinds
    assert not fits(part, "PhD holders can receive a monthly rent subsidy of 2,000 yuan.").ok


def test_a_follow_up_naming_another_benefit_asks_about_that_one() -> None:
    earlier = parts_of("What living subsidy can introduced talents get, and for how long?")[0]
    (part,) = parts_of("And what does a Grade A talent get for buying a house there?")
    followed = following(part, earlier)
    assert "purchase" in followed.kinds and "living" not in followed.kinds
    assert fits(followed, "Grade A talents who buy a house in the area can get 3 million yuan.").ok


def test_a_count_of_companies_is_a_figure_counting_companies() -> None:
    (part,) = parts_of("How many companies have received the project subsidy so far?")
    sentence = (
        'Companies that attract top talents through "one discussion for one case" are eligible for a '
        "subsidy of 50 million yuan ($7.38 million) in project funding."
    )
    assert not fits(part, sentence).ok  # "one case", "$7.38 million": no count of companies
    assert fits(part, "So far 46 companies have received the project subsidy.").ok


def test_a_statement_leaves_out_the_people_it_negates() -> None:
    (part,) = parts_of("I'm finishing a junior college diploma, not a bachelor's. How much a month is it?")
    assert part.groups == {"college"} and part.excluded == {"bachelor"}
    listing = "Living subsidies are RMB400 a month for undergraduates and RMB600 for masters."
    assert not fits(part, listing).ok
    assert describe(part).startswith("the amount for junior college graduates")


def test_a_bare_maximum_after_a_question_about_a_benefit_is_of_that_benefit() -> None:
    parts = parts_of("Is there a cap on the first-home purchase subsidy? What's the maximum per person?")
    assert "purchase" in parts[1].kinds
    assert not fits(parts[1], "A maximum of 3-year living allowances will be given out.").ok


def test_a_wife_and_husband_are_a_couple() -> None:
    (part,) = parts_of("My wife and I both work here. What's the most we can get together for buying a home?")
    assert "couple" in part.groups
    assert fits(part, "Couples buying a home can enjoy a maximum of 400,000 yuan.").ok


def test_coordinated_nouns_asked_about_are_each_counted() -> None:
    (part,) = parts_of("How many skilled workers and technicians will the city train?")
    assert fits(part, "The city will train more than 10,000 skilled workers and technicians.").ok
    (hired,) = parts_of("How many of them were top managers hired by local companies?")
    assert hired.counted == ("top", "manag")


def test_a_numerical_target_asks_a_count_of_what_it_names() -> None:
    (part,) = parts_of("What numerical target has the district set for the number of talents it brings in?")
    assert part.asks == "count" and part.counted == ("talent",)
    assert not fits(part, "The district plans to introduce more talents from overseas in 2018.").ok


def test_an_item_of_a_list_answers_only_for_the_benefit_it_names() -> None:
    (part,) = parts_of("How much is the State Council special allowance paid to each of the talents?")
    listing = (
        "3 persons were granted special allowances by the State Council; 30 talent projects were started, "
        "with Yuan 10 million paid as subsidies for the new recruits."
    )
    assert not fits(part, listing).ok
    (total,) = parts_of("What total amount was paid out in the first batch of housing subsidies?")
    assert total.asks == "amount" and total.totalled


def test_a_question_mark_ends_a_part_even_before_a_lower_case_word() -> None:
    parts = parts_of("Kunming: max monthly living subsidy and for how long? also what tax break do they get")
    assert len(parts) == 3
    # a bare "for how long?" is the living subsidy's, about the same things
    assert parts[1].asks == "duration" and parts[1].kinds == {"living"} and "live" in parts[1].focus
    assert describe(parts[2]) == "an answer to “what tax break do they get”"


def test_a_linking_phrase_or_condition_before_a_question_starts_a_new_part() -> None:
    texts = [
        p.text
        for p in parts_of(
            "What score must I reach, and after I get the letter, how long does the hall take to issue it?"
        )
    ]
    assert texts == [
        "What score must I reach",
        "after I get the letter, how long does the hall take to issue it?",
    ]
    on_top = parts_of(
        "How much settlement allowance at the first level, and on top of that, how much rent subsidy?"
    )
    assert [p.kinds for p in on_top] == [{"settlement"}, {"rent"}]


def test_a_clause_about_people_in_general_is_not_narrowed_to_the_askers_degree() -> None:
    (amount, duration) = parts_of(
        "I'm a returning PhD. What is the maximum monthly living subsidy for introduced talents there, "
        "and for how long can it be paid?"
    )
    assert not amount.groups and not duration.groups
    general = (
        "The introduced talents can get a living subsidy of up to 25,000 yuan per month for up to 5 years."
    )
    assert fits(amount, general).ok and fits(duration, general).ok
    (mine,) = parts_of("I'm a returning PhD. What living subsidy would I get?")
    assert mine.groups == {"doctor"} and not fits(mine, general).ok


def test_the_level_asked_is_the_one_the_sentences_before_named_last() -> None:
    (part,) = parts_of("Lingang 2nd level, fresh grad within 2 yrs of graduating - how much?")
    second = "At the second level, masters can apply for 20,000 yuan."
    third = "At the third level, those with an undergraduate degree can apply for 10,000 yuan."
    grads = "In addition, college graduates within two years of graduation can apply for 13,000 yuan."
    assert fits(part, "On this level, college graduates can get funds of 26,000 yuan.", second).ok
    assert not fits(part, grads, f"{second} {third}").ok


def test_what_a_chat_question_asks_in_a_few_words() -> None:
    (days,) = parts_of("how many days does Shanghai take to approve the confirmation letter?")
    cut = "It cut the approval period for the confirmation letter from five workdays to three."
    assert fits(days, cut).ok
    (dates,) = parts_of("green card for foreign talent: application dates?")
    assert dates.asks == "date"
    (by,) = parts_of("For the tax subsidy, by what date do I have to apply?")
    assert by.asks == "deadline"
    assert not fits(by, "According to the document released by the Finance Department on June 22, ...").ok
    (office,) = parts_of("which office do i go to for the income tax subsidy?")
    assert not fits(office, "The document was released by the Finance Department of Guangdong Province.").ok


def test_lump_sum_or_monthly_asks_which_of_the_two() -> None:
    (part,) = parts_of("Lingang settlement allowance - do they pay it in one lump sum or monthly?")
    assert not fits(part, "College graduates can get a settlement allowance of 26,000 yuan.").ok
    assert fits(part, "The settlement allowance is paid monthly for three years.").ok
    assert describe(part).startswith("whether lump sum or monthly")


def test_to_pay_is_a_cost_not_the_pay_one_gets() -> None:
    (cost,) = parts_of("Do they have to pay social insurance there?")
    assert not cost.benefit
    (pay,) = parts_of("What is the pay for a postdoc there?")
    assert pay.benefit


def test_a_word_of_conversation_before_a_follow_up_asks_nothing() -> None:
    (part,) = parts_of("OK, and if I only qualify as Grade D, how much house buying subsidy can I apply for?")
    assert part.text.startswith("if I only qualify") and part.groups == {"grade_d"}


def test_a_level_of_government_asked_is_not_answered_by_the_others() -> None:
    (part,) = parts_of("What award does a high-end talent holding a county- or district-level title receive?")
    listed = (
        "High-end talents with national, provincial or city-level titles will be awarded 2 million yuan, "
        "1 million yuan and 300,000 yuan respectively."
    )
    assert not fits(part, listed).ok
    assert fits(part, "High-end talents with county-level titles will be awarded 100,000 yuan.").ok


def test_a_figure_over_several_years_is_no_figure_for_each_year() -> None:
    (part,) = parts_of("How many high-level roadshows will the center stage each year?")
    assert not fits(part, "In the next three years, 300 high-level roadshows will be put on stage here.").ok
    assert fits(part, "Each year, 100 high-level roadshows will be put on stage here.").ok


def test_more_ways_of_asking_an_amount_a_date_a_count_or_a_weight() -> None:
    (exact,) = parts_of("What is the exact housing subsidy amount I would get?")
    assert exact.asks == "amount"
    (dates, _) = parts_of("What are the dates of the Talents Conference, and who gives the keynote speech?")
    assert dates.asks == "date"
    (_, sections) = parts_of("How many policies does it hold, and into how many sections is it divided?")
    assert sections.asks == "count" and sections.counted == ("section",)
    (weight,) = parts_of("How much weight does the applicant's education carry?")
    assert weight.asks == "percent" and weight.measured == ("applic", "educ")
    points = "Evaluation includes enterprise points (30 percent) and personal points (70 percent)."
    assert not fits(weight, points).ok
    (_, months) = parts_of(
        "What monthly living allowance do masters get, and for how many months is that allowance paid?"
    )
    assert months.kinds == {"living"} and describe(months) == "how long it lasts for master's graduates"


def test_questions_typed_one_after_another_with_a_comma_are_parts_of_their_own() -> None:
    amount, deadline = parts_of("xiamen new talent intro subsidy phd how much, whats the deadline to apply")
    assert (amount.asks, deadline.asks) == ("amount", "deadline")
    rent, cap = parts_of("zhuhai young talent housing, 2nd yr rent cut how much, any income cap")
    assert rent.text.startswith("zhuhai young talent housing") and cap.text == "any income cap"
    taxable = parts_of("lingang settlement allowance how much, is it taxable")
    assert [p.asks for p in taxable] == ["amount", None]
    funding = parts_of("guiyang talent plan max funding, where do ppl submit the application")
    assert funding[0].asks == "amount"
    # a comma inside one question joins it
    assert len(parts_of("How much, in total, did Shanghai pay?")) == 1
    assert len(parts_of("In Wenzhou, how much does a PhD get?")) == 1
    (one,) = parts_of(
        "How much house buying subsidy, or monthly house renting subsidy, does a Grade D talent get?"
    )
    assert one.groups == {"grade_d"}


def test_a_second_question_joined_by_whether_or_after_an_initial_is_a_part() -> None:
    share, cap, resale = parts_of(
        "What share of the price does the Wuhu subsidy cover and what its cap is, and also whether buying "
        "a second-hand flat qualifies?"
    )
    assert (share.asks, cap.asks) == ("percent", "amount") and cap.text == "what its cap is"
    assert resale.text.startswith("whether")
    (grade,) = parts_of(
        "My income is below the 300,000 needed for Grade C. How much does a Grade D talent get?"
    )
    assert grade.groups == {"grade_d"}


def test_the_askers_family_and_own_mentions_do_not_change_who_is_asked_about() -> None:
    (mine,) = parts_of("My parents live in Quanzhou and my husband works in Hong Kong. How much would I get?")
    assert not mine.groups
    (ours,) = parts_of("My wife and I are both new graduates. How much can we get?")
    assert "couple" in ours.groups
    # a rule for everyone answers the asker's share question; an amount stays held to their degree
    (share,) = parts_of("I'm a PhD. Above what share of my taxable income is the tax subsidised?")
    assert share.groups == {"doctor"} and share.asker == {"doctor"}
    assert fits(share, "Talents get subsidies for tax exceeding 15 percent of the taxable income.").ok


def test_when_as_a_conjunction_asks_no_date_and_a_date_to_apply_is_a_date_of_applying() -> None:
    (focus,) = parts_of("Which industries does Chun'an County focus on when it attracts overseas talent?")
    assert focus.asks != "date"
    (month,) = parts_of("What month do you have to apply each year for the tax subsidy?")
    assert month.asks == "date"
    assert not fits(month, "According to the document released on June 22, talents get subsidies.").ok
    assert not fits(month, "The tax subsidy policy is effective from January 1 of this year.").ok
    (window,) = parts_of("When is the application window for the first 2023 flexible talent batch?")
    began = "The flexible talent introduction work began in early August and ended in September."
    assert fits(window, began).ok
    (issued,) = parts_of("When was the tax subsidy document released?")
    assert fits(issued, "According to the document released on June 22, talents get tax subsidies.").ok
    assert fits(month, "Applications for the tax subsidy are accepted from June 1 to June 30 each year.").ok
    (by_date,) = parts_of("By what date each year must I submit my application?")
    assert by_date.asks == "deadline"


def test_a_fee_is_an_amount_and_the_family_of_someone_is_who_is_asked_about() -> None:
    (fee,) = parts_of("r visa fee for foreign experts shanghai")
    assert fee.asks == "amount" and fee.counted == ("fee",)
    assert not fits(fee, "Those holding the letter are eligible for a five to ten year valid R visa.").ok
    (parents,) = parts_of(
        "Can the parents of a foreign expert with a high-end talent letter get the R visa too?"
    )
    assert parents.groups == {"parent"}
    assert not fits(parents, "Those holding the high-end talent letter are eligible for an R visa.").ok


def test_when_money_is_paid_is_not_answered_by_another_date() -> None:
    (paid,) = parts_of("At what time of year is the Greater Bay Area tax subsidy paid out?")
    assert paid.asks == "date"
    assert not fits(paid, "The tax subsidy policy is effective from January 1 of this year.").ok
    assert fits(paid, "The tax subsidy is paid out in June each year.").ok


def test_that_allowance_in_a_follow_up_is_the_one_asked_before() -> None:
    (earlier,) = parts_of(
        "How much monthly living allowance does Liuzhou give a newly recruited master's graduate?"
    )
    (later,) = parts_of("For how many months or years is that allowance paid?")
    part = following(later, earlier)
    assert part.asks == "duration" and part.kinds == {"living"} and "master" in part.groups
    rent = "Graduates can apply for a monthly rent subsidy of a maximum of 800 yuan for six months."
    assert not fits(part, rent).ok
    (split,) = parts_of("How is the evaluation split between the enterprise and the individual?")
    assert split.asks == "percent"


def test_a_condition_before_the_question_and_an_alternative_after_a_comma_ask_nothing_of_their_own() -> None:
    (days,) = parts_of(
        "After the leading group issues the recommendation letter and I go to the immigration hall, how many "
        "working days does it take until I receive the card?"
    )
    assert "recommendation letter" not in days.text
    (rent,) = parts_of("Are those talent apartments free, or what's the monthly rent?")
    assert rent.asks == "amount"
    (team,) = parts_of("liuzhou class b talent team max subsidy per project")
    listed = (
        "For Class A talents (teams), the maximum subsidy for the project will be 100 million yuan; "
        "for Class B talents (teams), the maximum subsidy for a project will be 30 million yuan."
    )
    assert fits(team, listed).ok  # "max" sets no item of the list apart


def test_the_askers_degree_narrows_what_they_get_not_what_else_is_asked() -> None:
    (focus,) = parts_of("I hold a master's in hospitality. Which industries does Chun'an County focus on?")
    assert not focus.groups
    (rent,) = parts_of("I hold a master's in hospitality. How much rent subsidy would I get?")
    assert rent.groups == {"master"}


def test_a_question_after_its_condition_is_still_asked() -> None:
    spouse, parents = parts_of(
        "If I get Hainan permanent residence as a top overseas talent, can my spouse and children get it "
        "too, and what about my parents?"
    )
    assert spouse.text.startswith("If I get") and parents.text.startswith("what about")


def test_asks_joined_by_a_plus_or_a_slash_and_terse_ways_of_asking() -> None:
    # as read once the shorthand is spelt out ("+": and, "amt": amount)
    cap, rent = parts_of("wuhu couple purchase subsidy cap and rent subsidy amount for young talents")
    assert (cap.asks, rent.asks) == ("amount", "amount") and rent.kinds == {"rent"}
    permit, allowance = parts_of("hengqin talent card age limit / rental allowance amount")
    assert (permit.asks, allowance.asks) == ("age", "amount")
    assert len(parts_of("chunan overseas talent push which projects/industries they pitch")) == 1
    assert len(parts_of("What do PhDs and masters get in Wenzhou?")) == 1
    assert len(parts_of("What education and job title does one need to get a Hainan hukou?")) == 1
    assert len(parts_of("What was the net inflow rate of mid- and high-end talent - what percentage?")) == 1
    assert parts_of("guiyang 100 talent plan rent subsidy exact amount per person")[0].asks == "amount"
    assert parts_of("score cutoff before due diligence")[0].asks == "score"
    assert parts_of("wuhu purchase subsidy - time limit to apply after buying the flat")[0].asks == "deadline"


def test_what_is_knocked_off_a_price_is_answered_by_its_share() -> None:
    (off,) = parts_of("And how much is knocked off the rent in the third year?")
    assert fits(off, "In the third year, young talents enjoy a 50 percent rent reduction.").ok
    assert not fits(off, "In the third year, young talents pay 1,000 yuan.").ok


def test_a_price_someone_pays_is_no_benefit_and_is_held_to_what_it_is_the_price_of() -> None:
    (rent,) = parts_of("Switching to the talent apartments - what monthly rent would a tenant pay there?")
    assert (rent.asks, rent.counted, rent.benefit) == ("amount", ("rent",), False)
    assert not fits(rent, "Graduates can apply for a monthly rent subsidy of a maximum of 800 yuan.").ok
    (paid,) = parts_of("How much does Liuzhou pay newly introduced talents who buy their first home?")
    assert paid.benefit and "purchase" in paid.kinds  # what the city pays them
    (fee,) = parts_of("How much is the visa fee for a foreign high-end talent?")
    assert fits(fee, "The visa fee is 800 yuan for high-end talents.").ok
    (cost,) = parts_of("what does the R visa cost?")
    assert (cost.asks, cost.counted) == ("amount", ("cost",))
    (loan,) = parts_of("About that 'talent loan' product - what's the maximum a talent can borrow?")
    assert loan.asks == "amount"


def test_a_policy_that_applies_to_cities_names_no_date_for_applying() -> None:
    (month,) = parts_of("For the income tax subsidy, what month do you have to apply each year?")
    effective = "The policy, effective from January 1 of this year, applies to nine cities in Guangdong."
    assert not fits(month, effective, lede="Income tax subsidy for talents").ok
    lede = "Income tax subsidy for talents"
    assert fits(month, "Applications are accepted every year in March.", lede=lede).ok


def test_a_benefit_typed_with_its_period_asks_how_much() -> None:
    (stipend,) = parts_of("lanzhou flexible talent intro: monthly stipend the city itself pays the talent")
    assert stipend.asks == "amount"
    assert not fits(stipend, "Lanzhou City has established support policies in seven areas.").ok


def test_what_a_question_asks_to_exist_or_to_be_done_must_be_said() -> None:
    (standard,) = parts_of("Is there a uniform standard for the pay employers give introduced talents?")
    assert not fits(standard, "Lanzhou City has established support policies in seven areas.").ok
    assert fits(standard, "Pay follows a uniform standard set by the city.").ok
    (renew,) = parts_of("Is there any way to renew the card?")
    assert fits(renew, "Holders renew the card at the service hall.").ok  # "way" names no thing
    (back,) = parts_of("If I leave the area after a year, do I have to pay the money back?")
    assert not fits(back, "Funds are applied by enterprises and will be granted to individuals.").ok
    assert fits(back, "Talents who leave within three years must refund the allowance.").ok
    (fourth,) = parts_of("How is the rent calculated from the fourth year?")
    reduction = "Free accommodation for the first year, a 70-percent rent reduction for the second year."
    assert not fits(fourth, reduction).ok


def test_a_question_between_two_periods_or_about_a_subsidy_needs_one_said() -> None:
    (often,) = parts_of("Is the subsidy paid monthly or once a year?")
    assert not fits(often, "Governments of the nine cities will give subsidies to those talents.").ok
    assert fits(often, "The subsidy is paid once a year.").ok
    (purchase,) = parts_of("What house-purchase subsidy does Hainan pay postgraduates who move there?")
    assert not fits(purchase, "They will enjoy the same home purchase policies as locals in Hainan.").ok
    (reduced,) = parts_of("How much is the rent reduced in the second year?")
    assert fits(reduced, "Young talents get a 70-percent rent reduction for the second year.").ok


def test_parts_of_one_question_share_its_people_and_its_benefit() -> None:
    buying, renting = parts_of(
        "For a Grade D talent in Haicang, how much house-buying subsidy can I apply for, and how much is the "
        "monthly renting subsidy?"
    )
    assert renting.groups == buying.groups == {"grade_d"}
    # ... and the people named last, for every benefit asked before them
    buying, renting = parts_of(
        "In Haicang, how much house buying subsidy and how much monthly renting subsidy can a Grade D talent "
        "apply for?"
    )
    assert buying.groups == renting.groups == {"grade_d"}
    _, same = parts_of(
        "What monthly rent subsidy would a master's graduate get in Changchun, and what would the same "
        "graduate get in Tai'an?"
    )
    assert same.kinds == {"rent"} and "master" in same.groups
    allowance, tax = parts_of(
        "As a master's graduate in Liuzhou, what monthly living allowance can I get, and is that allowance "
        "exempt from income tax?"
    )
    assert allowance.benefit and not tax.benefit  # it asks whether the allowance is taxed
    (each,) = parts_of(
        "In Haicang, a Grade A talent can take either a house buying subsidy or a monthly renting subsidy. "
        "How much is each?"
    )
    assert each.kinds >= {"rent", "purchase"} and each.groups == {"grade_a"}
    listed = (
        "(1) Grade A talent: 800 thousand RMB of house buying subsidy or 3000 RMB / month of house renting "
        "subsidy;"
    )
    assert fits(each, listed).ok


def test_a_question_relayed_by_staff_is_asked_after_who_asks() -> None:
    (living,) = parts_of(
        "Caller is a junior-college graduate who stayed in Changchun in 2020; she asks how much living "
        "subsidy per month she can get."
    )
    assert living.asks == "amount" and living.kinds == {"living"} and "college" in living.groups
    (rent,) = parts_of(
        "Enquirer, 29, bachelor's degree, works in Wuhu but rents rather than buys: is there a monthly rent "
        "subsidy for young talents in Wuhu, and how much?"
    )
    assert rent.asks == "amount" and rent.kinds == {"rent"}
    (taxed,) = parts_of("An applicant wants to know if the Hainan subsidy is taxable")
    assert taxed.text.startswith("whether")
    (place,) = parts_of("Hangzhou: how much is the rent subsidy?")
    assert place.text.startswith("Hangzhou")  # a place before a colon is no statement about the asker


def test_a_follow_up_asking_a_question_of_its_own_does_not_take_the_earlier_ask() -> None:
    (earlier,) = parts_of("How many talented people does Hainan want to attract by 2020?")
    (later,) = parts_of("Which qualifications allow someone from outside the island to get a Hainan hukou?")
    assert following(later, earlier).asks == "conditions"  # its own ask, not the earlier count
    (masters,) = parts_of("And what about masters?")
    assert following(masters, earlier).asks == "count"


def test_an_investment_or_output_is_no_amount_of_a_benefit() -> None:
    (funding,) = parts_of("How much settlement subsidy or project funding does each overseas talent get?")
    invested = "We introduced signed projects with a total investment of 500 million yuan and 12 talents."
    assert not fits(funding, invested).ok
    both = "Projects with an investment over 100 million yuan get project funding of 5 million yuan."
    assert fits(funding, both).ok


def test_a_question_asking_which_thing_one_needs_asks_no_obligation() -> None:
    (permit,) = parts_of("Which work permit do I need to qualify for the Superior Talent Card?")
    assert fits(permit, "Applicants must hold a Class A work permit.").ok


def test_an_amount_asked_of_its_own_subject_is_not_the_earlier_benefit() -> None:
    _, paid = parts_of(
        "In Chun'an County, how much start-up funding does an overseas high-level talent team receive, and "
        "what is a 'talent attraction ambassador' paid?"
    )
    assert paid.asks == "amount" and not paid.kinds and not paid.groups
    _, same = parts_of(
        "What monthly living allowance would a junior college graduate get in Liuzhou, and how much would "
        "the same graduate get in Tai'an?"
    )
    assert same.kinds == {"living"} and "college" in same.groups


def test_a_property_asked_of_a_benefit_must_be_spoken_of() -> None:
    (taxed,) = parts_of("Is the settlement subsidy taxed in Lin-gang?")
    assert not fits(taxed, "Talents in Lin-gang can apply for a settlement subsidy of 80,000 yuan.").ok
    assert fits(taxed, "The settlement subsidy is exempt from individual income tax.").ok
    # paying tax as a condition says nothing of whether the benefit is taxed
    conditions = "Individuals need to sign contracts and pay social insurance and income tax."
    assert not fits(taxed, conditions).ok
    chinese = "两江新区那1万块安家补贴，到手要扣个税吗"
    (deducted,) = parts_of("Liangjiang settlement subsidy, personal income tax?", chinese)
    assert not fits(deducted, "Graduates can enjoy a resettlement subsidy of 10,000 yuan.").ok
    (renewed,) = parts_of("Can the talent card be renewed?")
    assert not fits(renewed, "The talent card is valid for five years.").ok
    (both,) = parts_of("Can I get the rent subsidy and the purchase subsidy at the same time?")
    assert not fits(both, "Master graduates get a rent subsidy of 1,000 yuan per month.").ok
    assert fits(both, "The rent subsidy and the purchase subsidy cannot be enjoyed simultaneously.").ok


def test_what_happens_if_the_askers_situation_changes_must_be_said() -> None:
    (leave,) = parts_of("If I leave Wuhu before the five years are up, do I still get the remaining 5%?")
    assert not fits(leave, "The remaining 5% will be paid in equal amounts over five years.").ok
    assert fits(leave, "Talents who leave Wuhu within five years lose the remaining 5% of the subsidy.").ok
    (moving,) = parts_of("If I move to Wuhu, how much purchase subsidy do I get?")
    assert fits(moving, "Graduates get a purchase subsidy of 12% of the price, up to 200,000 yuan.").ok
    # the change said in a condition joined to the question, not only in the question itself
    (changing,) = parts_of("If I change jobs and leave Wuhu, do I lose the remaining instalments?")
    assert not fits(changing, "The remaining 5% will be paid in equal amounts over five years.").ok


def test_a_level_of_government_asked_must_be_named() -> None:
    (park,) = parts_of("How much is the one-off subsidy for a firm in a national-level HR service park?")
    assert not fits(park, "Branches of outstanding services will be rewarded with up to 300,000 yuan.").ok
    assert fits(park, "Firms in national-level HR service parks get a one-off subsidy of 5 million yuan.").ok


def test_staff_relaying_what_is_asked_and_a_phrase_before_the_question() -> None:
    (amount,) = parts_of("An applicant wants to know the amount of Liuzhou's housing subsidy for talents.")
    assert amount.asks == "amount" and amount.text.startswith("what is the amount")
    (years,) = parts_of(
        "With a junior college degree and an intermediate job title, how many years do I need to work in "
        "Hainan before I can get a Hainan hukou?"
    )
    assert years.asks == "duration"


def test_words_typed_without_a_question_split_at_a_comma_before_a_short_question() -> None:
    amount, taxed = parts_of("xiamen phd subsidy amount, taxable?")
    assert amount.asks == "amount" and taxed.text == "taxable?"
    allowance, lasting = parts_of("liuzhou masters living allowance monthly, for how many months")
    assert lasting.asks == "duration" and allowance.kinds == {"living"}
    # a list after the comma, or a comma inside a question, leaves one part
    assert len(parts_of("living allowance for PhDs, masters and bachelors in Tai'an")) == 1
    assert len(parts_of("How much is the subsidy, and is it paid monthly?")) == 2
    assert len(parts_of("Tai'an PhD living allowance for three years, or less?")) == 1
    assert len(parts_of("PhD in Wuhu, any rent subsidy?")) == 1  # who asks, then the question
    assert len(parts_of("Under the Bay Area income tax subsidy, which kinds of income are covered?")) == 1
    discount, utilities = parts_of("zhuhai youth apartment discount, utilities included?")
    assert discount.benefit and utilities.text == "utilities included?"


def test_what_a_question_asks_whether_one_needs_must_be_said() -> None:
    (hukou,) = parts_of("Do I need a local hukou to get the monthly living allowance as a master's graduate?")
    allowance = "Master's students get a monthly living allowance of 1,500 yuan for three years."
    assert not fits(hukou, allowance).ok
    assert fits(hukou, "Master's graduates applying for the living allowance must hold a local hukou.").ok
    (required,) = parts_of("Is a Wenzhou hukou required for the employment subsidy?")
    assert not fits(required, "Graduates in small firms get an employment subsidy of 40,000 yuan.").ok
    # which thing one needs, and the degree one holds, are read by other checks
    (which,) = parts_of("Which work permit do I need to hold for the card?")
    assert fits(which, 'Talents must have obtained the "Foreigner Work Permit (Class A)".').ok
    (degree,) = parts_of("Do I need a master's degree to get the living allowance?")
    assert fits(degree, allowance).ok
    (insurance,) = parts_of("What social insurance does the city require for its living subsidy?")
    assert not fits(insurance, "Talents get a living subsidy of up to 25,000 yuan per month.").ok


def test_how_a_benefit_is_paid_is_not_answered_by_how_much_it_is() -> None:
    (paid,) = parts_of("How is the 6 million yuan award for top talents paid out?")
    assert not fits(paid, "Top talents who buy a house can get 6 million yuan to settle down.").ok
    assert fits(paid, "The 6 million yuan award for top talents is paid in three installments.").ok
    (much,) = parts_of("How much is paid to top talents?")
    assert fits(much, "Top talents who buy a house can get 6 million yuan to settle down.").ok
    # asked without the amount, how much is part of how it is paid
    (how,) = parts_of("How is the house purchase subsidy paid to a junior college graduate?")
    assert fits(how, "Junior college graduates get a purchase subsidy of 10% up to 200000 yuan.").ok


def test_where_to_apply_is_answered_by_a_place_or_channel_not_by_applying_being_possible() -> None:
    (where,) = parts_of("Where do graduates submit their application for the monthly living subsidy?")
    assert not fits(where, "With such process I read today, I found that I could apply immediately.").ok
    assert fits(where, "Graduates apply for the monthly living subsidy on the talent service platform.").ok


def test_a_benefit_typed_per_person_asks_how_much() -> None:
    (funding,) = parts_of("heilongjiang leading wild goose funding per scientist")
    assert funding.asks == "amount"
    assert not fits(funding, "Special funds support the Leading Wild Goose plan's scientists.").ok
    (subsidy,) = parts_of("wuhu housing subsidy for a graduate")
    assert subsidy.asks is None


def test_how_long_handling_takes_is_not_answered_by_how_long_it_is_valid() -> None:
    (issuing,) = parts_of("How long does the embassy take to issue the R visa?")
    assert describe(issuing).startswith("how long it takes")
    assert not fits(issuing, "Holders are eligible for a five to ten year valid multiple entry R visa.").ok
    assert fits(issuing, "The embassy issues the R visa within two working days.").ok
    (valid,) = parts_of("How long is the R visa valid?")
    assert fits(valid, "Holders are eligible for a five to ten year valid multiple entry R visa.").ok


def test_who_pays_between_the_employer_and_the_government_needs_one_of_them_said() -> None:
    (payer,) = parts_of("tai'an doctoral living allowance paid by employer or government")
    listing = "Doctoral students will get a monthly living allowance of 3,000 yuan each for three years."
    assert not fits(payer, listing).ok
    assert fits(payer, "Doctoral graduates' living allowance is paid by the employer each month.").ok
    (employer,) = parts_of("Does the employer pay the living allowance?")
    assert not fits(employer, "The living allowance is paid by the government each month.").ok


def test_a_benefit_named_again_is_the_one_just_stated() -> None:
    (part,) = parts_of(
        "Liuzhou gives doctors a living allowance of 1,500 a month. How long is that allowance paid?"
    )
    assert part.kinds == {"living"} and part.asks == "duration"
    (general,) = parts_of("I rent a flat in Wuhu. What subsidies can I get?")  # not only the rent subsidy
    assert not general.kinds


def test_an_amount_taken_as_given_binds_the_answer_to_that_benefit() -> None:
    (paid,) = parts_of("How is the Kunming Area's 6 million yuan award for top talents paid out?")
    assert not fits(paid, "Top talents can get a one-off reward ranging from 10,000 yuan to 200,000 yuan.").ok
    assert fits(paid, "Top talents' 6 million yuan award is paid in three instalments over three years.").ok
    # the amount a yes-or-no question states is what it asks: the article's own figure answers it
    (claimed,) = parts_of("Does Tai'an pay master's graduates a living allowance of 2,000 yuan a month?")
    assert fits(claimed, "Master's graduates get a monthly living allowance of 1,500 yuan.").ok


def test_the_next_batch_is_not_the_first() -> None:
    (batch,) = parts_of("When does the next batch of applications open in Lanzhou?")
    assert not fits(batch, "Lanzhou opened its first batch of applications on June 1, 2023.").ok
    assert fits(batch, "The next batch of applications opens on November 1.").ok
    (year,) = parts_of("I plan to move next year. How long is the living subsidy paid?")
    assert not year.ordinals
    # a first home is a kind of purchase, not the first of a series
    (flat,) = parts_of("If I buy my first home in Lanzhou, how much is the purchase subsidy?")
    assert not flat.ordinals


def test_getting_both_or_only_one_asks_whether_they_combine() -> None:
    (both,) = parts_of("Can a doctor receive both the 80,000 yuan subsidy and the SME subsidy, or only one?")
    assert not fits(both, "New full-time doctors under 40 get an employment subsidy of 80,000 yuan.").ok
    (sold,) = parts_of("Suppose I sell the home I bought with it. Do the remaining instalments stop?")
    assert not fits(sold, "The remaining 5% will be paid in equal amounts over five years.").ok


def test_a_chinese_choice_between_two_sides_asks_both() -> None:
    (part,) = parts_of("Kunming top talents 6 million yuan, one-off or?", "是一次性给还是分期发")
    assert {side for _, side in part.sides} == {0, 1}
    assert not fits(part, "Top talents who purchase a house in the Kunming Area can get 6 million yuan.").ok


def test_haishi_between_two_ways_of_paying_asks_which_not_how_many() -> None:
    # 还是 between alternatives is "or", 分几次 is "in instalments": the question is one-off or not
    from assistant.search.query import translate_chinese

    asked = "这个城市的安家补贴是一次性发放还是分几次发放？"
    (part,) = parts_of(translate_chinese(asked), asked)
    assert {side for _, side in part.sides} == {0, 1}
    assert part.asks != "count"
    assert not fits(part, "Subsidies are set at three levels.").ok
    assert fits(part, "The settlement subsidy is paid in three instalments over three years.").ok


def test_a_clause_of_pronouns_joins_the_question_before_it() -> None:
    parts = parts_of("Which universities count as prominent universities in Tai'an, and is mine one of them?")
    assert len(parts) == 1 and parts[0].asks == "entity"
    (tier,) = parts_of("Which universities count for Tai'an's higher 1,000-yuan living allowance?")
    assert tier.asks == "entity"  # "higher" names a tier here; it compares nothing


def test_a_total_one_recipient_gets_is_no_total_paid_out() -> None:
    couple = read_part("Under the youth subsidy, what is the most a married couple can receive in total?")
    assert couple.asks == "amount" and not couple.totalled
    assert fits(couple, "Couples can enjoy a maximum of 400000 yuan.").ok
    paid = read_part("How much has the city paid out in total under the first-home subsidy?")
    assert paid.totalled


def test_a_question_for_conditions_is_answered_by_a_sentence_stating_one() -> None:
    part = read_part("What conditions must an employer meet to use the flexible talent introduction?")
    assert part.asks == "conditions"
    assert fits(part, "These entities must have independent legal person qualifications.").ok
    assert not fits(part, "The flexible talent introduction has brought in 120 experts this year.").ok
    chinese = read_part("申请条件是什么？", original="申请条件是什么？")
    assert chinese.asks == "conditions"


def test_what_someone_needs_to_get_a_thing_asks_the_conditions() -> None:
    assert read_part("And what does someone need to get hukou where they work or live?").asks == "conditions"
    assert read_part("What documents do I need to get the subsidy?").asks == "documents"


def test_how_much_one_can_take_asks_an_amount_in_chinese() -> None:
    part = read_part("how many, couples at most can?", original="那 couples 最多可以拿多少?")
    assert part.asks == "amount"
    months = read_part("how many months, phd per year can?", original="博士每年能领多少个月？")
    assert months.asks != "amount"


def test_a_follow_up_asking_its_own_question_is_not_about_the_earlier_ordinal() -> None:
    earlier = read_part("How much is the rent cut in the second year under the youth housing policy?")
    (part,) = parts_of("Where do people actually submit their applications?")
    assert not following(part, earlier).ordinals
    (same,) = parts_of("And how much in the third year?")
    assert following(same, earlier).asks == "amount"


def test_asking_whether_a_benefit_is_only_for_an_age_asks_the_age_limit() -> None:
    assert read_part("Is the rent subsidy only for people aged 35 or under?").asks == "age"
    assert read_part("Is the rent subsidy for 35 years old or under?").asks == "age"


def test_how_long_one_must_have_paid_in_asks_a_minimum_in_chinese() -> None:
    original = "需要在柳州参保缴费多久?"
    part = read_part("how long, need Liuzhou pay a fee?", original=original)
    assert part.asks == "duration" and part.minimum
    assert fits(part, "Graduates who pay social insurance in Liuzhou for more than six months get it.").ok


def test_a_part_asking_how_long_one_must_have_paid_in_asks_a_minimum() -> None:
    (amount, months) = parts_of(
        "How much is Oak City's monthly living subsidy for a master's graduate, and for how many months "
        "must they have paid social insurance before they can apply?"
    )
    assert amount.asks == "amount" and months.asks == "duration" and months.minimum
    assert not fits(months, "College graduates can apply for living subsidies for up to 12 months.").ok
    # a window since an event is not how long one has done something
    assert not fits(months, "College graduates within two years of graduation can apply for 10,000 yuan.").ok


def test_an_age_is_no_duration() -> None:
    (part,) = parts_of("Within how long after graduation must Oak City graduates apply?")
    aged = "Talents with a post-graduate degree, below 35 years, can apply for 20,000 yuan."
    assert not fits(part, aged).ok
    (spread,) = parts_of("Over how many years is the Oak City purchase subsidy paid?")
    paid = "The remaining 5% of the house purchase subsidy will be paid in equal amounts over five years."
    assert fits(spread, paid).ok


def test_an_age_bound_the_other_way_round_leaves_the_asker_out() -> None:
    (over,) = parts_of("Do full-time doctors over 40 get an employment subsidy in Oak City?")
    (under,) = parts_of("Do full-time doctors under 40 get an employment subsidy in Oak City?")
    said = "New full-time doctors under the age of 40 will be given an employment subsidy of 80,000 yuan."
    assert not fits(over, said).ok and fits(under, said).ok
    chinese = read_part(
        "Oak City over 40 full-time phd employment subsidy?", original="40岁以上的全职博士有就业补贴吗？"
    )
    assert not fits(chinese, said).ok
    # a figure that is no age sets no bound
    assert fits(over, "Over 40 companies took part; doctors get an employment subsidy of 80,000 yuan.").ok


def test_the_age_a_question_states_is_held_to_the_sentences_age_bound() -> None:
    said = "New full-time doctors under the age of 40 will be given an employment subsidy of 80,000 yuan."
    (mine,) = parts_of("I'm 43 and hold a PhD. Do doctors my age get Oak City's employment subsidy?")
    assert mine.age == 43 and not fits(mine, said).ok
    assert describe(mine).endswith("for PhD holders of that age")
    (younger,) = parts_of("I'm 36, a new PhD. How much employment subsidy would I get in Oak City?")
    assert younger.age == 36 and fits(younger, said).ok
    (someone,) = parts_of("How much employment subsidy does a 45-year-old doctor get in Oak City?")
    assert not fits(someone, said).ok
    # a bound further out than the sentence's leaves them out too; one inside it does not
    (over,) = parts_of("How much do doctors over 45 get in Oak City?")
    (over_35,) = parts_of("How much do doctors over 35 get in Oak City?")
    assert not fits(over, said).ok and fits(over_35, said).ok
    chinese = read_part(
        "Oak City 40 years old and or above phd subsidy?", original="40岁及以上的博士有多少补贴？"
    )
    assert not fits(chinese, said).ok
    # the asker's age is not their daughter's; a child's age bounds no applicant; "30 minutes" is no age
    (daughter,) = parts_of("I'm 45 and my daughter has a master's. What would she get in Oak City?")
    assert daughter.age is None
    assert parts_of("I'm 30 minutes from Oak City. What do doctors get?")[0].age is None
    (school,) = parts_of("I'm 43. Can my kids go to school in Oak City?")
    assert fits(school, "Children of talents under 18 can enrol at any school in Oak City.").ok


def test_a_count_the_question_gives_is_not_its_answer() -> None:
    (subset,) = parts_of("How many of Oak County's 8 overseas talent contact points are in Singapore?")
    said = (
        "In Singapore, Japan and other places, we established 2 talent liaison stations and 8 talent contact "
        "points."
    )
    assert not fits(subset, said).ok
    (total,) = parts_of("How many talent contact points did Oak County set up overseas?")
    assert fits(total, said).ok
    # a programme's number is no count the question gives
    (trained,) = parts_of("How many skilled workers will the '10,000 Talent Plan' train?")
    assert fits(trained, "The city will train more than 10,000 skilled workers and technicians.").ok


def test_a_question_opening_by_counting_asks_a_count() -> None:
    (part,) = parts_of(
        "How many foreign talents applied during Oak City's Nov 4 to Dec 12 declaration window?"
    )
    assert part.asks == "count"
    assert not fits(part, "From Nov 4 to Dec 12, applicants must make an online declaration.").ok
    assert read_part("oak city number of college graduates who stayed last year").asks == "count"
    translated = read_part(
        "How many talents, Oak 2018 plan introduce?", original="橡树市2018年计划引进多少 talents？"
    )
    assert translated.asks == "count"


def test_an_amount_of_an_investment_answers_no_question_of_what_someone_is_paid() -> None:
    (paid,) = parts_of("How much does Oak County pay its talent attraction ambassadors each year?")
    said = "This year we introduced signed projects with a total investment of 500 million yuan."
    assert not fits(paid, said).ok
    (invested,) = parts_of("How much investment did Oak County's signed projects attract this year?")
    assert fits(invested, said).ok


def test_how_a_subsidy_is_paid_out_asks_no_total() -> None:
    (part,) = parts_of("How is Oak City's house purchase subsidy for bachelor's graduates paid out?")
    assert not part.totalled
    assert read_part("How much housing subsidy has Oak City paid out so far?").totalled


def test_a_deadline_is_asked_until_what_date_and_of_applying_in_chinese() -> None:
    assert read_part("Until what date can young professionals apply for the incentives?").asks == "deadline"
    part = read_part(
        "when, Oak City talent plan report close time?", original="橡树市人才计划的申报截止时间是什么时候？"
    )
    assert part.asks == "deadline"
    assert not fits(part, "The city plans to cultivate more than 100 innovators by 2018.").ok


def test_a_yes_or_no_follow_up_switching_people_does_not_inherit_what_was_asked() -> None:
    earlier = read_part("How long is the R visa valid for foreign high-end talents in Oak City?")
    (part,) = parts_of("And can their spouses and kids get it too?")
    assert following(part, earlier).asks is None
    (same,) = parts_of("And for how long for their spouses?")
    assert following(same, earlier).asks == "duration"


def test_what_about_the_rent_after_a_purchase_subsidy_asks_the_rent_subsidy() -> None:
    earlier = read_part("What house buying subsidy can a Grade B talent get in Oak District?")
    (rent,) = parts_of("What about the rent?")
    switched = following(rent, earlier)
    assert "rent" in switched.kinds and "purchase" not in switched.kinds and not switched.counted
    said = (
        "Grade B talent can apply for 650 thousand RMB of house buying subsidy or 2500 RMB / month of house "
        "renting subsidy."
    )
    assert fits(switched, said).ok
    (price,) = parts_of("And what is the rent of the talent apartments?")
    assert following(price, earlier).counted


def test_graduates_in_a_paragraph_about_a_degree_are_graduates_of_that_degree() -> None:
    part = read_part("What settlement allowance can a PhD get in Oak City within two years of graduating?")
    said = "College graduates within two years of graduation can apply for 104,000 yuan."
    doctors = "At the first level, those with doctorate, below the age of 45, can apply for 80,000 yuan."
    masters = "At the second level, those with a post-graduate degree can apply for 20,000 yuan."
    title = "Settlement allowances offered to talent"
    assert fits(part, said, f"{title} {doctors}").ok
    assert not fits(part, said, f"{title} {doctors} {masters}").ok
    # a list of degrees says no one degree its graduates hold
    listed = "Doctors, masters and undergraduates can apply for 80,000, 40,000 and 20,000 yuan respectively."
    assert not fits(part, said, f"{title} {listed}").ok


def test_a_second_question_joined_by_up_to_what_is_its_own_part() -> None:
    parts = parts_of(
        "Under Oak City's youth housing policy, what rent reduction applies in the second year, and up to "
        "what age does someone count as a young talent?"
    )
    assert len(parts) == 2 and parts[1].asks == "age"


def test_english_with_chinese_terms_joins_its_questions_as_english_does() -> None:
    parts = parts_of(
        "Kunming free trade zone enterprises that introduce talents: what one-off reward can they get, and "
        "is that reward tax-exempt?",
        "Kunming 自贸区 enterprises that introduce talents: what one-off reward can they get, and is that "
        "reward 免税 (tax-exempt)?",
    )
    assert len(parts) == 2
    # a question asking in Chinese ("几年") is read as one
    (one,) = parts_of(
        "Xiamen Grade B talent, if choose house renting subsidy, at most can claim how many years?",
        "厦门 Grade B talent 如果选 house renting subsidy，最多 can claim 几年?",
    )
    assert one.asks == "duration"


def test_paying_in_stages_answers_whether_it_is_paid_at_once() -> None:
    (stages,) = parts_of(
        "How is Wuhu's house purchase subsidy for bachelor's graduates paid out: all at once or in stages?"
    )
    before = "Bachelor's graduates get a house purchase subsidy of 12% of the price."
    assert fits(stages, "The remaining 5% will be paid in equal amounts over five years.", before).ok
    assert fits(stages, "The first subsidy is 7% of the purchase price.", before).ok
    assert not fits(stages, before).ok
    (several,) = parts_of("Is the 6 million yuan award for top talents paid in one instalment or several?")
    assert several.both_sides
    assert not fits(several, "Top talents who purchase a house can get 6 million yuan to settle down.").ok


def test_how_a_stated_amount_is_paid_is_not_how_much_it_is() -> None:
    (paid,) = parts_of(
        "My colleague says Oak City pays its 10,000-yuan resettlement subsidy for bachelor's graduates in "
        "three yearly instalments. Can you confirm how it's paid?"
    )
    assert paid.states_amount
    said = (
        "First-class scientists can receive a maximum of 100 million yuan, while outstanding graduates with "
        "a bachelor's degree can also enjoy a resettlement subsidy of 10,000 yuan."
    )
    assert not fits(paid, said).ok  # "first-class" says nothing of a first payment
    assert fits(paid, "The subsidy is paid in three yearly instalments.").ok


def test_getting_it_on_top_of_another_benefit_asks_whether_they_combine() -> None:
    (both,) = parts_of("Can the same person also get the Haicang house subsidy on top of it?")
    assert not fits(both, "Grade A talent can apply for 800 thousand RMB of house buying subsidy.").ok


def test_asking_for_a_concrete_figure_joins_the_question_before() -> None:
    (count,) = parts_of("How many talents does Jinpu plan to introduce in 2018, any concrete figure?")
    assert count.asks == "count"


def test_what_the_floor_area_is_asks_a_size() -> None:
    (area,) = parts_of("What is the floor area of the apartments provided?")
    assert area.asks == "size"
    assert not fits(area, "Up to 7,000 apartments are due to be launched this year.").ok


def test_where_exactly_something_is_asks_its_address() -> None:
    assert [
        p.asks for p in parts_of("Where exactly is the Oak Talent Hub, and what are its opening hours?")
    ] == [
        "address",
        "hours",
    ]
    (located,) = parts_of("Where is the talent service centre located?")
    assert located.asks == "address"
    said = "In May, the offline platform of the Oak Talent Hub was officially put into operation."
    assert not fits(located, said).ok
    (apply,) = parts_of("Where can I apply?")
    assert apply.asks != "address"  # where to apply is a procedure, answered by an office or a website
    (chinese,) = parts_of("where is the platform concrete?", "线下平台具体在哪儿啊？")
    assert chinese.asks == "address"
    (weekend,) = parts_of("weekend can handle", "周末能去办事吗")
    assert weekend.asks == "hours"


def test_the_fee_of_one_thing_is_not_the_fee_of_another() -> None:
    (visa,) = parts_of("How much is the visa fee?")
    assert not fits(visa, "Enterprises can be subsidized 70% of the intermediary fee, up to 200,000 yuan.").ok
    assert fits(visa, "The visa fee is 800 yuan.").ok and fits(visa, "The fee for the visa is 800 yuan.").ok
    (rent,) = parts_of("What is the monthly rent of the talent apartments?")
    assert fits(rent, "The monthly rent of the talent apartments is 800 yuan.").ok


def test_a_question_about_what_one_already_owns_needs_a_sentence_about_owning() -> None:
    (owning,) = parts_of(
        "If I already own an apartment in Oak City, can I still get the free first-year accommodation?"
    )
    assert not fits(owning, "The policy offers young talents free accommodation for the first year.").ok
    assert fits(
        owning, "Talents who already own a home in Oak City cannot apply for the free accommodation."
    ).ok
    (plain,) = parts_of("Can I get the free first-year accommodation in Oak City?")
    assert fits(plain, "The policy offers young talents free accommodation for the first year.").ok


def test_asking_in_chinese_whether_it_can_be_renewed_needs_a_sentence_about_renewing() -> None:
    (renewed,) = parts_of(
        "Hainan overseas Chinese 5 years residence allow, can", "海南给华侨的五年居留许可，到期了还能续吗"
    )
    said = "Overseas Chinese can apply for a five-year residence permit under the relevant rules."
    assert not fits(renewed, said).ok
    assert fits(renewed, "The five-year residence permit can be renewed once it expires.").ok


def test_how_often_a_benefit_is_paid_needs_a_sentence_saying_how_often() -> None:
    said = "The nine cities will give subsidies for the tax paid above 15 percent of the taxable income."
    for question in (
        "How often is the Greater Bay Area income tax subsidy paid?",
        "Is the Greater Bay Area income tax subsidy paid once a year?",
        "gba income tax subsidy paid how often",
    ):
        (often,) = parts_of(question)
        assert not fits(often, said).ok, question
        assert fits(often, "The subsidies are paid annually after the tax year.").ok, question
    (chinese,) = parts_of(
        "Greater Bay Area income tax subsidy every year provide once?", "大湾区个税补贴是每年发放一次吗？"
    )
    assert not fits(chinese, said).ok


def test_how_many_days_to_issue_something_asks_how_long_handling_takes() -> None:
    stay = "The visa allows its holders to stay in China for successive periods of up to 180 days."
    for question in (
        "r visa how many days for the consulate to issue it",
        "shanghai R visa processing days at consulate",
        "What is the processing time for the R visa?",
    ):
        (handling,) = parts_of(question)
        assert handling.asks == "duration", question
        assert not fits(handling, stay).ok, question
        assert fits(handling, "The consulate issues the visa within five working days.").ok, question


def test_each_change_of_situation_is_answered_by_its_own_words() -> None:
    # leaving is not answered by a sentence that speaks of owning ("their own housing"), and the gap is
    # what happens on leaving, not the subsidy
    (leaving,) = parts_of("If I leave Oak City before the payments are finished, what happens to the rest?")
    eligibility = "Graduates who do not have their own housing in Oak City can enjoy a purchase subsidy."
    assert not fits(leaving, eligibility).ok
    assert fits(leaving, "Those who leave Oak City within five years stop receiving the remaining money.").ok
    (owning,) = parts_of("If I already own a flat in Oak City, can I still get the housing purchase subsidy?")
    assert fits(owning, eligibility).ok
    assert "purchase subsidy" not in describe(leaving)


def test_whether_something_is_free_is_answered_only_by_a_sentence_about_paying() -> None:
    (free,) = parts_of("Are the Oak City apartments for PhD holders rent-free?")
    assert not fits(free, "Nine PhD holders chose their apartments at a ceremony in Oak City.").ok
    assert fits(free, "PhD holders can live in the Oak City apartments rent-free for three years.").ok
    assert fits(free, "The apartments are provided to PhD holders free of charge.").ok


def test_a_benefit_in_the_sentences_before_counts_only_for_a_sentence_that_gives_something() -> None:
    (reward,) = parts_of("Do Oak County's overseas ambassadors get a work allowance or a reward?")
    lede = "Oak County gives full play to overseas Chinese and provides talent and intelligence support."
    assert not fits(reward, "We should optimize the working mechanism of leading groups.", lede).ok
    named = "Oak County sets up a reward for its overseas ambassadors."
    assert fits(reward, "Each ambassador can receive up to 50,000 yuan a year.", named).ok


def test_a_letter_held_or_a_permit_is_a_document() -> None:
    (document,) = parts_of("What document must foreign experts hold in Oak City to get an R visa?")
    assert fits(document, "Those holding the talent confirmation letter are eligible for an R visa.").ok
    assert not fits(document, "Oak City has issued R visas to 52 foreign experts since January.").ok
    # a letter one is issued at the end is not a document one hands in
    (submitted,) = parts_of("What documents must I submit to apply for Oak City permanent residence?")
    assert not fits(submitted, "The group will issue a recommendation letter to the applicant.").ok


def test_two_things_typed_of_one_subject_are_two_parts() -> None:
    size, rent = parts_of("oak city talent apartments size and monthly rent")
    assert (size.asks, rent.asks, rent.counted) == ("size", "amount", ("rent",))
    assert fits(size, "Each talent apartment covers an area of 30 to 60 square meters.").ok
    assert not fits(rent, "Each talent apartment covers an area of 30 to 60 square meters.").ok
    # a pair of benefits asks nothing of either: one part
    (both,) = parts_of("oak city housing and rent subsidies.")
    assert both.kinds == {"housing", "rent"}


def test_which_places_a_benefit_applies_to_is_not_where_one_applies() -> None:
    (cities,) = parts_of("Which cities does Oak Province's income-tax subsidy apply to?")
    lede = "Oak Province will give income tax subsidies to overseas talents."
    covered = "The policy applies to nine cities in Oak Province, including Elm City and Ash City."
    assert fits(cities, covered, lede).ok
    (office,) = parts_of("Which office do I apply to for the income-tax subsidy?")
    assert not fits(office, covered, lede).ok


def test_a_name_after_people_begins_what_happens_to_them() -> None:
    # "people" is plural without an -s: "Oak Province aimed to attract" is not what is counted
    count, amount = parts_of(
        "A caller asks how many talented people Oak Province aimed to attract by 2020, and how large the "
        "housing subsidy is for its most outstanding talent."
    )
    assert "oak" not in " ".join(count.counted).lower()
    assert fits(count, "Oak Province aims to woo 200,000 talented people by 2020.").ok
    assert describe(amount) == "the amount of the housing subsidy"


def test_people_named_later_are_not_those_of_a_part_that_names_its_own() -> None:
    living, combined = parts_of(
        "What is the maximum monthly living subsidy for introduced talents in Oak City, and can it be "
        "combined with the 6 million yuan award for top talents who buy a house there?"
    )
    assert not living.groups and combined.groups == {"high_level"}
    both = parts_of("how much house buying subsidy and how much renting subsidy can a Grade D talent get?")
    assert all(part.groups == {"grade_d"} for part in both)


def test_a_gap_names_the_benefit_after_the_last_article() -> None:
    (_, housing) = parts_of("Oak City gives teams how much, and home buyers a housing subsidy of how much?")
    assert describe(housing) == "the amount of the housing subsidy"


def test_questions_listed_after_a_colon_are_the_parts() -> None:
    reduction, age = parts_of(
        "A caller who started a job in Oak City in March asks two things about the youth housing policy: how "
        "big is the rent reduction in the second year, and what is the upper age limit for applicants?"
    )
    assert reduction.text.startswith("how big is the rent reduction") and age.asks == "age"


def test_staff_shorthand_asks_what_it_abbreviates() -> None:
    # "no. of" is a number of; "floor area" a size; "total yuan disbursed across all" what was paid out
    (count,) = parts_of("oak city settlement allowance - no. of recipients to date?")
    assert count.asks == "count" and count.counted and count.achieved
    assert not fits(count, "Subsidies are set at three levels.").ok
    (size,) = parts_of("Oak City youth talent apartments - floor area per unit?")
    assert size.asks == "size"
    (total,) = parts_of("Oak City housing subsidies: total yuan disbursed across all the 803 recipients?")
    assert total.asks == "amount" and total.totalled
    assert not fits(total, "Graduates get a housing subsidy of 12% of the price up to 200000 yuan.").ok
    # "how much a month?" after a benefit typed asks its amount: one question, its gap named plainly
    (monthly,) = parts_of("Oak City talent card - rental allowance, how much a month?")
    assert monthly.asks == "amount" and monthly.kinds == {"rent"}
    assert "Card" not in describe(monthly)


def test_the_people_asked_tie_a_figure_to_its_item_of_a_list() -> None:
    listed = (
        "Living allowances will be 1,500 yuan per person per month for doctors; 1,000 yuan per person per "
        "month for masters; 500 yuan per person per month for undergraduates."
    )
    from assistant.search.query import understand

    turns = [
        "My husband has a doctorate. What monthly living allowance will he get in Oak City?",
        "And what about me - I only have a bachelor's degree, but I'll also be newly recruited there?",
    ]
    (amount,) = understand(turns).parts
    assert fits(amount, listed).ok


def test_relayed_questions_and_headline_figures() -> None:
    from assistant.answering.metadata_answers import asked_metadata

    # "She also asks: how long ...?" relays the question: "asks" is no word of the topic
    (paid,) = parts_of("She also asks: how long is the living allowance paid for?")
    assert paid.asks == "duration" and "ask" not in paid.focus
    # "the headline target number" is the main figure, not the article's headline
    assert asked_metadata("How many talents is Oak District aiming for? The headline target number.") == []
    assert asked_metadata("What was the headline of the Oak District article?") == ["title"]


def test_how_long_a_benefit_is_paid_needs_a_sentence_about_paying() -> None:
    _, years = parts_of("What is the most project teams get, and over how many years is it paid out?")
    assert not fits(years, "In the next two years, the demand for talents will exceed 100,000.").ok
    assert fits(years, "The remaining 5% will be paid in equal amounts over five years.").ok


def test_a_clause_that_sets_when_or_if_is_the_questions_condition() -> None:
    (once,) = parts_of(
        "Once Oak City's online declaration window closes on Dec 12, how many weeks until the letter "
        "is issued?"
    )
    assert once.asks == "duration" and describe(once) == "how long it takes"
    window, wait = parts_of(
        "When does the Oak City window close, and how many weeks until the letter is issued?"
    )
    assert window.asks == "deadline" and wait.asks == "duration"


def test_a_count_asked_in_traditional_characters_of_a_quoted_name() -> None:
    (cards,) = parts_of(
        "how many 「 Oak City talent card 」, Oak City so far high-level talents provide?",
        "橡樹市迄今已向高層次人才發放了多少張「橡樹市人才卡」？",
    )
    assert cards.asks == "count" and cards.counted[-1] == "card"
    said = "Oak City issued talent cards that offer 24 exclusive services in seven areas."
    assert not fits(cards, said).ok


def test_what_an_organisation_receives_is_no_persons_benefit() -> None:
    (part,) = parts_of(
        "For introduced talents in Oak City who are not classed as top talents, how much "
        "house-purchase subsidy "
        "is available?"
    )
    assert part.excluded == {"high_level"}
    top = "Top talents who purchase a house in Oak City can get 6 million yuan to settle down."
    assert not fits(part, top).ok
    reward = (
        "The enterprise which successfully introduces talents can apply for a reward of up to 200,000 yuan."
    )
    assert not fits(part, reward, context=top).ok
    (firms,) = parts_of("How much housing subsidy can an enterprise in Oak City get for its staff?")
    assert fits(firms, "Enterprises in the park can receive a housing subsidy of 1 million yuan.").ok


def test_split_over_years_is_the_other_side_of_a_lump_sum() -> None:
    (part,) = parts_of(
        "Oak City settlement allowance: is the 80,000 yuan paid in one lump sum or split over a few years?"
    )
    assert part.both_sides
    assert not fits(part, "Doctors below the age of 45 can apply for 80,000 yuan.").ok
    assert describe(part) == "whether lump sum or split over a few years"


def test_an_amount_asked_for_each_one_is_not_a_total_for_several() -> None:
    (each,) = parts_of(
        "How much subsidy did each individual talent introduction project in Oak City receive?"
    )
    assert each.each[-1] == "project"
    total = "30 talent introduction projects were initiated in 2017, with Yuan 10 million paid as subsidies."
    assert not fits(each, total).ok
    assert fits(
        each, "30 talent introduction projects were selected and each received a 500,000 yuan subsidy."
    ).ok
    (monthly,) = parts_of("How much is the Oak City rent subsidy per month?")
    assert monthly.each == ()


def test_a_share_a_rule_starts_above_is_no_amount() -> None:
    (_, most) = parts_of(
        "Tax paid above what share of taxable income is subsidised in Oak City, and what is the "
        "maximum subsidy "
        "an individual can receive per year?"
    )
    said = (
        "Oak City will subsidise the part of personal tax paid that exceeds 15 percent of the taxable income."
    )
    assert not fits(most, said).ok
    assert fits(most, "The subsidy is capped at 30 percent of the taxable income each year.").ok


def test_a_phrase_then_a_question_asks_and_a_sort_of_thing_is_named_by_its_modifier() -> None:
    registered, status = parts_of(
        "For Oak City's flexible talent introduction, does the employer have to be registered in Oak "
        "City, and "
        "what legal status does it need?"
    )
    assert "registered" in registered.text
    assert fits(status, "These entities must have independent legal person qualifications.").ok
    assert not fits(status, "They must be registered in the administrative area of Oak City.").ok


def test_how_many_working_days_asks_a_duration() -> None:
    (_, days) = parts_of(
        "How much does a doctor get in Oak City, and how many working days after applying is it paid?"
    )
    assert days.asks == "duration" and days.unit == "day"


def test_a_bare_how_many_after_a_count_counts_the_same() -> None:
    english = (
        "how many, Oak Province highly skilled personnel last year total number? how many, among Oak City?"
    )
    total, city = parts_of(english, "橡树省 highly skilled personnel 去年总数多少? 其中 Oak City 有多少?")
    assert total.asks == city.asks == "count" and city.counted == total.counted
    cards = "Oak Province issued talent cards that offer 24 exclusive services in seven areas."
    assert not fits(city, cards).ok


def test_a_rule_does_not_say_how_many_actually_did() -> None:
    (part,) = parts_of("How many graduates of the six top universities actually obtained an Oak City hukou?")
    rule = (
        "Fresh graduates from six top universities who meet the requirements can secure an Oak City "
        "hukou, an increase from the previous two."
    )
    assert not fits(part, rule).ok
    (issued,) = parts_of("How many foreign experts has Oak City actually issued the letter to?")
    assert fits(
        issued, "Oak City has issued the letter to 52 foreign experts, who can now apply for a visa."
    ).ok


def test_it_in_a_duration_question_is_the_benefit_the_statements_name() -> None:
    (part,) = parts_of(
        "She already knows masters get 1,000 yuan a month living allowance in Oak City. For how many months "
        "does Oak City keep paying it?"
    )
    assert part.asks == "duration" and part.kinds == {"living"}
    assert not fits(part, "Graduates can apply for a rent subsidy of 800 yuan a month for six months.").ok


def test_within_so_many_years_asks_a_window_and_a_cut_off_is_no_thing() -> None:
    (part,) = parts_of(
        "Caller graduated three years ago - is there a cut-off, like you must apply within so many years?"
    )
    assert part.asks == "duration" and describe(part) == "how soon one must apply"
    assert not fits(part, "Outstanding graduates can enjoy a resettlement subsidy of 10,000 yuan.").ok


def test_the_ordinal_asked_is_the_one_after_the_premise() -> None:
    (part,) = parts_of(
        "Oak City youth housing: first year free, then 70% and 50% off - what's the rent in the fourth year?"
    )
    assert part.ordinals == {("fourth", "year")}
    said = (
        "Young talents get free accommodation for the first year and a 70-percent rent reduction "
        "for the second year."
    )
    assert not fits(part, said).ok


def test_how_long_it_takes_to_issue_a_thing_is_said_of_that_thing() -> None:
    (visa,) = parts_of(
        "After the letter, how many working days does the consulate take to issue the actual R visa?"
    )
    said = "Oak City cut the approval period for the confirmation letter from five workdays to three."
    assert not fits(visa, said).ok
    (letter,) = parts_of("How many workdays does Oak City take to issue the confirmation letter?")
    assert fits(letter, said).ok
    (waiting,) = parts_of("How many weeks until the recommendation letter is issued?")
    assert not fits(
        waiting, "From Nov 4 to Dec 12, applicants must make an online declaration of 3 weeks."
    ).ok
    # a step of the procedure is no document: the sentence need not name it
    (steps,) = parts_of("How many workdays does it take Oak City to process the application?")
    assert fits(steps, "Approval of an application in Oak City takes five workdays.").ok
    (time,) = parts_of("How many workdays does Oak City take to process the approval time?")
    assert fits(time, "In Oak City, approval takes five workdays.").ok


def test_what_a_city_gives_one_who_buys_a_home_is_a_purchase_subsidy() -> None:
    (_, bought) = parts_of(
        "How much rent subsidy can she get in Oak City, and how much will Oak City give her if she "
        "later buys her first home there?"
    )
    assert "purchase" in bought.kinds
    assert not fits(
        bought, "Graduates can apply for a monthly rent subsidy of up to 800 yuan for six months."
    ).ok


def test_a_benefit_turned_down_is_not_the_one_asked() -> None:
    english = (
        "Oak City Grade B talents, if not home purchase, select rental subsidy, how many, per month can?"
    )
    (part,) = parts_of(english, "橡树市的B类人才，如果不买房、选择租房补贴，每个月能拿多少？")
    assert part.kinds == {"rent"}
    said = (
        "(2) Grade B talent: for enterprise talent with an annual income over 500 thousand RMB, it "
        "can apply for "
        "650 thousand RMB of house buying subsidy or 2500 RMB / month of house renting subsidy;"
    )
    assert fits(part, said).ok


def test_whether_age_matters_asks_an_age() -> None:
    (_, age) = parts_of("What permit must he hold for the Oak City card, and whether his age matters?")
    assert age.asks == "age"
    assert fits(age, "There are no age, education or work experience restrictions.").ok


def test_tell_me_the_amount_asks_an_amount() -> None:
    (part,) = parts_of("Could you kindly tell me the amount of the housing purchase subsidy in Oak City?")
    assert part.asks == "amount"
    assert not fits(part, "Oak City will also offer housing subsidies to purchase a first home.").ok


def test_a_count_in_a_list_before_a_plan_is_read_with_its_sentence() -> None:
    (_, count) = parts_of(
        "What subsidy does a graduate get in Oak City, and how many graduates actually received it?"
    )
    said = (
        "More than 30,000 domestic and foreign talents, university graduates, project team representatives "
        "and other talents will join online."
    )
    assert not fits(count, said).ok


def test_the_total_asked_again_is_still_the_total() -> None:
    english = (
        "how much money, Oak City the first batch home purchase subsidy altogether provide? "
        "know sum of money."
    )
    first, again = parts_of(english, "橡树市第一批购房补贴一共发放了多少钱？想知道总金额。")
    assert first.totalled and again.totalled


def test_how_many_of_a_thing_unnamed_is_not_a_count_of_other_things() -> None:
    (cards,) = parts_of(
        "how many, Oak City talent card so far altogether?", "橡树市人才卡 so far 一共发了多少张？"
    )
    said = "Oak City issued talent cards that offer 24 exclusive services in seven areas."
    assert not fits(cards, said).ok
    (people,) = parts_of("How many were selected in Oak City so far?")
    assert fits(people, "So far 300 talents have been selected in Oak City.").ok


def test_how_many_applied_does_not_say_how_many_were_granted() -> None:
    (part,) = parts_of("How many people have actually been approved and got an Oak City apartment so far?")
    assert not fits(part, "More than 1,000 professionals from 400 firms have so far applied for it.").ok
    assert fits(part, "So far 600 people have been approved and moved in.").ok


def test_the_rent_before_any_discount_is_no_share_taken_off() -> None:
    (_, rent) = parts_of(
        "What do you pay from the fourth year on, and what's the normal monthly rent before any discount?"
    )
    said = "Oak City offers free accommodation for the first year and a 70-percent rent reduction after."
    assert not fits(rent, said).ok
    (off,) = parts_of("How much is the rent reduction in Oak City's youth apartments?")
    assert fits(off, said).ok


def test_whether_it_is_paid_all_at_once_is_said_either_way() -> None:
    (part,) = parts_of("Is the Oak City employment subsidy paid all at once?")
    assert not fits(part, "New full-time doctors will be given an employment subsidy of 80,000 yuan.").ok
    assert fits(part, "The employment subsidy of 80,000 yuan is paid in three instalments.").ok
    (online,) = parts_of("Can I apply for the Oak City subsidy online?")
    assert not fits(online, "Applicants submit the subsidy materials to the district bureau.").ok


def test_a_total_for_several_recruits_is_not_what_each_got() -> None:
    (part,) = parts_of("How much did each of Oak City's 2017 recruits get in subsidy?")
    said = "Last year 2257 persons were introduced into Oak City, with Yuan 10 million paid as subsidies."
    assert not fits(part, said).ok


def test_the_number_of_months_asks_a_duration() -> None:
    months, rent = parts_of(
        "oak city 12 measures - doctoral grads' monthly living subsidy, max number of months, and the rent "
        "subsidy amount?"
    )
    assert (months.asks, rent.asks) == ("duration", "amount") and rent.kinds == {"rent"}


def test_a_score_is_no_age_bound() -> None:
    (score, _) = parts_of(
        "I'm a 47-year-old director in Oak City. What score must I reach for due diligence, and how long "
        "does the card take?"
    )
    assert score.age == 47
    said = "The platform will conduct due diligence for applicants with a score of 70 or above."
    assert fits(score, said).ok


def test_a_window_from_one_date_to_another_ends_on_its_deadline() -> None:
    (last, _) = parts_of(
        "When is the last day to declare in Oak City, and how many applicants will be recommended?"
    )
    assert fits(last, "From Nov 4 to Dec 12, applicants must make an online declaration in Oak City.").ok


def test_the_city_finance_bureau_is_the_government_side() -> None:
    (_, payer) = parts_of(
        "What allowance does a master's get, and is it paid by the employer or the city finance bureau?"
    )
    assert payer.both_sides
    assert not fits(
        payer, "Companies that introduce top talents will be eligible for a subsidy of 50 million yuan."
    ).ok


def test_a_figure_asked_by_a_year_is_said_for_that_year() -> None:
    (part,) = parts_of("How many talented people was Oak Province supposed to have recruited by 2022?")
    assert part.by_end == "2022"
    said = "They said the action plan will enroll a million talented individuals from this year to 2025."
    assert not fits(part, said, year=2018).ok
    assert fits(part, "Oak Province aims to woo 200,000 talented people by 2022.", year=2018).ok


def test_a_free_trade_zone_says_nothing_of_paying() -> None:
    (_, free) = parts_of(
        "What's the monthly rent for the Oak City apartments? Or are they free for introduced talents?"
    )
    said = (
        "The construction of talent apartments for the Oak City Pilot Free Trade Zone is being accelerated."
    )
    assert not fits(free, said).ok
    assert fits(free, "Introduced talents can live in the apartments free of charge for three years.").ok


def test_free_is_what_one_pays_when_it_is_free() -> None:
    (part,) = parts_of("Under Oak City's youth housing policy, what does he pay for the first year?")
    assert fits(part, "Young talents get free accommodation for the first year.").ok
    (subsidy,) = parts_of("How much housing subsidy does he get in Oak City?")
    assert not fits(subsidy, "Young talents get free accommodation for the first year.").ok


def test_a_figure_for_several_places_together_is_not_one_places() -> None:
    (part,) = parts_of("How many talent liaison stations has Oak County set up in Japan?")
    said = "In Singapore, Japan and other places, Oak County established 2 talent liaison stations."
    assert not fits(part, said).ok
    assert fits(part, "In Japan, Oak County established 2 talent liaison stations.").ok


def test_then_is_the_year_just_asked() -> None:
    fourth, then = parts_of(
        "Oak City youth housing: first year free, 70% off the second... what about the 4th year? what "
        "reduction applies then?"
    )
    assert fourth.ordinals == then.ordinals == {("fourth", "year")}
    said = "Young talents get free accommodation for the first year and a 70-percent rent reduction after."
    assert not fits(then, said).ok


def test_guesses_offered_belong_to_the_question_before_them() -> None:
    (part,) = parts_of(
        "he heard there's a monthly living allowance for masters in Oak City. how many months do they keep "
        "paying it? just 6 months or a few years?"
    )
    assert part.asks == "duration" and part.kinds == {"living"}
    said = "Living allowances will be 1,000 yuan per person per month for masters."
    assert not fits(part, said).ok


def test_a_year_by_year_walk_through_asks_no_manner_of_paying() -> None:
    (part,) = parts_of(
        "Walk me through the rent arrangement in Oak City's young talent housing year by year."
    )
    said = "Oak City offers free housing for the first year and a 70-percent rent reduction in the second."
    assert fits(part, said).ok


def test_a_bare_amount_naming_only_a_kind_of_benefit_is_for_the_same_people() -> None:
    buying, renting = parts_of(
        "Oak District talent house subsidy — Grade D talent, how much house buying subsidy and how much per "
        "month for renting?"
    )
    assert buying.groups == renting.groups == {"grade_d"}
    said = (
        "(1) Grade A talent: it can apply for 800 thousand RMB of buying subsidy or 3000 RMB / month of "
        "renting subsidy;"
    )
    assert not fits(renting, said).ok


def test_a_hyphenated_word_is_no_question_word() -> None:
    (part,) = parts_of(
        "Walk-in at the counter: junior college graduate, staying in Oak City. How much living subsidy per "
        "month would she get?"
    )
    assert part.groups >= {"college"}
    said = "Undergraduates get RMB400 per month, masters RMB600 per month and doctors RMB800 per month."
    assert not fits(part, said).ok


def test_so_after_a_comma_asks_after_what_is_said() -> None:
    (part,) = parts_of(
        "Oak City: caller is a new PhD aged 42 — the 80,000 employment subsidy is for under 40, so what does "
        "someone over 40 get instead?"
    )
    assert part.text.startswith("what does someone over 40")
    said = "New full-time doctors under the age of 40 will be given an employment subsidy of 80,000 yuan."
    assert not fits(part, said).ok


def test_a_question_inverted_after_its_condition_is_asked() -> None:
    buying, renting = parts_of(
        "if i buy a flat what % subsidy + cap? and if i rent instead is there a rent subsidy and how much?"
    )
    assert buying.kinds >= {"purchase"} and renting.kinds == {"rent"} and renting.asks == "amount"


def test_an_example_in_brackets_does_not_end_the_question() -> None:
    (part,) = parts_of(
        "For how many months does Oak City pay its monthly living allowance (e.g. 1,500 yuan for doctors) to "
        "new graduates?"
    )
    assert part.asks == "duration" and part.kinds == {"living"}
    said = (
        "Graduates who come for interviews can apply for a monthly rent subsidy of 800 yuan for six months."
    )
    assert not fits(part, said).ok


def test_a_total_paid_out_asked_in_chinese() -> None:
    (part,) = parts_of(
        "how much money, Oak City first batch home purchase subsidy provide?",
        "橡树市首批购房补贴共发放了多少金额？",
    )
    assert part.totalled


def test_an_amount_per_family_checked_is_of_the_benefit_just_asked() -> None:
    _, claimed = parts_of(
        "How much is Oak City's housing subsidy for buying a first home? How much per family?"
    )
    assert claimed.kinds >= {"purchase"}
    said = "Undergraduates who come for interviews can apply for a monthly rent subsidy of up to 800 yuan."
    assert not fits(claimed, said).ok


def test_what_after_a_condition_asks_how_much_and_for_whom() -> None:
    (part,) = parts_of(
        "If we move into Oak Area, what exactly is the one-off subsidy for parks selected at that level?"
    )
    assert part.asks == "amount"
    assert not fits(part, "Branches of outstanding services will be rewarded with up to 300,000 yuan.").ok
    assert fits(part, "Each selected park gets a one-off subsidy of 500,000 yuan.").ok
    # an adjective first names no receiver of its own: "for top talents" is about people
    (top,) = parts_of("What is the one-off subsidy for top talents in Oak City?")
    assert fits(top, "Top talents get a one-off subsidy of 1 million yuan.").ok


def test_a_benefit_set_aside_is_not_asked_again() -> None:
    rent, amount = parts_of(
        "Apart from the one-off resettlement money, is there a monthly rent or living subsidy in Oak Area, "
        "and "
        "how much per month?"
    )
    assert "settlement" not in rent.kinds | amount.kinds


def test_a_visa_issued_itself_once_the_letter_is_in() -> None:
    (part,) = parts_of(
        "How many days does the consulate take to issue the R visa itself once the letter is submitted?"
    )
    said = "It has cut the approval period for the confirmation letter from five workdays to three."
    assert not fits(part, said).ok


def test_what_is_the_housing_support_amount_asks_how_much() -> None:
    (part,) = parts_of("What's the housing support amount?")
    assert part.asks == "amount"
    assert not fits(part, "The province will help the most outstanding talent with housing and schooling.").ok


def test_a_chinese_message_s_statements_are_its_premises() -> None:
    english = (
        "I am this year junior college graduates. Oak City college graduates can apply for living subsidy, "
        "bachelor's degree per month 400, master's 600. how many, junior college graduates per month can?"
    )
    original = (
        "我是今年的大专毕业生。看到橡树市说高校毕业生可以申请生活补贴，本科每月400，硕士600。"
        "请问我们大专毕业生每月能拿多少？"
    )
    (part,) = parts_of(english, original)
    assert "college" in part.groups <= {"college", "graduate"}  # not the bachelor's and master's it quotes


def test_a_child_s_age_is_whom_it_asks_about_not_its_topic() -> None:
    (part,) = parts_of("Can my wife and my 10 years old son also get Oak Province permanent residence?")
    assert not {"10", "old"} & set(part.focus)


def test_top_talents_are_not_answered_by_what_lower_levels_get() -> None:
    (part,) = parts_of(
        "Which family members of top-tier overseas talent also get Oak Province permanent residence?"
    )
    said = "Overseas talent of lower levels can apply for entry visas with a work permit."
    assert not fits(part, said).ok


def test_the_share_a_rule_starts_above_answers_when_asked() -> None:
    said = (
        "Oak City will subsidise the part of personal tax paid that exceeds 15 percent of the taxable income."
    )
    (asked,) = parts_of("Tax above what percent of taxable income is subsidised in Oak City?")
    assert fits(asked, said).ok
    (chinese,) = parts_of(
        "how many percent part subsidy, personal income tax taxable income?",
        "个税超过 taxable income 的多少 percent 那部分给补贴?",
    )
    assert fits(chinese, said).ok
    (amount,) = parts_of("How much is Oak City's income tax subsidy?")
    assert not fits(amount, said).ok


def test_a_doctor_who_buys_a_first_family_home_asks_the_purchase_subsidy() -> None:
    (part,) = parts_of("How much housing subsidy does Oak City give a doctor who buys a first family home?")
    assert part.kinds >= {"purchase"} and not part.ordinals
    said = "Graduates who come for interviews can apply for a monthly rent subsidy of a maximum of 800 yuan."
    assert not fits(part, said).ok


def test_a_cash_subsidy_asked_is_an_amount() -> None:
    (part,) = parts_of("What cash housing subsidy will Oak Province's most outstanding talents get?")
    assert part.asks == "amount"
    assert not fits(part, "For the most outstanding talent, the province will help them in housing.").ok


def test_an_age_typed_after_age_is_stated() -> None:
    (part,) = parts_of(
        "Oak City: new full-time PhD, age 42, joining a university. What employment subsidy does she get?"
    )
    assert part.age == 42
    assert not fits(
        part, "New full-time doctors under the age of 40 get an employment subsidy of 80,000 yuan."
    ).ok


def test_a_monthly_amount_typed_asks_how_much() -> None:
    (part,) = parts_of("Oak City '100 Talent Plan' rent subsidy - monthly amount?")
    assert part.asks == "amount"
    assert not fits(part, "They will receive a fund and rent subsidy of different amounts.").ok


def test_renting_instead_after_a_buying_subsidy_asks_the_rent_subsidy() -> None:
    buying, renting = parts_of(
        "Grade A talent in Oak District: house buying subsidy? If he rents instead, how much per month?"
    )
    follow = following(renting, buying)
    assert "rent" in follow.kinds and not follow.counted


def test_the_benefit_asked_again_after_how_much_is_its_amount() -> None:
    _, again = parts_of(
        "About Oak City's flexible talent introduction: how much does it pay per month, what's the subsidy "
        "for a flexibly introduced expert?"
    )
    assert again.asks == "amount"


def test_the_number_of_months_asked_is_a_duration_in_months() -> None:
    (part,) = parts_of(
        "What is the minimum number of months of social insurance I need before I can apply for the Oak City "
        "house purchase subsidy?"
    )
    assert part.asks == "duration" and part.minimum and part.unit == "month"
    assert not fits(part, "The remaining 5% will be paid in equal amounts over five years.").ok


def test_an_adult_s_age_stays_what_a_short_question_is_about() -> None:
    _, still = parts_of(
        "What is the age limit for Oak City's flexible talent introduction? Can I still apply, 65 years old?"
    )
    assert "65" in still.focus


def test_a_figure_compared_with_asks_the_amount_and_does_not_name_the_benefit() -> None:
    (part,) = parts_of("In Oak City, is the living subsidy for introduced talents above 20,000 yuan a month?")
    assert part.asks == "amount" and not part.states_amount
    said = "Introduced talents can get a living subsidy of up to 25,000 yuan per month."
    assert fits(part, said).ok  # 25,000 answers whether it is above 20,000
    couple, _ = parts_of(
        "In Oak City, can a couple get more than 400,000 yuan in house-purchase subsidy combined, and how "
        "much money in total was paid out in the first batch?"
    )
    assert couple.asks == "amount" and "couple" in couple.groups  # the phrase before it asks nothing


def test_getting_a_figure_asked_yes_or_no_asks_how_much() -> None:
    (part,) = parts_of("Do entrepreneurs in Oak City's '100 Talent Plan' also get up to 1 million yuan?")
    assert part.asks == "amount"
    assert not fits(part, "The '100 Talent Plan' will focus on innovative and pioneering entrepreneurs.").ok


def test_a_benefit_typed_in_yuan_asks_how_much() -> None:
    (part,) = parts_of("Oak City talent card rent allowance RMB?")
    assert part.asks == "amount"
    (part,) = parts_of("Oak Province Wild Goose plan funding per scientist yuan?")
    assert part.asks == "amount"
    assert not fits(part, "We have set up special funds to implement the Wild Goose plan.").ok


def test_what_a_question_compares_with_is_no_part_and_names_no_people() -> None:
    (part,) = parts_of(
        "Oak City pays new doctors 1,500 yuan a month in living allowance - for how many months is it paid? "
        "Is it three years, like Elm City?"
    )
    assert part.asks == "duration"  # the guess joins the question it guesses at
    (grade,) = parts_of(
        "Would a Grade D talent still get more than 300 thousand RMB to buy a home, like the 450 thousand "
        "RMB Grade C gets?"
    )
    assert grade.groups == {"grade_d"}
    said = "Grade C talent can apply for 450 thousand RMB of house buying subsidy."
    assert not fits(grade, said).ok


def test_is_it_still_after_a_year_asked_is_about_that_year() -> None:
    _, still = parts_of("What about the fourth year, is it still 50% off?")
    assert ("fourth", "year") in still.ordinals


def test_postdoctoral_researchers_are_not_phd_holders() -> None:
    (part,) = parts_of("What monthly living allowance do postdoctoral researchers get in Oak City?")
    assert part.groups == {"postdoc"}
    said = "Doctoral students will get a monthly living allowance of 3,000 yuan."
    assert not fits(part, said).ok


def test_what_one_personally_receives_is_one_person_s_share() -> None:
    (part,) = parts_of("How much subsidy would I personally receive as a newly-recruited person?")
    assert part.each
    said = (
        "Last year 2257 persons were introduced into Oak District, with Yuan 10 million paid as subsidies "
        "for the newly-recruited personnel."
    )
    assert not fits(part, said).ok


def test_a_condition_before_a_question_after_its_comma_is_asked_about() -> None:
    spouse, parents = parts_of(
        "If I get Oak permanent residence as a top talent, can my spouse and children get it too, and what "
        "about my parents?"
    )
    assert spouse.groups == {"couple", "child"} and parents.groups == {"parent"}


def test_like_me_names_the_asker_not_a_comparison() -> None:
    asked = "Oak City pays bachelors 400 yuan a month. How much can a junior college graduate, like me, get?"
    (part,) = parts_of(asked)
    assert "college" in part.groups
    (translated,) = parts_of(
        "hear Oak City living subsidy, bachelor's degree per month 400 yuan. how many, like this junior "
        "college per month can?",
        "听说橡树市有生活补贴，本科每月400元，那像我这样的专科生每个月能领多少？",
    )
    assert "college" in translated.groups


def test_a_figure_the_statements_give_of_what_is_counted_is_known() -> None:
    *_, part = parts_of(
        "oak county got 12 overseas high level talents and 4 teams this year. how many of those talents came "
        "from japan?"
    )
    assert part.asks == "count"  # the statement in lower case is a sentence of its own
    assert not fits(part, "This year we promoted 12 overseas high-level talents and 4 overseas teams.").ok
    # "2 talent liaison stations" counts stations, though "talent" is the word asked about
    assert not fits(part, "In Singapore, Japan and other places, I established 2 talent liaison stations.").ok
    assert fits(part, "Of them, 3 overseas talents came from Japan.").ok


def test_what_about_people_then_how_much_is_one_question_about_them() -> None:
    *_, part = parts_of(
        "oak city living subsidy bachelor's degree 400 master's 600 phd 800 a month. what about junior "
        "college graduates, how much per month?"
    )
    assert part.asks == "amount" and "college" in part.groups and "doctor" not in part.groups


def test_a_month_or_a_day_asked_is_not_answered_by_a_year_or_a_period() -> None:
    (part,) = parts_of("In which month of each year is the next instalment of the purchase subsidy paid?")
    assert not fits(part, "The next instalment of the purchase subsidy is paid over five years.").ok
    assert not fits(part, "This year, the next instalment of the purchase subsidy is paid.").ok
    assert fits(part, "The next instalment of the purchase subsidy is paid in March each year.").ok
    (year,) = parts_of("In which year was the purchase subsidy first paid?")
    assert fits(year, "The purchase subsidy was first paid in 2019.").ok


def test_an_age_bound_of_the_level_just_named_holds_for_its_graduates() -> None:
    *_, part = parts_of("I'm 46 and hold a doctorate. How much settlement allowance can I get?")
    level = "At the first level, those with a doctorate below the age of 45 get a settlement allowance."
    graduates = "College graduates within two years of graduation get a settlement allowance of 104,000 yuan."
    assert not fits(part, graduates, context=level).ok
    assert fits(part, graduates, context=level.replace("below the age of 45", "below the age of 50")).ok


def test_what_is_asked_if_so_is_asked_of_the_question_before_it() -> None:
    (part,) = parts_of("Does Oak City give anything to newly hired doctors who are over 40? If so, how much?")
    assert part.asks == "amount"
    assert not fits(
        part, "New full-time doctors under the age of 40 get an employment subsidy of 80,000 yuan."
    ).ok


def test_a_choice_asked_without_its_verb_in_front_is_a_part() -> None:
    amount, paid = parts_of(
        "Oak City new doctor, employment subsidy is how much, and it pay one time or pay by month?"
    )
    assert amount.asks == "amount" and paid.asks is None
    said = "New doctors get an employment subsidy of 80,000 yuan."
    assert fits(amount, said).ok and not fits(paid, said).ok


def test_what_the_employer_receives_is_not_answered_by_what_people_get() -> None:
    (company,) = parts_of(
        "If we recruit a bachelor's graduate in Oak City, does the company itself receive a subsidy?"
    )
    people = (
        "Outstanding graduates recognized by enterprises can enjoy a resettlement subsidy of 10,000 yuan."
    )
    assert not fits(company, f"{people} How much?").ok
    (amount,) = parts_of(
        "How much subsidy does the company itself receive for each graduate it recruits in Oak City?"
    )
    assert not fits(amount, people).ok
    assert not fits(amount, "Graduates from prominent universities get 1,000 yuan a month.").ok
    assert fits(amount, "Enterprises that recruit graduates receive a subsidy of 5,000 yuan per person.").ok


def test_a_total_of_a_benefit_answers_what_is_given_in_all() -> None:
    (total,) = parts_of("How much subsidy do companies get altogether for a top talent in Oak City?")
    assert fits(
        total, "Companies that bring in top talents are eligible for a total subsidy of 50 million yuan."
    ).ok
    (one,) = parts_of("How much investment did Oak City's signed projects attract this year?")
    assert fits(
        one, "This year we introduced signed projects with a total investment of 500 million yuan."
    ).ok


def test_whether_the_employing_company_must_do_something_is_asked_of_that_doing() -> None:
    (_, fund) = parts_of(
        "How much does a doctor get in Oak City, and does the employing company have to co-fund it?"
    )
    assert not fits(
        fund, "Grade A enterprise talent can apply for 800 thousand RMB of house buying subsidy."
    ).ok
    assert fits(fund, "The employing company must co-fund half of the subsidy.").ok


def test_how_long_the_thing_a_question_says_is_done_takes_is_no_answer() -> None:
    asked = (
        "after i get the talent confirmation letter in oak city how long does the embassy take to issue the "
        "R visa itself like how many working days"
    )
    (part,) = parts_of(asked, lower_case=True)
    said = "It has cut the approval period for the talent confirmation letter from five workdays to three."
    assert not fits(part, said).ok
    (letter,) = parts_of("How long does approval of the talent confirmation letter take in Oak City?")
    assert fits(letter, said).ok


def test_people_an_employer_picks_are_asked_about_not_the_employer() -> None:
    asked = "How much resettlement subsidy can a bachelor's graduate recognized by an enterprise receive?"
    (part,) = parts_of(asked)
    said = (
        "Graduates with bachelor's degree or above recognized by enterprises enjoy a resettlement subsidy "
        "of 10,000 yuan."
    )
    assert fits(part, said).ok


def test_who_one_applies_to_asks_where_to_apply() -> None:
    to_whom = read_part("Who do I apply to?")
    assert to_whom.asks == "procedure"
    assert not fits(to_whom, "People working in the area can apply for settlement allowances.").ok
    assert fits(to_whom, "Applications are submitted to the district talent service center.").ok
    assert read_part("Who handles the applications for the rent subsidy?").asks == "procedure"


def test_whether_a_benefit_can_be_had_again_is_answered_only_by_a_sentence_saying_so() -> None:
    again = read_part("I got the Oak City subsidy as a master's. Can I get it again if I do a PhD there?")
    assert not fits(again, "Postgraduates can get 30,000 yuan per person, doctors 50,000 yuan per person.").ok
    assert fits(again, "The subsidy for masters and PhDs can be enjoyed only once per person.").ok
    both = read_part("Can I claim both the rent subsidy and the purchase subsidy?")
    assert not fits(both, "The rent subsidy is 800 yuan a month and the purchase subsidy 50,000 yuan.").ok
    assert fits(both, "The rent subsidy and the purchase subsidy cannot be enjoyed at the same time.").ok
    (chinese,) = understand(["我领过硕士补贴,读完博士还能再领吗?"]).parts
    assert not fits(chinese, "Postgraduates can get 30,000 yuan per person, doctors 50,000 yuan.").ok


def test_how_long_a_named_thing_runs_is_not_answered_by_how_long_the_benefit_is_paid() -> None:
    paid = "Qualified doctors will get a monthly living allowance of 3,000 yuan for three years."
    insured = read_part("How many years of social insurance do I need for the living allowance?")
    assert not fits(insured, paid).ok
    assert fits(insured, "The living allowance needs social insurance paid for one year.").ok
    signed = read_part("How long is the contract for the living allowance?")
    assert not fits(signed, paid).ok
    assert fits(signed, "Doctors sign a five-year labour contract to get the living allowance.").ok
    # the benefit's own length is what "how long is it paid?" asks
    assert fits(read_part("How long is the living allowance paid?"), paid).ok
    # the thing is named before its verb, and "or above" says nothing of it
    visa = read_part("How long is the R visa offered via the talent letter valid?")
    assert fits(visa, "Holders are eligible for a five to ten year valid R visa.").ok
    above = read_part("Must I sign a how many years or above labor contract?")
    assert not fits(above, paid).ok


def test_shared_fragments_are_expanded_in_every_pattern_that_names_them() -> None:
    from assistant.search.answer_types import Vocabulary

    vocabulary = Vocabulary.load()
    patterns = [*vocabulary.asks.values(), *vocabulary.applying_where.values()]
    assert not any("<who_applies_to>" in p.pattern for p in patterns)
    assert vocabulary.asks["procedure"].search("Who should we send the forms to?")
    assert vocabulary.applying_where["asks"].search("Who should we send the forms to?")


def test_chinese_counters_and_permits_read_as_asked() -> None:
    # "几位 / 几名 / 几所" ask how many, as 几个 does; "居留许可" is a residence permit, not an "allow"
    representatives = understand(["欢迎仪式上有几位博士代表?"]).parts[0]
    assert representatives.asks == "count" and "repres" in representatives.counted
    permit = understand(["海外华人可以申请几年期的居留许可?"]).parts[0]
    said = "Overseas Chinese can apply for a five-year residence permit under the relevant rules."
    assert permit.asks == "duration" and fits(permit, said).ok


def test_people_named_in_a_later_question_are_not_carried_back_across_its_question_mark() -> None:
    listed = understand(["1. 引进人才的生活补贴每月最高多少? 2. 顶尖人才在片区购房最高能拿多少安家费?"])
    first, second = listed.parts
    assert not first.groups and second.groups == {"high_level"}
    # ... as they are within one question ("how much X and how much Y can a Grade D talent get?")
    both = understand(["How much house buying subsidy and how much rent subsidy can a Grade D talent get?"])
    assert all(p.groups == {"grade_d"} for p in both.parts)


def test_paying_a_benefit_back_asks_whether_it_is_refunded() -> None:
    asked = understand(["企业要退还奖励吗?"]).parts[0]  # read "enterprises have to pay back reward?"
    given = "The enterprise which introduces talents can apply for a one-off reward of up to 200,000 yuan."
    assert not fits(asked, given).ok
    assert fits(asked, "The reward must be repaid if the talent leaves within a year.").ok


def test_the_class_of_a_permit_is_no_grade_of_people() -> None:
    assert groups_in("I hold a Class A work permit, am I eligible?") == frozenset()
    assert groups_in('They must have obtained the "Foreigner Work Permit (Class A)".') == frozenset()
    assert groups_in("How much do Class A talents get?") == {"grade_a"}
