"""Chinese questions read as English: dictionary, segmenter, glossary data, places, figures."""

from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.language import dictionary
from assistant.language.dictionary import Dictionary, clean_gloss
from assistant.language.translation import (
    Translator,
    corpus_glossary,
    packaged_glossary,
    parse_glossary,
    pinyin_terms_read,
)
from assistant.search.fits import fits
from assistant.search.parts import Part, parts_of
from assistant.search.query import understand


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def test_the_dictionary_gives_glosses_and_simplified_characters() -> None:
    dictionary = Dictionary.load()
    assert "subsidy" in dictionary.glosses("补贴")
    assert dictionary.simplify("黑龍江人才卡提供多少項專屬服務") == "黑龙江人才卡提供多少项专属服务"
    assert clean_gloss("to subsidize (one's salary etc)") == "subsidize"


def test_the_parsed_dictionary_is_kept_in_the_cache_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    packaged = dictionary._packaged
    packaged.cache_clear()
    try:
        parsed = packaged()
        [kept] = (tmp_path / "policy-assistant" / "dictionary").glob("cedict-*.pickle")
        packaged.cache_clear()
        again = packaged()  # read back from the cache
        assert again is not parsed and again.glosses("补贴") == parsed.glosses("补贴")
        assert again.simplify("專屬服務") == "专属服务" and again.longest == parsed.longest
        kept.write_bytes(b"not a pickle")
        packaged.cache_clear()
        assert packaged().glosses("补贴") == parsed.glosses("补贴")  # parsed again, and kept again
        assert kept.read_bytes() != b"not a pickle"
    finally:
        packaged.cache_clear()


def test_words_no_glossary_lists_are_read_with_the_dictionary(translator: Translator) -> None:
    english = translator.translate("温州对全日制博士提供多少就业补贴？").text
    assert "employment" in english and "subsidy" in english and "Wenzhou" in english


def test_domain_terms_come_from_the_glossary(translator: Translator) -> None:
    assert "Leading Wild Goose" in translator.translate("黑龙江的头雁计划是什么？").text
    assert "talent card" in translator.translate("人才卡有哪些服务？").text
    assert "settlement subsidy" in translator.translate("安家补贴是多少？").text
    # a numbered programme keeps its number, and what it pays for its kind
    read = translator.translate("“万人计划”培训的技术工人，每人能拿到多少培训补贴？").text
    assert "10,000 Talent Plan" in read and "training subsidy" in read and "skilled workers" in read


def test_colloquial_question_words_are_read(translator: Translator) -> None:
    assert "how many days" in translator.translate("每次入境最多可以停留几天？").text
    assert "what date" in translator.translate("网上申报是从几月几号到几月几号？").text
    assert "foreigner" in translator.translate("老外得先拿到啥证才能办？").text
    assert "when" in translator.translate("这个补贴啥时候发？").text
    assert "husband" in translator.translate("我老公是博士，他能拿多少补贴？").text
    # 年限 is a number of years, not an age limit; 多少天 asks how many days
    assert "how many years" in translator.translate("生活补贴的发放年限为何？").text
    assert "how many days" in translator.translate("每次最多可以停留多少天？").text
    # buying a first home is a purchase, not any housing
    assert "buy a first home" in translator.translate("柳州新引进的人才买首套房，补贴能拿多少？").text


def test_traditional_characters_read_like_simplified(translator: Translator) -> None:
    simplified = translator.translate("黑龙江人才卡提供多少项专属服务？")
    traditional = translator.translate("黑龍江人才卡提供多少項專屬服務？")
    assert traditional.text == simplified.text
    assert "exclusive services" in traditional.text


def test_latin_words_and_figures_are_kept(translator: Translator) -> None:
    english = translator.translate("一个PhD在Lin-gang能拿多少安家补贴？最高3000万元吗？").text
    assert "PhD" in english and "Lin-gang" in english and "30 million" in english


def test_the_question_phrase_comes_first(translator: Translator) -> None:
    assert translator.translate("兰州的人才需要缴纳什么保险？").text.startswith("what insurance,")


