"""Ed25519 keys, signatures and fingerprints (``cryptography``), as raw bytes and base64 text.

Each installation signs the packages it sends; receivers pin the public key (see
``services.peers``). A fingerprint is the SHA-256 of the raw public key, its first 160 bits
shown as ten groups of four hex digits: short enough to read aloud and compare on paper.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

# ``cryptography`` is imported where a key is used: the app's start needs only the texts.

KEY_SIZE = 32  # raw Ed25519 keys, public and private
SIGNATURE_SIZE = 64
FINGERPRINT_GROUPS = 10


def new_private_key() -> bytes:
    """A fresh private key (raw 32 bytes)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key(private: bytes) -> bytes:
    """The raw public key of the raw private key ``private``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(private).public_key()
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(private: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def verify(public: bytes, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is ``public``'s over ``data`` (False for malformed input too)."""
    if len(public) != KEY_SIZE or len(signature) != SIGNATURE_SIZE:
        return False
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: bytes) -> str:
    """E.g. ``3F2A 91C0 …`` (ten groups): what people compare on paper."""
    digest = hashlib.sha256(public).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, 4 * FINGERPRINT_GROUPS, 4))


def to_text(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def from_text(text: object, size: int) -> bytes | None:
    """The bytes of base64 ``text`` when it holds exactly ``size`` of them, else None."""
    if not isinstance(text, str) or not text.isascii():
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == size else None
