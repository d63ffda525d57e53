"""Scenarios read through the accessibility bus (issue 28): run by tests/a11y/test_atspi.py as

    dbus-run-session -- /usr/bin/python3 session.py SCENARIO CONFIG.json OUT.json

- walk: the main window with each kind of form, and every dialog opened by its keys; each window's
  focusable controls with their names, roles and what is wrong (tests/a11y/atspi/bus.py walk);
- clerk: a clerk's task by accessible names and keys only: open the department file, find a
  measure, set 進捗状況, type the narrative, enter two KPI values, run the pre-return check,
  save for return; the test then reads the file.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bus

MAIN = "Kodaira Desk"


def _ends(info: dict[str, Any], name: str) -> bool:
    return str(info.get("id", "")).endswith(name)


def _type_into_focus(s: bus.Session, text: str) -> dict[str, Any]:
    """Type as a person does; read the field back through the bus and type again if a key was lost
    (xdotool on a busy machine), selecting the field's text first."""
    info: dict[str, Any] = {}
    for _ in range(4):
        s.type(text)
        info = bus.describe(s.focused())
        if text in str(info.get("text", "")):
            return info
        s.key("ctrl+a")
    return info


def _search(s: bus.Session, text: str) -> dict[str, Any]:
    s.key("ctrl+f")
    s.focus_on(lambda i: _ends(i, "search"), "the search box")
    s.key("ctrl+a")
    _type_into_focus(s, text)
    s.key("Return")
    return s.focus_on(lambda i: _ends(i, "planTree"), "the plan list after Enter in the search box")


def _press_until_focused(s: bus.Session, key: str, name: str, what: str) -> dict[str, Any]:
    """A label's letter pressed until its field says it has the keyboard: on a loaded machine the form
    of the item the search found may come a moment after the list has the focus, and a letter pressed
    before it is there goes nowhere (as a person would, press it again)."""
    for _ in range(5):
        s.key(key)
        try:
            return dict(s.wait(lambda: (lambda i: i if i and _ends(i, name) else None)(
                bus.describe(s.last_focus) if s.last_focus is not None else None), what, 30))
        except TimeoutError:
            continue
    raise AssertionError(f"{key} never reached {what}")


def _up_to_the_area(s: bus.Session) -> str:
    """Left in the plan list until the selection moves up from the measure to its area."""
    window = s.window(MAIN)
    before = bus.item_title(window)
    for _ in range(4):
        s.key("Left")  # (the first Left may move within the row: it has more than one column)
        try:
            return str(s.wait(lambda: (lambda t: t if t and t != before else None)(bus.item_title(window)),
                              "the form of the item above", 20))
        except TimeoutError:
            continue
    raise AssertionError(f"Left did not leave {before!r}")


def _pane(s: bus.Session, test: Any, what: str, limit: int = 8) -> dict[str, Any]:
    """F6 until the focus is where `test` says."""
    seen: list[str] = []
    for _ in range(limit):
        info = bus.describe(s.press("F6"))
        if test(info):
            return info
        seen.append(f"{info['role']} {info['id'].rsplit('.', 1)[-1]}")
    raise AssertionError(f"F6 never reached {what}: {seen}")


def _dialog(s: bus.Session, keys: list[str], title: str, out: list[dict[str, Any]], close: list[str] | None = None,
            inside: Any = None, window: str = MAIN) -> dict[str, Any]:
    """Open a dialog with `keys` (a shortcut, or a menu's letter and its item's), walk it as AT
    sees it, close it with `close` (Escape)."""
    s.raise_window(window)
    if len(keys) == 2 and keys[0].startswith("alt+"):
        s.menu(window, keys[0], keys[1])
    else:
        for k in keys:
            s.key(k)
    window = s.window(title)
    s.raise_window(title)
    result = bus.walk(window, s.manifest())
    result["focused"] = bus.describe(s.focused())
    out.append(result)
    if inside is not None:
        inside(window, result)
    for k in close or ["Escape"]:
        s.key(k)
    s.gone(title)
    return result


