"""The KPI grid: a row per indicator, columns per fiscal year for target, actual and forecast.

The indicator's name (with its unit) is the row header, so it stays in view while the years
scroll; its notes are in the form's details line for the current row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from kodaira_desk.domain.annotations import underlying
from kodaira_desk.domain.entry import TypedValue, read_entry, warnings_for
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.indicator_name import shown_name
from kodaira_desk.domain.model import Indicator, IndicatorValue, PlanTree, ValueKind
from kodaira_desk.domain.plausibility import out_of_scale
from kodaira_desk.domain.values import format_value
from kodaira_desk.services.editing import Content, Target, ValueCell, key_of, target_of
from kodaira_desk.ui import theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms import grid_model
from kodaira_desk.ui.forms.grid_model import (
    ALIGNMENT,
    BACKGROUND,
    CELL_STATE_ROLE,
    FONT,
    FOREGROUND,
    INVALID,
    KEPT,
    TOOLTIP,
    EntryGridModel,
    Index,
)
from kodaira_desk.ui.i18n import full_stops

__all__ = ["INVALID", "Column", "KpiTableModel"]

WARNING = QColor("#fbe8b0")
EDITED = QColor("#1a5fb4")

KIND_ORDER = (ValueKind.TARGET, ValueKind.ACTUAL, ValueKind.FORECAST)
_ENTERED = (ValueKind.ACTUAL, ValueKind.FORECAST)  # the entry year's columns, light blue
_WARNINGS = -2  # the answers' key of a cell's yellow checks (not a Qt role)
_VERTICAL = Qt.Orientation.Vertical
_UNKNOWN = object()  # a header's answer not asked yet
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # (made once: Python enum work)


@dataclass(frozen=True)
class Column:
    kind: ValueKind | None
    year: FiscalYear | None
    fixed: str = ""  # kept for callers that look for fixed columns; the grid has none now


class KpiTableModel(EntryGridModel):
    flagged_entry = Signal(str)  # a figure typed that is yellow: why (a Japanese message)

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(editor, parent)
        self.tree: PlanTree | None = None
        self.indicators: list[Indicator] = []
        self.columns: list[Column] = []
        self.year = FiscalYear(2020)
        self.node_key: str | None = None
        self._scope: tuple[object, ...] = ()
        self._keys: set[str] = set()
        self._targets: list[list[ValueCell | None]] = []
        self._cells: dict[ValueCell, tuple[int, int]] = {}  # a field → its (row, column)
        self._headers: dict[tuple[int, bool, int], object] = {}  # (section, vertical, role) → answer
        self.modelAboutToBeReset.connect(self._headers.clear)
        editor.cells_changed.connect(self._on_cells_changed)

    # ------------------------------------------------------------------ loading
    def load(self, tree: PlanTree | None, node_key: str | None, year: FiscalYear) -> None:
        self.beginResetModel()
        self.tree = tree
        self.year = year
        self.node_key = node_key
        self._scope = self._scope_now()
        self.indicators = tree.indicators_of(node_key) if tree and node_key else []
        self._keys = {i.key for i in self.indicators}
        self.columns = self._columns(self.indicators)
        self._targets = self._targets_of(self.indicators, self.columns)
        self._cells = {t: (r, c) for r, row in enumerate(self._targets) for c, t in enumerate(row) if t is not None}
        self.endResetModel()

    def take_in(self, tree: PlanTree, node_key: str, year: FiscalYear) -> bool:
        """The grid brought up to date in place with the plan as it now is (a collection took it in,
        issue 27), without a reset: only the rows whose indicator changed (or whose 内数 check reads
        one that did) are asked again and repainted. False, and nothing done, when the grid shows
        another item, year or scope, or the plan changed more than its figures (a column, a name,
        a note, a lock): then it must be loaded again."""
        old = self.tree
        if old is None or tree.plan.id != old.plan.id or node_key != self.node_key or year != self.year \
                or self._scope != self._scope_now() or old.footnotes != tree.footnotes:
            return False
        indicators = tree.indicators_of(node_key)
        if len(indicators) != len(self.indicators) or not indicators or any(
                a is not b and _shape(a) != _shape(b) for a, b in zip(self.indicators, indicators, strict=True)):
            return False
        kept = [a is b for a, b in zip(self.indicators, indicators, strict=True)]  # (a plan's unchanged ones)
        columns = self.columns if all(kept) else self._columns(indicators)
        if columns != self.columns:
            return False
        new = [i for i, same in zip(indicators, kept, strict=True) if not same]
        made = iter(self._targets_of(new, columns))
        targets = [row if same else next(made) for row, same in zip(self._targets, kept, strict=True)]
        if targets != self._targets:  # (a target revised: another revision shown)
            return False
        changed = {b.key for a, b in zip(self.indicators, indicators, strict=True) if a is not b and a != b}
        for ind in indicators:  # a 内数's check reads its total, perhaps an indicator of another item
            if ind.part_of and ind.part_of not in changed and _value_of(old, ind.part_of) != _value_of(tree, ind.part_of):
                changed.add(ind.part_of)
        self.tree, self.indicators = tree, indicators
        if old.annotations is not tree.annotations and old.annotations != tree.annotations:
            self.forget_rows(set(range(len(indicators))))  # a note, a question: every row's marks asked again
            return True
        # rows with nothing kept but what a changed value leaves (their notes' marks, their lock:
        # the window's refresh_forms forgot them already, and announced them) are not announced again
        rows = {r for r, ind in enumerate(indicators) if (ind.key in changed or ind.part_of in changed)
                and any(key[1] not in KEPT for key in self._answers.get(r, ()))}
        if rows:  # their figures changed, not their marks: announced as a value typed is (no notes asked again)
            self.forget_rows(rows, [(r, c) for r in rows for c in range(len(columns))])
        return True

    def forget_fields(self, keys: Iterable[str]) -> None:
        """These fields changed in the database (a save, a collection, another person's save: their
        keys, a note's or a question's its own): the rows showing them asked again and repainted —
        a changed value's cell announced as a typed value is (its row's looks with it, the notes'
        marks kept, the columns widened for its text only), a 内数 row whose total changed for its
        checks, a row whose note or question changed whole (issue 27: every changed row was
        announced whole, its notes' marks and the grid's badges asked again)."""
        if self.tree is None or not self.indicators:
            return
        prefix = f"value:{self.tree.plan.id}:"
        rows_of = {ind.key: r for r, ind in enumerate(self.indicators)}
        whole: set[int] = set()
        rows: set[int] = set()
        cells: list[tuple[int, int]] = []
        changed: set[str] = set()
        for key in keys:
            field = underlying(key)
            if not field.startswith(prefix):
                continue
            indicator = field[len(prefix):].split(":", 1)[0]
            changed.add(indicator)
            row = rows_of.get(indicator)
            if row is None:
                continue
            target = target_of(field)
            cell = self._cells.get(target) if field == key and isinstance(target, ValueCell) else None
            if cell is None:  # a note, a question, another revision than the one shown: the row whole
                whole.add(row)
            else:
                rows.add(row)
                cells.append(cell)
        rows |= {r for r, ind in enumerate(self.indicators) if ind.part_of in changed}
        rows -= whole
        if whole:
            self.forget_rows(whole)
        if rows:
            self.forget_rows(rows, [c for c in cells if c[0] in rows])

    def _scope_now(self) -> tuple[object, ...]:
        """What the cells' locks depend on beside the plan: the years fixed, a department file's scope."""
        session = self.editor.session
        return session.locked_years, session.department_only, session.year_only

    def _targets_of(self, indicators: list[Indicator], columns: list[Column]) -> list[list[ValueCell | None]]:
        return [[self.editor.shown_target(i, c.kind, c.year) if c.kind and c.year else None
                 for c in columns] for i in indicators]

    def _columns(self, indicators: list[Indicator]) -> list[Column]:
        if not indicators:
            return []
        cols = []
        baseline_years = sorted({v.year for i in indicators for v in i.values
                                 if v.kind is ValueKind.BASELINE})
        for y in baseline_years:
            cols.append(Column(ValueKind.BASELINE, y))
        present = {(v.kind, v.year) for i in indicators for v in i.values
                   if v.kind is not ValueKind.BASELINE}
        years = sorted({y for _, y in present} | {self.year})
        for y in years:
            for kind in KIND_ORDER:
                if (kind, y) in present or (y == self.year and kind is not ValueKind.TARGET):
                    cols.append(Column(kind, y))
        return cols

    # ------------------------------------------------------------------ the grid's fields
    def field_at(self, index: Index) -> ValueCell | None:
        return self._targets[index.row()][index.column()]

    def target(self, index: Index) -> ValueCell | None:
        return self.field_at(index)

    def field_at_cell(self, row: int, column: int) -> ValueCell | None:
        return self._targets[row][column]

    def read(self, index: Index, text: str) -> Content:
        return read_entry(self.indicators[index.row()], text)

    def read_at(self, row: int, column: int, text: str) -> Content:
        return read_entry(self.indicators[row], text)

    def what(self, index: Index) -> str:
        col = self.columns[index.column()]
        assert col.kind is not None and col.year is not None
        return self.tr("{name} {year}{kind}").format(
            name=self.indicators[index.row()].name, year=col.year.era_label(), kind=self.kind_label(col.kind))

    def label(self, index: Index) -> str:
        ind = self.indicators[index.row()]
        col = self.columns[index.column()]
        assert col.year is not None and col.kind is not None
        return self.tr("{name} {year}{kind}の入力").format(
            name=ind.name, year=col.year.era_label(), kind=self.kind_label(col.kind))

    def printed(self, content: Content) -> str:
        if isinstance(content, TypedValue):
            return format_value(content.value, content.marks)
        return ""

    def cell_text(self, index: Index) -> str:
        return self.shown_text(index)

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # kept until the grid loads or refreshes: a header's repaint asks each section some eight
        # roles through Python (a paste's selection repaints the column headers: 9 ms, issue 27)
        key = (section, orientation is _VERTICAL, int(role))
        found = self._headers.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._headers[key] = self._header_data(section, orientation, role)
        return found

    def _header_data(self, section: int, orientation: Qt.Orientation, role: int) -> object:
        if not 0 <= section < (len(self.indicators) if orientation == Qt.Orientation.Vertical else len(self.columns)):
            return None  # a header asking during a reset of a grid shown (a section of the last item's)
        if orientation == Qt.Orientation.Vertical:
            ind = self.indicators[section]
            if role == Qt.ItemDataRole.DisplayRole:
                unit = f"［{ind.unit}］" if ind.unit else ""
                return f"{ind.number or section + 1}  {self.indicator_name(ind)}{unit}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.details(section)
            if role == Qt.ItemDataRole.AccessibleTextRole:  # the row header a screen reader says
                unit = self.tr("（単位: {u}）").format(u=ind.unit) if ind.unit else ""
                return f"{ind.number or section + 1} {self.indicator_name(ind)}{unit}"
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return full_stops(self.details(section).split("\n"))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        col = self.columns[section]
        assert col.kind is not None and col.year is not None
        separator = "\n" if role == Qt.ItemDataRole.DisplayRole else " "  # read aloud on one line
        return f"{col.year.era_label()}{separator}{self.kind_label(col.kind)}"

    def kind_label(self, kind: ValueKind) -> str:
        """基準値, 目標, 実績, 実績（見込） in the language shown (the column heads, a cell's name)."""
        labels = {ValueKind.BASELINE: self.tr("基準値"), ValueKind.TARGET: self.tr("目標"),
                  ValueKind.ACTUAL: self.tr("実績"), ValueKind.FORECAST: self.tr("実績（見込）")}
        return labels[kind]

    def indicator_name(self, ind: Indicator) -> str:
        return shown_name(ind, marks=ind.marks, cumulative=self.tr("（累計）"), breakdown=self.tr("（内数）"))

    def notes(self, ind: Indicator) -> list[str]:
        parts = []
        if ind.source:
            parts.append(ind.source)
        if self.tree:
            for mark in ind.marks:
                for f in self.tree.footnotes:
                    if f.mark == mark and f.scope_key in (ind.node_key, ind.key):
                        parts.append(f"{mark} {f.text}")
        return parts

    def details(self, row: int) -> str:
        """The full name, unit, departments and notes of a row: its tooltip and details line."""
        ind = self.indicators[row]
        lines = [self.indicator_name(ind)]
        if ind.unit:
            lines.append(self.tr("単位: {u}").format(u=ind.unit))
        if ind.departments:
            lines.append(self.tr("担当: {d}").format(d="・".join(d.department for d in ind.departments)))
        lines.extend(self.tr("注記: {n}").format(n=n) for n in self.notes(ind))
        return "\n".join(lines)

    def compute(self, index: Index, role: int) -> object:
        if not index.isValid():
            return None
        shared = self.entry_data(index, role)
        if shared is not NotImplemented:
            return shared
        if role == ALIGNMENT:
            return _RIGHT
        target = self.field_at(index)
        assert target is not None
        if role == CELL_STATE_ROLE:
            return "warning" if self._cached_warnings(index) else ""
        if role == BACKGROUND:
            if self._cached_warnings(index):
                return QBrush(theme.colours().warning)
            col = self.columns[index.column()]
            if col.year == self.year and col.kind in _ENTERED:
                return QBrush(theme.colours().entry_year)
            return None
        if role == FOREGROUND:
            if self.editor.is_edited(target):
                return QBrush(theme.colours().edited)
            if self._cached_warnings(index):
                return QBrush(theme.colours().warning_text)
            return None
        if role == FONT:
            return _bold() if self.editor.is_edited(target) else None
        if role == TOOLTIP:
            col = self.columns[index.column()]
            assert col.year is not None and col.kind is not None
            return self._tooltip(self.indicators[index.row()], col, target)
        return None

    def look(self, index: Index) -> dict[int, object] | None:
        """What `compute` answers for the roles painting asks, worked out together: the cell's
        draft, lock, edit and checks looked up once, not once per role (issue 27)."""
        target = self._targets[index.row()][index.column()]
        if target is None:
            return None
        col = self.columns[index.column()]
        colours = theme.colours()
        draft = self.editor.drafts.get(target)
        edited = self.editor.is_edited(target)
        background: QBrush | None = None
        foreground: QBrush | None = None
        if draft is not None:
            text, state = draft.text, "invalid"
            background, foreground = QBrush(colours.invalid), QBrush(colours.invalid_text)
        else:
            text = self.printed(self.editor.content(target))
            if self.editor.locked_reason(target) is not None:
                state = "locked"
                background, foreground = QBrush(colours.locked), QBrush(colours.locked_text)
            else:
                warned = bool(self._cached_warnings(index))
                state = "warning" if warned else ""
                if warned:
                    background = QBrush(colours.warning)
                elif col.year == self.year and col.kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
                    background = QBrush(colours.entry_year)
                if edited:
                    foreground = QBrush(colours.edited)
                elif warned:
                    foreground = QBrush(colours.warning_text)
        return {grid_model.DISPLAY: text, grid_model.FONT: _bold() if edited else None, grid_model.ALIGNMENT: _RIGHT,
                grid_model.FOREGROUND: foreground, grid_model.BACKGROUND: background, CELL_STATE_ROLE: state}

    def text_and_font(self, row: int, column: int) -> tuple[str, QFont | None]:
        # what `data` answers for the text and the font, without the colours and checks it computes
        # for the other roles, nor a model index (the widths of a 1,000-cell paste measure 1,000 cells)
        target = self._targets[row][column]
        if target is None:
            return super().text_and_font(row, column)
        editor = self.editor
        draft = editor.drafts.get(target)
        if draft is not None:
            return draft.text, (_bold() if editor.is_edited(target) else None)
        content = editor.session.content(target)
        text = format_value(content.value, content.marks) if isinstance(content, TypedValue) else ""
        return text, (_bold() if editor.session.has(target) else None)

    def texts_and_fonts(self, rows: Iterable[int], column: int) -> list[tuple[str, QFont | None]]:
        # `text_and_font` for a column's changed cells in one pass (a pasted block: 1,000 cells)
        targets, drafts, session = self._targets, self.editor.drafts, self.editor.session
        red = bool(drafts)
        out: list[tuple[str, QFont | None]] = []
        for row in rows:
            target = targets[row][column]
            draft = drafts.get(target) if red and target is not None else None
            if target is None or draft is not None:
                out.append(self.text_and_font(row, column))
                continue
            content = session.content(target)
            out.append((format_value(content.value, content.marks) if isinstance(content, TypedValue) else "",
                        _bold() if session.has(target) else None))
        return out

    def _cached_warnings(self, index: Index) -> list[str]:
        """`cell_warnings`, asked once per cell for its state mark, background and text colour:
        kept with the cell's other answers, forgotten with them."""
        answers = self._answers.setdefault(index.row(), {})
        key = (index.column(), _WARNINGS)
        if key not in answers:
            answers[key] = self.cell_warnings(index)
        found = answers[key]
        assert isinstance(found, list)
        return found

    def cell_warnings(self, index: Index) -> list[str]:
        col = self.columns[index.column()]
        target = self.field_at(index)
        assert col.kind is not None and col.year is not None and target is not None
        return self._warnings(self.indicators[index.row()], col.kind, col.year, target)

    def _tooltip(self, ind: Indicator, col: Column, target: ValueCell) -> str:
        lines = []
        assert col.kind is not None and col.year is not None
        stored = ind.value(col.kind, col.year, target.revision)
        if stored is not None:
            if stored.as_of:
                lines.append(self.tr("対象時点: ") + stored.as_of)
            if stored.note:
                lines.append(stored.note)
            if stored.revision.value:
                lines.append(self.tr("目標の版: ") + {"original": self.tr("当初"),
                                                   "revised": self.tr("改訂"),
                                                   "reset": self.tr("再設定")}[stored.revision.value])
        checks = self._checks(ind, col.kind, col.year, target)
        if checks and self.confirmed(target):
            lines.append(self.tr("確認済みの値です: ") + " ".join(checks))
        else:
            lines.extend(checks)
        return "\n".join(lines)

    def _checks(self, ind: Indicator, kind: ValueKind, year: FiscalYear, target: ValueCell) -> list[str]:
        """Every yellow check the figure fails (累計, 内数, out of scale), confirmed or not."""
        if self.tree is None:
            return []
        content = self.editor.content(target)
        if not isinstance(content, TypedValue):
            return []
        lookup: dict[tuple[str, ValueKind, int], IndicatorValue | None] | None = None
        if ind.cumulative or ind.part_of:  # the checks that read other cells: with their unsaved edits
            related = [ind] + ([self.tree.indicator(ind.part_of)] if ind.part_of else [])
            lookup = _WithEdits(self.editor, {other.key: other for other in related}, (year.year, year.year - 1))
        return warnings_for(self.tree, ind, kind, year, content.value, lookup)

    def confirmed(self, target: ValueCell) -> bool:
        """Whether a person confirmed the figure the cell holds (its yellow is off)."""
        return figure_confirmed(self.editor, target)

    def _warnings(self, ind: Indicator, kind: ValueKind, year: FiscalYear, target: ValueCell) -> list[str]:
        """The checks that keep the cell yellow: those failed, until someone confirms the figure."""
        found = self._checks(ind, kind, year, target)
        return [] if found and self.confirmed(target) else found

    def warnings_at(self, index: Index) -> list[str]:
        """Why the cell is yellow ([] when it is not)."""
        target = self.field_at(index)
        col = self.columns[index.column()] if index.isValid() else None
        if target is None or col is None or col.kind is None or col.year is None:
            return []
        return self._warnings(self.indicators[index.row()], col.kind, col.year, target)

    def to_confirm(self, index: Index) -> tuple[ValueCell, str] | None:
        """「確認済みにする」 on a yellow cell: its field and its figure as printed (None: not yellow).
        The form writes it on the window's runner, then `confirmed_now`."""
        target = self.field_at(index)
        content = self.editor.content(target) if target is not None else None
        if not isinstance(target, ValueCell) or not isinstance(content, TypedValue) or not self.warnings_at(index):
            return None
        return target, self.printed(content)

    def confirmed_now(self, target: ValueCell, confirmed: Mapping[str, str]) -> None:
        """The figure was confirmed (written): its yellow goes (`confirmed`: the plan's, as written)."""
        self.editor.workspace.take_confirmed({target.plan_id: confirmed})
        self.editor.cells_changed.emit((target,))  # the row and the grade follow
        self.editor.figure_confirmed.emit(target)  # and the board

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        done = super().setData(index, value, role)
        if done and self.draft(index) is None:
            flags = self.warnings_at(index)
            if flags:
                self.flagged_entry.emit(self.tr("要確認（{what}）: {why}").format(
                    what=self.what(index), why=" ".join(flags)))
        return done

    def shows(self, target: Target) -> bool:
        return isinstance(target, ValueCell) and target.indicator_key in self._keys

    def _emit_all(self) -> None:
        self._headers.clear()  # (a language change, a reload: the names and notes asked again)
        super()._emit_all()

    def _on_cells_changed(self, targets: tuple[object, ...]) -> None:
        """Repaint the rows of the indicators changed, and of those whose checks read them (内数)."""
        changed = [t for t in targets if isinstance(t, ValueCell)]
        keys = {t.indicator_key for t in changed}
        if keys:
            cells = [cell for t in changed if (cell := self._cells.get(t)) is not None]
            self.forget_rows({r for r, ind in enumerate(self.indicators) if ind.key in keys or ind.part_of in keys}, cells)


_LOOKED_UP = (ValueKind.ACTUAL, ValueKind.FORECAST, ValueKind.BASELINE, ValueKind.TARGET)
_SHAPE = tuple(f.name for f in fields(Indicator) if f.name != "values")


def _shape(ind: Indicator) -> tuple[object, ...]:
    """What a row shows of an indicator beside its figures (its header, notes, departments)."""
    return tuple(getattr(ind, name) for name in _SHAPE)


def _value_of(tree: PlanTree, key: str) -> object:
    """An indicator's figures, or None when the plan has no such indicator."""
    try:
        return tree.indicator(key).values
    except KeyError:
        return None


class _WithEdits(dict[tuple[str, ValueKind, int], "IndicatorValue | None"]):
    """What `warnings_for` reads of these indicators' values in these years, with the unsaved
    edits: each value worked out when first read (a check reads two or three of the 16 or 32 it
    may, and the first paint after a paste checks every cell shown, issue 27)."""

    def __init__(self, editor: Editor, related: dict[str, Indicator], years: tuple[int, ...]) -> None:
        super().__init__()
        self.editor, self.related, self.years = editor, related, years

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and len(key) == 3 and key[0] in self.related and key[1] in _LOOKED_UP \
            and key[2] in self.years

    def __missing__(self, key: tuple[str, ValueKind, int]) -> IndicatorValue | None:
        if key not in self:
            raise KeyError(key)
        year = FiscalYear(key[2])
        content = self.editor.content(self.editor.shown_target(self.related[key[0]], key[1], year))
        found = self[key] = IndicatorValue(key[1], year, content.value) if isinstance(content, TypedValue) else None
        return found


_BOLD: list[QFont] = []


def _bold() -> QFont:
    """An edited figure's font: bold, the rest the view's (the delegate resolves it over the
    view's font). One object: the widths resolve and measure it once, not once a cell."""
    if not _BOLD:
        font = QFont()
        font.setBold(True)
        _BOLD.append(font)
    return _BOLD[0]


def figure_confirmed(editor: Editor, target: ValueCell) -> bool:
    """Whether a person confirmed the figure the cell holds (its yellow is off)."""
    content = editor.content(target)
    return isinstance(content, TypedValue) and editor.workspace.confirmed(target.plan_id).get(
        key_of(target)) == format_value(content.value, content.marks)


def year_unconfirmed(editor: Editor, ind: Indicator, year: FiscalYear) -> str | None:
    """Why the year's 実績 or 見込 of `ind` (with the unsaved edits) is out of scale and not yet
    confirmed, or None. Its rate (12553380.0 %) means nothing until a person has looked at it:
    the grid's badge, the status list and the status line say 要確認 instead."""
    for kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
        target = editor.shown_target(ind, kind, year)
        content = editor.content(target)
        if isinstance(content, TypedValue) and (why := out_of_scale(ind, kind, year, content.value)) \
                and not figure_confirmed(editor, target):
            return why
    return None
