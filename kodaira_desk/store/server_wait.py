"""A server that accepts the connection and then does not answer: the reads' wait bounded.

libpq's connect_timeout (server.CONNECT_TIMEOUT_S) covers the connection only; once logged in,
psycopg waits for a query's answer as long as it takes (a server stuck, or a proxy that let us in
and lost its server): the person's start-up, or a command, would wait forever. `AnsweringConnection`
is psycopg's connection whose every wait for the server ends with `ServerSilent` once the server has
sent nothing for server.ANSWER_TIMEOUT_S: a silence, not a total time, so a big read that keeps
coming is never cut. The connection is closed then (its state is unknown): the reads make a new one.

Imported with psycopg, by the reads only (store/server.ReadConnections), never at the window's start.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import Any

import psycopg


class ServerSilent(psycopg.OperationalError):
    """The server sent nothing for ANSWER_TIMEOUT_S while a query waited for it
    (server.connect_message words it for people)."""

    server_silent = True


def _bounded(gen: Generator[Any, Any, Any], limit: float,
             on_input: Callable[[], None] | None = None) -> Generator[Any, Any, Any]:
    """`gen` (psycopg's generator for one operation) that raises ServerSilent when the waiter has
    told it `limit` seconds long that nothing came (the waiter sends 0 every interval of nothing);
    `on_input` is called whenever the socket is ready (bytes came, or could be sent)."""
    last = time.monotonic()
    try:
        wants = next(gen)
        while True:
            ready = yield wants
            now = time.monotonic()
            if ready:
                last = now
                if on_input is not None:
                    on_input()
            elif now - last >= limit:
                gen.close()
                raise ServerSilent(f"the server sent nothing for {limit:g} seconds")
            wants = gen.send(ready)
    except StopIteration as done:
        return done.value


class AnsweringConnection(psycopg.Connection[Any]):
    """psycopg's connection whose waits for the server end after `answer_timeout` seconds of
    silence (store/server.ReadConnections sets server.ANSWER_TIMEOUT_S as it connects)."""

    answer_timeout = 60.0
    on_input: Callable[[], None] | None = None  # told as the server's bytes come (ReadConnections)

    def wait(self, gen: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().wait(_bounded(gen, self.answer_timeout, self.on_input), *args, **kwargs)
        except ServerSilent:
            self.pgconn.finish()  # what the server was sent is unanswered: the connection is not used again
            raise
