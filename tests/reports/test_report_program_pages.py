"""Program pages: per policy the texts, the 到達目標 table and the yearly plan of its main projects."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdf_reading import Word, flat, line_on_page, line_with, lines, page_fill, page_texts, page_words, texts
from report_helpers import handout

from kodaira_desk.reports.common import ReportOptions
from kodaira_desk.services.reports import make_report
from kodaira_desk.store.database import Database

POLICY_2 = "障がい者の自立に向けた支援の充実"


@pytest.fixture(scope="module")
def pdf(report_db: Database, pdf_dir: Path) -> Path:
    return make_report(report_db, "program", handout("program-2021", meeting=None), pdf_dir / "program.pdf")


def budget_years(pdf: Path, page: int) -> dict[str, Word]:
    head = line_on_page(pdf, page, "事業名")
    return {w.text: w for w in head[1:]}


def test_policies_follow_each_other_in_one_type_size_with_no_half_empty_page(pdf: Path) -> None:
    """A policy starts a new page only when less than a third of the page is left; every page but
    the last is at least 40% full; every policy's title is set in the same size (no policy shrunk
    on its own)."""
    titles = ("多様性を尊重する地域社会の実現", POLICY_2, "地域における支えあいと相談支援の推進",
              "安全で安心して生活できる地域づくり")
    starts = [line_with(pdf, title)[0] for title in titles]
    assert [w.page for w in starts] == sorted(w.page for w in starts)
    with pdfplumber.open(pdf) as doc:
        sizes = {round(c["size"], 2) for page in doc.pages for c in page.chars
                 if c["fontname"].endswith("IPAexGothic") and c["size"] > 12}
        height = doc.pages[0].height
    assert len(sizes) == 1, sizes
    for word in starts:
        above = [w for w in page_words(pdf)[word.page - 1] if w.top < word.top - 30]
        if above:  # under the end of the policy before it: a third of the page or more was left
            assert word.top < height * 2 / 3 + 30
    fills = page_fill(pdf)
    assert all(f >= 0.4 for f in fills[:-1]), fills


def test_a_one_policy_handout_is_set_to_end_on_a_full_page(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "program", ReportOptions("program-2021", department="障がい者支援課"),
                      tmp_path / "shogai.pdf")
    assert page_fill(out)[-1] >= 0.4
    assert "障がい者の自立に向けた支援の充実" in flat(page_texts(out)[0])


def test_cost_of_the_child_development_centre_under_reiwa_3(pdf: Path) -> None:
    row = line_with(pdf, "218,014")
    assert texts(row) == ["費用", "218,014", "千円", "27,150", "千円", "27,150", "千円", "27,150", "千円"]
    years = budget_years(pdf, row[0].page)
    assert list(years) == ["令和3年度", "令和4年度", "令和5年度", "令和6年度"]
    value, unit = row[1], row[2]
    assert years["令和3年度"].center < unit.x1 < years["令和4年度"].x0
    assert value.x0 > years["令和3年度"].x0 - 60
    assert POLICY_2 in flat(page_texts(pdf)[row[0].page - 1])


def test_projects_without_budget_print_a_dash_and_summaries_span_their_years(pdf: Path) -> None:
    row = line_with(pdf, "手話によるコミュニケーション支援")
    assert "【障がい者支援課】" in texts(row)
    page = row[0].page
    cost = next(line for line in _lines_after(pdf, page, row[0].top) if line[0].text == "費用")
    assert texts(cost) == ["費用", "—", "—", "—", "4,146", "千円"]
    opening = line_with(pdf, "開設")
    page = opening[0].page
    years = budget_years(pdf, page)
    assert texts(opening)[0].startswith("たいよう福祉センターの改")
    assert texts(opening)[1:] == ["開設", "指定管理者による管理・運営"]
    assert years["令和3年度"].x1 < opening[1].x0 < years["令和4年度"].x0  # starts in 令和4年度…
    assert opening[2].x1 > years["令和4年度"].x1  # …and runs on over the years it covers
    assert texts(line_on_page(pdf, page, "1か所増")) == ["概略", "1か所増", "1か所増", "1か所増", "1か所増"]


def _lines_after(pdf: Path, page: int, top: float) -> list[list[Word]]:
    return [line for line in lines(page_words(pdf)[page - 1]) if line[0].top > top]


def test_outcome_table_with_baseline_targets_and_notes(pdf: Path) -> None:
    assert texts(line_with(pdf, "就労移行支援の実利用者数")) == [
        "1", "就労移行支援の実利用者数", "人/月", "46", "61", "69", "78", "58※"]
    years = line_on_page(pdf, 1, "令和2年度")
    assert texts(years) == ["令和2年度", "令和3年度", "令和4年度", "令和5年度", "令和6年度"]
    baseline = next(w for w in line_with(pdf, "27.0*") if w.text == "27.0*")
    period = next(w for w in line_with(pdf, "(令和3年5月)") if w.text == "(令和3年5月)")  # 004's brackets
    assert abs(period.x1 - baseline.x1) < 3 and 0 < period.top - baseline.top < 12  # the survey month under it
    assert texts(line_with(pdf, "3"))[1:] == ["%", "—", "—", "—", "50.0"]
    text = flat(page_texts(pdf)[0])
    assert "女性相談等延べ人数(※2)" in text
    assert flat("※ 新型コロナウイルス感染症の影響で") in text
    assert flat("※2 事業拡充に伴い、文言を修正した。") in text
    assert text.index("4年後の到達目標") < text.index("※2事業拡充") < text.index("主要事業の年次計画")


def test_policy_texts_are_bulleted(pdf: Path) -> None:
    text = flat("".join(page_texts(pdf)))
    assert "現状と課題・市では、平成21年4月に「小平市男女共同参画推進条例」を制定し" in text
    assert "取組の方針・内容・「小平アクティブプラン21" in text


def test_project_notes_and_shared_departments(pdf: Path) -> None:
    text = flat("".join(page_texts(pdf)))
    assert flat("生活支援体制整備事業 ※令和5年度までは介護保険事業特別会計で実施 【高齢者支援課】") in text
    assert flat("いきいき協働事業 [一部再掲] 【市民協働・男女参画推進課ほか】") in text
    assert "【文化スポーツ課／市民協働・男女参画推進課】" in text


def test_department_filter(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "program", ReportOptions("program-2021", department="高齢者支援課"),
                      tmp_path / "koreisha.pdf")
    text = flat("".join(page_texts(out)))
    assert "地域包括ケアシステムの推進" in text and "介護保険制度の円滑な運営" in text
    assert "高齢者の保健事業と介護予防の一体的実施事業" in text  # led with 保険年金課
    for other in ("多様性を尊重する地域社会の実現", POLICY_2, "被災者用備蓄等の整備"):
        assert other not in text
    assert "週1回以上フレイル予防に取り組むグループ数" in text  # the policy's own indicators stay
