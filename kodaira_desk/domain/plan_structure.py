"""Moving nodes in a plan's tree: the rules, on plain data, without a database.

A structure is the list of (key, parent key, depth) in printed order (depth first); every move
returns the whole new list, which the store writes as the nodes' parents, depths and positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.model import PlanTree


class StructureError(DomainError):
    """A move that cannot be made (the first node up, an indent without a node before it, …)."""


class Move(Enum):
    UP = "up"
    DOWN = "down"
    INDENT = "indent"  # becomes the last child of the node above it
    OUTDENT = "outdent"  # becomes the next sibling of its parent

    @property
    def label(self) -> str:
        return {"up": "上へ移動", "down": "下へ移動", "indent": "一段下げる", "outdent": "一段上げる"}[
            self.value]


@dataclass(frozen=True)
class Place:
    key: str
    parent_key: str | None
    depth: int


Structure = tuple[Place, ...]


def _children_map(tree: PlanTree) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for n in sorted(tree.nodes, key=lambda n: n.order):
        out.setdefault(n.parent_key, []).append(n.key)
    return out


def _flatten(children: dict[str | None, list[str]]) -> Structure:
    out: list[Place] = []

    def walk(parent: str | None, depth: int) -> None:
        for key in children.get(parent, []):
            out.append(Place(key, parent, depth))
            walk(key, depth + 1)

    walk(None, 1)
    return tuple(out)


def structure_of(tree: PlanTree) -> Structure:
    return _flatten(_children_map(tree))


def subtree_keys(tree: PlanTree, key: str) -> list[str]:
    """The node and everything under it, in printed order."""
    out = [key]
    for child in tree.children(key):
        out.extend(subtree_keys(tree, child.key))
    return out


def with_node(tree: PlanTree, key: str, parent_key: str | None, index: int | None = None) -> Structure:
    """The structure with a new node `key` under `parent_key` at `index` (default: last)."""
    children = _children_map(tree)
    siblings = children.setdefault(parent_key, [])
    siblings.insert(len(siblings) if index is None else index, key)
    return _flatten(children)


def moved(tree: PlanTree, key: str, move: Move) -> Structure:
    """The structure after one move of `key`; StructureError when the move is not possible."""
    children = _children_map(tree)
    node = tree.node(key)
    siblings = children[node.parent_key]
    i = siblings.index(key)
    title = node.title
    if move is Move.UP:
        if i == 0:
            raise StructureError(f"「{title}」は先頭にあるため、上へ移動できません。")
        siblings[i - 1], siblings[i] = siblings[i], siblings[i - 1]
    elif move is Move.DOWN:
        if i == len(siblings) - 1:
            raise StructureError(f"「{title}」は最後にあるため、下へ移動できません。")
        siblings[i + 1], siblings[i] = siblings[i], siblings[i + 1]
    elif move is Move.INDENT:
        if i == 0:
            raise StructureError(f"「{title}」の上に同じ階層の項目がないため、一段下げられません。")
        new_parent = siblings[i - 1]
        siblings.pop(i)
        children.setdefault(new_parent, []).append(key)
    else:
        if node.parent_key is None:
            raise StructureError(f"「{title}」は最上位の階層にあるため、一段上げられません。")
        parent = tree.node(node.parent_key)
        siblings.pop(i)
        upper = children[parent.parent_key]
        upper.insert(upper.index(parent.key) + 1, key)
    return _flatten(children)


def placed(tree: PlanTree, key: str, parent_key: str | None, index: int) -> Structure:
    """The structure with `key` (and everything under it) moved under `parent_key` (None: the top)
    at `index` among the children there (counted as they are shown before the move: dragging)."""
    if parent_key is not None and parent_key in subtree_keys(tree, key):
        raise StructureError(f"「{tree.node(key).title}」を、その下の項目の中へは移動できません。")
    children = _children_map(tree)
    node = tree.node(key)
    old = children[node.parent_key]
    at = old.index(key)
    old.pop(at)
    siblings = children.setdefault(parent_key, [])
    if node.parent_key == parent_key and at < index:
        index -= 1  # the node itself no longer stands before the place it is dropped at
    siblings.insert(max(0, min(index, len(siblings))), key)
    return _flatten(children)


def max_depth(structure: Structure) -> int:
    return max((p.depth for p in structure), default=0)


_LIST_SEPARATORS = ("、", ",", "，", "／", "/", "\n")


def split_list(text: str) -> tuple[str, ...]:
    """Names typed in one field: 基本目標／施策, 産業振興課、文化スポーツ課. Not on "・", which
    is part of names such as 市民協働・男女参画推進課."""
    for sep in _LIST_SEPARATORS[1:]:
        text = text.replace(sep, _LIST_SEPARATORS[0])
    return tuple(p.strip() for p in text.split(_LIST_SEPARATORS[0]) if p.strip())
