"""This installation's signing key and the senders it trusts (pinned on first contact).

The private key is made at setup (or on first use in a database older than migration 0006)
and kept in the ``setting`` table. A receiver pins each sender's site uuid, code and public
key when it first applies one of its packages; later packages must agree with the pin
(:func:`check`). Forgetting a pin, so that the next package pins a new key (a reinstalled
studio or county), is for an administrator and is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from studio_app.core import signing
from studio_app.core.errors import NotFound, UserError
from studio_app.services import audit, permissions
from studio_app.services.context import Context
from studio_app.storage.models import Peer, Setting, database

KEY_SETTING = "site.signing_key"  # base64 of the raw Ed25519 private key


def own_private_key() -> bytes:
    """This installation's private key, made and stored in one transaction when missing."""
    row = Setting.get_or_none(Setting.key == KEY_SETTING)
    if row is None:
        with database.atomic():  # two processes at once: the first key stays
            Setting.insert(
                key=KEY_SETTING, value=signing.to_text(signing.new_private_key())
            ).on_conflict_ignore().execute()
        row = Setting.get(Setting.key == KEY_SETTING)
    key = signing.from_text(row.value, signing.KEY_SIZE)
    if key is None:
        raise UserError("本机的签名密钥已损坏，无法导出数据包，请从备份恢复数据库。")
    return key


def own_public_key() -> bytes:
    return signing.public_key(own_private_key())


def own_fingerprint() -> str:
    """This installation's fingerprint, as the other side compares it on paper."""
    return signing.fingerprint(own_public_key())


@dataclass(frozen=True)
class Sender:
    """Who a package says it comes from; ``public_key`` is None for an unsigned package."""

    site_uuid: str
    code: str
    kind: str
    name: str
    public_key: bytes | None

    @property
    def fingerprint(self) -> str:
        return signing.fingerprint(self.public_key) if self.public_key else ""


@dataclass(frozen=True)
class PinnedPeer:
    code: str
    name: str
    kind: str
    site_uuid: str
    fingerprint: str  # "" while only unsigned packages came from it
    pinned_at: datetime  # local time
    pinned_by: str


def _fingerprint(peer: Peer) -> str:
    key = signing.from_text(peer.public_key, signing.KEY_SIZE)
    return signing.fingerprint(key) if key else ""


def pinned() -> list[PinnedPeer]:
    """Every pinned sender, by code."""
    found = []
    for p in Peer.select().order_by(Peer.code):
        when = p.pinned_at if isinstance(p.pinned_at, datetime) else _parse(str(p.pinned_at))
        local = when.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
        found.append(
            PinnedPeer(p.code, p.name, p.kind, p.site_uuid, _fingerprint(p), local, p.pinned_by)
        )
    return found


def _parse(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text[:19])
    except ValueError:
        return datetime(1970, 1, 1)


_FORGED = "（可能是伪造或被改动过的），未导入"
UNSIGNED = "该数据包没有签名（由旧版本程序导出），无法核实来源，请确认制作单位后再导入。"


def check(ctx: Context, sender: Sender) -> list[str]:
    """Refuse (one sentence) a package that disagrees with what is pinned; changes nothing.

    Returns notes for the person importing: an unsigned package, or a first contact (whose
    fingerprint is pinned when the package is applied).
    """
    if not sender.code:
        raise UserError(f"数据包清单中没有制作单位的代码{_FORGED}。")
    if sender.code == ctx.site_code.strip().upper():
        raise UserError(f"数据包写的制作单位代码 {sender.code} 是本机自己的代码{_FORGED}。")
    by_code = Peer.get_or_none(Peer.code == sender.code)
    if by_code is not None and by_code.site_uuid != sender.site_uuid:
        raise UserError(
            f"代码 {sender.code} 已登记为另一台电脑上的“{by_code.name}”，"
            f"这个数据包的单位标识与之不符{_FORGED}。"
        )
    peer = Peer.get_or_none(Peer.site_uuid == sender.site_uuid)
    if peer is not None and peer.code != sender.code:
        raise UserError(
            f"这个数据包的单位此前登记的代码是 {peer.code}（{peer.name}），"
            f"包中却写作 {sender.code}{_FORGED}。"
        )
    if peer is not None and peer.public_key:
        if sender.public_key is None:
            raise UserError(
                f"“{peer.name}”（代码 {peer.code}）已登记签名密钥，这个数据包却没有签名{_FORGED}。"
            )
        if signing.to_text(sender.public_key) != peer.public_key:
            raise UserError(
                f"这个数据包的签名密钥（指纹 {sender.fingerprint}）与“{peer.name}”（代码 "
                f"{peer.code}）登记的密钥不同{_FORGED}；如对方确已重装，请管理员核对指纹后"
                f"解除登记（studio-app peers forget {peer.code}）再导入。"
            )
    if not ctx.is_county:  # a studio hears from one county office only
        other = Peer.get_or_none((Peer.kind == "county") & (Peer.site_uuid != sender.site_uuid))
        if other is not None:
            raise UserError(
                f"本工作室登记的县政协是“{other.name}”（代码 {other.code}），"
                f"这个数据包来自另一台电脑{_FORGED}。"
            )
    notes = []
    if sender.public_key is None:
        notes.append(UNSIGNED)
    elif peer is None or not peer.public_key:
        notes.append(
            f"首次收到“{sender.name or sender.code}”的签名数据包：导入后将登记其签名指纹 "
            f"{sender.fingerprint}，请与对方设置页上显示的指纹核对。"
        )
    return notes


def pin(ctx: Context, sender: Sender) -> None:
    """Pin ``sender`` on first contact (and its key on its first signed package); call it in
    the transaction that applies the package."""
    check(ctx, sender)
    key = signing.to_text(sender.public_key) if sender.public_key else ""
    peer = Peer.get_or_none(Peer.site_uuid == sender.site_uuid)
    if peer is None:
        Peer.create(
            site_uuid=sender.site_uuid, code=sender.code, kind=sender.kind, name=sender.name,
            public_key=key, pinned_at=ctx.now_utc(), pinned_by=ctx.user,
        )  # fmt: skip
    elif key and not peer.public_key:
        Peer.update(public_key=key, name=sender.name).where(Peer.id == peer.id).execute()
    else:
        if peer.name != sender.name:
            Peer.update(name=sender.name).where(Peer.id == peer.id).execute()
        return
    audit.record(
        ctx, "pin", "peer", sender.site_uuid,
        {"code": (None, sender.code), "fingerprint": (None, sender.fingerprint)},
    )  # fmt: skip


def forget(ctx: Context, code: str) -> PinnedPeer:
    """Forget the pin of the sender with ``code``: its next package is pinned again.

    For an administrator, after comparing the new fingerprint on paper or by phone.
    """
    permissions.require(ctx, permissions.Permission.PEERS, "peer")
    code = code.strip().upper()
    found = next((p for p in pinned() if p.code == code), None)
    if found is None:
        raise NotFound(f"没有登记过代码为 {code} 的单位。")
    with database.atomic():
        Peer.delete().where(Peer.code == code).execute()
        audit.record(
            ctx, "forget", "peer", found.site_uuid,
            {"code": (code, None), "fingerprint": (found.fingerprint, None)},
        )  # fmt: skip
    return found
