"""The plan tree's rows worked out from the plans alone, without Qt: each row's label and 課, what a
search matches, and which rows the tree's filters (the search, the 課, 未入力のみ) show.

Nothing here touches a Qt object, so the window's one runner can do it (issue 27: with a
prefecture's 300 plans, making every plan's 11,400 rows and testing each against a search froze the
window for seconds; ui/window/tree_search.py). What a plan's rows need for a search — their texts,
the 課's scopes, this year's completeness — is kept per plan tree object (`RowIndex`): a tree is
replaced, never changed, when a plan is read again, so the next keystroke tests kept texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kodaira_desk.domain.entry import is_complete
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Node, PlanTree, display_number
from kodaira_desk.domain.scope import DepartmentScope

Shown = frozenset[str | None]  # the keys of the rows a filter shows in one plan; None: the plan's own row
Complete = Callable[[str], bool | None]
SYNC_ROWS = 600  # at most this many rows: worked out on the GUI thread (the city's 111 take a few ms)


@dataclass(eq=False, slots=True)
class Item:
    """One row of the plan tree, with its text and what a search matches."""

    plan_id: str
    key: str | None  # None for the plan itself
    label: str
    search: str | None  # made when the first search asks for it (start-up time)
    departments: frozenset[str]
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    row: int = 0
    index: object = None  # the tree model's QModelIndex of this row, made when the view first asks


def label_of(tree: PlanTree, node: Node) -> str:
    parent_number = tree.node(node.parent_key).number if node.parent_key else None
    return f"{display_number(node.number, parent_number)} {node.title}".strip()


def departments_of(tree: PlanTree, node: Node) -> frozenset[str]:
    """The 課 a row names: the node's and its indicators' (what a search by 課 name finds)."""
    depts = {d.department for d in node.departments}
    for ind in tree.indicators_of(node.key):
        depts |= {d.department for d in ind.departments}
    return frozenset(depts)


def search_text(tree: PlanTree, node: Node, label: str, departments: frozenset[str]) -> str:
    """What a search matches on an item's row: its label, its number under its heading's (the
    programme's 事業 2 under 1: 1-2), its key (g1.a1.m1: as the recovery list and messages print
    it), texts, indicators and 課; in the search's form (`folded`: ①－１ is 1-1)."""
    texts = " ".join(str(t.text) for t in node.texts)
    indicators = " ".join(i.name for i in tree.indicators_of(node.key))
    parent = tree.node(node.parent_key).number if node.parent_key else ""
    path = f"{parent}-{node.number}" if parent and node.number else ""
    return folded(f"{label} {path} {node.key} {texts} {indicators} {' '.join(sorted(departments))}")


def folded(text: str) -> str:
    """A text as the search compares it: NFKC (full-width digits, letters and －, circled numbers: as
    typed on a half-width keyboard) in lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def _matches(word: str) -> Callable[[str], bool]:
    """How one searched word is looked for: a number or key as printed (1-1, g1.a1, 2.3: ASCII letters
    and digits with a - or .) not inside a longer one, so that 1-1 is not 11-1 nor 1-10 and g1.a1 not
    g1.a1.m1; any other word anywhere in the text."""
    if _ID.fullmatch(word):
        found = re.compile(rf"(?<![0-9a-z.-]){re.escape(word)}(?![0-9a-z.-])").search
        return lambda text: found(text) is not None
    return lambda text: word in text


_ID = re.compile(r"[a-z0-9]*[0-9][a-z0-9]*([.-][a-z0-9]+)+")


def build_rows(root: Item, tree: PlanTree, by_key: dict[tuple[str, str | None], Item]) -> None:
    """Every node of the plan as a row under `root` (which `by_key` holds), each put in `by_key`."""
    for node in tree.nodes:  # parents come before their children
        parent = by_key[(tree.plan.id, node.parent_key)]
        item = Item(tree.plan.id, node.key, label_of(tree, node), None, departments_of(tree, node), parent,
                    row=len(parent.children))
        parent.children.append(item)
        by_key[(tree.plan.id, node.key)] = item


def staged_rows(tree: PlanTree) -> tuple[Item, dict[tuple[str, str | None], Item]]:
    """A plan's rows under a stand-in for its row (made on the runner; the model takes the children)."""
    root = Item(tree.plan.id, None, tree.plan.title, tree.plan.title.lower(), frozenset())
    by_key: dict[tuple[str, str | None], Item] = {(tree.plan.id, None): root}
    build_rows(root, tree, by_key)
    del by_key[(tree.plan.id, None)]
    return root, by_key


@dataclass(frozen=True)
class Query:
    """What the tree's controls ask: the search's words, the 課, 未入力のみ in the entry year."""

    text: str  # stripped, `folded`
    department: str | None
    only_missing: bool
    year: FiscalYear | None  # only with 未入力のみ (the other filters do not depend on it)

    @classmethod
    def of(cls, text: str, department: str | None, only_missing: bool, year: FiscalYear) -> Query:
        return cls(folded(text.strip()), department or None, bool(only_missing), year if only_missing else None)

    @property
    def active(self) -> bool:
        return bool(self.text or self.department or self.only_missing)


