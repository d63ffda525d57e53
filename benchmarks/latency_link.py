"""A link with latency to a PostgreSQL server's Unix socket, and the round trips counted on the wire
(issue 27: "measure with `tc qdisc add dev lo root netem delay 1ms`, where the machine allows it;
otherwise count round trips").

This machine's kernel has no netem (`tc qdisc add dev lo root netem delay 1ms` answers "Specified
qdisc kind is unknown", even in a network namespace of its own), so the delay is made here: a TCP
proxy on 127.0.0.1 in a process of its own (never in the measured process: it would share its
interpreter's lock) that hands each chunk on DELAY_S after it arrived, in each direction, as
netem delays each packet (the chunks of a burst stay as close as they came: the delay is not
paid once per chunk). A round trip is counted each time a client sends after the server has
answered (or first): the connection's start-up, authentication, every query and every pipeline,
whichever library sends it (the window's process and the process that reads for it alike).

`python benchmarks/latency_link.py SOCKET_PATH [DELAY_MS]` prints "port N", then, for each line
"count" it reads, "trips T connections C" (since the last count).
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from collections import deque

DELAY_S = 0.001


class Link:
    def __init__(self, socket_path: str, delay_s: float = DELAY_S) -> None:
        self.socket_path, self.delay_s = socket_path, delay_s
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.trips = self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def count(self) -> tuple[int, int]:
        with self.lock:
            counted = self.trips, self.connections
            self.trips = self.connections = 0
        return counted

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(self.socket_path)
            with self.lock:
                self.connections += 1
            turn = ["server"]  # who spoke last on this connection
            for source, to, side in ((client, upstream, "client"), (upstream, client, "server")):
                queue: deque[tuple[float, bytes]] = deque()
                ready = threading.Condition()
                threading.Thread(target=self._read, args=(source, queue, ready, side, turn), daemon=True).start()
                threading.Thread(target=self._write, args=(to, queue, ready), daemon=True).start()

    def _read(self, source: socket.socket, queue: deque[tuple[float, bytes]], ready: threading.Condition,
              side: str, turn: list[str]) -> None:
        data = b""
        with contextlib.suppress(OSError):
            while data := source.recv(1 << 16):
                with self.lock:
                    if side == "client" and turn[0] == "server":
                        self.trips += 1
                    turn[0] = side
                with ready:
                    queue.append((time.monotonic() + self.delay_s, data))
                    ready.notify()
        with ready:
            queue.append((0.0, b""))  # the end
            ready.notify()

    def _write(self, to: socket.socket, queue: deque[tuple[float, bytes]], ready: threading.Condition) -> None:
        while True:
            with ready:
                while not queue:
                    ready.wait()
                due, data = queue.popleft()
            if not data:
                break
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                to.sendall(data)
            except OSError:
                break
        with contextlib.suppress(OSError):
            to.shutdown(socket.SHUT_RDWR)


def main() -> None:
    link = Link(sys.argv[1], float(sys.argv[2]) / 1000 if len(sys.argv) > 2 else DELAY_S)
    print(f"port {link.port}", flush=True)
    for line in sys.stdin:
        if line.strip() == "count":
            trips, connections = link.count()
            print(f"trips {trips} connections {connections}", flush=True)


if __name__ == "__main__":
    main()
