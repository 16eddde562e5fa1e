"""The key that protects the wallet's data, and where it is kept.

Every sensitive value the wallet stores is sealed with AES-256-GCM under one random 256-bit
data key (OID4VCI 1.0 §13.10: bearer tokens stored protected; §15.3: credentials stored
encrypted). The data key lives in a :class:`SecretStore` (the OS keyring, implemented in
``wallet_app.host.secrets``) or is derived with scrypt from a passphrase the user chose.

A sealed blob is ``version byte || 12-byte random nonce || ciphertext+tag``. The associated
data (AAD) names the row and column the blob belongs to, so a blob copied into another row or
column does not open.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from typing import Protocol

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from wallet_app.errors import StorageError

__all__ = ["BLOB_VERSION", "KEY_SIZE", "NONCE_SIZE", "SecretStore", "Vault"]

BLOB_VERSION = 1
KEY_SIZE = 32
NONCE_SIZE = 12
_TAG_SIZE = 16
#: a zlib stream starts with 0x78; JSON text never does, so a sealed value tells which it is
_ZLIB_FIRST = 0x78
#: below this size compressing a value does not pay
_COMPRESS_MIN = 160
#: zlib level 1: within a few percent of level 6 on these values, several times faster
_LEVEL = 1
#: an opened value larger than this is refused (a sealed value is ours, but stay bounded)
_MAX_PLAIN = 64 * 1024 * 1024

_UNREADABLE = (
    "Stored wallet data could not be decrypted. The key or passphrase is wrong, or the data "
    "was changed on disk."
)


class SecretStore(Protocol):
    """A place for small named secrets, such as the OS keyring (implemented in ``host``)."""

    @property
    def description(self) -> str:
        """A human name of where secrets are kept, e.g. "Secret Service (GNOME Keyring)"."""
        ...

    def get_secret(self, name: str) -> str | None:
        """Return the secret called ``name``, or None if there is none.

        Raises KeyringError when the secret store cannot be used.
        """
        ...

    def set_secret(self, name: str, value: str) -> None:
        """Store ``value`` under ``name``, replacing any earlier value.

        Raises KeyringError when the secret store cannot be used.
        """
        ...

    def delete_secret(self, name: str) -> None:
        """Remove the secret called ``name``; a missing secret is not an error.

        Raises KeyringError when the secret store cannot be used.
        """
        ...


def _json_default(value: object) -> object:
    """Turn read-only mappings and sequences into JSON-serialisable containers."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class Vault:
    """AES-256-GCM sealing under one 256-bit data key.

    Raises StorageError when a key is malformed or a blob does not open.
    """

    __slots__ = ("_aead", "_key", "_packers", "_tag_key")

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_SIZE:
            raise StorageError(
                "The key that protects the wallet is malformed. Restore it, or recreate the "
                "wallet.",
                detail=f"data key is {len(key)} bytes, expected {KEY_SIZE}",
            )
        self._key = bytes(key)
        self._aead = AESGCM(self._key)
        # a separate key for the keyed hashes that stand in for clear columns
        self._tag_key = hmac.new(self._key, b"wallet-app tag key v1", hashlib.sha256).digest()
        # a compressor primed with each recent zdict: a copy costs ~6 µs, priming one ~30 µs
        self._packers: dict[bytes, zlib._Compress] = {}

    def __repr__(self) -> str:
        return "Vault(<key hidden>)"

    @classmethod
    def generate(cls) -> Vault:
        """Return a vault with a fresh random 256-bit key."""
        return cls(os.urandom(KEY_SIZE))

    @classmethod
    def from_key(cls, key: bytes) -> Vault:
        """Return a vault for a raw 32-byte key; raises StorageError for any other length."""
        return cls(key)

    @classmethod
    def from_exported(cls, text: str) -> Vault:
        """Return a vault for a key made by :meth:`export_key`.

        Raises StorageError if ``text`` is not such a key.
        """
        try:
            key = base64.b64decode(text.encode("ascii"), validate=True)
        except (UnicodeEncodeError, binascii.Error) as exc:
            raise StorageError(
                "The key that protects the wallet is malformed. Restore it, or recreate the "
                "wallet.",
                detail=f"data key is not base64: {type(exc).__name__}",
            ) from exc
        return cls(key)

    @classmethod
    def from_passphrase(
        cls, passphrase: str, salt: bytes, *, n: int = 2**15, r: int = 8, p: int = 1
    ) -> Vault:
        """Derive the key from a passphrase (NFC-normalised) with scrypt (RFC 7914).

        Raises StorageError if the scrypt parameters are invalid.
        """
        secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
        try:
            kdf = Scrypt(salt=salt, length=KEY_SIZE, n=n, r=r, p=p)
            key = kdf.derive(secret)
        except (ValueError, TypeError, UnsupportedAlgorithm, MemoryError) as exc:
            raise StorageError(
                "The wallet's passphrase settings are invalid. The wallet file may be damaged.",
                detail=f"scrypt(n={n}, r={r}, p={p}): {exc}",
            ) from exc
        return cls(key)

    def export_key(self) -> str:
        """Return the key as standard base64 text, for the OS keyring."""
        return base64.b64encode(self._key).decode("ascii")

    def seal(self, plaintext: bytes, *, aad: bytes) -> bytes:
        """Encrypt and authenticate ``plaintext``, bound to ``aad``; returns the blob."""
        nonce = os.urandom(NONCE_SIZE)
        return bytes([BLOB_VERSION]) + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, *, aad: bytes) -> bytes:
        """Decrypt a blob made by :meth:`seal` with the same ``aad``.

        Raises StorageError if the blob was changed, belongs elsewhere or the key is wrong.
        """
        if len(blob) < 1 + NONCE_SIZE + _TAG_SIZE or blob[0] != BLOB_VERSION:
            raise StorageError(
                _UNREADABLE, detail="sealed blob is truncated or of an unknown version"
            )
        nonce = blob[1 : 1 + NONCE_SIZE]
        try:
            return self._aead.decrypt(nonce, blob[1 + NONCE_SIZE :], aad)
        except InvalidTag as exc:
            raise StorageError(_UNREADABLE, detail="AES-GCM authentication failed") from exc

    def tag(self, value: str, *, purpose: str) -> str:
        """A keyed hash (HMAC-SHA-256, 128 bits, hex) of ``value``: a lookup key that stands in
        for a clear column (an issuer URL) without revealing it to whoever reads the file."""
        message = purpose.encode("utf-8") + b"\x00" + value.encode("utf-8", "surrogatepass")
        return hmac.new(self._tag_key, message, hashlib.sha256).hexdigest()[:32]

    def seal_json(
        self, value: object, *, aad: bytes, compress: bool = False, zdict: bytes | None = None
    ) -> bytes:
        """Seal a JSON-serialisable value (mappings and sequences of any kind are accepted),
        zlib-compressed first when ``compress`` and it makes the value smaller; ``zdict`` is a
        preset dictionary (a similar value: :meth:`open_json` needs the same one).

        Raises StorageError if the value cannot be written as JSON (or as UTF-8).
        """
        try:
            text = json.dumps(
                value, default=_json_default, ensure_ascii=False, separators=(",", ":")
            )
            data = text.encode("utf-8")
        except (TypeError, ValueError) as exc:  # UnicodeEncodeError: a lone surrogate
            raise StorageError(
                "Data could not be saved in the wallet.", detail=f"not JSON: {exc}"
            ) from exc
        if compress and len(data) >= _COMPRESS_MIN:
            # memLevel 4: half the time of the default 8 (its hash tables are set up for every
            # value), the same size on these values of a few KiB
            packer = (
                self._packer(zdict) if zdict else zlib.compressobj(_LEVEL, zlib.DEFLATED, 15, 4)
            )
            packed = packer.compress(data) + packer.flush()
            if len(packed) < len(data):
                data = packed
        return self.seal(data, aad=aad)

    def _packer(self, zdict: bytes) -> zlib._Compress:
        """A fresh compressor primed with ``zdict`` (a copy of one of the 8 most recently used)."""
        primed = self._packers.pop(zdict, None)
        if primed is None:
            primed = zlib.compressobj(_LEVEL, zlib.DEFLATED, 15, 4, zlib.Z_DEFAULT_STRATEGY, zdict)
            if len(self._packers) >= 8:  # the least recently used goes (shared ones stay)
                self._packers.pop(next(iter(self._packers)), None)
        self._packers[zdict] = primed
        return primed.copy()

    def open_json(self, blob: bytes, *, aad: bytes, zdict: bytes | None = None) -> object:
        """Open a blob made by :meth:`seal_json` (with the same ``zdict``) and parse its JSON.

        Raises StorageError if the blob does not open or is not JSON.
        """
        plaintext = self.open(blob, aad=aad)
        try:
            if plaintext[:1] == b"\x78":  # _ZLIB_FIRST
                inflater = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
                plaintext = inflater.decompress(plaintext, _MAX_PLAIN)
                if inflater.unconsumed_tail:
                    raise ValueError("sealed value too large")
            value: object = json.loads(plaintext.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, zlib.error, RecursionError) as exc:
            raise StorageError(_UNREADABLE, detail="sealed blob is not JSON") from exc
        return value