def test_chinese_places_are_read_from_the_gazetteer(translator: Translator) -> None:
    reading = translator.translate("阿坝州和淳安对海外人才有什么奖励？六盘水呢？")
    assert reading.places == ("Aba Prefecture", "Chun'an County", "Liupanshui")


def test_a_chinese_place_is_a_place_even_when_its_english_is_a_word() -> None:
    query = understand(["安徽省歙县对引进的高层次人才有什么奖励？"])
    assert ("she", "counti") in query.places  # "She County": not read as a pronoun


def test_a_corpus_glossary_extends_and_overrides_the_packaged_one(tmp_path: Path) -> None:
    staff = "# staff terms\n港城\tHarbor City\n補貼\tgrant\n"
    (tmp_path / "glossary.tsv").write_text(staff, encoding="utf-8")
    glossary = {**packaged_glossary(), **corpus_glossary(tmp_path)}
    english = Translator(glossary).translate("港城的补贴是多少？").text
    assert "Harbor City" in english and "grant" in english  # Traditional keys match Simplified text


def test_a_bad_glossary_line_names_the_fix() -> None:
    with pytest.raises(AssistantError, match="line 2: write 'Chinese characters<TAB>English"):
        parse_glossary("人才\ttalents\nsubsidy 补贴\n", "corpus/glossary.tsv")
    assert parse_glossary("的\t\n") == {"的": ""}  # an empty English drops the word


def test_an_unknown_name_is_spelled_in_pinyin_when_the_corpus_uses_it(translator: Translator) -> None:
    known = {"hengqin", "lin", "gang"}.__contains__
    assert "Hengqin" in translator.translate("横琴有什么人才政策？", known).text
    assert "Hengqin" not in translator.translate("横琴有什么人才政策？").text  # no corpus, no guess


def test_grades_and_words_split_across_jieba_tokens(translator: Translator) -> None:
    assert "Grade C" in translator.translate("C类人才能拿多少补贴？").text
    assert "permanent resident" in translator.translate("我是香港永久居民。").text


def test_which_sections_asks_for_them_named_not_counted() -> None:
    from assistant.language.translation import Translator
    from assistant.search.parts import parts_of

    translator = Translator.for_corpus(None)
    original = "浙江人才服务平台这个网站分成哪几个版块？"
    english = translator.translate(original).text
    assert "sections" in english
    (part,) = parts_of(english, original)
    assert part.asks != "count"


def test_chinese_how_to_apply_and_one_off_or_instalments_are_read() -> None:
    from assistant.language.translation import Translator
    from assistant.search.parts import parts_of

    translator = Translator.for_corpus(None)
    reading = translator.translate("人才要怎么申请这张卡？")
    (apply,) = parts_of(reading.text, reading.source)
    assert apply.asks == "procedure"
    reading = translator.translate("安家补贴是一次性发放，还是按年分期发？")
    (paid,) = parts_of(reading.text, reading.source)
    assert {side for _, side in paid.sides} == {0, 1}


def test_a_place_written_by_its_first_character_is_no_new_place(translator: Translator) -> None:
    # 来长就业: "come to Changchun for work", 长 standing for the 长春市 the question names in full
    read = translator.translate("长春市对来长就业的硕士毕业生每月发放多少生活补贴？", known=lambda term: True)
    assert "Lai" not in read.text and "Changchun" in read.text


def test_a_talent_loan_and_its_interest_rate_are_read() -> None:
    question = "浙江推出的“人才贷”最高可以贷多少钱？利率是多少？"
    amount, rate = parts_of(Translator().translate(question).text, question)
    assert amount.kinds == {"loan"} and rate.asks == "percent"


def test_a_chinese_ordinal_batch_is_read_as_one(translator: Translator) -> None:
    question = "兰州市2023年第二批柔性引才什么时候开始申报？"
    (part,) = parts_of(translator.translate(question).text, question)
    assert part.ordinals == {("second", "batch")}


