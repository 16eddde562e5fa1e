"""The one settings object: defaults < preferences file < environment (``WALLET_APP_*``) <
command-line flags."""

from __future__ import annotations

import locale as _locale
import math
import os
from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Literal

from wallet_app.errors import UsageError
from wallet_app.frozen import frozen
from wallet_app.preferences import Preferences, load_preferences, preferences_path
from wallet_app.profiles import ClientProfile
from wallet_app.proxy_choice import PROXY_ENV, parse_proxy_setting

__all__ = [
    "APP_NAME",
    "DEFAULT_CLIENT_ID",
    "REDIRECT_SCHEME",
    "REDIRECT_URI",
    "RedirectMode",
    "Settings",
    "SignedMetadataPolicy",
    "load_settings",
    "locales_from_env",
]

APP_NAME = "wallet-app"
DEFAULT_CLIENT_ID = "wallet-app"
#: Private-use URI scheme for OAuth redirects (RFC 8252 §7.1: reverse domain name).
REDIRECT_SCHEME = "io.github.walletapp"
REDIRECT_URI = f"{REDIRECT_SCHEME}:/callback"

RedirectMode = Literal["scheme", "loopback"]
#: signed issuer metadata (OID4VCI 1.0 §12.2.3): not asked for; asked for and used when it
#: verifies; required (an issuer without it, or with one that does not verify, is refused)
SignedMetadataPolicy = Literal["ignore", "prefer", "require"]
SIGNED_METADATA_POLICIES: tuple[SignedMetadataPolicy, ...] = ("ignore", "prefer", "require")


@frozen
class Settings:
    """Everything configurable, resolved once at start-up."""

    data_dir: Path
    client_id: str = DEFAULT_CLIENT_ID
    redirect_mode: RedirectMode = "scheme"
    locales: tuple[str, ...] = ("en",)
    ca_file: Path | None = None
    timeout: float = 15.0
    max_response_bytes: int = 2 * 1024 * 1024
    allow_http_loopback: bool = True
    use_passphrase: bool = False
    passphrase: str | None = None
    batch_limit: int = 3
    authorization_timeout: float = 600.0
    verbose: bool = False
    #: per-issuer OAuth client ids (from the preferences file), keyed by credential issuer URL
    client_ids: Mapping[str, str] = field(default_factory=dict)
    signed_metadata: SignedMetadataPolicy = "prefer"
    #: client profiles remembered per issuer (from the preferences file)
    profiles: Mapping[str, ClientProfile] = field(default_factory=dict)
    #: HTTP proxy: "system" (environment, else the OS), "none", or a proxy URL
    proxy: str = "system"

    def client_id_for(self, issuer: str) -> str:
        """The client id to send to ``issuer`` (its own entry, else ``client_id``)."""
        found = self.client_ids.get(issuer)
        if found is None:
            wanted = issuer.rstrip("/")
            found = next((v for k, v in self.client_ids.items() if k.rstrip("/") == wanted), None)
        return found or self.client_id

    def with_changes(self, **changes: object) -> Settings:
        """A copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def __repr__(self) -> str:  # never show the passphrase
        return f"Settings(data_dir={str(self.data_dir)!r}, client_id={self.client_id!r}, ...)"


def locales_from_env(env: Mapping[str, str]) -> tuple[str, ...]:
    """The user's preferred languages as BCP 47 tags, best first, always ending in ``en``."""
    raw = (
        env.get("WALLET_APP_LANG")
        or env.get("LANGUAGE")
        or env.get("LC_ALL")
        or env.get("LC_MESSAGES")
        or env.get("LANG")
        or ""
    )
    tags: list[str] = []
    for part in raw.split(":"):
        code = part.split(".")[0].split("@")[0].strip()
        if not code or code in ("C", "POSIX"):
            continue
        tag = code.replace("_", "-")
        if tag not in tags:
            tags.append(tag)
        lang = tag.split("-")[0]
        if lang not in tags:
            tags.append(lang)
    if not tags:
        try:
            loc = _locale.getlocale()[0]
        except ValueError:
            loc = None
        if loc and loc not in ("C", "POSIX"):
            tags.append(loc.replace("_", "-"))
    if "en" not in tags:
        tags.append("en")
    return tuple(tags)


def _env_timeout(env: Mapping[str, str]) -> float:
    raw = env.get("WALLET_APP_TIMEOUT")
    if raw is None or not raw.strip():
        return 15.0
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise UsageError(
            "WALLET_APP_TIMEOUT must be a positive number of seconds.",
            detail=f"WALLET_APP_TIMEOUT={raw!r}",
            code="invalid_setting",
        )
    return value


