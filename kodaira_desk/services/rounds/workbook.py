"""The yearly round's Excel path (issue 15): a department's workbook handed out beside (or instead
of) its .kdesk, and a returned workbook read into a department file's fields, so it goes through
the same identity checks, revision order, three-way merge, conflicts, audit and board as a .kdesk.

What the master trusts is its own record of the hand-out (the layout kept in its meta table when
the workbook was written: every cell, its field and the text written), never a map inside the
file. Each cell is read through the domain's parser (domain.entry.read_entry for an indicator's
value: full-width digits, units, absence marks), with Excel's habits undone first: a number typed
where Excel shows a percentage, a value Excel's autocorrect turned into a date (refused, naming the
cell), a formula (a plain reference within the sheet, read as Excel shows it: io/dept_workbook/
formulas.py). The cells are read by the one Excel cell reader (io/excel_cell.py). A changed
locked cell that shows a field becomes a change of that field, which the merge holds as 要確認 (it
is another year's or not the department's); any other locked change is ignored and reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kodaira_desk.domain.annotations import is_annotation_key
from kodaira_desk.domain.entry import read_entry
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.limits import (
    MAX_NOTE_CHARS,
    MAX_VALUE_CHARS,
    LimitError,
    check_text,
    check_value_text,
)
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round import Outcome
from kodaira_desk.domain.round_records import Handout
from kodaira_desk.domain.save_order import SaveStamp
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import format_value
from kodaira_desk.io.dept_workbook import (
    IDENTITY_SHEET,
    CellSpec,
    Layout,
    RawCell,
    WorkbookRefused,
    locked_checksum,
)
from kodaira_desk.io.dept_workbook.guard import check_container
from kodaira_desk.io.dept_workbook.guard import claims as guard_claims
from kodaira_desk.io.dept_workbook.layout import RoundYear
from kodaira_desk.io.excel_cell import UnreadableCell, cell_text, shown_rounded, shown_text
from kodaira_desk.services.editing import settled_content
from kodaira_desk.services.rounds import workbook_order
from kodaira_desk.services.rounds.lines import ReturnLine
from kodaira_desk.services.rounds.workbook_year import year_answers
from kodaira_desk.store.database import SCHEMA_VERSION
from kodaira_desk.store.department_file import DepartmentFile, FileRefused
from kodaira_desk.store.unit_of_work import UnitOfWork

META_PREFIX = "workbook:"  # + hand-out id: the layout of the workbook written for it
FORMATS = ("kdesk", "xlsx", "both")
MAX_LISTED = 5


def workbook_file_name(year: FiscalYear, department: str) -> str:
    return f"提出用_{year.era_label()}_{department}.xlsx"


def formats_of(choice: str) -> tuple[str, ...]:
    """'kdesk' | 'xlsx' | 'both' → the kinds of file to write."""
    if choice not in FORMATS:
        raise ValueError(choice)
    return ("kdesk", "xlsx") if choice == "both" else (choice,)


def write_handout_workbook(uow: UnitOfWork, out: Path, trees: Sequence[PlanTree], department: str, year: FiscalYear,
                           fields: Mapping[str, FieldValue], master_id: str, handout_id: str,
                           snapshot: str, deadline: str = "", round_year: RoundYear | None = None) -> None:
    """Write the workbook into `out` (a temporary file the hand-out renames) and keep its layout in
    the master, inside the hand-out's transaction. `deadline`: the 提出期限 in words, or empty;
    `round_year`: the texts it starts from and whether the head's check is required (issue 24)."""
    from kodaira_desk.io.dept_workbook.program_sheet import (
        PROGRAM_YEAR,  # openpyxl: only when a workbook is made
    )
    from kodaira_desk.io.dept_workbook.write import write_workbook

    layout = write_workbook(out, trees, department, year, fields,
                            {"master_id": master_id, "handout_id": handout_id, "snapshot": snapshot,
                             "deadline": deadline}, round_year=round_year,
                            extra=PROGRAM_YEAR)  # a program year's sheet (issue 31)
    uow.meta.set(META_PREFIX + handout_id, layout.to_json())


