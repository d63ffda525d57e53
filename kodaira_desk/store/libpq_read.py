"""The start-up's two round trips to a server master through libpq itself (issue 27).

The process that reads a server master as the window starts (services/opening.py) asks two
things: the identity, and the first screen's queries in one read-only snapshot. psycopg's import
costs that process 65–150 ms of CPU (asyncio, ssl, importlib.metadata…): the window waits for it
on a loaded machine. Here the same questions go through libpq (the library psycopg_binary ships,
or the system's) with ctypes: a connection, a pipeline per round trip, the rows in text converted
by their type as psycopg converts them (integers, booleans, texts, floats, NULL).

The answers are waited for with libpq's asynchronous calls (PQisBusy, PQconsumeInput, select on
PQsocket): `on_input` is called as the server's bytes arrive (services/opening.py tells the window
the server is answering), and a server that sends nothing at all for `silence` seconds ends the
read (NotHere, `server_silent`): a silence on the socket, never a total time.

Anything this does not do — no libpq found, a type it does not convert, an error from the server,
a connection refused — raises `NotHere`: the caller asks again with psycopg, which says what went
wrong in the words the window shows (store/server.connect_message).
"""

from __future__ import annotations

import ctypes
import glob
import importlib.util
import os
import select
from collections.abc import Callable, Sequence
from typing import Any

from kodaira_desk.store.server import _QMARK

Rows = list[tuple[Any, ...]]

CONNECTION_OK = 0
PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_PIPELINE_SYNC = 1, 2, 10
# the types' OIDs (pg_type) converted here, as psycopg converts them
_CONVERT: dict[int, Callable[[bytes], Any]] = {
    16: lambda v: v == b"t",  # bool
    20: int, 21: int, 23: int, 26: int,  # int8, int2, int4, oid
    25: bytes.decode, 1043: bytes.decode, 1042: bytes.decode, 19: bytes.decode, 705: bytes.decode,  # text…
    700: float, 701: float,  # float4, float8
}


def param_texts(params: Sequence[Any]) -> list[bytes | None]:
    """Parameters as libpq takes them in text: a text, a whole number, or NULL for None (as psycopg
    sends them); any other type is psycopg's to send (`str(None)` would have sent the text 'None')."""
    out: list[bytes | None] = []
    for value in params:
        if value is None:
            out.append(None)
        elif type(value) is str:
            out.append(value.encode())
        elif type(value) is int:
            out.append(str(value).encode())
        else:
            raise NotHere(f"a parameter of type {type(value).__name__}")
    return out


class NotHere(Exception):
    """Something this client does not do: ask with psycopg. `timed_out`: the server did not answer
    within connect_timeout, or (`server_silent`) sent nothing for `silence` seconds once connected:
    asking again would make the person wait as long again."""

    def __init__(self, why: str, timed_out: bool = False, server_silent: bool = False) -> None:
        super().__init__(why)
        self.timed_out = timed_out or server_silent
        self.server_silent = server_silent


def _library() -> Any:
    """libpq: psycopg_binary's own copy (what psycopg would use), else the system's."""
    spec = importlib.util.find_spec("psycopg_binary")
    places = []
    if spec is not None and spec.origin:
        site = os.path.dirname(os.path.dirname(spec.origin))
        places = sorted(glob.glob(os.path.join(site, "psycopg_binary.libs", "libpq-*.so*")))
    for name in [*places, "libpq.so.5"]:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        return _declared(lib)
    raise NotHere("no libpq")


def _declared(lib: Any) -> Any:
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    for name, restype, argtypes in (
            ("PQconnectdb", p, [s]), ("PQstatus", i, [p]), ("PQfinish", None, [p]), ("PQerrorMessage", s, [p]),
            ("PQparameterStatus", s, [p, s]), ("PQenterPipelineMode", i, [p]), ("PQpipelineSync", i, [p]),
            ("PQsendQueryParams", i, [p, s, i, p, ctypes.POINTER(s), p, p, i]), ("PQgetResult", p, [p]),
            ("PQresultStatus", i, [p]), ("PQclear", None, [p]), ("PQntuples", i, [p]), ("PQnfields", i, [p]),
            ("PQftype", ctypes.c_uint, [p, i]), ("PQgetvalue", s, [p, i, i]), ("PQgetisnull", i, [p, i, i]),
            ("PQsocket", i, [p]), ("PQisBusy", i, [p]), ("PQconsumeInput", i, [p])):
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


