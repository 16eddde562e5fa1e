"""X.509 certification paths from an issuer's signer certificate to the user's trust anchors.

RFC 5280 §6.1 basic path validation, for the chains issuers send (JOSE ``x5c``, COSE
``x5chain``): the path is built from the leaf through the given certificates (in any order)
to an anchor, matching issuer name to subject name and checking each signature. Each
certificate must be valid now (and the signer when the credential was signed); every issuer
must be a CA allowed to sign certificates, within its path length; the signer's key usage,
when present, must allow signatures; a critical extension the wallet does not know fails the
path. Name constraints of the CAs apply to the signer's DNS, URI and IP names
(:mod:`.name_constraints`); certificate policies are not processed.

A path that is sound but ends at a certificate that is no anchor (a self-signed forgery, or a
chain whose root the user has not added) is *untrusted*, not invalid: only the
``trust_anchor`` check fails.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from collections.abc import Callable, Sequence
from datetime import datetime
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import Encoding

from wallet_app.errors import Sentence
from wallet_app.formats.certificates import load_der_certificate
from wallet_app.formats.view import b64url_decode
from wallet_app.frozen import frozen
from wallet_app.trust.anchors import TrustAnchor, certificate_organisation
from wallet_app.trust.model import Check
from wallet_app.trust.name_constraints import name_constraint_problems

__all__ = ["MAX_CHAIN_LENGTH", "ChainResult", "load_certificate", "parse_x5c", "validate_chain"]

MAX_CHAIN_LENGTH = 8
SPEC_PATH = "RFC 5280 §6.1"
SPEC_ANCHOR = "RFC 5280 §6.1.1"
SPEC_ISSUER_NAME = "SD-JWT VC §3.5"


@frozen
class ChainResult:
    """The checks of one chain (``certificate_chain``, ``issuer_name`` when a name was
    asked, ``trust_anchor``), the anchor that vouches for it (None: none does) and the
    signer's certificate. ``valid_during``: the interval (inclusive) in which the same
    chain and anchors give this same result for any ``now`` and ``signed_at``, i.e. the
    intersection of the validity of every certificate on the path; None when a certificate
    was outside its validity (the result then holds for those instants only) or no path
    was built."""

    checks: tuple[Check, ...]
    anchor: TrustAnchor | None
    leaf: x509.Certificate | None
    valid_during: tuple[datetime, datetime] | None = None

    @property
    def organisation(self) -> str | None:
        """``O=`` (else ``CN=``) of the signer's certificate. Raises nothing."""
        return certificate_organisation(self.leaf) if self.leaf is not None else None

    @property
    def problem(self) -> Check | None:
        """The first chain check that failed (not the anchor check: a sound chain that ends
        outside the trust list has no problem), else None. Raises nothing."""
        return next((c for c in self.checks if c.ok is False and c.kind != "anchor"), None)

    @property
    def valid(self) -> bool:
        """True when no chain check failed (the path may still end outside the trust list)."""
        return not any(c.ok is False and c.kind == "chain" for c in self.checks)


def parse_x5c(
    values: object, *, load: Callable[[bytes], x509.Certificate] | None = None
) -> list[x509.Certificate]:
    """The certificates of a JOSE ``x5c`` (RFC 7515 §4.1.6: base64 DER, leaf first);
    base64url is tolerated. ``load`` reads one DER certificate (default
    :func:`load_certificate`; a batch's memo loads each once).

    Raises ValueError when it is not a non-empty array of certificates or is too long.
    """
    if not isinstance(values, list) or not values:
        raise ValueError("x5c is not a non-empty array")
    if len(values) > MAX_CHAIN_LENGTH:
        raise ValueError(f"x5c has {len(values)} certificates (at most {MAX_CHAIN_LENGTH})")
    certs = []
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise ValueError(f"x5c[{index}] is not a string")
        try:
            der = base64.b64decode(value, validate=True)
        except binascii.Error:
            der = b64url_decode(value)  # raises ValueError
        certs.append((load or load_certificate)(der))
    return certs


