"""End to end with real files: random edits by two departments and the policy division; every
department edit ends up in the master or in a conflict, and collection order does not matter."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from round_helpers import export, field_value, value_cell

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import key_of
from kodaira_desk.services.rounds import collect, handout, open_conflicts

# Fields of 産業振興課 and 子育て支援課 (their KPIs' actuals for R2 and R1).
FIELDS = {
    "産業振興課": [value_cell("g1.a1.k1"), value_cell("g1.a1.k3"), value_cell("g1.a1.k3", year=2019)],
    "子育て支援課": [value_cell("g2.a3.k4"), value_cell("g2.a3.k4", year=2019)],
}
ALL = [t for ts in FIELDS.values() for t in ts]
NUMBERS = st.sampled_from(["10人", "20人", "30人"])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    a=st.dictionaries(st.sampled_from(range(3)), NUMBERS),
    b=st.dictionaries(st.sampled_from(range(2)), NUMBERS),
    m=st.dictionaries(st.sampled_from(range(len(ALL))), NUMBERS, max_size=2),
)
def test_random_round(built_db_template: Path, tmp_path_factory, a, b, m) -> None:  # type: ignore[no-untyped-def]
    from round_helpers import edit

    work = tmp_path_factory.mktemp("round")
    master = work / "master.sqlite"
    shutil.copyfile(built_db_template, master)
    db = open_database(master, create=False)
    files = {f.department: f.path for f in handout(db, FiscalYear(2020), work / "out", list(FIELDS))}
    db.dispose()

    def fix_unit(target, text: str) -> str:  # type: ignore[no-untyped-def]
        return text.replace("人", "区画") if target.indicator_key == "g1.a1.k3" else text

    dept_edits = {"産業振興課": {FIELDS["産業振興課"][i]: v for i, v in a.items()},
                  "子育て支援課": {FIELDS["子育て支援課"][i]: v for i, v in b.items()}}
    dept_edits = {d: {t: fix_unit(t, v) for t, v in e.items()} for d, e in dept_edits.items()}
    master_edits = {ALL[i]: fix_unit(ALL[i], v) for i, v in m.items()}
    for dept, changes in dept_edits.items():
        if changes:
            edit(files[dept], changes)
    if master_edits:
        edit(master, master_edits)
    other = work / "other.sqlite"
    shutil.copyfile(master, other)
    exports = []
    for target_db, order in ((master, ["産業振興課", "子育て支援課"]), (other, ["子育て支援課", "産業振興課"])):
        db = open_database(target_db, create=False)
        for dept in order:
            collect(db, [files[dept]])
        conflicts = {(c.key, c.department_value) for c in open_conflicts(db)}
        db.dispose()
        exports.append(json.loads(export(target_db)))
        for changes in dept_edits.values():
            for target, value in changes.items():
                assert field_value(target_db, target) == value or (key_of(target), value) in conflicts
        for target, value in master_edits.items():
            in_conflict = any(k == key_of(target) for k, _ in conflicts)
            dept_value = next((c[t] for c in dept_edits.values() for t in c if t == target), None)
            assert field_value(target_db, target) == value or (dept_value is not None and not in_conflict)
    assert exports[0] == exports[1]
