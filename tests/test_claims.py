"""Requests to verify a claim are read as the question the claim answers."""

from __future__ import annotations

import pytest

from assistant.search.claims import claim_as_question
from assistant.search.fits import fits
from assistant.search.parts import parts_of


@pytest.mark.parametrize(
    ("request_", "question"),
    [
        (
            "A colleague told me Liuzhou pays master's graduates a living allowance of 1,500 yuan a month - "
            "is that correct?",
            "Liuzhou pays master's graduates a living allowance of how much a month?",
        ),
        (
            "Please confirm: the 10,000-yuan resettlement subsidy for graduates is paid in two instalments "
            "over two years.",
            "The 10,000-yuan resettlement subsidy for graduates is paid in two instalments over how many "
            "years?",
        ),
        (
            "I was told the embassy issues the R visa within three working days. Is that accurate?",
            "The embassy issues the R visa within how many working days?",
        ),
        (
            "Is it right that the card is only for people under 35?",
           "The card is only for people under what age?",
        ),
        (
            "Please confirm the settlement allowance is exempt from individual income tax.",
            "Is it true that the settlement allowance is exempt from individual income tax?",
        ),
        (
            "A colleague says Chengdu gives new graduates a one-off 30,000-yuan settlement subsidy. Right?",
            "Chengdu gives new graduates a one-off how much settlement subsidy?",
        ),
        (
            "Please confirm: the subsidy covers the tax paid above 15 percent of taxable income, and the "
            "subsidy itself is exempt from income tax.",
            "The subsidy covers the tax paid above what percent of taxable income? Is it true that the "
            "subsidy itself is exempt from income tax?",
        ),
        ("我的笔记上写着昆明片区人才公寓的月租是800元，这个数字对吗？", "昆明片区人才公寓的月租是多少元？"),
        (
            "同事说泰安对全职博士每月发放2000元生活补贴，连发三年，对吗？",
            "泰安对全职博士每月发放多少元生活补贴，连发几年？",
        ),
        (
            "A colleague says Tai'an pays master's graduates 1,000 yuan a month for three years - right?",
            "Tai'an pays master's graduates how much a month for how many years?",
        ),
        (
            "Is it true that Oak City awards each academician 5 million yuan and also gives them a free "
            "200-square-metre apartment?",
            "Oak City awards each academician how much? Also gives them a free how big apartment?",
        ),
        (
            # a news clip reports too, and "all three" asks to confirm each claim
            "A news clip said Oak City gives new graduates a one-off 30,000-yuan settlement subsidy. Can you "
            "confirm all three?",
            "Oak City gives new graduates a one-off how much settlement subsidy?",
        ),
        (
            # "within five years of graduating" says who the claim is about: the subsidy is what is checked
            "Can you verify Oak City's employment subsidies for graduates working in SMEs within five years "
            "of graduating, 20,000 yuan each?",
            "Oak City's employment subsidies for graduates working in SMEs within five years of graduating, "
            "how much each?",
        ),
        (
            # "up to 30 million yuan" is an amount, not an age bound
            "Is it true that Oak City gives Class B teams up to 30 million yuan per project?",
            "Oak City gives Class B teams up to how much per project?",
        ),
        (
            "柳州给新引进高校毕业生的生活补贴最多可以领三年，这个说法对吗？",
            "柳州给新引进高校毕业生的生活补贴最多可以领几年？",
        ),
        (
            # the place the claim's "the city" is, named by who reported it
            "A friend who moved to Oak City says the city pays master's graduates 50,000 yuan towards buying "
            "their first home. Can you confirm the amount?",
            "Oak City pays master's graduates how much towards buying their first home?",
        ),
        (
            # a question of its own after the request to verify
            "A friend says Oak City gives PhDs 1,500 yuan a month in living allowance. Is that right, and "
            "for how many months is it paid?",
            "Oak City gives PhDs how much a month in living allowance? For how many months is it paid?",
        ),
        (
            "A friend says Oak City gives PhDs 1,500 yuan a month. Is that right? Also, is it taxed?",
            "Oak City gives PhDs how much a month? Is it taxed?",
        ),
        (
            "同事说泰安给全日制博士每月3000元生活补贴,对吗？要交社保多久才能领?",
            "泰安给全日制博士每月多少元生活补贴？要交社保多久才能领?",
        ),
    ],
)
def test_a_claim_to_verify_is_read_as_the_question_its_figure_answers(request_: str, question: str) -> None:
    assert claim_as_question(request_) == question


@pytest.mark.parametrize(
    "text",
    [
        "How much is the Liuzhou living allowance for master's graduates?",
        "A colleague says Lanzhou opens a second batch in November. Can you confirm when that batch runs?",
        "Which of these documents is correct?",
        "柳州的人才公寓要交房租吗",
        "How much does Oak City pay, and is that right?",
    ],
)
def test_a_question_that_verifies_no_claim_is_left_as_asked(text: str) -> None:
    assert claim_as_question(text) is None


def test_a_claim_is_confirmed_only_by_a_passage_giving_its_detail() -> None:
    request = "Our HR team claims the talent loan lets a talent borrow up to 5 million yuan. Is that right?"
    (part,) = parts_of(claim_as_question(request) or request)
    assert part.asks == "amount"
    assert not fits(part, "The bank created products including the talent card and the talent loan.").ok
    assert fits(part, "The talent loan lets a talent borrow up to 3 million yuan without collateral.").ok
