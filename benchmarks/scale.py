"""Build a database with the city's data repeated N times (each copy a plan of its own)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kodaira_desk.domain.model import Document, Plan, PlanTree
from kodaira_desk.io.city_data import load_city_data
from kodaira_desk.paths import city_data_dir
from kodaira_desk.store.database import Database, create_schema, make_engine


def _remap(obj: Any, suffix: str, departments: bool = False) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name in ("document_id", "plan_id") and isinstance(value, str):
                changes[f.name] = value + suffix
            elif f.name == "printed_names":
                changes[f.name] = {k + suffix: v for k, v in value.items()}
            elif f.name == "department" and departments and isinstance(value, str) and value != "各課":
                changes[f.name] = value + suffix.replace("-x", "・")  # 産業振興課・2: a department of its own
            else:
                changes[f.name] = _remap(value, suffix, departments)
        if isinstance(obj, (Plan, Document)):
            changes["id"] = obj.id + suffix
            changes["title"] = f"{obj.title}（複製{suffix[2:]}）"
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, tuple):
        return tuple(_remap(x, suffix, departments) for x in obj)
    if isinstance(obj, list):
        return [_remap(x, suffix, departments) for x in obj]
    return obj


def scaled_trees(factor: int, distinct_department_copies: int = 0) -> list[PlanTree]:
    """The city's plans `factor` times; in the first `distinct_department_copies` copies after the
    original, every department gets a name of its own (to have more departments in a round)."""
    base = load_city_data(city_data_dir())
    trees = list(base)
    for n in range(2, factor + 1):
        own = n <= distinct_department_copies + 1
        trees.extend(_remap(t, f"-x{n}", own) for t in base)
    return trees


def build_scaled(path: Path, factor: int, distinct_department_copies: int = 0) -> Path:
    path.unlink(missing_ok=True)
    engine = make_engine(path)
    create_schema(engine)
    engine.dispose()
    db = Database(path)
    with db.unit_of_work() as uow:
        uow.plans.write_all(scaled_trees(factor, distinct_department_copies))
    db.dispose()
    return path


if __name__ == "__main__":
    out = build_scaled(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10)
    print(out)


def enlarge(tree: PlanTree, factor: int) -> PlanTree:
    """One plan with every goal (and all below it) repeated `factor` times under new keys."""
    nodes = list(tree.nodes)
    indicators = list(tree.indicators)
    progress = list(tree.progress)
    footnotes = list(tree.footnotes)
    for n in range(2, factor + 1):
        sfx = f"~{n}"

        def k(key: str | None, sfx: str = sfx) -> str | None:
            return None if key is None else key + sfx

        for node in tree.nodes:
            nodes.append(dataclasses.replace(
                node, key=k(node.key), parent_key=k(node.parent_key), order=len(nodes),
                appearances=tuple(dataclasses.replace(a, title=f"{a.title}（{n}）") for a in node.appearances)))
        indicators.extend(dataclasses.replace(i, key=k(i.key), node_key=k(i.node_key), part_of=k(i.part_of))
                          for i in tree.indicators)
        progress.extend(dataclasses.replace(p, node_key=k(p.node_key)) for p in tree.progress)
        footnotes.extend(dataclasses.replace(f, scope_key=k(f.scope_key)) for f in tree.footnotes)
    return dataclasses.replace(tree, nodes=tuple(nodes), indicators=tuple(indicators),
                               progress=tuple(progress), footnotes=tuple(footnotes))
