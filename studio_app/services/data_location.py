"""Whether the data directory sits somewhere risky for a database: a network share, a
removable drive (USB stick) or a folder a sync client copies behind SQLite's back.

Best effort and testable: the mount table, the Windows drive type and the removable-device
test are injectable.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SYNCED_NAMES = (
    "onedrive",
    "dropbox",
    "坚果云",
    "nutstore",
    "百度网盘",
    "baidunetdisk",
    "baiduyunguanjia",
    "icloud",
    "google drive",
    "googledrive",
    "wps网盘",
    "wpsdrive",
    "seafile",
    "synologydrive",
)
NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "ceph", "glusterfs"}
    | {"davfs", "fuse.sshfs", "sshfs", "fuse.davfs2", "fuse.rclone", "fuse.gvfsd-fuse"}
)
DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4  # GetDriveTypeW

Mount = tuple[str, str, str]  # device, mount point, file system type


@dataclass(frozen=True)
class LocationRisk:
    """Why the data directory's place is risky: ``kind`` network | removable | synced."""

    kind: str
    detail: str


def location_risk(
    path: Path,
    *,
    mounts: Callable[[], list[Mount]] | None = None,
    drive_type: Callable[[str], int] | None = None,
    removable_device: Callable[[str], bool] | None = None,
) -> LocationRisk | None:
    """Best effort: is ``path`` on a network share, a removable drive or in a synced folder?

    The probes are injectable for tests; by default they read ``/proc/mounts`` (Linux) or
    ask Windows for the drive type.
    """
    text = str(path)
    lowered = text.lower()
    for name in SYNCED_NAMES:
        if name in lowered:
            return LocationRisk("synced", name)
    if text.startswith(("\\\\", "//")):
        return LocationRisk("network", text.split("\\")[2] if "\\" in text else "")
    if os.name == "nt" or drive_type is not None:
        probe = drive_type or _windows_drive_type
        kind = probe(Path(path).anchor or text[:3])
        if kind == DRIVE_REMOTE:
            return LocationRisk("network", Path(path).anchor)
        if kind == DRIVE_REMOVABLE:
            return LocationRisk("removable", Path(path).anchor)
        return None
    mount = _mount_of(Path(path), (mounts or _proc_mounts)())
    if mount is None:
        return None
    device, point, fstype = mount
    if fstype in NETWORK_FS or fstype.startswith("fuse.sshfs"):
        return LocationRisk("network", fstype)
    is_removable = removable_device or _linux_removable
    if point.startswith(("/media/", "/run/media/")) or is_removable(device):
        return LocationRisk("removable", point)
    return None


def _mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    best: Mount | None = None
    text = str(path)
    for m in mounts:
        point = m[1].rstrip("/") or "/"
        inside = text == point or text.startswith(point + "/") or point == "/"
        if inside and (best is None or len(point) > len(best[1].rstrip("/") or "/")):
            best = m
    return best


def _proc_mounts() -> list[Mount]:
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 3:
            point = (
                parts[1]
                .encode()
                .decode("unicode_escape")
                .encode("latin-1")
                .decode("utf-8", "replace")
            )
            found.append((parts[0], point, parts[2]))
    return found


def _linux_removable(device: str) -> bool:
    if not device.startswith("/dev/"):
        return False
    name = Path(device).name
    for candidate in (name, name.rstrip("0123456789"), name.split("p")[0]):
        flag = Path("/sys/block") / candidate / "removable"
        with contextlib.suppress(OSError):
            return flag.read_text().strip() == "1"
    return False


def _windows_drive_type(root: str) -> int:
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return 0
