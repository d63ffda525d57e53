"""進捗ボード's table model: its rows and cells as the worker made them (`Graded`), answered from
them; heads, the bold font and the brushes made once (issue 27)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from kodaira_desk.domain.achievement import Status
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services import board as board_service
from kodaira_desk.services.achievement import GradingSettings
from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.chart.achievement_list import status_label

Index = QModelIndex | QPersistentModelIndex
_COLUMN = {name: i for i, name in enumerate(board_service.BOARD_COLUMNS)}
_STATUS_COLUMNS = {_COLUMN[s.value]: s for s in Status}
_MISSING_COLUMNS = (_COLUMN["指標未入力"], _COLUMN["取組未入力"])
# narrowed, in turn, when the columns are wider than the screen allows (1366×768): (column, least width)
NARROWED = {_COLUMN["計画"]: 100, _COLUMN["担当課"]: 84}


@dataclass(frozen=True)
class Graded:
    """A board made on the worker: the settings it read, its rows and their cells."""

    settings: dict[str, GradingSettings]
    rows: list[board_service.BoardRow]
    cells: list[tuple[str | int, ...]]
    texts: tuple[frozenset[tuple[str, bool]], ...]  # per column, what its width is measured from
    read: tuple[PlanTree, ...] = ()  # the plans the window had not read, read for it: taken into the session
    widest: Widest | None = None  # per column, the texts that may be its widest in a font (`widest_texts`)


Texts = tuple[frozenset[tuple[str, bool]], ...]  # per column, its distinct texts, each with whether it is bold
Widest = tuple[str, Texts]  # the key of the font they were measured in, and per column the widest texts
SLACK = 8.0  # px: kept within this of a column's widest (fit_texts measures in full those within its 6)


def distinct_texts(rows: list[board_service.BoardRow], cells: list[tuple[str | int, ...]]) -> Texts:
    """Each column's distinct texts, each with whether it is bold (a plan's total row): 1,200 rows
    at ×100 repeat their counts, so the widths need a few hundred measures, not 20,000."""
    return tuple(frozenset((str(c[column]), row.department is None) for row, c in zip(rows, cells, strict=True)
                           if c[column] != "") for column in range(len(board_service.BOARD_COLUMNS)))


def widest_texts(texts: Texts, font: QFont) -> Widest:
    """Of each column's texts, those within SLACK of its widest in `font` (its bold for a plan's total
    row): what fitting the column measures (its exact size), found on the worker (issue 27: at ×100
    the 300 titles' advances were 2–3 ms of the rows' turn). A total row's 計 and 所管課なし are
    kept whatever their width: they are shown translated."""
    bold = QFont(font)
    bold.setBold(True)
    quick = {False: QFontMetricsF(font), True: QFontMetricsF(bold)}
    out = []
    for column, shown in enumerate(texts):
        advances = [(quick[b].horizontalAdvance(text), text, b) for text, b in shown if text]
        most = max((a for a, _text, _b in advances), default=0.0)
        out.append(frozenset((text, b) for a, text, b in advances if a + SLACK >= most or "\n" in text
                             or (column == 1 and (b or text == board_service.NO_DEPARTMENT))))
    return font.key(), tuple(out)


class BoardModel(QAbstractTableModel):
    """One row per plan total and per 課 (board_service.BoardRow), in BOARD_COLUMNS order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[board_service.BoardRow] = []
        self._cells: list[tuple[str | int, ...]] = []
        self._texts: Texts = ()
        self._widest: Widest | None = None
        self._language = ""  # the heads below are in this language (QLocale's name)
        self._heads: list[str] = []

    def set_rows(self, rows: list[board_service.BoardRow], graded: Graded | None = None) -> None:
        """The rows, with their cells and texts when the worker made them already (`Graded`)."""
        self.beginResetModel()
        self.rows = rows
        self._cells = graded.cells if graded is not None else [board_service.board_cells(r) for r in rows]
        self._texts = graded.texts if graded is not None else distinct_texts(rows, self._cells)
        self._widest = graded.widest if graded is not None else None
        self.endResetModel()

    def texts_in(self, font: QFont) -> Callable[[int], frozenset[tuple[str, bool]]]:
        """`texts`, or when the worker found them in this font, the texts that may be each column's widest."""
        widest = self._widest
        if widest is None or widest[0] != font.key():
            return self.texts
        return lambda column: self.texts(column, widest[1])

    def texts(self, column: int, texts: Texts | None = None) -> frozenset[tuple[str, bool]]:
        """Each distinct text the column shows (of `texts`), and whether it is bold (a plan's total row)."""
        texts = self._texts if texts is None else texts
        shown = texts[column] if column < len(texts) else frozenset()
        if column == 1:  # the total row says 計 in the language shown (and 所管課なし)
            return frozenset((self.tr("計") if bold else self._department(text), bold) for text, bold in shown)
        return shown

    def _department(self, text: str) -> str:
        """A 課's name as it is (data); the items without a lead 課 in the language shown."""
        return self.tr("（所管課なし）") if text == board_service.NO_DEPARTMENT else text

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(board_service.BOARD_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = self._labels()
        return labels[section] if 0 <= section < len(labels) else None

    def _labels(self) -> list[str]:
        """The columns' heads in the language in use, made once per language (the view asks a head
        again for every measure and paint: ten translations each time, issue 27)."""
        language = QLocale().name()
        if language != self._language:
            self._language, self._heads = language, []
        if not self._heads:
            labels = (self.tr("計画"), self.tr("担当課"), self.tr("指標数"), self.tr("指標入力済"),
                      self.tr("指標未入力"), self.tr("要確認"), self.tr("取組数"), self.tr("取組入力済"),
                      self.tr("うち変更なし"), self.tr("取組未入力"))
            self._heads = [_two_lines(f"{_STATUS_COLUMNS[c].mark}{status_label(_STATUS_COLUMNS[c])}"
                                      if c in _STATUS_COLUMNS else labels[c])
                           for c in range(len(board_service.BOARD_COLUMNS))]
        return self._heads

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # A paint asks seven roles of every cell shown (CheckState and Decoration never answered):
        # those are answered at once, the fonts and brushes made once (issue 27).
        if role not in _ANSWERED:
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell says 空欄 (issue 28)
            return a11y.blank_named(self.data(index, Qt.ItemDataRole.DisplayRole))
        at = index.row()
        if not 0 <= at < len(self.rows) or not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col >= 2 else None
        row = self.rows[at]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 1 and row.department is None:
                return self.tr("計")
            if col == 1:
                return self._department(str(self._cells[at][col]))
            return self._cells[at][col]
        if role == Qt.ItemDataRole.FontRole:
            return _bold() if row.department is None else None
        value = self._cells[at][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == _COLUMN["うち変更なし"]:
                return self.tr("入力済のうち、実施等状況が前年度と同じもの（変更なしと確認されたもの）")
            hint = self.tr("ダブルクリックで項目を開きます（未入力の項目から）") if row.go_to else None
            if col in NARROWED:  # a title or a 課 shortened to fit the screen is whole here
                text = str(self.data(index, Qt.ItemDataRole.DisplayRole))
                return f"{text}\n{hint}" if hint else text
            return hint
        flagged = isinstance(value, int) and value > 0 and (col in _MISSING_COLUMNS or col == _COLUMN["要確認"])
        if role == Qt.ItemDataRole.BackgroundRole:
            if not flagged:
                return None
            return _brushes()["missing" if col in _MISSING_COLUMNS else "warning"]
        # the foreground
        if col in _STATUS_COLUMNS and value:
            return _brushes()[_STATUS_COLUMNS[col].colour]
        if flagged:  # on its background, in either palette
            return _brushes()["text" if col in _MISSING_COLUMNS else "warning_text"]
        return None


def _two_lines(head: str) -> str:
    """A head of several words (English: Indicators entered, －Cannot be judged) on two lines, broken
    at the space nearest its middle: as wide as its longer half (at 1366×768 the last column was 17 px
    past the table). Japanese heads have no space and stay on one line."""
    spaces = [i for i, ch in enumerate(head) if ch == " "]
    if not spaces:
        return head
    at = min(spaces, key=lambda i: abs(i - len(head) / 2))
    return f"{head[:at]}\n{head[at + 1:]}"


_ANSWERED = frozenset(int(r) for r in (  # the roles BoardModel answers
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.ToolTipRole))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_made: dict[str, object] = {}  # the bold font; the brushes of the colours in use ("colours": whose)


def made_in() -> tuple[str, object, str]:
    """What a board's words, colours and sizes were made in: the language, the theme, the font."""
    return QLocale().name(), theme.colours(), QApplication.font().key()


def _bold() -> QFont:
    font = _made.get("bold")
    if not isinstance(font, QFont):
        font = _made["bold"] = QFont()
        font.setBold(True)
    return font


def _brushes() -> dict[str, QBrush]:
    """The board's brushes in the colours in use (made again after a switch of theme)."""
    c = theme.colours()
    brushes = _made.get("brushes")
    if _made.get("colours") is not c or not isinstance(brushes, dict):
        brushes = {"missing": QBrush(c.missing), "warning": QBrush(c.warning), "text": QBrush(c.text),
                   "warning_text": QBrush(c.warning_text)}
        brushes.update({s.colour: QBrush(theme.status_text(s.colour)) for s in Status})
        _made["colours"], _made["brushes"] = c, brushes
    return brushes