def _signed_metadata(
    explicit: str | None, env: Mapping[str, str], chosen: SignedMetadataPolicy | None
) -> SignedMetadataPolicy:
    raw = env.get("WALLET_APP_SIGNED_METADATA", "").strip()
    value = explicit or raw or chosen or "prefer"
    for policy in SIGNED_METADATA_POLICIES:
        if value == policy:
            return policy
    raise UsageError(
        "WALLET_APP_SIGNED_METADATA must be ignore, prefer or require.",
        detail=f"signed metadata policy {value!r}",
        code="invalid_setting",
    )


def _proxy(explicit: str | None, env: Mapping[str, str], chosen: str | None) -> str:
    """The proxy setting: the saved one < WALLET_APP_PROXY < explicit. Raises UsageError."""
    raw = explicit or env.get(PROXY_ENV, "").strip() or chosen
    try:
        return parse_proxy_setting(raw)
    except ValueError as exc:
        raise UsageError(
            "WALLET_APP_PROXY must be system, none or a proxy address such as "
            "http://proxy.example:8080.",
            detail=f"proxy {raw!r}: {exc}",
            code="invalid_setting",
        ) from exc


def _default_data_dir() -> Path:
    import platformdirs  # local import: only needed when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def load_settings(
    env: Mapping[str, str] | None = None,
    *,
    data_dir: str | None = None,
    client_id: str | None = None,
    redirect_mode: str | None = None,
    lang: str | None = None,
    ca_file: str | None = None,
    timeout: float | None = None,
    use_passphrase: bool = False,
    verbose: bool = False,
    preferences: Preferences | None = None,
    signed_metadata: str | None = None,
    proxy: str | None = None,
) -> Settings:
    """Build Settings from defaults, the preferences file, the environment and explicit (CLI)
    values, each overriding the one before.

    ``preferences`` None reads the file at ``preferences_path(env)`` (a missing or damaged
    file counts as empty). ``SSL_CERT_FILE`` ranks below the file's CA choice, which the user
    made for this app; an explicit ``--client-id`` or ``WALLET_APP_CLIENT_ID`` replaces the
    per-issuer client ids. Raises UsageError for a malformed ``WALLET_APP_TIMEOUT`` or
    ``WALLET_APP_SIGNED_METADATA``.
    """
    env = os.environ if env is None else env
    prefs = load_preferences(preferences_path(env)) if preferences is None else preferences
    dir_value = data_dir or env.get("WALLET_APP_DATA_DIR") or prefs.data_dir
    mode = redirect_mode or env.get("WALLET_APP_REDIRECT") or prefs.redirect_mode or "scheme"
    if mode not in ("scheme", "loopback"):
        mode = "scheme"
    if lang:
        locales = locales_from_env({"WALLET_APP_LANG": lang})
    elif not env.get("WALLET_APP_LANG") and prefs.language:
        locales = locales_from_env({"WALLET_APP_LANG": prefs.language})
    else:
        locales = locales_from_env(env)
    ca_value = (
        ca_file or env.get("WALLET_APP_CA_FILE") or prefs.extra_ca_file or env.get("SSL_CERT_FILE")
    )
    passphrase = env.get("WALLET_APP_PASSPHRASE")
    explicit_client_id = client_id or env.get("WALLET_APP_CLIENT_ID")
    return Settings(
        data_dir=Path(dir_value).expanduser() if dir_value else _default_data_dir(),
        client_id=explicit_client_id or DEFAULT_CLIENT_ID,
        client_ids={} if explicit_client_id else dict(prefs.client_ids),
        # an explicit client id also replaces the one a remembered profile names
        profiles={
            k: replace(p, client_id=None) if explicit_client_id else p
            for k, p in prefs.profiles.items()
        },
        allow_http_loopback=prefs.allow_http_loopback,
        redirect_mode="loopback" if mode == "loopback" else "scheme",
        locales=locales,
        ca_file=Path(ca_value).expanduser() if ca_value else None,
        timeout=timeout if timeout is not None else _env_timeout(env),
        use_passphrase=use_passphrase or bool(passphrase),
        passphrase=passphrase,
        verbose=verbose,
        signed_metadata=_signed_metadata(signed_metadata, env, prefs.signed_metadata),
        proxy=_proxy(proxy, env, prefs.proxy),
    )