def load_certificate(der: bytes) -> x509.Certificate:
    """A DER certificate, every field the path validation reads decoded now (cryptography
    decodes names, validity and extensions lazily). Raises ValueError when it is damaged."""
    return _decode_fully(load_der_certificate(der))  # no deprecation warning on stderr


def _decode_fully(cert: x509.Certificate) -> x509.Certificate:
    """``cert`` with every field the path validation reads decoded. Raises ValueError."""
    _ = (cert.subject, cert.issuer, cert.not_valid_before_utc, cert.not_valid_after_utc)
    _ = list(cert.extensions)
    return cert


def _subject(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string()


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.DER)


class _Path:
    """A chain being built: its certificates, the anchor it ended at, what broke it. (A
    plain class: a dataclass costs every start its processing, ~0.4 ms.)"""

    __slots__ = ("anchor", "certs", "problem")

    def __init__(self, certs: list[x509.Certificate]) -> None:
        self.certs = certs
        self.anchor: TrustAnchor | None = None
        self.problem: Sentence | None = None


def _next_link(
    current: x509.Certificate,
    anchors: Sequence[tuple[TrustAnchor, x509.Certificate]],
    pool: list[x509.Certificate],
    path: _Path,
) -> x509.Certificate | None:
    """The issuer of ``current`` (an anchor ends the path); None when there is none."""
    # an anchor of the same name but another key (an old demo root, a re-keyed CA) is no
    # broken link: the path just does not end there
    for anchor, cert in anchors:
        if cert.subject == current.issuer and _issued_by(current, cert):
            path.certs.append(cert)
            path.anchor = anchor
            return None
    named = False
    for candidate in pool:
        if candidate.subject == current.issuer and candidate not in path.certs:
            named = True
            if _issued_by(current, candidate):
                pool.remove(candidate)
                path.certs.append(candidate)
                return candidate
    if current.issuer == current.subject:
        if not _issued_by(current, current):
            path.problem = Sentence(
                "The self-signed certificate {subject} is not signed by its own key.",
                {"subject": _subject(current)},
            )
    elif named:
        path.problem = Sentence(
            "The certificate {subject} is not signed by the certificate that names itself "
            "its issuer ({issuer}).",
            {"subject": _subject(current), "issuer": current.issuer.rfc4514_string()},
        )
    return None


def _build_path(chain: Sequence[x509.Certificate], anchors: Sequence[TrustAnchor]) -> _Path:
    """Leaf → issuers → anchor (or the last certificate that could be linked)."""
    by_der = {a.der: a for a in anchors}
    anchor_certs = [(a, a.certificate) for a in anchors]
    pool = list(chain[1:])
    path = _Path([chain[0]])
    current: x509.Certificate | None = chain[0]
    while current is not None:
        if _der(current) in by_der:
            path.anchor = by_der[_der(current)]
            break
        if len(path.certs) > MAX_CHAIN_LENGTH:
            path.problem = Sentence(
                "The certificate chain is longer than {limit} certificates.",
                {"limit": MAX_CHAIN_LENGTH},
            )
            break
        current = _next_link(current, anchor_certs, pool, path)
    return path


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _time_problems(
    cert: x509.Certificate, now: datetime, signed_at: datetime | None
) -> list[Sentence]:
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    if start <= now <= end and (signed_at is None or start <= signed_at <= end):
        return []  # the usual case: no subject name to spell out
    subject = _subject(cert)
    problems = []
    if now < start:
        problems.append(
            Sentence(
                "The certificate {subject} is not valid before {date}.",
                {"subject": subject, "date": _day(start)},
            )
        )
    if now > end:
        problems.append(
            Sentence(
                "The certificate {subject} expired on {date}.",
                {"subject": subject, "date": _day(end)},
            )
        )
    if signed_at is not None and not start <= signed_at <= end:
        problems.append(
            Sentence(
                "The certificate {subject} was not valid when the credential was signed "
                "({date}); it is valid from {start} to {end}.",
                {
                    "subject": subject,
                    "date": _day(signed_at),
                    "start": _day(start),
                    "end": _day(end),
                },
            )
        )
    return problems


