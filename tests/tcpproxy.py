"""A real TCP proxy between sohoa and the S3 gateway, for faults loopback cannot produce.

On 127.0.0.1 every round trip takes microseconds, so added latency cannot be had for real:
this proxy forwards every byte unchanged but holds each chunk for ``delay`` seconds first
(a slow link), and can go ``down`` (cut every open connection and reset new ones, the way a
flapping link or a restarting load balancer looks to a client) and ``up`` again. The
connections, HTTP and S3 traffic themselves are real.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, *, delay: float = 0.0) -> None:
        self.target = (target_host, target_port)
        self.delay = delay
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._down = False
        self._closed = False
        self.accepted = 0  # connections that were forwarded
        self.refused = 0  # connections reset while down
        self.delayed_chunks = 0
        self._thread = threading.Thread(target=self._accept_loop, name="tcpproxy", daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"

    # -- control -------------------------------------------------------------------------

    def go_down(self) -> None:
        """Cut every open connection (RST) and reset new ones until :meth:`go_up`."""
        with self._lock:
            self._down = True
            victims, self._open = list(self._open), set()
        for sock in victims:
            _cut(sock)

    def go_up(self) -> None:
        with self._lock:
            self._down = False

    def close(self) -> None:
        self._closed = True
        self.go_down()
        # close() alone does not wake a thread blocked in accept() on Linux; shutdown does
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._thread.join(timeout=10)
        if self._thread.is_alive():
            raise RuntimeError("tcpproxy: the accept loop did not stop")

    # -- forwarding ----------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                down = self._down
                if down:
                    self.refused += 1
            if down:
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=10)
                upstream.settimeout(None)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self.accepted += 1
                self._open.update((client, upstream))
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                chunk = src.recv(65536)
                if not chunk:
                    break
                if self.delay:
                    time.sleep(self.delay)  # the injected latency, not a synchronization
                    with self._lock:
                        self.delayed_chunks += 1
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            with self._lock:
                self._open.discard(src)
                self._open.discard(dst)


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), what a client sees as 'connection reset by peer'."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _cut(sock: socket.socket) -> None:
    """Break an open connection under its pump threads (they wake up and close it)."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
