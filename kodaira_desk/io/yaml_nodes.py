"""Typed access to a YAML document that remembers where every value stands.

Every error names the file, the line and the field (`000_progress.yaml:120: tree[0].children[2].
status: …`), so a reviewer can go straight to it. YAML is composed (not constructed) so that no
tag can build a Python object; the C composer is used when it is there.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from pathlib import Path

import yaml

from kodaira_desk.domain.errors import DataFileError

__all__ = ["DataFileError", "Y", "get", "load", "require"]

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class Y:
    """One YAML node with its file and path."""

    __slots__ = ("file", "node", "path")

    def __init__(self, node: yaml.Node, file: str, path: str) -> None:
        self.node = node
        self.file = file
        self.path = path

    @property
    def line(self) -> int:
        return int(self.node.start_mark.line) + 1

    def error(self, message: str) -> DataFileError:
        return DataFileError(self.file, self.line, self.path or "(文書)", message)

    # scalars -----------------------------------------------------------------
    def is_null(self) -> bool:
        return isinstance(self.node, yaml.ScalarNode) and self.node.tag.endswith(":null")

    def str(self) -> str:
        if not isinstance(self.node, yaml.ScalarNode) or self.is_null():
            raise self.error("文字列が必要です")
        value = str(self.node.value)
        if self.node.style in ("|", ">"):
            return value
        return value.strip()

    def text(self) -> builtins.str:  # `str` is the method above inside this class
        s = self.str()
        if not s.strip():
            raise self.error("空の文字列です")
        return s

    def bool(self) -> bool:
        if isinstance(self.node, yaml.ScalarNode) and self.node.tag.endswith(":bool"):
            return str(self.node.value).lower() in ("true", "yes", "on")
        raise self.error("true か false が必要です")

    # collections -------------------------------------------------------------
    def items(self) -> list[Y]:
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error("リスト（- で始まる行）が必要です")
        return [Y(n, self.file, f"{self.path}[{i}]") for i, n in enumerate(self.node.value)]

    def mapping(self, allowed: set[builtins.str] | None = None) -> dict[builtins.str, Y]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error("キーと値の組（key: value）が必要です")
        out: dict[builtins.str, Y] = {}
        for k, v in self.node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise Y(k, self.file, self.path).error("キーは文字列にしてください")
            key = str(k.value)
            child = Y(v, self.file, f"{self.path}.{key}" if self.path else key)
            if key in out:
                raise child.error("同じキーが2回あります")
            if allowed is not None and key not in allowed:
                raise child.error(f"知らないキーです（使えるキー: {', '.join(sorted(allowed))}）")
            out[key] = child
        return out

    def pairs(self) -> Iterator[tuple[builtins.str, Y]]:
        """A mapping whose keys are data (fiscal years), in file order."""
        yield from self.mapping().items()


def get(m: dict[str, Y], key: str) -> Y | None:
    y = m.get(key)
    return None if y is None or y.is_null() else y


def require(m: dict[str, Y], key: str, owner: Y) -> Y:
    y = get(m, key)
    if y is None:
        raise DataFileError(
            owner.file, owner.line, f"{owner.path}.{key}" if owner.path else key, "必須の項目がありません"
        )
    return y


def load(path: Path) -> Y:
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(name, None, "(ファイル)", f"UTF-8 で読めません: {exc}") from exc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = int(mark.line) + 1 if mark is not None else None
        raise DataFileError(name, line, "(YAML)", f"YAML の書き方が正しくありません: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(name, None, "(YAML)", f"YAML の書き方が正しくありません: {exc}") from exc
    if node is None:
        raise DataFileError(name, 1, "(文書)", "ファイルが空です")
    return Y(node, name, "")
