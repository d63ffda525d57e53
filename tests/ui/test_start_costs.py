"""Start-up's fixed costs paid once (ui/start_costs.py, issue 27): the code `dataclasses` and Qt for
Python's import compile kept from one start-up to the next, and Qt for Python's look at each
module's source by its bytes."""

from __future__ import annotations

import builtins
import dataclasses
import os
import re
import subprocess
import sys
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kodaira_desk.ui import start_costs
from kodaira_desk.ui.start_costs import KeptCode

real_compile = builtins.compile
real_pattern = re._compiler.compile  # type: ignore[attr-defined]


def _make() -> tuple[type[Any], type[Any]]:
    """The same classes, made again each call (as each start-up makes them)."""

    @dataclass(frozen=True)
    class Cell:
        plan_id: str
        year: int = 2026
        tags: tuple[str, ...] = ()

    @dataclass(order=True)
    class Row:
        key: str
        values: list[int] = field(default_factory=list)
        note: str | None = field(default=None, compare=False)

    return Cell, Row


def _behaviour(cell: type[Any], row: type[Any]) -> list[object]:
    a, b = cell("p1"), cell("p1", 2026, ())
    seen: list[object] = [a == b, hash(a) == hash(b), repr(a), cell("p2", 2025) == a]
    with pytest.raises(FrozenInstanceError):
        a.year = 1  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del a.plan_id  # type: ignore[misc]
    r1, r2 = row("a"), row("a", note="x")
    r1.values.append(1)
    seen += [r1 == r2, r2.values, row("a") < row("b"), repr(r2), row.__hash__ is None,
             cell.__init__.__annotations__, row.__init__.__annotations__, cell.__doc__]
    return seen


def test_classes_made_from_the_kept_code_behave_as_compiled_ones(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    plain = _behaviour(*_make())
    path = tmp_path / "__pycache__" / "code.marshal"

    first = KeptCode(path)
    first.install()
    try:
        made = _behaviour(*_make())
    finally:
        first.finish()
    assert first.compiled > 8 and path.is_file()  # every method compiled once and kept
    assert not hasattr(dataclasses, "exec")  # dataclasses as it was

    second = KeptCode(path)
    second.install()
    try:
        kept = _behaviour(*_make())
    finally:
        second.finish()
    assert second.compiled == 0 and len(second.used) == len(first.used)
    assert plain == made == kept


@pytest.mark.parametrize("content", [b"", b"garbage", start_costs.HEADER + b"\x00\x01",
                                     start_costs.HEADER + __import__("marshal").dumps({"x": 1}),
                                     start_costs.HEADER + __import__("marshal").dumps([1, 2]),
                                     start_costs.encode({"x": 1}), start_costs.encode({("re", "a"): 1}),
                                     b"kodaira-desk dataclass code 3.0\n" + __import__("marshal").dumps({})])
def test_a_damaged_or_foreign_file_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     content: bytes) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "code.marshal"
    path.write_bytes(content)
    code = KeptCode(path)
    code.install()
    try:
        made = _behaviour(*_make())
    finally:
        code.finish()
    assert code.compiled > 8 and made == _behaviour(*_make())
    assert KeptCode(path).kept.keys() == code.used.keys()  # written whole again