def test_a_chinese_ordinal_year_is_read_as_one_and_kept_by_the_amount_after_it(
    translator: Translator,
) -> None:
    question = "人才公寓第四年还能享受租金减免吗？减免多少？"
    reduced, amount = parts_of(translator.translate(question).text, question)
    assert reduced.ordinals == {("fourth", "year")} and amount.ordinals == {("fourth", "year")}
    listing = "Tenants live rent-free in the first year and get a 70-percent rent reduction in the second."
    assert not fits(amount, listing).ok


def test_a_name_glossed_in_the_other_language_is_read_once() -> None:
    from assistant.language.translation import without_glosses

    assert without_glosses("Does Zunyi (遵义) in Guizhou run a 人才计划?") == (
        "Does Zunyi in Guizhou run a 人才计划?"
    )
    assert without_glosses("Under Changchun's 大学生12条 (12 Measures), how much?") == (
        "Under Changchun's 12 Measures, how much?"
    )
    chinese = "黑龙江人才卡（人才卡）发放了多少张？"
    assert without_glosses(chinese) == chinese  # a question in Chinese alone is left as it is
    query = understand(["Does Zunyi (遵义) in Guizhou run a big data talent plan?"], frozenset({"guizhou"}))
    assert query.place_names == ("Zunyi", "Guizhou")


def test_an_ordinary_word_is_no_place_though_a_county_bears_its_name(translator: Translator) -> None:
    # 比如 (for example) is also 比如县 in Tibet, 合作 (cooperate) also 合作市 in Gansu
    reading = translator.translate("兰州的人才报酬有没有统一标准？比如每月最低多少钱？项目合作有补贴吗？")
    assert reading.places == ("Lanzhou",)
    assert translator.translate("海口和淳安有什么人才政策？").places == ("Haikou", "Chun'an County")


def test_chinese_ways_of_asking_a_total_a_rate_a_fee_and_whether_there_is_one(translator: Translator) -> None:
    def parts(question: str) -> tuple[Part, ...]:
        return parts_of(translator.translate(question).text, question)

    (total,) = parts("大连金普新区2018年计划引进的人才总数是多少？")
    assert total.asks == "count"
    _, rate = parts("泰安对新引进的博士有没有购房补贴？如果有，标准是多少？")
    assert rate.asks == "amount" and "purchase" in rate.kinds  # the rate of the subsidy just asked about
    (fee,) = parts("外国高端人才申请人才签证要交多少签证费？")
    assert (fee.asks, fee.counted) == ("amount", ("fee",))
    (months,) = parts("柳州给硕士发放的每月生活津贴最长可以领取多少个月？")
    assert months.asks == "duration" and months.kinds == {"living"}
    standard, _ = parts("兰州柔性引进的人才，用人单位给的报酬有没有统一标准？比如每月最低多少钱？")
    assert not fits(standard, "Lanzhou City has established support policies in seven areas.").ok


def test_zones_the_gazetteer_lacks_are_read_by_their_english_names(translator: Translator) -> None:
    assert "Tianfu New Area" in translator.translate("成都天府新区博士来了给多少安家费？").text
    assert "Superior Talent Card" in translator.translate("横琴优才卡的租房补贴每个月多少钱？").text
    assert "first home" in translator.translate("柳州人才买首套房，购房补贴给多少？").text


def test_a_premise_before_then_is_said_and_not_asked(translator: Translator) -> None:
    question = "青年人才住房第三年是五折，那第四年以后呢还有优惠吗"
    reading = translator.translate(question)
    (part,) = parts_of(reading.text, reading.source)
    assert part.ordinals == {("fourth", "year")}
    assert not fits(part, "Rent is reduced by 50 percent in the third year.").ok
    question = "我是博士，那能拿多少补贴呀"
    reading = translator.translate(question)
    (part,) = parts_of(reading.text, reading.source)
    assert part.asks == "amount" and "doctor" in part.groups