def _extension(cert: x509.Certificate, kind: type[x509.ExtensionType]) -> object | None:
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def _usage_problems(cert: x509.Certificate, position: int, is_anchor: bool) -> list[Sentence]:
    """basicConstraints, pathLenConstraint and keyUsage of the certificate at ``position``
    (0: the signer; above: its issuers, ``position - 1`` CA certificates below them)."""

    def named(**more: str | int) -> dict[str, str | int]:  # the subject, spelled out on a problem
        return {"subject": _subject(cert), **more}

    try:
        unknown = [
            e
            for e in cert.extensions
            if e.critical and isinstance(e.value, x509.UnrecognizedExtension)
        ]
        constraints = _extension(cert, x509.BasicConstraints)
        usage = _extension(cert, x509.KeyUsage)
    except ValueError as exc:  # duplicate or malformed extensions
        return [
            Sentence(
                "The certificate {subject} cannot be read ({reason}).",
                named(reason=str(exc)),
            )
        ]
    problems = [
        Sentence(
            "The certificate {subject} has a critical extension the wallet does not know ({oid}).",
            named(oid=e.oid.dotted_string),
        )
        for e in unknown
    ]
    if position == 0:
        if isinstance(usage, x509.KeyUsage) and not usage.digital_signature:
            problems.append(
                Sentence(
                    "The signer's certificate {subject} may not be used for signatures "
                    "(its key usage lacks digitalSignature).",
                    named(),
                )
            )
        return problems
    is_ca = isinstance(constraints, x509.BasicConstraints) and constraints.ca
    if not is_ca and not (is_anchor and constraints is None):
        problems.append(
            Sentence("The certificate {subject} signs other certificates but is not a CA.", named())
        )
    if isinstance(usage, x509.KeyUsage) and not usage.key_cert_sign:
        problems.append(
            Sentence(
                "The certificate {subject} may not sign certificates (its key usage lacks "
                "keyCertSign).",
                named(),
            )
        )
    limit = constraints.path_length if isinstance(constraints, x509.BasicConstraints) else None
    if limit is not None and position - 1 > limit:
        problems.append(
            Sentence(
                "The certificate {subject} allows at most {limit} CA certificate(s) below it.",
                named(limit=limit),
            )
        )
    return problems


def _constraint_problems(ca: x509.Certificate, leaf: x509.Certificate) -> list[Sentence]:
    try:
        return name_constraint_problems(ca, leaf)
    except ValueError as exc:  # a malformed NameConstraints or SAN extension
        return [
            Sentence(
                "The certificate {subject} cannot be read ({reason}).",
                {"subject": _subject(ca), "reason": str(exc)},
            )
        ]


