"""Comparison tables: figures bound to their clause's people, benefit and period; cells holding only
their own place's figures; per-month and one-off amounts never mixed; uncovered places named."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import run_cli

from assistant import Assistant
from assistant.answering.compare import Comparer, comparison_asked
from assistant.answering.compare_figures import read_figures, topic_suggestions
from assistant.answering.compare_table import NOT_COVERED, NOT_STATED, Comparison
from assistant.evaluation.comparing import CompareCase, score
from assistant.ingest.metadata import ArticleMeta
from assistant.snapshot import Article, Snapshot
from assistant.text import amount_value

TAIAN = (
    "For example, qualified full-time doctoral students, master's students, undergraduate graduates from "
    "prominent universities, and other undergraduate graduates, will get a monthly living allowance of "
    "3,000 yuan, 1,500 yuan, 1,000 yuan, and 500 yuan per person, respectively, for three years."
)
LIUZHOU = (
    "Living allowances will be 1,500 yuan per person per month for doctors; 1,000 yuan per person per "
    "month for masters; 500 yuan per person per month for undergraduates."
)
XIAMEN = (
    "(2) Grade B talent: for enterprise talent with an annual income over 500 thousand RMB (including 500 "
    "thousand RMB) and below 700 thousand RMB, it can apply for 650 thousand RMB of house buying subsidy "
    "or 2500 RMB / month of house renting subsidy;"
)


def _article(path: str, region: str, *sentences: str, title: str = "Talent policy") -> Article:
    from assistant.ingest.chunking import Chunk

    chunk = Chunk(id=f"{path}#0", doc_id=path, position=0, sentences=tuple(sentences), breaks=())
    return Article(path, path, "0" * 64, ArticleMeta(title=title, region=region), [chunk])


def _by(found: list, text: str):  # type: ignore[no-untyped-def]
    return next(f for f in found if f.text.startswith(text))


def test_a_respectively_list_gives_each_amount_to_its_own_people() -> None:
    found = read_figures(TAIAN, topic_kinds=frozenset({"living"}))
    assert _by(found, "3,000 yuan").groups == {"doctor"}
    assert _by(found, "1,500 yuan").groups == {"master"}
    assert "bachelor" in _by(found, "1,000 yuan").groups
    assert {f.period for f in found if f.aspect == "amount"} == {"month"}  # "a monthly ... allowance"
    assert {f.kind for f in found if f.aspect == "amount"} == {"living"}
    assert _by(found, "for three years").aspect == "duration"


def test_each_amount_belongs_to_the_clause_that_names_its_people() -> None:
    found = read_figures(LIUZHOU)
    assert _by(found, "1,500 yuan").groups == {"doctor"}
    assert _by(found, "1,000 yuan").groups == {"master"}
    assert _by(found, "500 yuan").groups == {"bachelor"}
    assert all(f.period == "month" for f in found)


def test_a_purchase_and_a_rent_subsidy_in_one_sentence_stay_apart_and_income_is_a_condition() -> None:
    found = read_figures(XIAMEN, topic_kinds=frozenset({"housing"}))
    purchase, rent = _by(found, "650 thousand RMB"), _by(found, "2500 RMB / month")
    assert (purchase.kind, purchase.period) == ("purchase", None)
    assert (rent.kind, rent.period) == ("rent", "month")
    assert purchase.groups == rent.groups == {"grade_b"}  # the label before the colon says who
    assert {f.text for f in found if f.aspect == "income"} == {
        "over 500 thousand RMB",
        "below 700 thousand RMB",
    }
    assert not any(f.text == "500 thousand RMB" for f in found)  # "(including ...)" is an aside


def test_a_currency_conversion_is_not_a_figure_of_its_own() -> None:
    found = read_figures(
        "Doctors below the age of 45 can apply for 80,000 yuan ($11,862) of settlement allowance."
    )
    assert [f.text for f in found] == ["below the age of 45", "80,000 yuan"]
    assert amount_value("800 thousand RMB") == 800_000 and amount_value("2 million yuan") == 2_000_000
    assert amount_value("$11,862") is None


@pytest.fixture
def comparer() -> Comparer:
    return Comparer(
        [
            _article(
                "a.txt",
                "Alpha City, North",
                "In Alpha City, new PhD holders get a living allowance of 2,000 yuan a month for two years.",
            ),
            _article(
                "b.txt",
                "Beta County",
                "Beta County pays doctors a one-off living allowance of 30,000 yuan.",
                "Beta County pays masters a living allowance of 900 yuan per month.",
            ),
            _article(
                "c.txt",
                "Gamma",
                "Unlike Alpha City, Gamma gives PhD holders a living allowance of 5,000 yuan per month.",
                "Gamma also pays a rent subsidy of 800 yuan per month to PhD holders.",
            ),
        ]
    )


def test_a_cell_holds_only_its_own_places_figures_each_cited(comparer: Comparer) -> None:
    table = comparer.compare(["Alpha City", "Gamma"], "living allowance for a new PhD")
    row = next(r for r in table.rows if r.aspect == "amount")
    assert (row.group, row.period, row.kind) == ("doctor", "month", "living")
    alpha, gamma = row.cells
    assert [f.text for f in alpha.figures] == [
        "2,000 yuan a month"
    ]  # not Gamma's 5,000, though it names Alpha
    assert [f.path for f in alpha.figures] == ["a.txt"] and [f.path for f in gamma.figures] == ["c.txt"]
    assert all(f.text != "800 yuan per month" for r in table.rows for c in r.cells for f in c.figures)
    assert table.citations[0].path == "a.txt" and table.citations[0].n == 1
    assert (
        "Gamma gives more: 5,000 yuan per month [2], against 2,000 yuan a month [1] in Alpha City."
        in table.summary[0]
    )


def test_per_month_and_one_off_amounts_are_never_compared_as_one(comparer: Comparer) -> None:
    table = comparer.compare(["Alpha City", "Beta County"], "living allowance for a PhD")
    rows = {r.label: r for r in table.rows if r.aspect == "amount"}
    assert set(rows) == {"Living allowance, PhD holders, per month", "Living allowance, PhD holders, one-off"}
    monthly = rows["Living allowance, PhD holders, per month"]
    assert [c.status for c in monthly.cells] == ["stated", NOT_STATED]
    assert "gives more" not in " ".join(table.summary)


def test_a_place_the_corpus_does_not_cover_is_named_never_filled(comparer: Comparer) -> None:
    table = comparer.compare(["Alpha City", "Chengdu"], "living allowance")
    assert [c.covered for c in table.columns] == [True, False]
    assert all(r.cells[1].status == NOT_COVERED and not r.cells[1].figures for r in table.rows)
    assert "does not cover Chengdu" in " ".join(table.summary)


def test_the_table_as_markdown_csv_and_json(comparer: Comparer) -> None:
    table = comparer.compare(["Alpha City", "Gamma"], "living allowance for a new PhD")
    lines = table.markdown().splitlines()
    assert lines[0] == "| Aspect | Alpha City | Gamma |" and lines[1] == "|---|---|---|"
    assert (
        "| Living allowance, PhD holders, per month | 2,000 yuan a month [1] | 5,000 yuan per month [2] |"
        in lines
    )
    rows = list(csv.reader(io.StringIO(table.csv_text())))
    assert rows[0] == ["Aspect", "Alpha City", "Gamma"] and rows[1][1] == "2,000 yuan a month [1]"
    assert ["[1]", "Talent policy", "", "", "Alpha City, North", "a.txt"] in rows
    data = json.loads(json.dumps(table.to_json()))
    cell = data["rows"][0]["cells"][0]
    assert cell["figures"][0]["n"] == 1 and cell["figures"][0]["quote"].startswith("In Alpha City")
    assert [c["place"] for c in data["columns"]] == ["Alpha City", "Gamma"]
    answer = table.answer()
    assert not answer.declined and [c.path for c in answer.citations] == ["a.txt", "c.txt"]


def test_which_questions_compare_places() -> None:
    asked = comparison_asked(
        "Which pays a new PhD more living allowance, Liuzhou or Tai'an?", ["Liuzhou", "Tai'an"]
    )
    assert asked is not None and asked[0] == ["Liuzhou", "Tai'an"] and "living allowance" in asked[1]
    assert comparison_asked("Liuzhou vs Tai'an: rent subsidy?", ["Liuzhou", "Tai'an"]) is not None
    # No benefit or figure asked: the quoted answer, not a table.
    assert (
        comparison_asked(
            "How do Lanzhou and Zhejiang each use the idea of a talent enclave?", ["Lanzhou", "Zhejiang"]
        )
        is None
    )
    assert comparison_asked("What living allowance does Liuzhou give?", ["Liuzhou"]) is None
    assert "housing subsidy" in topic_suggestions()


def test_the_scorer_finds_misplaced_and_ungrounded_figures(comparer: Comparer, tmp_path: Path) -> None:
    articles = list(comparer.articles.values())
    (tmp_path / "a.txt").write_text(" ".join(s for c in articles[0].chunks for s in c.sentences))
    (tmp_path / "c.txt").write_text(" ".join(s for c in articles[2].chunks for s in c.sentences))

    class Double:  # what score() reads of an Assistant
        class settings:
            data_dir = tmp_path

        class index:
            @staticmethod
            def snapshot() -> Snapshot:
                return Snapshot(dict(comparer.articles))

        @staticmethod
        def compare(places: list[str], topic: str, question: str | None = None) -> Comparison:
            table = comparer.compare(places, topic, question)
            # A broken table: Gamma's figure moved into Alpha City's cell.
            table.rows[0].cells[0].figures = table.rows[0].cells[1].figures
            return table

    case = CompareCase(
        id="x",
        places=["Alpha City", "Gamma"],
        topic="living allowance for a new PhD",
        expect=[{"place": "Alpha City", "figure": "2,000 yuan", "aspect": "amount", "group": "doctor"}],
    )
    result = score(Double(), [case])  # type: ignore[arg-type]
    assert result["totals"]["cell_accuracy"] == 0.0
    assert result["totals"]["grounded"] < 1.0


def test_the_cli_compares_regions(data_dir: Path, cli_fake_model: None) -> None:
    code, out, err = run_cli(
        "--data-dir",
        str(data_dir),
        "compare",
        "--regions",
        "Harbor City,Pine County,Chengdu",
        "housing subsidy",
    )
    assert code == 0, err
    assert "| Aspect | Harbor City | Pine County | Chengdu |" in out
    assert "1,500 yuan [1] | not stated | not covered |" in out
    assert "Sources:" in out and "[1] Harbor City housing subsidy" in out
    code, out, err = run_cli(
        "--data-dir",
        str(data_dir),
        "compare",
        "--regions",
        "Harbor City,Pine County",
        "--json",
        "--csv",
        str(data_dir / "t.csv"),
        "housing subsidy for a master's",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["rows"][0]["cells"][0]["figures"][0]["path"] == "corpus/harbor_city.txt"
    assert (data_dir / "t.csv").read_text().startswith("Aspect,Harbor City,Pine County")
    code, out, err = run_cli("--data-dir", str(data_dir), "compare", "--regions", "Harbor City", "rent")
    assert code == 1 and "--regions takes 2 to" in err


def test_a_question_comparing_places_is_answered_with_the_table(assistant: Assistant) -> None:
    answer = assistant.ask("Which gives a master's more housing subsidy, Harbor City or Pine County?")
    assert answer.answer.startswith("| Aspect | Harbor City | Pine County |")
    assert "| 1,500 yuan [1] | not stated |" in answer.answer
    assert [c.path for c in answer.citations] == ["corpus/harbor_city.txt"]
    # One place, or no benefit asked: the quoted answer as before.
    assert not assistant.ask("What housing subsidy does Harbor City give?").answer.startswith("| Aspect")


def test_a_topic_named_by_its_own_words_quotes_each_places_sentence() -> None:
    comparer = Comparer(
        [
            _article(
                "h.txt", "Hainan", "Graduates can gain hukou anywhere they want in Hainan.", "It rains a lot."
            ),
            _article("s.txt", "Shanghai", "Fresh graduates of six universities can secure a Shanghai hukou."),
            _article("b.txt", "Beijing", "Beijing issues green cards to foreign talents."),
        ]
    )
    table = comparer.compare(["Hainan", "Shanghai", "Beijing", "Nanjing"], "hukou")
    (row,) = table.rows
    assert row.label == "What the articles say"
    assert [c.shown() for c in row.cells] == [
        "Graduates can gain hukou anywhere they want in Hainan. [1]",
        "Fresh graduates of six universities can secure a Shanghai hukou. [2]",
        NOT_STATED,
        NOT_COVERED,
    ]


def test_a_benefit_named_after_a_figure_is_not_that_figures_benefit() -> None:
    found = read_figures(
        "High-level talents can receive a maximum of 30 million yuan of subsidy, first-class scientists "
        "can receive a maximum of 100 million yuan, while graduates can also enjoy a resettlement subsidy "
        "of 10,000 yuan.",
        topic_kinds=frozenset({"settlement"}),
    )
    assert [(f.text, f.kind) for f in found] == [
        ("a maximum of 30 million yuan", None),
        ("a maximum of 100 million yuan", None),
        ("10,000 yuan", "settlement"),
    ]


def test_the_conditions_a_place_sets_are_a_row_of_their_own() -> None:
    comparer = Comparer(
        [
            _article(
                "l.txt",
                "Liuzhou",
                "Liuzhou gives living allowances to graduates who pay social insurance there for six months.",
                "Living allowances will be 1,500 yuan per month for doctors.",
            ),
            _article(
                "t.txt", "Tai'an", "Doctoral students will get a monthly living allowance of 3,000 yuan."
            ),
        ]
    )
    table = comparer.compare(["Liuzhou", "Tai'an"], "living allowance for a PhD")
    conditions = table.rows[-1]
    assert conditions.label == "Conditions"
    assert (
        conditions.cells[0].shown().startswith("Liuzhou gives living allowances to graduates who pay social")
    )
    assert conditions.cells[1].status == NOT_STATED


def test_money_paid_to_companies_is_not_what_a_person_gets_and_a_distant_period_is_not_its_own() -> None:
    (paid,) = read_figures(
        "Companies that introduce top talents will be eligible for a subsidy of 50 million yuan."
    )
    assert paid.groups == {"employer"}
    (award,) = read_figures(
        "The city, which aims to attract five academicians every year, will award such talents "
        "with 5 million yuan."
    )
    assert award.period is None


def test_a_comparison_asking_one_aspect_is_a_table_of_that_aspect_or_none(comparer: Comparer) -> None:
    places = ["Alpha City", "Gamma"]
    lasting = comparer.compare(places, "how long is the living allowance for a PhD paid")
    assert {r.aspect for r in lasting.rows if r.aspect in ("amount", "duration")} == {"duration"}
    # no table gives a deadline: the question is answered (or declined) part by part instead
    asked = "Compare the application deadlines for the living allowance in Alpha City and Gamma."
    assert comparison_asked(asked, places) is None
    assert comparison_asked("Compare the living allowance for a PhD in Alpha City and Gamma.", places)
    assert comparison_asked("Which city gives a PhD more money, Alpha City or Gamma?", places)


def test_a_yes_or_no_question_about_two_places_is_no_table_unless_it_compares() -> None:
    places = ["Alpha City", "Gamma"]
    assert comparison_asked("Is the living allowance taxed in Alpha City and in Gamma?", places) is None
    assert comparison_asked("Does Alpha City or Gamma pay PhDs more?", places)
    assert comparison_asked("Is there a living allowance for PhDs in Alpha City and in Gamma?", places)
    leaving = "If I leave Alpha City early, do I have to pay back the allowance in Alpha City and in Gamma?"
    assert comparison_asked(leaving, places) is None