# ---------------------------------------------------------------- collecting


def claims(copy: Path, name: str) -> bool:
    """Whether a returned file (its private copy, received as `name`) is read as a workbook."""
    return guard_claims(copy, name)


@dataclass(frozen=True)
class ReturnedWorkbook:
    file: DepartmentFile
    notes: str  # what the merge message should add (locked headings changed, and so on)
    stamp: SaveStamp  # the workbook's own record of its last save
    untouched: bool  # its cells are what the hand-out wrote
    name: str  # the file's name as received


def read_returned_workbook(run: Any, original: Path, copy: Path, sha: str) -> ReturnedWorkbook:
    """A returned workbook as a department file: identity checked against the master's hand-out
    record, every cell of the layout read and parsed. `run`: the collection (services.rounds.collect),
    whose session holds the lock. Raises FileRefused."""
    from kodaira_desk.io.dept_workbook.read import read_workbook  # openpyxl: only when a workbook comes back

    name = original.name
    chosen: dict[str, Layout] = {}

    def cells_for(identity: Mapping[str, str], sheets: set[str]) -> dict[str, list[str]]:
        text = run.uow.meta.get(META_PREFIX + identity.get("handout_id", ""))
        if text is not None and identity.get("master_id") == run.master_id:
            chosen["known"] = Layout.from_json(text)  # a refusal from here on is the hand-out's (the board shows it)
        layout = _check_identity(run, name, identity, sheets)
        chosen["layout"] = layout
        return layout.read_cells()

    try:
        check_container(copy, name)
        returned = read_workbook(copy, name, cells_for)
        layout = chosen["layout"]
        h = run.repo.handout(layout.handout_id)
        line = run.line_of(h, True)
        base = run.repo.load_snapshot(line.base)
        fields, notes = fields_of(run.trees, name, layout, returned.cells, base)
        answers = year_answers(layout, returned.cells, fields, name)  # carried texts, 変更なし, the head's check
    except (WorkbookRefused, FileRefused) as exc:
        known = chosen.get("known")
        raise FileRefused(exc.code, exc.message, known.handout_id if known else None) from exc
    # Returns are ordered by the workbook's own save (workbook_order.placed, in the collection).
    # An untouched first return is revision 0, which the collection reports as 未記入 like an
    # unsaved .kdesk (a carried text left as it was and not confirmed is no answer: issue 24);
    # the others are numbered by arrival (第 N 版: the N-th workbook taken).
    origin = base if line.revision is None else run.repo.load_snapshot(run.repo.root_snapshot(h.base_snapshot))
    untouched = answers.untouched(fields, origin)
    revision = 0 if line.revision is None and untouched else (line.revision or 0) + 1
    stamp = returned.stamp
    f = DepartmentFile(copy, sha, layout.handout_id, run.master_id, layout.department, layout.fiscal_year,
                       SCHEMA_VERSION, fields, revision, stamp.saved_at.isoformat() if stamp.saved_at else None,
                       saved_by=stamp.saved_by or None, saved_with=stamp.application or None,
                       head_check=answers.head_check(revision), carried=answers.carried)
    return ReturnedWorkbook(f, notes + answers.notes, stamp, untouched, name)


def placed(run: Any, h: Handout, line: ReturnLine, returned: ReturnedWorkbook) -> ReturnLine:
    """The line a returned workbook is merged on, by its own save (services/rounds/workbook_order.py)."""
    return workbook_order.placed(run.repo, h, line, returned.stamp, returned.untouched, returned.name)