def test_a_figure_keeps_its_unit_of_time(translator: Translator) -> None:
    assert translator.translate("生活补贴最多可以领三年").text.endswith("3 years")
    assert translator.translate("3个月").text == "3 months"
    assert translator.translate("5天内").text.startswith("5 days")
    assert translator.translate("2023年").text == "2023"  # a year, not a duration
    assert "years" not in translator.translate("30万年薪").text


def test_which_few_asks_which_not_how_many(translator: Translator) -> None:
    # 哪几所 / 哪几个 ask which ones (an entity), not a count; Traditional is read as Simplified
    text = translator.translate("子女可以入讀哪幾所學校？").text
    assert "which" in text and "how many" not in text
    (part,) = parts_of(text, "子女可以入讀哪幾所學校？")
    assert part.asks == "entity"
    assert not fits(part, "The card gives access to children's education and public health services.").ok


def test_how_long_from_handing_in_materials_asks_a_duration(translator: Translator) -> None:
    # "从提交材料到拿到推荐函需要多长时间" asks how long, not which materials
    asked = "从提交材料到拿到推荐函一般需要多长时间？"
    (part,) = parts_of(translator.translate(asked).text, asked)
    assert part.asks == "duration"
    assert not fits(part, "The leading group will issue a recommendation letter to the applicant.").ok


def test_written_cantonese_is_read_as_the_mandarin_it_says(translator: Translator) -> None:
    from assistant.language.cantonese import as_mandarin

    said = as_mandarin("泰安嘅博士補貼每月3000蚊，有冇年齡上限㗎？")
    assert said == "泰安的博士補貼每月3000元，有没有年齡上限？"
    assert as_mandarin("碩士喺積分制入面值幾多分？") == "碩士在積分制里面值多少分？"
    assert as_mandarin("關係和仲裁") == "關係和仲裁"  # Mandarin words that share a character stay
    read = translator.translate("柳州嘅人才公寓租金係幾多？")
    assert "多少" in read.source and "Liuzhou" in read.text


def test_each_one_asked_in_chinese_is_not_answered_by_the_total(translator: Translator) -> None:
    question = "沈阳的人才首次购房补贴，至今总共发了多少钱？每个人才可以拿多少？"
    total, each = parts_of(translator.translate(question).text, question)
    assert each.each == ("talent",) and not each.totalled
    said = "Since Oak City began the house-purchase subsidy, a total of CNY 244 million has been given out."
    assert fits(total, said).ok and not fits(each, said).ok


def test_where_people_come_from_is_no_place_asked_about() -> None:
    query = understand(["天津滨海新区对港澳高端人才有没有个人所得税补贴？"], frozenset({"tianjin"}))
    assert "Hong Kong" not in query.place_names and "Macao" not in query.place_names
    assert any("Binhai" in name for name in query.place_names)
    # a city's own talent programme is a place asked about
    lanzhou = understand(["Lanzhou flexible talent introduction: is my field from Spain in?"], frozenset())
    assert "Lanzhou" in lanzhou.place_names


def test_glossary_terms_typed_as_pinyin_are_read_as_their_english() -> None:
    assert pinyin_terms_read("oak city living butie for dazhuan grads?") == (
        "oak city living subsidy for junior college grads?"
    )
    assert pinyin_terms_read("anjia butie for boshi") == "settlement subsidy for phd"  # a term in two words
    # a place (Shanwei, Anyue) and English words are left as typed
    assert pinyin_terms_read("Is the change in shanwei or anyue?") == "Is the change in shanwei or anyue?"
    named = "What did Oak Boshi Automation achieve?"
    assert pinyin_terms_read(named) == named  # a capitalised word is a name
    query = understand(["liuzhou living butie shuoshi how much a month?"], frozenset({"liuzhou"}))
    assert "master" in query.parts[-1].groups and query.parts[-1].benefit


def test_a_bare_how_long_after_how_much_in_chinese_is_a_question_of_its_own(translator: Translator) -> None:
    question = "橡树市博士每个月生活补贴多少?能领多长时间?"
    amount, duration = parts_of(translator.translate(question).text, question)
    assert amount.asks == "amount" and duration.asks == "duration" and duration.benefit
