"""Removing an item with no values yet asks first when a 課's file holding it is handed out and not
collected (tdiv: the plan editor removed such a 主要事業 with no question; the returned file's entries
for it would then have nowhere to go)."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.cli import main
from kodaira_desk.services.plans import load_plan
from plan_editing.test_plan_editor_ui import _choose, _click, _open, _select


def test_removing_an_item_in_a_file_out_asks_naming_the_department(qtbot, window, db_path: Path,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "plan", "copy", "--plan", "program-2021", "--to", "program-2025", "--period", "R7-R10"]) == 0
    assert main([*db, "handout", "--year", "R8", "--out", str(tmp_path / "配布"), "--by", "政策課 山田"]) == 0
    editor = _open(qtbot, window)
    _choose(editor, "planCombo", load_plan(editor.workspace.db, "program-2025").plan.title)
    tree = editor.tree
    assert tree is not None
    leaf = next(n for n in tree.nodes if not tree.children(n.key) and n.departments
                and not any(i.node_key == n.key for i in tree.indicators))
    asked: list[str] = []
    editor.ask = lambda title, text: asked.append(text) is None and False  # type: ignore[method-assign]
    _select(editor, leaf.title)
    _click(qtbot, editor, "node_remove")
    assert asked and leaf.departments[0].department in asked[0] and "令和8年度" in asked[0], asked
    assert load_plan(editor.workspace.db, "program-2025").has_node(leaf.key)  # いいえ: kept
    editor.close()