def walk_scenario(s: bus.Session, config: dict[str, Any]) -> dict[str, Any]:
    s.launch(config["database"])
    main = s.window(MAIN)
    s.raise_window(MAIN)
    windows: list[dict[str, Any]] = []
    windows.append({**bus.walk(main, s.manifest()), "form": "start"})

    _search(s, "農にふれあえる")  # a measure: 進捗状況 and 実施等状況
    status = _pane(s, lambda i: _ends(i, "status"), "進捗状況")
    windows.append({**bus.walk(main, s.manifest()), "form": "measure", "focused": status})

    _pane(s, lambda i: _ends(i, "planTree"), "the plan list")
    _up_to_the_area(s)  # the area above the measure: its KPI grid and chart
    cell = _pane(s, lambda i: i["role"] == "table cell" and "kpiGrid" in i["id"], "the KPI grid")
    windows.append({**bus.walk(main, s.manifest()), "form": "kpi", "focused": cell})
    s.key("alt+t")  # the chart's figures as a table
    table = s.wait(lambda: next((c for c in bus.walk(main, s.manifest())["controls"]
                                 if c["id"].endswith("kpiChartTable")), None), "the chart's table")
    windows.append({**bus.walk(main, s.manifest()), "form": "kpi-table", "table": table})
    s.key("alt+t")

    dialogs: list[dict[str, Any]] = []

    def give_name(_window: Any, _result: dict[str, Any]) -> None:
        s.focus_on(lambda i: i["role"] == "text", "the name box")
        _type_into_focus(s, "政策課 試験")
    # ファイル > 担当者名の変更: Qt's input box, asked once for the audit log
    _dialog(s, ["alt+f", "n"], "担当者名", dialogs, close=["Return"], inside=give_name)
    _dialog(s, ["ctrl+p"], "印刷用PDF作成", dialogs)
    _dialog(s, ["alt+r", "h"], "提出用ファイルの配布", dialogs)
    _dialog(s, ["alt+r", "c"], "回収状況と取り込み", dialogs)
    _dialog(s, ["alt+r", "k"], "競合の確認", dialogs)
    _dialog(s, ["alt+r", "a"], "変更履歴", dialogs)
    _dialog(s, ["alt+r", "b"], "進捗ボード", dialogs)
    _dialog(s, ["alt+r", "l"], "年度の確定と修正", dialogs)

    def sub_dialog(key: str, title: str) -> None:
        s.key(key)
        sub = s.window(title)
        s.raise_window(title)
        dialogs.append(bus.walk(sub, s.manifest()))
        s.key("Escape")
        s.gone(title)
        s.raise_window("計画の編集")

    def new_plan(_window: Any, _result: dict[str, Any]) -> None:
        sub_dialog("alt+n", "新しい計画")
        sub_dialog("alt+y", "年次の報告")  # the program year's (#31): what the plan asks each year
        for _ in range(30):  # 新しい課… (Alt+J) is the chosen item's: Tab to the structure, Down to an item
            if bus.describe(s.press("Tab"))["id"].endswith("structureView"):
                break
        s.key("Down")
        sub_dialog("alt+j", "新しい課")
    _dialog(s, ["alt+r", "e"], "計画の編集", dialogs, inside=new_plan)
    _dialog(s, ["alt+f", "d"], "サーバーのデータベースに接続", dialogs)
    _dialog(s, ["F1"], "キーボード操作", dialogs)
    _dialog(s, ["alt+h", "a"], "Kodaira Desk について", dialogs, close=["Return"])

    # the question boxes: an unsaved value, then 回収 asks first (Alt+C: キャンセル)
    s.raise_window(MAIN)
    _pane(s, lambda i: i["role"] == "table cell" and "kpiGrid" in i["id"], "the KPI grid")
    s.type("5")
    s.key("Return")
    question = _dialog(s, ["alt+r", "c"], "未保存の変更", dialogs, close=["alt+c"])
    s.wait(lambda: any("取り込みをやめました" in a for a in s.announcements), "the cancel announced")
    s.raise_window(MAIN)
    s.key("ctrl+s")  # and saved: the message line says so, a screen reader hears it
    s.wait(lambda: any("保存しました" in a for a in s.announcements), "the save announced")
    # a program's 主要事業 (#31): its 決算額 and 差の理由 under the 実施内容
    _search(s, "男女共同参画推進事業")
    settled = _press_until_focused(s, "alt+g", "settled", "the 決算額 box")  # 決算額（千円）: its label's letter
    windows.append({**bus.walk(main, s.manifest()), "form": "program-measure", "focused": settled})
    return {"windows": windows, "dialogs": dialogs, "question": question, "announcements": s.announcements}