def _check_identity(run: Any, name: str, identity: Mapping[str, str], sheets: set[str]) -> Layout:
    if IDENTITY_SHEET not in sheets or identity.get("file_kind") != "department_workbook":
        raise WorkbookRefused(Outcome.NO_IDENTITY.value,
                              f"{name}: 配布したブックの識別情報（非表示のシート）がありません。配布したブックに入力したものか"
                              "確認してください（別のブックに写した場合は取り込めません）。")
    hid, mid = identity.get("handout_id", ""), identity.get("master_id", "")
    if mid != run.master_id:
        raise WorkbookRefused(Outcome.OTHER_MASTER.value,
                              f"{name}: 別の親データベースから配布されたブックです。このデータベースでは取り込めません。")
    h = run.repo.handout(hid) if hid else None
    text = run.uow.meta.get(META_PREFIX + hid) if h is not None else None
    if h is None or text is None:
        raise WorkbookRefused(Outcome.UNKNOWN_HANDOUT.value, f"{name}: この親データベースの配布記録にないブックです。")
    layout = Layout.from_json(text)
    if identity.get("department") != layout.department:
        raise WorkbookRefused(Outcome.WRONG_DEPARTMENT.value,
                              f"{name}: {layout.department} に配布したブックですが、識別情報は "
                              f"{identity.get('department') or '（空）'} になっています。取り込みません。")
    if identity.get("fiscal_year") != str(layout.fiscal_year):
        raise WorkbookRefused(Outcome.WRONG_YEAR.value, f"{name}: 配布した年度と一致しません。")
    if identity.get("snapshot") != layout.snapshot or identity.get("checksum") != layout.checksum:
        raise WorkbookRefused(Outcome.TAMPERED.value,
                              f"{name}: 破損: ブックの識別情報が配布したときと違います。担当課に新しいブックを配布してください。")
    missing = [s for s in layout.sheets if s not in sheets]
    if missing:
        raise WorkbookRefused(Outcome.SHEETS_CHANGED.value,
                              f"{name}: シート「{'」「'.join(missing)}」がありません（名前を変えたか削除したようです）。"
                              "シートの名前を元に戻して送ってもらってください。")
    return layout


class _CellError(Exception):
    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def fields_of(trees: Mapping[str, PlanTree], name: str, layout: Layout, cells: Mapping[tuple[str, str], RawCell],
              base: Mapping[str, FieldValue]) -> tuple[dict[str, FieldValue], str]:
    """The department's fields: `base` with every cell of the layout read over it. Raises
    FileRefused naming the cells that cannot be read (nothing of the file is applied then)."""
    moved = [(f"{c.sheet}!{c.coord}", c.text, _as_text(cells.get((c.sheet, c.coord), RawCell(None, "General"))))
             for c in layout.cells if c.anchor]
    moved = [m for m in moved if m[1] != m[2]]
    if moved:
        where, was, now = moved[0]
        raise FileRefused(Outcome.SHEETS_CHANGED.value,
                          f"{name}: 行や列が追加・削除・並べ替えされたようです（{where} が「{was[:30]}」ではなく"
                          f"「{now[:30]}」になっています）。値がどの項目のものか確かめられないため取り込みません。"
                          "配布したブックに入力し直して送ってもらってください。")
    fields = dict(base)
    problems: list[str] = []
    ignored: list[str] = []
    rounded: list[str] = []
    locked_now: list[tuple[str, str, str]] = []
    for spec in layout.cells:
        raw = cells.get((spec.sheet, spec.coord), RawCell(None, "General"))
        where = f"{spec.sheet}!{spec.coord}"
        if spec.locked:
            shown = _as_text(raw)
            locked_now.append((spec.sheet, spec.coord, shown))
            if shown == spec.text:
                continue
            if not spec.key:
                ignored.append(where)
                continue
            try:  # a changed locked field: read it when it reads, keep what was typed when not
                value = _field_value(trees, spec, raw)
            except _CellError:
                value = shown[:MAX_VALUE_CHARS * 10] or None
            fields[spec.key] = value  # the merge holds it (another year's, or not the department's)
            continue
        try:
            fields[spec.key] = _field_value(trees, spec, raw)
        except _CellError as exc:
            problems.append(f"{where}（{exc.why}）")
            continue
        display = _rounded(spec, raw)
        if display is not None:
            rounded.append(f"{where} は {display} と表示されますが、入力された {fields[spec.key]}")
    if problems:
        raise FileRefused(Outcome.INVALID_VALUES.value,
                          f"{name}: 読み取れないセルがあるため取り込みません: {_listed(problems)}。"
                          "セルを直して保存し、もう一度送ってもらってください。")
    notes = ""
    if locked_checksum(locked_now) != layout.checksum and ignored:
        notes = f" 保護されたセル（{_listed(ignored)}）の変更は取り込んでいません。"
    if rounded:
        notes += f" {_listed(rounded)}を取り込みました（セルの書式で小数が丸めて表示されています）。"
    return fields, notes