class Connection:
    """One libpq connection in pipeline mode: `ask` sends statements together, one round trip."""

    def __init__(self, conninfo: str, silence: float | None = None,
                 on_input: Callable[[], None] | None = None) -> None:
        self.silence = silence  # None: wait as long as it takes
        self.on_input = on_input
        self.lib = _library()
        self.con = self.lib.PQconnectdb(conninfo.encode())
        if not self.con or self.lib.PQstatus(self.con) != CONNECTION_OK:
            text = (self.lib.PQerrorMessage(self.con) or b"").decode(errors="replace") if self.con else ""
            self.close()
            raise NotHere(text or "not connected", timed_out="timeout expired" in text)
        if self.lib.PQparameterStatus(self.con, b"client_encoding") != b"UTF8":
            self.close()
            raise NotHere("not UTF8")
        if self.lib.PQenterPipelineMode(self.con) != 1:
            self.close()
            raise NotHere("no pipeline")

    def ask(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[Rows]:
        """Each statement's rows (none for a command), the statements sent in one pipeline."""
        lib = self.lib
        for sql, params in statements:
            texts = (ctypes.c_char_p * max(len(params), 1))(*param_texts(params))
            if not lib.PQsendQueryParams(self.con, _numbered(sql).encode(), len(params), None, texts, None, None, 0):
                raise NotHere("not sent")
        if not lib.PQpipelineSync(self.con):
            raise NotHere("not synced")
        answers = [self._rows() for _ in statements]
        self._wait()
        end = lib.PQgetResult(self.con)
        status = lib.PQresultStatus(end) if end else -1
        lib.PQclear(end)
        if status != PGRES_PIPELINE_SYNC:
            raise NotHere("no sync")
        return answers

    def _rows(self) -> Rows:
        lib = self.lib
        self._wait()
        result = lib.PQgetResult(self.con)
        if not result:
            raise NotHere("no result")
        try:
            status = lib.PQresultStatus(result)
            if status not in (PGRES_COMMAND_OK, PGRES_TUPLES_OK):
                raise NotHere(f"status {status}")
            convert = []
            for column in range(lib.PQnfields(result)):
                kind = _CONVERT.get(lib.PQftype(result, column))
                if kind is None:
                    raise NotHere("a type not converted here")
                convert.append((column, kind))
            value, isnull = lib.PQgetvalue, lib.PQgetisnull
            rows = [tuple(None if (v := value(result, row, column)) == b"" and isnull(result, row, column)
                          else kind(v) for column, kind in convert) for row in range(lib.PQntuples(result))]
        finally:
            lib.PQclear(result)
        self._wait()
        if lib.PQgetResult(self.con):  # each statement's results end with a NULL
            raise NotHere("more results")
        return rows

    def _wait(self) -> None:
        """Until PQgetResult would not block: the server's bytes read as they come, each arrival
        told to `on_input`; NotHere (server_silent) after `silence` seconds without a byte."""
        lib = self.lib
        while lib.PQisBusy(self.con):
            sock = lib.PQsocket(self.con)
            if sock < 0:
                raise NotHere("no socket")
            ready, _, _ = select.select([sock], [], [], self.silence)
            if not ready:
                raise NotHere(f"the server sent nothing for {self.silence:g} seconds", server_silent=True)
            if not lib.PQconsumeInput(self.con):
                raise NotHere("input not read")
            if self.on_input is not None:
                self.on_input()

    def close(self) -> None:
        if self.con:
            self.lib.PQfinish(self.con)
            self.con = None


def _numbered(sql: str) -> str:
    """`?` placeholders as libpq's $1, $2, … (a literal % stays as it is: no Python formatting)."""
    count = iter(range(1, 1 << 16))
    return _QMARK.sub(lambda m: f"${next(count)}" if m.group() == "?" else "%", sql)