def clerk_scenario(s: bus.Session, config: dict[str, Any]) -> dict[str, Any]:
    steps: dict[str, Any] = {}
    s.launch(config["database"])
    s.window(MAIN)
    s.raise_window(MAIN)
    # ファイル > ファイルを開く (Ctrl+O): the path typed into the file dialog's name box
    s.key("ctrl+o")
    s.window("ファイルを開く")
    s.raise_window("ファイルを開く")
    s.focus_on(lambda i: i["role"] == "text", "the file name box")
    _type_into_focus(s, config["department_file"])
    s.key("Return")
    clerk = s.window("提出用ファイル")
    steps["title"] = clerk.name
    s.raise_window("提出用ファイル")
    # find the measure
    steps["found"] = _search(s, config["measure"])
    # 進捗状況: F6 to the form, a screen reader says the field's label
    steps["status_field"] = _pane(s, lambda i: _ends(i, "status"), "進捗状況")
    s.key("ctrl+a")
    steps["status"] = _type_into_focus(s, config["status"])
    # 実施等状況: Tab
    s.press("Tab")
    steps["narrative_field"] = s.focus_on(lambda i: _ends(i, "narrative"), "the narrative")
    steps["narrative"] = _type_into_focus(s, config["narrative"])
    # two KPI values: back to the list, up to the area, F6 into the grid at its entry cell
    _pane(s, lambda i: _ends(i, "planTree"), "the plan list")
    steps["area"] = _up_to_the_area(s)
    entry = _pane(s, lambda i: i["role"] == "table cell" and "kpiGrid" in i["id"], "the KPI grid")
    steps["entry_cell"] = entry
    steps["entry_headers"] = bus.headers(s.last_focus)
    typed = []
    for value in config["values"]:
        for _ in range(12):  # past cells another 課 fills (grey), down the column
            info = bus.describe(s.focused())
            if not info["description"].startswith("灰色"):
                break
            s.press("Down")
        info = bus.describe(s.focused())
        s.type(value)
        s.press("Return")  # the value is in; Enter moves down, as in a spreadsheet
        typed.append({"cell": info, "value": value})
    steps["typed"] = typed
    steps["after_typing"] = bus.describe(s.focused())
    # ファイル > 提出前チェック (Alt+F, C)
    check: list[dict[str, Any]] = []

    def read_check(window: Any, result: dict[str, Any]) -> None:
        items = []
        for c in result["controls"]:
            if c["role"] == "list item":
                items.append(c["name"])
        result["items"] = items
    _dialog(s, ["alt+f", "c"], "提出前チェック", check, inside=read_check, window="提出用ファイル")
    steps["check"] = check[0]
    # ファイル > 提出用に保存 (Alt+F, T): what is left and the head's check, then (Alt+S) the name for
    # the audit log, then where the file is
    boxes: list[dict[str, Any]] = []
    s.raise_window("提出用ファイル")
    s.menu("提出用ファイル", "alt+f", "t")
    submit = s.window("提出用に保存 —")
    s.raise_window("提出用に保存 —")
    steps["submit"] = bus.walk(submit, s.manifest())
    s.key("alt+s")
    s.window("担当者名")
    s.raise_window("担当者名")
    s.focus_on(lambda i: i["role"] == "text", "the name box")
    _type_into_focus(s, config["clerk_name"])
    s.key("Return")
    told = s.window("提出用に保存", exact=True)
    s.raise_window("提出用に保存")
    result = bus.walk(told, s.manifest())
    result["labels"] = _labels(told)
    boxes.append(result)
    s.key("Return")
    s.wait(lambda: not any((w.name or "") == "提出用に保存" for w in s.windows()), "the message to close")
    steps["saved"] = boxes[0]
    s.raise_window("提出用ファイル")
    s.key("ctrl+q")
    s.wait(lambda: s.app_proc is not None and s.app_proc.poll() is not None, "the window to close")
    steps["announcements"] = s.announcements
    return steps


def _labels(window: Any) -> list[str]:
    out = []
    stack = [window]
    while stack:
        o = stack.pop()
        if o.getRoleName() == "label" and o.name:
            out.append(o.name)
        stack.extend(o.getChildAtIndex(i) for i in range(o.childCount) if o.getChildAtIndex(i) is not None)
    return out


def main() -> int:
    scenario, config_path, out_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    config = json.loads(config_path.read_text(encoding="utf-8"))
    session = bus.Session(config)
    result: dict[str, Any]
    try:
        session.start()
        session.listen()
        run = {"walk": walk_scenario, "clerk": clerk_scenario}[scenario]
        result = {"ok": True, **run(session, config)}
    except Exception as exc:  # reported to the test, with where it stopped
        session.screenshot("failure")
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(),
                  "announcements": session.announcements}
    finally:
        session.stop()
    out_path.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