def test_compile_answers_as_compile_and_keeps_qt_for_pythons_sources(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """This module has `from __future__ import annotations`: compile() passes that on unless told
    not to, and the kept code must be what compile() makes for the same caller."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    source = b"def f(x: int) -> str:\n    return str(x)\n"
    path = tmp_path / "code.marshal"
    results = []
    for _ in range(2):
        code = KeptCode(path)
        code.install()
        try:
            made = [compile(source, name, "exec", **kw) for name in ("shibokensupport/x.py", "other.py")
                    for kw in ({}, {"dont_inherit": True})]
            ast_tree = compile("x = 1", "shibokensupport/y.py", "exec", 1024)  # PyCF_ONLY_AST: passed on
        finally:
            code.finish()
        assert builtins.compile is real_compile
        results.append((code.compiled, made, type(ast_tree).__name__))
    plain = [real_compile(source, name, "exec", **kw) for name in ("shibokensupport/x.py", "other.py")
             for kw in ({}, {"dont_inherit": True})]
    (first, made_first, tree1), (second, made_second, tree2) = results
    assert first == 2 and second == 0  # Qt for Python's two (with and without the caller's flags)
    annotations = []
    for made in (made_first, made_second, plain):
        for code in made:
            namespace: dict[str, Any] = {}
            exec(code, namespace)
            annotations.append(namespace["f"].__annotations__)
    inherited, not_inherited = {"x": "int", "return": "str"}, {"x": int, "return": str}
    assert annotations == [inherited, not_inherited] * 6
    assert tree1 == tree2 == "Module"


PATTERNS = [  # (text, flags): named groups, inline flags that change the pattern's own, bytes, Japanese
    (r"^(?P<sign>[+\-▲△]?)\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$", 0),
    (r"(?i)^(?:FY)?\s*(令和|平成|[RH])\s*(元|\d{1,2})年?度?$", 0),
    (r"""
        (?P<scheme>[\w+]+)://   # a word
        (?:(?P<user>[^@/]*)@)?
        (?P<host>[^/:]*)
    """, re.VERBOSE),
    (r"[\x00-\x08\x0b-\x1f\u202a-\u202e]", 0),
    (rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII),
    (r"(a)(b)?(?(2)c|d)\1", re.IGNORECASE | re.MULTILINE),
]
TEXTS = ["▲1,234.5", "+12", "r3年度", "FY令和元", "postgresql://kd@db/x", "a\x07b", "abca", "ADA", "x\nad a"]


def _patterns_behaviour() -> list[object]:
    seen: list[object] = []
    for text, flags in PATTERNS:
        made = re.compile(text, flags)
        re.purge()  # the next compile asks re._compiler again, not re's cache of this process
        seen.append((made.pattern, made.flags, made.groups, dict(made.groupindex)))
        for sample in TEXTS:
            subject: str | bytes = sample.encode() if isinstance(text, bytes) else sample
            found = made.search(subject)  # type: ignore[arg-type]
            seen.append(found.groups() if found else None)
            seen.append(found.groupdict() if found else None)
    return seen


def test_patterns_made_from_the_kept_parts_behave_as_compiled_ones(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import _sre

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    re.purge()
    plain = _patterns_behaviour()
    path = tmp_path / "code.marshal"
    first = KeptCode(path)
    first.install()
    try:
        made = _patterns_behaviour()
    finally:
        first.finish()
    assert first.compiled == len(PATTERNS) and path.is_file()
    assert re._compiler.compile is real_pattern and re._compiler._sre is _sre  # as it was

    second = KeptCode(path)
    second.install()
    try:
        kept = _patterns_behaviour()
    finally:
        second.finish()
    assert second.compiled == 0 and len(second.used) == len(PATTERNS)
    assert plain == made == kept


def test_a_damaged_pattern_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SRE checks some of the code it is given: parts that are not a pattern's are compiled again."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "code.marshal"
    text = PATTERNS[0][0]
    bad = {("re", "str", text, 0): (32, [999, 1, 2], 0, {}, ()),  # no such opcode
           ("re", "str", "(x)", 0): (32, [], 5, {}, ()),  # no code at all
           ("re", "str", "a+", 0): "not parts"}
    path.write_bytes(start_costs.encode(bad))
    re.purge()
    code = KeptCode(path)
    code.install()
    try:
        made = [re.compile(t).search("▲1,234 (x) aa") for t in (text, "(x)", "a+")]
    finally:
        code.finish()
    assert code.compiled == 3
    assert [m.group(0) if m else None for m in made] == [None, "x", "aa"]
    assert made[1] is not None and made[1].groups() == ("x",)


CRASHING = {("re", "str", r"[0-9a-f]{64}", 0): (32, [13, 0, 1], 0, {}, ())}  # IN with no room: SRE reads past it
SHA_PATTERN = """
import re, sys
from pathlib import Path
from kodaira_desk.ui.start_costs import KeptCode
code = KeptCode(Path(sys.argv[1]))
code.install()
print(bool(re.compile(r"[0-9a-f]{64}").fullmatch("ab" * 32)), code.compiled, flush=True)
code.finish(keep=False)
"""


def test_a_file_changed_after_it_was_written_is_not_read(tmp_path: Path) -> None:
    """A body that is not the one its checksum was made of is not read: SRE's own check lets some
    damaged code through, and the interpreter then reads past it (this one crashed it: SIGSEGV)."""
    import marshal
    import subprocess

    path = tmp_path / "code.marshal"
    written = start_costs.encode({("re", "str", r"[0-9a-f]{64}", 0): (32, [1], 0, {}, ())})
    path.write_bytes(written[:len(start_costs.HEADER) + 9] + marshal.dumps(CRASHING))  # the same checksum
    run = subprocess.run([sys.executable, "-c", SHA_PATTERN, str(path)], capture_output=True, text=True,
                         timeout=120)
    assert (run.returncode, run.stdout.split()) == (0, ["True", "1"]), run.stderr


def test_any_byte_changed_makes_the_file_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "code.marshal"
    code = KeptCode(path)
    code.install()
    try:
        _make()
        re.compile(r"(?P<year>\d{4})年度?")
    finally:
        code.finish()
    data = path.read_bytes()
    assert KeptCode(path).kept
    for at in range(len(start_costs.HEADER), len(data), max(1, len(data) // 400)):
        path.write_bytes(data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1:])
        assert KeptCode(path).kept == {}, at


def test_nothing_is_written_where_python_writes_no_bytecode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "code.marshal"
    code = KeptCode(path)
    code.install()
    try:
        _make()
    finally:
        code.finish()
    assert code.compiled > 0 and not path.exists()


def test_the_feature_check_by_bytes_answers_as_qt_for_python() -> None:
    import PySide6.QtCore  # noqa: F401 - installs Qt for Python's import hook

    import kodaira_desk

    feature = sys.modules["shibokensupport.feature"]
    qt = getattr(feature._mod_uses_pyside, "__wrapped__", feature._mod_uses_pyside)
    ours = start_costs.uses_pyside_by_bytes(qt)
    import importlib

    package = Path(kodaira_desk.__file__).parent
    names = sorted({"kodaira_desk." + p.relative_to(package).with_suffix("").as_posix().replace("/", ".")
                    for p in package.rglob("*.py") if p.name != "__init__.py"
                    and p.relative_to(package).parts[0] in ("ui", "domain")})
    modules = [importlib.import_module(n) for n in names] + [dataclasses, os, subprocess]
    answers = {m.__name__: ours(m) for m in modules}
    assert answers == {m.__name__: qt(m) for m in modules}
    assert answers["kodaira_desk.ui.app"] and not answers["kodaira_desk.domain.model"]



def test_the_feature_answer_is_kept_while_the_file_is_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt for Python's question for a module (does its source name PySide6?) is answered again
    from the kept file while the module's file has the same size and time; a changed file is read."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    module = tmp_path / "module.py"
    module.write_text("from PySide6.QtCore import Qt\n", encoding="utf-8")
    path = tmp_path / "code.marshal"
    reads: list[str] = []

    def read() -> bool:
        reads.append(module.read_text(encoding="utf-8"))
        return b"PySide6" in module.read_bytes()

    first = KeptCode(path)
    assert first.names_pyside(str(module), read) is True
    first.finish()
    again = KeptCode(path)
    assert again.names_pyside(str(module), read) is True
    assert len(reads) == 1  # answered from the kept file
    again.finish()
    module.write_text("import os  # no Qt here any more\n", encoding="utf-8")
    changed = KeptCode(path)
    assert changed.names_pyside(str(module), read) is False
    assert len(reads) == 2
    assert KeptCode(path).names_pyside(str(tmp_path / "gone.py"), lambda: False) is False  # no file: asked as before

PROBE = """
import runpy, sys
from kodaira_desk.ui import start_costs
finish = start_costs.KeptCode.finish
def told(self, keep=True):
    print("CODE", self.compiled, len(self.used), flush=True)
    finish(self, keep)
start_costs.KeptCode.finish = told
sys.argv = ["kodaira_desk", "--db", sys.argv[1]]
runpy.run_module("kodaira_desk", run_name="__main__")
"""


def test_the_second_start_up_compiles_no_dataclass_code(db_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KODAIRA_DESK_BENCH_EXIT="1",
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    told = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        lines = done.stdout.splitlines()
        assert "shown" in lines, done.stderr
        (code,) = [line.split()[1:] for line in lines if line.startswith("CODE ")]
        told.append([int(x) for x in code])
    (_first_compiled, first_used), (compiled, used) = told
    # the window's dataclasses (some 60: by their shapes since ui/start_classes.py), Qt's sources and patterns
    assert used == first_used >= 100
    assert compiled == 0


def test_a_command_or_a_wrong_argument_leaves_compile_and_dataclasses_as_they_were(db_path: Path) -> None:
    from kodaira_desk import cli

    with pytest.raises(SystemExit):
        cli.main(["--no-such-option"])
    assert builtins.compile is real_compile and not hasattr(dataclasses, "exec")
    assert cli.main(["--db", str(db_path), "plans"]) == 0
    assert builtins.compile is real_compile and not hasattr(dataclasses, "exec")


def test_only_the_window_reads_the_kept_code(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kodaira_desk import cli

    read: list[Path] = []
    monkeypatch.setattr(start_costs, "_read", lambda path: read.append(path) or {})
    for command in (["plans"], ["--db", str(db_path), "plans"], [f"--db={db_path}", "export", "json", "--out", "x"],
                    ["--version"], ["-h"], ["round", "--help"]):
        assert not cli.may_open_window(command), command
    assert cli.main(["--db", str(db_path), "plans"]) == 0
    assert read == []
    for window in ([], ["--db", str(db_path)], ["gui"], ["--db", "x.sqlite", "gui", "--department", "政策課"],
                   ["課の提出用ファイル.kdesk"]):
        assert cli.may_open_window(window), window
    start_costs.start()  # as the window's start does (and reads the file once)
    start_costs.finish(keep=False)
    assert read == [start_costs.cache_path()]


def test_every_command_is_known_as_one_and_collects_garbage(db_path: Path, tmp_path: Path) -> None:
    """`plan` was missing from cli.COMMANDS: `kodaira-desk plan …` was taken for the window's start,
    and the garbage collector, turned off before the window's imports, stayed off for the command."""
    import argparse
    import contextlib
    import gc

    from kodaira_desk import cli

    subcommands = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(cli.COMMANDS) == set(subcommands.choices)
    for command in subcommands.choices:
        if command != "gui":
            assert not cli.may_open_window(["--db", str(db_path), command]), command
    enabled = gc.isenabled()  # put back as found: another test's window may have turned it off
    try:
        for argv in (["--db", str(db_path), "plan", "departments"],  # a command
                     ["--db", str(db_path), "plan", "--no-such-option"]):  # a wrong argument
            gc.enable()
            monkeypatched = cli.may_open_window
            cli.may_open_window = lambda _argv: True  # type: ignore[assignment]  # a guess gone wrong
            try:
                with contextlib.suppress(SystemExit):
                    cli.main(argv)
            finally:
                cli.may_open_window = monkeypatched  # type: ignore[assignment]
            assert gc.isenabled(), argv
    finally:
        gc.enable() if enabled else gc.disable()


def test_what_another_start_up_kept_stays_with_what_this_one_used(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A window on a server master and one on a file use different code: each start-up keeps the
    other's too, so neither writes the file again after the other."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "code.marshal"

    def start_up(patterns: list[str]) -> KeptCode:
        re.purge()
        code = KeptCode(path)
        code.install()
        try:
            _make()
            for text in patterns:
                re.compile(text)
        finally:
            code.finish()
        return code

    server = start_up([r"(?P<host>[^/:]+):(?P<port>\d+)", "^postgresql://"])
    assert server.compiled > 2
    file = start_up([r"^[^.]+\.kdesk$"])
    assert file.compiled == 1  # only its own pattern: the dataclasses' code was kept
    again = [start_up([r"(?P<host>[^/:]+):(?P<port>\d+)", "^postgresql://"]), start_up([r"^[^.]+\.kdesk$"])]
    assert [c.compiled for c in again] == [0, 0]
    stale = KeptCode(path).kept
    assert len(stale) == len(server.used) + 1


def test_another_interpreter_or_qt_for_python_keeps_its_own_file(tmp_path: Path) -> None:
    """Debian 12's 3.11.2 and a 3.11.7 share the cache tag: each reads and writes a file of its own
    (before, each found the other's file foreign, compiled everything and rewrote it)."""
    debian = "3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]"
    pyenv = "3.11.7 (main, Dec  8 2023, 14:22:46) [GCC 12.2.0]"
    qt = start_costs.qt_version_bytes()
    assert qt and b"version" in qt  # the PySide6 this test imports has said its version
    names = {start_costs.cache_name(debian, qt), start_costs.cache_name(pyenv, qt),
             start_costs.cache_name(pyenv, qt.replace(b"version", b"version_other"))}
    assert len(names) == 3
    assert start_costs.cache_name(pyenv, qt) == start_costs.cache_name(pyenv, qt)
    assert start_costs.cache_name(sys.version, qt) == start_costs.CACHE_NAME
    assert start_costs.cache_path().name == start_costs.CACHE_NAME
    site = tmp_path / "site"
    (site / "PySide6").mkdir(parents=True)
    (site / "PySide6" / "_config.py").write_bytes(b'version = "6.9.0"\n')
    assert start_costs.qt_version_bytes([str(tmp_path / "none"), str(site)]) == b'version = "6.9.0"\n'
    assert start_costs.qt_version_bytes([str(tmp_path / "none")]) == b""


def test_the_enum_probe_is_made_again_only_for_another_enum_module(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from kodaira_desk.ui import start_enums

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    if not start_enums.taken():
        pytest.skip("a Python whose enum was not compared: no probe is made")
    path = tmp_path / "code.marshal"
    probes: list[bool] = []
    real = start_enums.agrees
    answer = [True]

    def agrees() -> bool:
        probes.append(real())
        return answer[0] and probes[-1]

    def start_up() -> bool:
        kept = KeptCode(path)
        kept.install()
        try:
            return start_enums.taken(kept.agreed)
        finally:
            kept.finish()

    monkeypatch.setattr(start_enums, "agrees", agrees)
    assert start_up() and start_up() and len(probes) == 1  # the second start-up kept the first's answer
    key = start_enums.probe_key()
    assert key is not None
    monkeypatch.setattr(start_enums, "probe_key", lambda: (*key[:-1], key[-1] + 1))  # enum.py changed
    assert start_up() and len(probes) == 2
    answer[0] = False  # (a probe that disagrees: Python's own road, and the no is not kept)
    monkeypatch.setattr(start_enums, "probe_key", lambda: (*key[:-1], key[-1] + 2))
    assert not start_up() and not start_up() and len(probes) == 4
