"""A raw TCP server on 127.0.0.1, for the tests that need the wire itself: what libcurl
sends, a peer that never answers, one that closes, a port that must never be reached.

Each connection is served on a thread of its own by the subclass's :meth:`RawServer.serve`
and counted; :attr:`RawServer.ended` is set whenever one ends (closed or reset, as a
transfer cut short does). :meth:`RawServer.close` shuts the listener and every open
connection, which wakes a thread blocked in accept, recv or send.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class RawServer:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self.ended = threading.Event()
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def serve(self, conn: socket.socket, number: int) -> None:
        """Answer connection ``number`` (1 for the first); it is closed when this returns."""
        raise NotImplementedError

    def close(self) -> None:
        for sock in [self.listener, *self._open]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                number = self.connections
                self._open.append(conn)
            threading.Thread(target=self._run, args=(conn, number), daemon=True).start()

    def _run(self, conn: socket.socket, number: int) -> None:
        with conn, contextlib.suppress(OSError):  # the client may close or reset mid-answer
            self.serve(conn, number)
        self.ended.set()