class PlanRows:
    """One plan tree's rows as the filters see them; their texts, scopes and marks worked out once."""

    def __init__(self, tree: PlanTree) -> None:
        self.tree = tree
        self._parents = {n.key: n.parent_key for n in tree.nodes}
        self._texts: dict[str, str] = {}
        self._scopes: dict[str, DepartmentScope] = {}
        self._complete: dict[tuple[int, str | None], dict[str, bool | None]] = {}

    def text(self, node: Node) -> str:
        found = self._texts.get(node.key)
        if found is None:
            departments = departments_of(self.tree, node)
            found = self._texts[node.key] = search_text(self.tree, node, label_of(self.tree, node), departments)
        return found

    def scope(self, department: str) -> DepartmentScope:
        found = self._scopes.get(department)
        if found is None:
            found = self._scopes[department] = DepartmentScope(self.tree, department)
        return found

    def seen_by(self, node: Node, department: str) -> bool:
        """Is the node on the department's pages (domain.scope: the node, or one of its indicators)."""
        scope = self.scope(department)
        return scope.linked(node) or any(scope.sees_indicator(i) for i in self.tree.indicators_of(node.key))

    def complete(self, node: Node, year: FiscalYear, department: str | None) -> bool | None:
        """This year's entry as stored (no unsaved edit), counted for the 課 when one is chosen."""
        marks = self._complete.setdefault((year.year, department), {})
        if node.key not in marks:
            scope = self.scope(department) if department else None
            marks[node.key] = is_complete(self.tree, node, year, None, None, scope)
        return marks[node.key]

    def shown(self, q: Query, complete: Complete | None = None) -> Shown:
        """The rows the filters show: an item for its own sake or as the heading of one that is, and
        the plan's row when any is (empty: the plan is hidden). `complete`: the marks with the unsaved
        edits (the window's, on the GUI thread); without it, as stored."""
        words = [_matches(word) for word in q.text.split()]
        out: set[str | None] = set()
        for node in self.tree.nodes:
            if q.department and not self.seen_by(node, q.department):
                continue
            if q.only_missing and q.year is not None:
                done = complete(node.key) if complete is not None else self.complete(node, q.year, q.department)
                if done is not False:
                    continue
            if words:
                text = self.text(node)
                if not all(match(text) for match in words):
                    continue
            key: str | None = node.key
            while key is not None and key not in out:
                out.add(key)
                key = self._parents.get(key)
        if out:
            out.add(None)
        return frozenset(out)


class RowIndex:
    """Every plan's `PlanRows`, kept per tree object. One is used by one thread at a time."""

    def __init__(self) -> None:
        self._plans: dict[str, PlanRows] = {}

    def rows(self, tree: PlanTree) -> PlanRows:
        known = self._plans.get(tree.plan.id)
        if known is None or known.tree is not tree:
            known = self._plans[tree.plan.id] = PlanRows(tree)
        return known

    def forget(self, keep: Iterable[str]) -> None:
        """Drop the plans no longer listed."""
        kept = set(keep)
        for pid in [p for p in self._plans if p not in kept]:
            del self._plans[pid]


@dataclass
class Found:
    """A filter's answer, worked out on the runner: each plan's rows shown (plans with none left
    out), the rows made for the plans the tree had not made yet, and the trees it looked at."""

    query: Query
    shown: dict[str, Shown]
    staged: dict[str, tuple[Item, dict[tuple[str, str | None], Item]]]
    trees: dict[str, PlanTree]


def find(index: RowIndex, trees: dict[str, PlanTree], unbuilt: Iterable[str], q: Query,
         superseded: Callable[[], bool] = lambda: False) -> Found | None:
    """Which rows of `trees` the query shows, and the rows of the `unbuilt` plans it shows made.
    None when `superseded()` says a newer query was asked meanwhile (asked between two plans)."""
    from kodaira_desk.services.plan_memory import untrack_plans  # (ctypes: not for start-up)

    shown: dict[str, Shown] = {}
    for n, (pid, tree) in enumerate(trees.items()):
        if n % 16 == 0 and superseded():
            return None
        rows = index.rows(tree).shown(q)
        if rows:
            shown[pid] = rows
    staged = {pid: staged_rows(trees[pid]) for pid in unbuilt if pid in shown}
    # what this made that cannot be in a cycle (the rows' keys, the shown sets, the plans' objects
    # asked here for the first time) is never scanned by the GUI thread's collector (issue 27)
    untrack_plans(shown, staged, [index.rows(tree) for tree in trees.values()], *trees.values())
    return Found(q, shown, staged, trees)