def _san_names(cert: x509.Certificate) -> tuple[list[str], list[str], list[str]]:
    san = _extension(cert, x509.SubjectAlternativeName)
    if not isinstance(san, x509.SubjectAlternativeName):
        return [], [], []
    uris = san.get_values_for_type(x509.UniformResourceIdentifier)
    dns = [d.lower() for d in san.get_values_for_type(x509.DNSName)]
    ips = [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
    return uris, dns, ips


def _issuer_name_check(leaf: x509.Certificate, issuer_uri: str) -> Check:
    """SD-JWT VC §3.5 (draft 08, HAIP): the signer's certificate names ``iss``: as a
    uniformResourceIdentifier SAN, or its host as a dNSName (iPAddress for an IP host)."""
    try:
        uris, dns, ips = _san_names(leaf)
    except ValueError:
        uris, dns, ips = [], [], []
    try:
        host = (urlsplit(issuer_uri).hostname or "").lower()
    except ValueError:  # a malformed IPv6 literal names no host
        host = ""
    try:
        host_matches = str(ipaddress.ip_address(host)) in ips
    except ValueError:
        host_matches = bool(host) and host in dns
    if issuer_uri in uris or host_matches:
        return Check(
            "issuer_name",
            True,
            Sentence("The signer's certificate names the issuer {issuer}.", {"issuer": issuer_uri}),
            SPEC_ISSUER_NAME,
            "chain",
        )
    names = ", ".join([*uris, *dns, *ips]) or "none"
    return Check(
        "issuer_name",
        False,
        Sentence(
            "The signer's certificate does not name the issuer {issuer} (its names: {names}).",
            {"issuer": issuer_uri, "names": names},
        ),
        SPEC_ISSUER_NAME,
        "chain",
    )


def _chain_check(path: _Path, problems: list[Sentence]) -> Check:
    if problems:
        detail = problems[0]
        if len(problems) > 1:
            detail = Sentence(
                "{reason} ({count} more problem(s) with the chain.)",
                {"reason": problems[0], "count": len(problems) - 1},
            )
        return Check("certificate_chain", False, detail, SPEC_PATH, "chain")
    top = path.certs[-1]
    return Check(
        "certificate_chain",
        True,
        Sentence(
            "The certificate chain is valid: {count} certificate(s) from {leaf} up to {top}.",
            {"count": len(path.certs), "leaf": _subject(path.certs[0]), "top": _subject(top)},
        ),
        SPEC_PATH,
        "chain",
    )


def _anchor_check(path: _Path, valid: bool) -> Check:
    top = path.certs[-1]
    if not valid:
        detail = Sentence(
            "No trust anchor vouches for the issuer: its certificate chain does not validate."
        )
    elif path.anchor is not None:
        return Check(
            "trust_anchor",
            True,
            Sentence(
                "{anchor} is in your trust list and vouches for the issuer.",
                {"anchor": path.anchor.subject},
            ),
            SPEC_ANCHOR,
            "anchor",
        )
    elif top.issuer == top.subject:
        detail = Sentence("{top} is not in your trust list.", {"top": _subject(top)})
    else:
        detail = Sentence(
            "The chain ends at {top}, whose issuer {issuer} is not in your trust list.",
            {"top": _subject(top), "issuer": top.issuer.rfc4514_string()},
        )
    return Check("trust_anchor", False, detail, SPEC_ANCHOR, "anchor")


def validate_chain(
    chain: Sequence[x509.Certificate],
    anchors: Sequence[TrustAnchor],
    *,
    now: datetime,
    signed_at: datetime | None = None,
    issuer_uri: str | None = None,
) -> ChainResult:
    """Validate ``chain`` (``chain[0]`` is the signer) to one of ``anchors`` at ``now``
    (aware UTC); ``signed_at`` also checks every certificate at signing time; ``issuer_uri``
    adds the ``issuer_name`` check (SD-JWT VC §3.5). Raises nothing.
    """
    if not chain:
        no_chain = Sentence("The issuer sent no certificate.")
        return ChainResult(
            (
                Check("certificate_chain", False, no_chain, SPEC_PATH, "chain"),
                Check("trust_anchor", False, no_chain, SPEC_ANCHOR, "anchor"),
            ),
            None,
            None,
        )
    try:
        for cert in chain:
            _decode_fully(cert)
    except ValueError as exc:
        damaged = Sentence(
            "A certificate of the issuer cannot be read ({reason}).", {"reason": str(exc)}
        )
        return ChainResult(
            (
                Check("certificate_chain", False, damaged, SPEC_PATH, "chain"),
                Check("trust_anchor", False, damaged, SPEC_ANCHOR, "anchor"),
            ),
            None,
            None,
        )
    path = _build_path(chain, anchors)
    problems = [path.problem] if path.problem is not None else []
    last = len(path.certs) - 1
    on_time = True
    for position, cert in enumerate(path.certs):
        late = _time_problems(cert, now, signed_at)
        on_time = on_time and not late
        problems += late
        problems += _usage_problems(cert, position, path.anchor is not None and position == last)
        if position > 0:
            problems += _constraint_problems(cert, path.certs[0])
    checks = [_chain_check(path, problems)]
    if issuer_uri is not None:
        checks.append(_issuer_name_check(chain[0], issuer_uri))
    valid = not any(c.ok is False for c in checks)
    checks.append(_anchor_check(path, valid))
    during = None
    if on_time:  # time enters only through _time_problems: the same result in this window
        during = (
            max(c.not_valid_before_utc for c in path.certs),
            min(c.not_valid_after_utc for c in path.certs),
        )
    return ChainResult(tuple(checks), path.anchor if valid else None, chain[0], during)
