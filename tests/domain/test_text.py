from kodaira_desk.domain.text import BlockKind, RichText, from_html


def test_lines_become_bullets_headings_and_paragraphs() -> None:
    t = RichText.parse("《小川駅西口地区》\n・再開発の支援を行いました。\n\n補足の段落")
    assert [b.kind for b in t.blocks] == [BlockKind.HEADING, BlockKind.BULLET, BlockKind.PARAGRAPH]
    assert t.blocks[1].text == "再開発の支援を行いました。"
    assert str(t) == "《小川駅西口地区》\n・再開発の支援を行いました。\n補足の段落"


def test_html_left_by_the_extraction_is_removed() -> None:
    raw = (
        '<p>【平成28年度】</p> <ul style="list-style-type: none"> <li>認定農業者の更新を行いました。</li>'
        "<li>27経営体が事業を活用しました。</li></ul>"
    )
    t = from_html(raw)
    assert str(t) == "【平成28年度】\n・認定農業者の更新を行いました。\n・27経営体が事業を活用しました。"
    assert t.blocks[0].kind is BlockKind.HEADING


def test_a_bullet_with_nothing_after_it_is_no_line() -> None:
    """The 「・」 the form starts after Enter on the last bullet (tclerk 3b5eed6), with or without spaces."""
    assert str(RichText.parse("・認定農業者の経営を支援しました。\n・")) == "・認定農業者の経営を支援しました。"
    assert str(RichText.parse("・一つ目\n・　\n・二つ目\n・ ")) == "・一つ目\n・二つ目"
    assert not RichText.parse("・")
