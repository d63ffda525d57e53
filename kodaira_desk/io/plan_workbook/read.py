"""Reading a plan workbook: every file is untrusted.

openpyxl in read-only mode (cells streamed, never the whole sheet in memory), formulas refused
(their cached results are whatever the last program to save the file wrote), every text checked
against the limits of domain/limits.py. Each problem names its sheet, row and column in Japanese;
a workbook with any problem gives no outline at all.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kodaira_desk.domain.departments import Department
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.limits import MAX_VALUE_CHARS, check_text, check_value_text
from kodaira_desk.domain.model import (
    ALL_DEPARTMENTS,
    DepartmentLink,
    DocumentKind,
    IndicatorKind,
    IndicatorValue,
    Revision,
    Role,
    ValueKind,
)
from kodaira_desk.domain.plan_outline import (
    OutlineIndicator,
    OutlineNode,
    OutlinePlan,
    PlanOutline,
)
from kodaira_desk.domain.plan_structure import split_list
from kodaira_desk.domain.round_setting import RoundSetting, RoundSettingError, level_of
from kodaira_desk.domain.round_year import AddressError, addresses_text, parse_addresses
from kodaira_desk.domain.values import Measured, Value, parse_value
from kodaira_desk.io.excel_cell import UnreadableCell, cell_text
from kodaira_desk.io.plan_workbook import template as t

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # a zip bomb stops here, before openpyxl unpacks it
MAX_ROWS = 100_000  # per sheet; the city's largest plan has 56 items
MAX_COLUMNS = 64
MAX_SHOWN = 30  # problems listed in the message (all are in PlanWorkbookError.problems)

_KIND_BY_WORD = {w: k for k, w in t.KIND_WORDS.items()}
_VALUE_KIND_BY_WORD = {w: k for k, w in t.VALUE_KIND_WORDS.items()}
_REVISION_BY_WORD = {w: r for r, w in t.REVISION_WORDS.items()}
_INDICATOR_KINDS = {k.value: k for k in IndicatorKind}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the workbook, where it is."""

    sheet: str | None
    row: int | None
    column: int | None  # 1-based
    header: str | None
    message: str

    def describe(self) -> str:
        where = []
        if self.sheet:
            where.append(f"シート「{self.sheet}」")
        if self.row:
            where.append(f"{self.row}行目")
        if self.column:
            head = f"（{self.header}）" if self.header else ""
            where.append(f"{get_column_letter(self.column)}列{head}")
        return (" ".join(where) + ": " if where else "") + self.message