def _listed(items: Sequence[str]) -> str:
    more = f" ほか{len(items) - MAX_LISTED}件" if len(items) > MAX_LISTED else ""
    return "、".join(items[:MAX_LISTED]) + more


def _as_text(raw: RawCell) -> str:
    """A cell as text, for comparing with what was written into it."""
    return shown_text(raw.value)


def _rounded(spec: CellSpec, raw: RawCell) -> str | None:
    """What Excel shows for a number its format rounds (365.5 in a `0` cell shows 366)."""
    if not spec.key.startswith("value:") or not isinstance(raw.value, (int, float)):
        return None
    return shown_rounded(raw.value, raw.number_format)


def _field_value(trees: Mapping[str, PlanTree], spec: CellSpec, raw: RawCell) -> FieldValue:
    if raw.problem is not None:
        raise _CellError(raw.problem)
    v = raw.value
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    fk = None if is_annotation_key(spec.key) else FieldKey.parse(spec.key)
    try:
        text = cell_text(v, raw.number_format if fk is not None and fk.kind == "value" else "General")
    except UnreadableCell as exc:
        if exc.kind == "date":
            raise _CellError("日付として保存されています（Excel が自動で日付に変えたようです）。"
                             "セルの書式を「文字列」にしてから入力し直してください") from exc
        raise _CellError(exc.why) from exc
    try:
        if fk is None:  # a note in the column beside its value (issue 25)
            return check_text(spec.key, text.strip(), max_chars=MAX_NOTE_CHARS) or None
        if fk.kind == "value":
            check_value_text(spec.key, text)
            tree = trees[fk.plan_id]
            typed = read_entry(tree.indicator(fk.item), text)
            return format_value(typed.value, typed.marks)
        if fk.kind == "progress" and fk.part in ("settled", "settled_note"):  # a program year's 決算額
            return settled_cell(spec.key, fk.part, text)
        if fk.kind == "progress" and fk.part == "status":
            return check_text(spec.key, text.strip(), max_chars=MAX_VALUE_CHARS) or None
        return str(RichText.parse(check_text(spec.key, text))) or None
    except LimitError as exc:
        raise _CellError(exc.message.removeprefix(f"{spec.key}: ")) from exc
    except DomainError as exc:
        raise _CellError(exc.message) from exc


def settled_cell(key: str, part: str, text: str) -> FieldValue:
    """A 決算額 cell (a number of 千円, or —) or its reason, as a field value. Raises LimitError or
    DomainError."""
    if part == "settled_note":
        return check_text(key, text.strip(), max_chars=MAX_NOTE_CHARS) or None
    return str(settled_content(check_value_text(key, text.strip())))


def with_notes(outcome: Any, notes: str) -> Any:
    return replace(outcome, message=outcome.message + notes) if notes else outcome


__all__ = ["FORMATS", "ReturnedWorkbook", "claims", "formats_of", "placed", "read_returned_workbook",
           "with_notes", "workbook_file_name", "write_handout_workbook"]
