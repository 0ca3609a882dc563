"""Signed manifests (format 3): the sender's public key and an Ed25519 signature.

The signature covers a canonical serialization of every other manifest entry — which holds
the per-sheet SHA-256 over the row hashes, so the rows are covered through it: a row edited
by hand still shows as edited (its hash no longer matches), while any change to the manifest
itself (kind, site, code, sequence, counts, hashes) breaks the signature.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from studio_app.core import signing
from studio_app.core.errors import UserError
from studio_app.services.peers import Sender

KEY_ENTRY, SIGNATURE_ENTRY = "signer_key", "signature"
SIGNED_FROM = 3  # the first format version whose packages must be signed
_DOMAIN = b"studio-ledger package manifest\n"


def signed_bytes(manifest: Mapping[str, Any]) -> bytes:
    """What the signature covers: every entry but the signature, as sorted ASCII JSON."""
    content = {k: v for k, v in manifest.items() if k != SIGNATURE_ENTRY}
    text = json.dumps(content, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return _DOMAIN + text.encode("ascii")


def sign(manifest: Mapping[str, Any], private_key: bytes) -> dict[str, Any]:
    """``manifest`` with the signer's public key and the signature added."""
    signed = {**manifest, KEY_ENTRY: signing.to_text(signing.public_key(private_key))}
    signed.pop(SIGNATURE_ENTRY, None)
    signature = signing.sign(private_key, signed_bytes(signed))
    return {**signed, SIGNATURE_ENTRY: signing.to_text(signature)}


def verify(manifest: Mapping[str, Any]) -> bytes | None:
    """The signer's public key after checking the signature; None for an unsigned package of
    an older format. Raises :class:`UserError` for a bad or missing signature."""
    has_any = KEY_ENTRY in manifest or SIGNATURE_ENTRY in manifest
    if not has_any and int(manifest["format_version"]) < SIGNED_FROM:
        return None
    key = signing.from_text(manifest.get(KEY_ENTRY), signing.KEY_SIZE)
    signature = signing.from_text(manifest.get(SIGNATURE_ENTRY), signing.SIGNATURE_SIZE)
    if key is None or signature is None:
        raise UserError("数据包清单缺少签名或签名已损坏（清单被改动过），未导入。")
    if not signing.verify(key, signature, signed_bytes(manifest)):
        raise UserError(
            "数据包的签名不符：清单在导出后被改动过（如单位、代码或类型），"
            "或不是由所写的单位导出的，未导入。"
        )
    return key


def sender(manifest: Mapping[str, Any]) -> Sender:
    """Who a read (and verified) manifest says it comes from."""
    key = signing.from_text(manifest.get(KEY_ENTRY), signing.KEY_SIZE)
    return Sender(
        site_uuid=str(manifest["site_uuid"]),
        code=str(manifest.get("site_code", "")).strip().upper(),
        kind="county" if manifest.get("kind") == "feedback" else "studio",
        name=str(manifest.get("site_name", "")),
        public_key=key if SIGNATURE_ENTRY in manifest else None,
    )