class PlanWorkbookError(DomainError):
    """A workbook that cannot be imported; `problems` lists every problem found."""

    def __init__(self, file: Path, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        lines = [p.describe() for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            lines.append(f"ほか {len(problems) - MAX_SHOWN} 件")
        super().__init__(f"{file.name} は取り込めません（問題 {len(problems)} 件。何も変更していません）:\n"
                         + "\n".join(lines))


class _Bad(Exception):
    """A cell that cannot be read; the reader records it and goes on."""


@dataclass
class _Row:
    sheet: str
    number: int
    cells: tuple[Any, ...]  # openpyxl read-only cells


@dataclass
class _Reader:
    file: Path
    problems: list[Problem] = field(default_factory=list)
    missing_columns: dict[str, int] = field(default_factory=dict)  # sheet → first optional column absent

    def problem(self, sheet: str | None, row: int | None, col: int | None, message: str) -> None:
        header = t.HEADERS[sheet][col - 1] if sheet in t.HEADERS and col and col <= len(t.HEADERS[sheet]) else None
        self.problems.append(Problem(sheet, row, col, header, message))

    def new_key(self, row: _Row, key: str, found: Mapping[str, tuple[_Row, object]]) -> bool:
        """Whether a row's キー is one to read: not empty, and not a second row of a key (a problem
        naming the row of the first)."""
        if key and key in found:
            self.problem(row.sheet, row.number, 1, f"キー「{key}」が二度あります（{found[key][0].number}行目）。")
            return False
        return bool(key)

    # ------------------------------------------------------------------------------ cells
    def text(self, row: _Row, col: int, *, required: str | None = None, max_chars: int = 2_000) -> str:
        """The cell as text ("" when empty); a problem (and "") when it is not plain text."""
        cell = row.cells[col - 1] if col <= len(row.cells) else None
        value = getattr(cell, "value", None)
        try:
            out = _cell_text(value, getattr(cell, "data_type", None), max_chars, getattr(cell, "number_format", None))
        except _Bad as exc:
            self.problem(row.sheet, row.number, col, str(exc))
            return ""
        if required and not out:
            self.problem(row.sheet, row.number, col, f"{required}が空です。")
        return out

    def rows(self, ws: Any, sheet: str) -> Iterator[_Row]:
        header = t.HEADERS[sheet]
        for i, cells in enumerate(ws.iter_rows(), start=1):
            if i > MAX_ROWS:
                self.problem(sheet, i, None, f"行が多すぎます（上限 {MAX_ROWS:,} 行）。")
                return
            cells = tuple(cells)
            if i == 1:
                self._header(sheet, cells, header)
                continue
            if len(cells) > MAX_COLUMNS:
                cells = cells[:MAX_COLUMNS + 1]
            if all(_blank(c) for c in cells):
                continue
            for col in range(len(header) + 1, len(cells) + 1):
                if not _blank(cells[col - 1]):
                    self.problem(sheet, i, col, "様式にない列に値があります（docs/plan-workbook.md の列だけが使えます）。")
                    break
            yield _Row(sheet, i, cells)

    def _header(self, sheet: str, cells: tuple[Any, ...], header: tuple[str, ...]) -> None:
        optional = len(header) - t.OPTIONAL_TAIL.get(sheet, 0)
        for col, want in enumerate(header, start=1):
            got = getattr(cells[col - 1], "value", None) if col <= len(cells) else None
            if col > optional and _blank_header(got):
                self.missing_columns.setdefault(sheet, col)
                break
            if not isinstance(got, str) or got.strip() != want:
                self.problem(sheet, 1, col, f"見出しが「{want}」ではありません（{_shown(got)}）。")

    # ------------------------------------------------------------------------------ parts
    def departments_in(self, row: _Row, col: int, role: Role, known: set[str]) -> list[DepartmentLink]:
        out = []
        for name in split_list(self.text(row, col)):
            if name != ALL_DEPARTMENTS and name not in known:
                self.problem(row.sheet, row.number, col, f"課「{name}」が「{t.DEPARTMENTS}」シートにありません。")
            out.append(DepartmentLink(name, role))
        return out

    def year(self, row: _Row, col: int, what: str) -> FiscalYear | None:
        text = self.text(row, col, required=what)
        if not text:
            return None
        try:
            return FiscalYear.parse(text)
        except DomainError as exc:
            self.problem(row.sheet, row.number, col, exc.message)
            return None


def _shown(value: object) -> str:
    return "空" if value is None or value == "" else f"「{str(value)[:40]}」"


def _blank_header(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _blank(cell: Any) -> bool:
    v = getattr(cell, "value", None)
    return v is None or (isinstance(v, str) and not v.strip())


_UNREADABLE = {"bool": "TRUE/FALSE ではなく、文字で入力してください。",
               "date": "日付・時刻として入っています。文字で入力してください（例: 令和7年度、R7）。",
               "number": "数として読めません。"}


def _cell_text(value: object, data_type: str | None, max_chars: int, number_format: str | None = "General") -> str:
    """The cell as text, read by the one Excel cell reader (io/excel_cell.py): a number as its
    format shows it (a percentage with its %, no float noise), never a formula, a date or TRUE."""
    if data_type == "f" or (isinstance(value, str) and value.startswith("=") and data_type != "s"):
        raise _Bad("数式が入っています。値を文字か数で入力してください（数式は取り込みません）。")
    try:
        text = cell_text(value, number_format)
    except UnreadableCell as exc:
        raise _Bad(_UNREADABLE.get(exc.kind, "文字でも数でもない値が入っています。")) from exc
    try:
        return check_text("セル", text, max_chars=max_chars).strip()
    except DomainError as exc:
        raise _Bad(exc.message) from exc


# ---------------------------------------------------------------------------------- the file
def _open(reader: _Reader) -> Any:
    path = reader.file
    try:
        size = path.stat().st_size
    except OSError:
        reader.problem(None, None, None, "ファイルがありません、または開けません。")
        return None
    if size > MAX_FILE_BYTES:
        reader.problem(None, None, None, f"ファイルが大きすぎます（{size:,} バイト。上限 {MAX_FILE_BYTES:,} バイト）。")
        return None
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        reader.problem(None, None, None, "Excel ブック（.xlsx）として読めません。")
        return None
    if unpacked > MAX_UNPACKED_BYTES:
        reader.problem(None, None, None, "ファイルの中身が大きすぎます（圧縮を展開すると上限を超えます）。")
        return None
    try:
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        reader.problem(None, None, None, "Excel ブック（.xlsx）として読めません。壊れているか、別の形式のファイルです。")
        return None


def read_plan_workbook(path: Path) -> PlanOutline:
    """The outline a plan workbook holds; PlanWorkbookError lists every problem in it."""
    reader = _Reader(Path(path))
    wb = _open(reader)
    if wb is None:
        raise PlanWorkbookError(reader.file, reader.problems)
    try:
        outline = _read(reader, wb)
    except Exception as exc:  # a file that breaks openpyxl half-way: a message, never a traceback
        if isinstance(exc, PlanWorkbookError):
            raise
        reader.problem(None, None, None, "Excel ブック（.xlsx）として読めません。壊れているか、別の形式のファイルです。")
        outline = None
    finally:
        wb.close()
    if reader.problems or outline is None:
        raise PlanWorkbookError(reader.file, reader.problems)
    return outline


def _read(reader: _Reader, wb: Any) -> PlanOutline | None:
    names = list(wb.sheetnames)
    for extra in names:
        if extra not in t.SHEETS:
            reader.problem(extra, None, None, f"様式にないシートです（使えるシート: {'、'.join(t.SHEETS)}）。")
    missing = [s for s in t.SHEETS if s not in names]
    for s in missing:
        reader.problem(s, None, None, "シートがありません。")
    if missing:
        return None
    rows = {s: list(reader.rows(wb[s], s)) for s in t.SHEETS}
    departments = _departments(reader, rows[t.DEPARTMENTS])
    known = {d.name for d in departments}
    plan = _plan(reader, rows[t.PLAN])
    nodes = _nodes(reader, rows[t.TREE], known)
    node_keys = {n.key for n in nodes}
    indicators = _indicators(reader, rows[t.INDICATORS], rows[t.VALUES], node_keys, known)
    if plan is None:
        return None
    return PlanOutline(plan, tuple(nodes), tuple(indicators), tuple(departments))


def _departments(reader: _Reader, rows: list[_Row]) -> list[Department]:
    out: dict[str, Department] = {}
    for row in rows:
        name = reader.text(row, 1, required="課名", max_chars=100)
        if not name:
            continue
        if name in out:
            reader.problem(row.sheet, row.number, 1, f"課「{name}」が二度あります。")
        email = None if t.DEPARTMENTS in reader.missing_columns else reader.text(row, 4, max_chars=1000)
        if email:
            try:
                email = addresses_text(parse_addresses(email))
            except AddressError as exc:
                reader.problem(row.sheet, row.number, 4, exc.message)
        out[name] = Department(name, reader.text(row, 2, max_chars=100), reader.text(row, 3, max_chars=100), email)
    return list(out.values())


def _plan(reader: _Reader, rows: list[_Row]) -> OutlinePlan | None:
    found: dict[str, tuple[_Row, str]] = {}
    for row in rows:
        key = reader.text(row, 1, required="項目")
        if not key:
            continue
        if key not in t.PLAN_ROWS and key not in t.ROUND_ROWS:
            reader.problem(row.sheet, row.number, 1,
                           f"「{key}」は様式にない項目です（{'、'.join(t.PLAN_ROWS + t.ROUND_ROWS)}）。")
        elif key in found:
            reader.problem(row.sheet, row.number, 1, f"「{key}」が二度あります。")
        else:
            found[key] = (row, reader.text(row, 2))
    problems = len(reader.problems)
    for key in t.PLAN_ROWS:
        if key not in found:
            reader.problem(t.PLAN, None, 1, f"「{key}」の行がありません。")
        elif not found[key][1]:
            reader.problem(t.PLAN, found[key][0].number, 2, f"{key}が空です。")
    if len(reader.problems) > problems:
        return None
    fmt_row, fmt = found[t.P_FORMAT]
    if fmt != t.FORMAT:
        reader.problem(t.PLAN, fmt_row.number, 2, f"様式「{fmt}」は読めません（この版が読むのは「{t.FORMAT}」）。")
    years = []
    for key in (t.P_FROM, t.P_TO):
        row, _ = found[key]
        years.append(reader.year(row, 2, key))
    kinds: list[DocumentKind] = []
    row, text = found[t.P_KINDS]
    for word in split_list(text):
        if word not in _KIND_BY_WORD:
            reader.problem(t.PLAN, row.number, 2, f"資料の種類「{word}」は使えません（{'、'.join(t.KIND_WORDS.values())}）。")
        else:
            kinds.append(_KIND_BY_WORD[word])
    levels = split_list(found[t.P_LEVELS][1])
    first, last = years
    if first is None or last is None or not kinds or not levels:
        return None
    if last < first:
        reader.problem(t.PLAN, found[t.P_TO][0].number, 2, "計画期間の最終年度が初年度より前です。")
    return OutlinePlan(found[t.P_ID][1], found[t.P_TITLE][1], first, last, levels,
                       tuple(dict.fromkeys(kinds)), _round(reader, found, levels))


def _round(reader: _Reader, found: dict[str, tuple[_Row, str]], levels: tuple[str, ...]) -> RoundSetting | None:
    """年次報告の階層 and 年次報告の内容, or None when the workbook has neither (it was written before)."""
    if t.P_ROUND_LEVEL not in found and t.P_ROUND_ASKS not in found:
        return None
    level_row, level_text = found.get(t.P_ROUND_LEVEL, (None, ""))
    asks_row, asks_text = found.get(t.P_ROUND_ASKS, (None, ""))
    try:
        level = None if level_text in ("", t.NO_LEVEL) else level_of(levels, level_text)
    except RoundSettingError as exc:
        reader.problem(t.PLAN, level_row.number if level_row else None, 2, exc.message)
        return None
    words = [] if asks_text in ("", t.NO_LEVEL) else split_list(asks_text)
    try:
        return RoundSetting.from_words(level, words)
    except RoundSettingError as exc:
        reader.problem(t.PLAN, asks_row.number if asks_row else None, 2, exc.message)
        return None


def _nodes(reader: _Reader, rows: list[_Row], known: set[str]) -> list[OutlineNode]:
    by_key: dict[str, tuple[_Row, OutlineNode]] = {}
    for row in rows:
        key = reader.text(row, 1, required="キー", max_chars=200)
        parent = reader.text(row, 2, max_chars=200) or None
        number = reader.text(row, 3, max_chars=100)
        title = reader.text(row, 4, required="項目名")
        links = (reader.departments_in(row, 5, Role.LEAD, known)
                 + reader.departments_in(row, 6, Role.RELATED, known))
        if not reader.new_key(row, key, by_key):
            continue
        by_key[key] = (row, OutlineNode(key, parent, number, title, tuple(links)))
    children: dict[str | None, list[OutlineNode]] = {}
    numbers: dict[tuple[str | None, str], int] = {}
    for row, node in by_key.values():
        if node.parent_key is not None and node.parent_key not in by_key:
            reader.problem(row.sheet, row.number, 2, f"親キー「{node.parent_key}」の項目がありません。")
            continue
        seen, at = {node.key}, node.parent_key
        while at is not None and at in by_key:
            if at in seen:
                back = f"「{node.key}」自身" if at == node.key else f"「{at}」"
                reader.problem(row.sheet, row.number, 2, f"親キーをたどると{back}に戻ります（循環しています）。")
                break
            seen.add(at)
            at = by_key[at][1].parent_key
        if node.number:
            place = (node.parent_key, node.number)
            if place in numbers:
                reader.problem(row.sheet, row.number, 3, f"同じ親の下に番号「{node.number}」が二つあります"
                                                         f"（{numbers[place]}行目）。")
            numbers.setdefault(place, row.number)
        children.setdefault(node.parent_key, []).append(node)
    out: list[OutlineNode] = []

    def walk(parent: str | None) -> None:
        for n in children.get(parent, []):
            out.append(n)
            walk(n.key)

    walk(None)
    return out


def _indicators(reader: _Reader, rows: list[_Row], value_rows: list[_Row], node_keys: set[str],
                known: set[str]) -> list[OutlineIndicator]:
    found: dict[str, tuple[_Row, OutlineIndicator]] = {}
    for row in rows:
        key = reader.text(row, 1, required="キー", max_chars=200)
        node_key = reader.text(row, 2, required="項目キー", max_chars=200)
        if node_key and node_key not in node_keys:
            reader.problem(row.sheet, row.number, 2, f"項目キー「{node_key}」の項目が「{t.TREE}」シートにありません。")
        name = reader.text(row, 4, required="指標名")
        kind_word = reader.text(row, 5) or IndicatorKind.KPI.value
        kind = _INDICATOR_KINDS.get(kind_word)
        if kind is None:
            reader.problem(row.sheet, row.number, 5, f"種類「{kind_word}」は使えません（{'、'.join(_INDICATOR_KINDS)}）。")
        unit = reader.text(row, 6, max_chars=20)
        cumulative_word = reader.text(row, 7)
        if cumulative_word not in ("", t.YES):
            reader.problem(row.sheet, row.number, 7, f"累計は「{t.YES}」か空欄で入力してください（{_shown(cumulative_word)}）。")
        links = (reader.departments_in(row, 9, Role.LEAD, known)
                 + reader.departments_in(row, 10, Role.RELATED, known))
        if not reader.new_key(row, key, found):
            continue
        found[key] = (row, OutlineIndicator(
            key=key, node_key=node_key, name=name, unit=unit, kind=kind or IndicatorKind.KPI,
            number=reader.text(row, 3, max_chars=100) or None, cumulative=cumulative_word == t.YES,
            part_of=reader.text(row, 8, max_chars=200) or None, source=reader.text(row, 11) or None,
            marks=tuple(reader.text(row, 12, max_chars=200).split()), departments=tuple(links)))
    numbers: dict[tuple[str, str], int] = {}  # (item, number) → the row that has it first
    for row, ind in found.values():
        if ind.number and ind.node_key:  # (the plan editor refuses it too: plan_editing.numbering)
            place = (ind.node_key, ind.number)
            if place in numbers:
                reader.problem(row.sheet, row.number, 3, f"同じ項目「{ind.node_key}」の指標に番号「{ind.number}」が"
                                                         f"二つあります（{numbers[place]}行目）。別の番号にしてください。")
            numbers.setdefault(place, row.number)
    for row, ind in found.values():
        if ind.part_of is None:
            continue
        if ind.part_of not in found:
            reader.problem(row.sheet, row.number, 8, f"内数の親「{ind.part_of}」の指標がありません。")
            continue
        seen: set[str] = {ind.key}
        at: str | None = ind.part_of
        while at is not None and at in found:
            if at in seen:
                reader.problem(row.sheet, row.number, 8, "内数の親をたどると自分に戻ります（循環しています）。")
                break
            seen.add(at)
            at = found[at][1].part_of
    values = _values(reader, value_rows, {k: i for k, (_, i) in found.items()})
    return [_with_values(ind, values.get(key, [])) for key, (_, ind) in found.items()]


def _with_values(ind: OutlineIndicator, values: list[IndicatorValue]) -> OutlineIndicator:
    return replace(ind, values=tuple(values))


def _values(reader: _Reader, rows: list[_Row], indicators: dict[str, OutlineIndicator]
            ) -> dict[str, list[IndicatorValue]]:
    out: dict[str, list[IndicatorValue]] = {}
    seen: dict[tuple[str, ValueKind, int, Revision], int] = {}
    for row in rows:
        key = reader.text(row, 1, required="指標キー", max_chars=200)
        ind = indicators.get(key)
        if key and ind is None:
            reader.problem(row.sheet, row.number, 1, f"指標キー「{key}」の指標が「{t.INDICATORS}」シートにありません。")
        kind_word = reader.text(row, 2, required="種別")
        kind = _VALUE_KIND_BY_WORD.get(kind_word)
        if kind_word and kind is None:
            reader.problem(row.sheet, row.number, 2, f"種別「{kind_word}」は使えません（基準値、目標）。")
        year = reader.year(row, 3, "年度")
        revision_word = reader.text(row, 4)
        revision = _REVISION_BY_WORD.get(revision_word)
        if revision is None:
            reader.problem(row.sheet, row.number, 4, f"区分「{revision_word}」は使えません（空欄、当初、改訂、再設定）。")
        value = _value(reader, row, kind, ind)
        marks = tuple(reader.text(row, 6, max_chars=200).split())
        as_of = reader.text(row, 7, max_chars=200) or None
        note = reader.text(row, 8) or None
        if ind is None or kind is None or year is None or revision is None or value is None:
            continue
        place = (key, kind, year.year, revision)
        if place in seen:
            reader.problem(row.sheet, row.number, 3, f"{kind.label}（{year.era_label()}）が二度あります（{seen[place]}行目）。")
            continue
        seen[place] = row.number
        out.setdefault(key, []).append(IndicatorValue(kind, year, value, revision, marks, as_of, note))
    return out


def _value(reader: _Reader, row: _Row, kind: ValueKind | None, ind: OutlineIndicator | None) -> Value | None:
    text = reader.text(row, 5, required="値", max_chars=MAX_VALUE_CHARS * 2)
    if not text:
        return None
    what = kind.label if kind else "値"
    try:
        value = parse_value(check_value_text(what, text))
    except DomainError as exc:
        reader.problem(row.sheet, row.number, 5, f"{what}: {exc.message}")
        return None
    if ind is not None and isinstance(value, Measured) and value.unit and value.unit != ind.unit:
        reader.problem(row.sheet, row.number, 5, f"{what}「{text}」の単位「{value.unit}」が指標の単位"
                                                 f"「{ind.unit or 'なし'}」と違います。")
        return None
    return value
