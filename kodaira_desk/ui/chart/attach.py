"""The KPI form's chart pane put under its grid, following the grid's current row, and the grid's row
headers badged with each indicator's status mark and rate. Imported only when a KPI form is first shown."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

from kodaira_desk.domain.achievement import Achievement
from kodaira_desk.ui import theme
from kodaira_desk.ui.chart.achievement_list import rate_words
from kodaira_desk.ui.chart.pane import KpiChartPane
from kodaira_desk.ui.editor import Editor


def attach_chart_pane(form: QWidget) -> KpiChartPane:
    """Put the pane under the KPI grid of `form` (a grid_forms.KpiForm) and follow its current row."""
    view: QTableView = form.view  # type: ignore[attr-defined]
    editor: Editor = form.model.editor  # type: ignore[attr-defined]
    pane = KpiChartPane(editor)
    layout = form.layout()
    assert isinstance(layout, QVBoxLayout)
    position = layout.indexOf(view)
    split = QSplitter(Qt.Orientation.Vertical)
    split.setObjectName("kpiChartSplitter")
    split.addWidget(view)
    split.addWidget(pane)
    # The grid is where the clerk types: it keeps the larger share at 1366×768; the pane can be
    # dragged smaller or folded away entirely.
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    split.setCollapsible(0, False)
    split.setCollapsible(1, True)
    layout.insertWidget(position, split, 1)

    def follow(current: QModelIndex, _previous: QModelIndex) -> None:
        model = form.model  # type: ignore[attr-defined]
        if current.isValid() and current.row() < len(model.indicators):
            pane.select(model.indicators[current.row()].key)
    view.selectionModel().currentRowChanged.connect(follow)

    # a grade's badge, written once (until the theme changes its colours: then all again); an edit's
    # two announcements asked the theme its colour for all 340 rows of a ×10 node twice (issue 27)
    written: dict[int, tuple[Achievement, tuple[str, QColor]]] = {}
    palette: list[object] = [theme.colours()]  # the colours they were written in
    built: list[object] = []  # what the badges shown were built from

    def badge(a: Achievement) -> tuple[str, QColor]:
        known = written.get(id(a))
        if known is None or known[0] is not a:
            colour = theme.status_text(a.status.colour)
            known = written[id(a)] = (a, (f"{a.status.mark}{rate_words(a)}", colour))
        return known[1]

    def badges() -> None:  # the grid's row headers carry each indicator's status mark and rate
        names = view.verticalHeader()
        if not hasattr(names, "set_badges"):
            return
        if theme.colours() is not palette[0]:  # (high contrast switched: the list says so, recoloured)
            palette[0] = theme.colours()
            written.clear()
        rows = form.model.indicators  # type: ignore[attr-defined]
        check = (pane.tr("要確認"), theme.colours().warning_mark)  # a yellow figure's rate is not shown as a grade
        checks = pane.list_model.checks
        # the grid's rows, the grades and checks are replaced, never changed in place: built from the
        # same ones, the badges are those shown (an edit announced by the grid and by the list built
        # all 340 twice, issue 27)
        basis = (rows, pane.list_model.rows, checks, palette[0], check[0])
        if len(built) == len(basis) and all(a is b for a, b in zip(built[:4], basis[:4], strict=True)) \
                and built[4] == basis[4]:
            return
        built[:] = basis
        graded = {i.key: a for i, a in pane.list_model.rows}
        names.set_badges({r: check if ind.key in checks else badge(a)
                          for r, ind in enumerate(rows) if (a := graded.get(ind.key)) is not None})
        for key in set(written) - {id(a) for a in graded.values()}:
            del written[key]  # grades no longer shown
    pane.list_model.modelReset.connect(badges)
    pane.list_model.dataChanged.connect(badges)  # (a regrade, a check come or gone: a figure confirmed)

    def refreshed(_top: QModelIndex, _bottom: QModelIndex, roles: object = ()) -> None:
        if not roles:  # the grid refreshed whole (a reload, the notes); a changed value is regraded,
            badges()   # and the list says so (a paste's two announcements built 340 badges twice, issue 27)
    form.model.dataChanged.connect(refreshed)  # type: ignore[attr-defined]
    form.model.modelReset.connect(badges)  # type: ignore[attr-defined]  # a new item: none of the one before
    badges()
    return pane
