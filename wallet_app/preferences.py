"""The user's saved preferences: one small JSON file written by the settings dialog.

Precedence when settings are built (:func:`wallet_app.settings.load_settings`): defaults <
this file < environment (``WALLET_APP_*``) < command-line flags. A missing or damaged file
gives the defaults and a logged warning, never a failure at start-up.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Literal

from wallet_app.errors import StorageError
from wallet_app.frozen import frozen
from wallet_app.profiles import ClientProfile, profile_from_json
from wallet_app.proxy_choice import parse_proxy_setting

__all__ = [
    "CONFIG_DIR_ENV",
    "Preferences",
    "load_preferences",
    "mark_handler_offer_answered",
    "preferences_path",
    "remember_profile",
    "save_preferences",
    "write_text_atomically",
]

log = logging.getLogger(__name__)

CONFIG_DIR_ENV = "WALLET_APP_CONFIG_DIR"
_FILE_NAME = "settings.json"
_MAX_BYTES = 256 * 1024


@frozen
class Preferences:
    """What the user chose in the settings dialog; None means "not chosen: use the default"."""

    language: str | None = None
    redirect_mode: Literal["scheme", "loopback"] | None = None
    client_ids: Mapping[str, str] = field(default_factory=dict)
    allow_http_loopback: bool = True
    extra_ca_file: str | None = None
    data_dir: str | None = None
    #: the user answered the first-run offer to open credential offer links with the wallet
    #: ("Make Wallet the default" or "Not now"), so it is not shown again
    handler_offer_answered: bool = False
    #: signed issuer metadata (OID4VCI 1.0 §12.2.3): "ignore", "prefer" or "require"
    signed_metadata: Literal["ignore", "prefer", "require"] | None = None
    #: client profiles remembered per issuer (credential issuer URL → profile)
    profiles: Mapping[str, ClientProfile] = field(default_factory=dict)
    #: HTTP proxy: "system", "none" or a proxy URL without credentials (None: "system")
    proxy: str | None = None

    def to_json(self) -> dict[str, object]:
        """The file's JSON document."""
        return {
            "version": 1,
            "language": self.language,
            "redirect_mode": self.redirect_mode,
            "client_ids": dict(self.client_ids),
            "allow_http_loopback": self.allow_http_loopback,
            "extra_ca_file": self.extra_ca_file,
            "data_dir": self.data_dir,
            # a member added in version 1: older files lack it and read as False
            "handler_offer_answered": self.handler_offer_answered,
            # added in version 1 too: older files lack it and read as None (the default)
            "signed_metadata": self.signed_metadata,
            # added in version 1 too: older files lack it and read as no remembered profiles
            "profiles": {issuer: p.to_json() for issuer, p in self.profiles.items()},
            # added in version 1 too: older files lack it and read as None ("system")
            "proxy": self.proxy,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, object]) -> Preferences:
        """Read a document leniently: a member of the wrong type is the default. Raises nothing."""
        mode = doc.get("redirect_mode")
        raw_ids = doc.get("client_ids")
        ids = (
            {
                str(k): v.strip()
                for k, v in raw_ids.items()
                if isinstance(v, str) and v.strip() and str(k).strip()
            }
            if isinstance(raw_ids, Mapping)
            else {}
        )
        allow = doc.get("allow_http_loopback")
        answered = doc.get("handler_offer_answered")
        policy = doc.get("signed_metadata")
        raw_profiles = doc.get("profiles")
        profiles = (
            {
                str(k).strip(): profile_from_json(v)
                for k, v in raw_profiles.items()
                if isinstance(v, Mapping) and str(k).strip()
            }
            if isinstance(raw_profiles, Mapping)
            else {}
        )
        return cls(
            language=_text(doc.get("language")),
            redirect_mode="loopback"
            if mode == "loopback"
            else "scheme"
            if mode == "scheme"
            else None,
            client_ids=ids,
            allow_http_loopback=allow if isinstance(allow, bool) else True,
            extra_ca_file=_text(doc.get("extra_ca_file")),
            data_dir=_text(doc.get("data_dir")),
            handler_offer_answered=answered is True,
            signed_metadata="ignore"
            if policy == "ignore"
            else "prefer"
            if policy == "prefer"
            else "require"
            if policy == "require"
            else None,
            profiles=profiles,
            proxy=_proxy_text(doc.get("proxy")),
        )


def _proxy_text(value: object) -> str | None:
    """A saved proxy choice, or None (and a warning) when it is no usable proxy."""
    text = _text(value)
    try:
        return None if text is None else parse_proxy_setting(text)
    except ValueError as exc:
        log.warning("preferences: proxy setting ignored (%s)", exc)
        return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def preferences_path(env: Mapping[str, str] | None = None) -> Path:
    """``settings.json`` in the user config dir (``WALLET_APP_CONFIG_DIR`` overrides)."""
    env = os.environ if env is None else env
    override = env.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser() / _FILE_NAME
    import platformdirs  # local import: only needed without the override

    return Path(platformdirs.user_config_dir("wallet-app", appauthor=False)) / _FILE_NAME


def load_preferences(path: Path) -> Preferences:
    """Read the preferences file; defaults (and a warning in the log) when missing or damaged.

    Raises nothing.
    """
    try:
        with path.open("rb") as fh:
            data = fh.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        return Preferences()
    except OSError as exc:
        log.warning("cannot read preferences %s (%s); using defaults", path, exc)
        return Preferences()
    if len(data) > _MAX_BYTES:
        log.warning("preferences file %s is too large; using defaults", path)
        return Preferences()
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as exc:
        log.warning("preferences file %s is damaged (%s); using defaults", path, exc)
        return Preferences()
    if not isinstance(doc, Mapping):
        log.warning("preferences file %s is not a JSON object; using defaults", path)
        return Preferences()
    return Preferences.from_json(doc)


def write_text_atomically(path: Path, text: str, *, prefix: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in its folder and ``os.replace``,
    so a crash leaves the old file or the new one, never half of one. Raises OSError."""
    import tempfile  # only when writing: every command reads the preferences (issue 11)

    tmp_name: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def save_preferences(path: Path, prefs: Preferences) -> None:
    """Write the preferences atomically (temporary file + ``os.replace``).

    Raises StorageError when the file cannot be written.
    """
    text = json.dumps(prefs.to_json(), ensure_ascii=False, indent=2) + "\n"
    try:
        write_text_atomically(path, text, prefix=".settings-")
    except OSError as exc:
        raise StorageError(
            "The settings could not be saved.", detail=f"{path}: {exc}", code="settings_not_saved"
        ) from exc


def mark_handler_offer_answered(path: Path) -> Preferences:
    """Record that the first-run link-handler offer was answered; keep every other choice.

    Returns the preferences written. Raises StorageError when the file cannot be written.
    """
    prefs = replace(load_preferences(path), handler_offer_answered=True)
    save_preferences(path, prefs)
    return prefs


def remember_profile(path: Path, issuer: str, profile: ClientProfile | None) -> Preferences:
    """Remember ``profile`` for ``issuer`` (None: forget the issuer's profile, trailing
    slashes ignored); every other choice is kept. Returns the preferences written.

    Raises StorageError when the file cannot be written.
    """
    prefs = load_preferences(path)
    wanted = issuer.rstrip("/")
    kept = {k: p for k, p in prefs.profiles.items() if k.rstrip("/") != wanted}
    if profile is not None:
        kept[issuer] = profile
    prefs = replace(prefs, profiles=kept)
    save_preferences(path, prefs)
    return prefs
