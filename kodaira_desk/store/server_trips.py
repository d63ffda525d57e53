"""Fewer round trips to a server master (issue 27): each one is a network's latency, paid while a
person waits for the window.

- The pool's liveness check only after a connection sat idle (`ping_when_idle`). SQLAlchemy's
  `pool_pre_ping` asks the server before every checkout: one round trip for each read, even a
  read made a moment after the last. A connection used within the last IDLE_PING_S seconds is
  taken as it is; one idle longer is asked first, and a dead one is replaced before it is used
  (SQLAlchemy's pessimistic disconnect handling: DisconnectionError in "checkout"). A server that
  went away within those seconds fails the one operation with the usual message, and the pool
  drops the connection.
- SQLAlchemy's first connection asks the server four questions, six round trips with its BEGIN
  and ROLLBACK (`answer_first_questions`): the version and whether strings are standard
  conforming are already known from the connection's start (libpq's parameter status: no trip),
  and the default schema and isolation level are asked together in one query outside any
  transaction.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

IDLE_PING_S = 30.0
_CHECKED_IN = "kd_checked_in"  # the pool record's info: when the connection came back (monotonic)


def ping_when_idle(engine: Engine) -> None:
    """The liveness check, only for a connection idle past IDLE_PING_S (instead of pool_pre_ping)."""
    from sqlalchemy import event, exc

    def checkin(_dbapi_con: Any, record: Any) -> None:
        record.info[_CHECKED_IN] = time.monotonic()

    def checkout(dbapi_con: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_CHECKED_IN)
        if since is None or time.monotonic() - since < IDLE_PING_S:
            return  # new, or used a moment ago
        try:
            alive = engine.dialect.do_ping(dbapi_con)
        except Exception as e:  # the driver's own error for a closed or broken connection
            raise exc.DisconnectionError(str(e)) from e
        if not alive:
            raise exc.DisconnectionError("the server did not answer")

    event.listen(engine, "checkin", checkin)
    event.listen(engine, "checkout", checkout)


def server_version(number: int) -> tuple[int, ...]:
    """libpq's server_version number as SQLAlchemy's version tuple: 160004 → (16, 4), 90624 → (9, 6, 24)."""
    if number >= 100000:
        return (number // 10000, number % 10000)
    return (number // 10000, number // 100 % 100, number % 100)


def answer_first_questions(engine: Engine) -> None:
    """SQLAlchemy's first-connect questions in one round trip instead of six (see the module)."""
    dialect: Any = engine.dialect
    asked_isolation: dict[int, str] = {}
    default_level = dialect.get_default_isolation_level

    def version(connection: Any) -> tuple[int, ...]:
        return server_version(connection.connection.driver_connection.info.server_version)

    def schema(connection: Any) -> str:
        driver = connection.connection.driver_connection
        was = driver.autocommit
        driver.autocommit = True  # no BEGIN, no ROLLBACK: one query, one round trip
        try:
            name, isolation = driver.execute(
                "SELECT current_schema(), current_setting('transaction_isolation')").fetchone()
        finally:
            driver.autocommit = was
        asked_isolation[id(driver)] = str(isolation).upper()
        return str(name)

    def isolation(dbapi_con: Any) -> str:
        known = asked_isolation.pop(id(dbapi_con), None)
        return known if known is not None else str(default_level(dbapi_con))

    def quoting(connection: Any) -> None:
        status = connection.connection.driver_connection.info.parameter_status("standard_conforming_strings")
        dialect._backslash_escapes = status == "off"

    dialect._get_server_version_info = version
    dialect._get_default_schema_name = schema
    dialect.get_default_isolation_level = isolation
    dialect._set_backslash_escapes = quoting
