"""A fake PostgreSQL server on a local port, a Python thread: it accepts every connection and then
never answers (`silent`), or answers the start-up as a server does — no SSL, trust, UTF8 — and
then never answers a query (`after_login`). What a stuck server, or a proxy that lost its server,
does to a client. `FreezingLink`: a real server that goes silent in the middle of the work."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import struct
import threading
from collections.abc import Iterator
from types import FrameType

SSL_REQUEST = 80877103


class SilentServer:
    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []  # never closed while the server runs: the client waits
        self.logins = 0
        threading.Thread(target=self._serve, name="silent-server", daemon=True).start()

    def url(self, password: str = "s3cret") -> str:
        return f"postgresql://clerk:{password}@127.0.0.1:{self.port}/kd_master"

    def _serve(self) -> None:
        while True:
            try:
                con, _ = self.listener.accept()
            except OSError:  # closed
                return
            self.held.append(con)
            if self.mode == "after_login":
                threading.Thread(target=self._login, args=(con,), daemon=True).start()

    def _login(self, con: socket.socket) -> None:
        with contextlib.suppress(OSError):
            body = _packet(con)
            if struct.unpack("!i", body[:4])[0] == SSL_REQUEST:
                con.sendall(b"N")  # no SSL: the start-up packet follows
                _packet(con)
            _send(con, b"R", struct.pack("!i", 0))  # AuthenticationOk
            for key, value in (("client_encoding", "UTF8"), ("server_encoding", "UTF8"),
                               ("server_version", "15.0"), ("standard_conforming_strings", "on"),
                               ("DateStyle", "ISO, MDY"), ("integer_datetimes", "on")):
                _send(con, b"S", key.encode() + b"\0" + value.encode() + b"\0")
            _send(con, b"K", struct.pack("!ii", 4242, 1))
            _send(con, b"Z", b"I")  # ready for a query
            self.logins += 1
            while con.recv(1 << 16):  # every query read, none answered
                pass

    def close(self) -> None:
        self.listener.close()
        for con in self.held:
            con.close()


class FreezingLink:
    """A TCP proxy to the test cluster's Unix socket that, once `freeze()` is called, hands nothing
    on any more in either direction (keeping every socket open): a server that went silent."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.frozen = threading.Event()
        self.held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def freeze(self) -> None:
        self.frozen.set()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(self.socket_path)
            self.held += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, to: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(1 << 16):
                if not self.frozen.is_set():
                    to.sendall(data)

    def close(self) -> None:
        self.listener.close()
        for s in self.held:  # (shut down first: a recv waiting in another thread ends, the peer is told)
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()


def _packet(con: socket.socket) -> bytes:
    size = struct.unpack("!i", _exactly(con, 4))[0]
    return _exactly(con, size - 4)


def _exactly(con: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = con.recv(size - len(data))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data


def _send(con: socket.socket, kind: bytes, body: bytes) -> None:
    con.sendall(kind + struct.pack("!i", len(body) + 4) + body)


@contextlib.contextmanager
def no_longer_than(seconds: float, pids: list[int] | None = None) -> Iterator[None]:
    """A wait that never ends fails the test (an AssertionError raised in it, the processes
    `pids` this test started ended) instead of hanging the suite: not a timing of the test, a
    bound far above what the code under test waits."""
    def stop(_signum: int, _frame: FrameType | None) -> None:
        for pid in pids or ():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        raise AssertionError(f"still waiting after {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
