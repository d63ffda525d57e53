"""年度の確定 opens without reading every plan on the GUI thread (review 2, item 6: at ×100 its plan
box iterated the window's plans and each read asked for all of them): the box is filled from the
plans' summaries, and only the chosen plan is read, on the worker."""

from __future__ import annotations

import threading

from test_lazy_plans import FAR, db_path, x10_template  # noqa: F401  (the ×10 data, a plan not read at start)

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.ui.window.main_window import MainWindow

WAIT = 30000


def test_the_lock_window_lists_every_plan_and_reads_only_the_chosen_one_on_the_worker(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    trees = w.editor.trees
    assert not trees.is_loaded(FAR)
    real = trees.reader()
    reads: list[tuple[str, list[str]]] = []

    def noted(ids: list[str]):  # type: ignore[no-untyped-def]
        reads.append((threading.current_thread().name, list(ids)))
        return real(ids)

    trees._load = noted  # type: ignore[attr-defined]
    dialog = w.show_year_lock()
    assert dialog is not None
    assert dialog.plan.count() == len(trees)  # every plan listed, by title
    assert [dialog.plan.itemData(i) for i in range(dialog.plan.count())] == list(trees)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    dialog.plan.setCurrentIndex(dialog.plan.findData(FAR))  # a plan the window has not read
    assert dialog.year.count() > 0 and dialog.reading
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert dialog.state.text().startswith("未確定") and dialog.lock_button.isEnabled()
    assert dialog.field.count() > 0
    assert {FieldKey.parse(dialog.field.itemData(i)).plan_id for i in range(dialog.field.count())} == {FAR}
    assert all(thread != threading.main_thread().name for thread, _ids in reads), reads
    assert [pid for _thread, ids in reads for pid in ids if pid == FAR] == [FAR]  # read once, on the worker
    assert not any(len(ids) > 1 for _thread, ids in reads), reads  # never all the plans
    assert trees.is_loaded(FAR)  # what the worker read is the window's (今の値 reads it)
    dialog.close()
