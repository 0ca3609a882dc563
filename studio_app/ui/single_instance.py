"""One running app per data directory (docs/QUALITY.md row 24).

The first instance holds a lock file in the data directory and listens on a local socket
named from a hash of the directory's path. A second launch finds the lock taken, asks the
first over the socket to bring its window forward, and exits; if the first does not
answer, the second says why and exits non-zero. A lock left by a crashed process is
recognised as stale (its process is gone) and taken over.
"""

from __future__ import annotations

import enum
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "studio-app.lock"
ACTIVATE = b"activate\n"
ANSWER = b"ok\n"
WAIT_MS = 3000


def server_name(data_dir: Path) -> str:
    """A socket name unique to the directory (and short: Unix socket paths are limited)."""
    key = os.path.normcase(str(Path(data_dir).resolve()))
    return "StudioLedger-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class Outcome(enum.Enum):
    FIRST = "first"  # this process owns the data directory now
    ACTIVATED = "activated"  # another one does, and was asked to come forward
    REFUSED = "refused"  # another one does and did not answer, or no lock was possible


@dataclass
class Claim:
    outcome: Outcome
    reason: str = ""


class SingleInstance(QObject):
    """The guard of one data directory; ``activated`` fires when a second launch asks."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.lock = QLockFile(str(Path(data_dir) / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.server: QLocalServer | None = None

    def claim(self) -> Claim:
        if self.lock.tryLock(0):
            self._listen()
            return Claim(Outcome.FIRST)
        if self.lock.error() != QLockFile.LockError.LockFailedError:
            why = QCoreApplication.translate(
                "SingleInstance", "The data folder cannot be locked (no permission to write?)."
            )
            return Claim(Outcome.REFUSED, why)
        if self._ask_to_activate():
            return Claim(Outcome.ACTIVATED)
        info = self.lock.getLockInfo()  # PySide6: (pid, hostname, appname)
        pid = next((v for v in info if isinstance(v, int) and not isinstance(v, bool)), 0)
        why = QCoreApplication.translate(
            "SingleInstance",
            "This data folder is already open in another Studio Ledger (process {0}), which "
            "does not respond. Close that window, or wait a moment, and start again.",
        )
        return Claim(Outcome.REFUSED, why.format(pid))

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()

    # -- the first instance ----------------------------------------------------------------

    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # a socket file left by a crash (Unix)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._connected)
            self.server = server

    def _connected(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == ACTIVATE:
            socket.write(ANSWER)
            socket.flush()
            self.activated.emit()
        socket.disconnectFromServer()

    # -- a second launch -------------------------------------------------------------------

    def _ask_to_activate(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(WAIT_MS):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(WAIT_MS)
        answered = socket.waitForReadyRead(WAIT_MS) and bytes(socket.readAll().data()) == ANSWER
        socket.abort()
        return answered
