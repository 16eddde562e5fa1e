"""Structural rejection: credentials RFC 9901, SD-JWT VC, OID4VCI App. A.1 and ISO/IEC 18013-5
say a wallet MUST NOT accept. Each is refused at receive (exit 1), nothing is stored."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from tests.hostile.harness import Case, Outcome
from tests.support.hostile_credentials import (
    SdJwt,
    compact_jws,
    deep_json,
    flip_signature,
    mdoc_broken,
    mdoc_expired,
    mdoc_resigned,
    reissue_jwt,
    tamper_mdoc,
    tamper_sd_jwt,
)
from tests.support.hostile_issuer import Hook, HostileIssuer, Reply, Seen, json_hook
from wallet_app.demo_issuer import DemoConfig, DemoFaults
from wallet_app.demo_issuer.minting import IssuerKeys, b64url

CATEGORY = "structural rejection"
YEAR = 365 * 24 * 3600
JWT_VC = DemoConfig(batch_size=None, jwt_vc_json=True)
SIGNATURE = ("signature",)
NOT_SIGNED = ("not signed", "unsigned", "alg none", "alg: none", '"none"')
DEPTH = ("deep", "nest", "depth")
DIGEST = ("digest", "altered", "tampered", "does not match")
DUPLICATE = ("duplicate", "twice", "more than once", "repeated")
MDOC = ("mdoc", "cbor")
#: refused as invalid by the trust verdict (kept as invalid with --accept-invalid)
TRUST_VERDICTS = frozenset({"sd_iss_other_issuer"})


def forge(transform: Callable[[str, HostileIssuer], object]) -> dict[str, Hook]:
    """Hooks that replace every credential of a credential response with ``transform``'s."""

    def change(document: dict[str, list[dict[str, object]]], issuer: HostileIssuer) -> None:
        for entry in document.get("credentials", []):
            entry["credential"] = transform(str(entry["credential"]), issuer)

    return {"credential": json_hook(change)}


def forge_deferred(transform: Callable[[str, HostileIssuer], object]) -> dict[str, Hook]:
    """Hooks that replace the credentials of a deferred credential response (§9), which
    the first poll gets."""

    def change(document: dict[str, list[dict[str, object]]], issuer: HostileIssuer) -> None:
        for entry in document.get("credentials", []):
            entry["credential"] = transform(str(entry["credential"]), issuer)

    def ready_at_first_poll(seen: Seen, reply: Reply, issuer: HostileIssuer) -> Reply:
        state = issuer.demo._state
        with state.lock:
            for transaction in state.transactions.values():
                transaction.pending_polls = 0
        return reply

    return {"credential": ready_at_first_poll, "deferred": json_hook(change)}


def _poll_left_nothing(outcome: Outcome) -> None:
    poll, listed = outcome.then
    assert "not signed" in poll.text.lower(), poll.text
    assert json.loads(listed.stdout) == [], listed.stdout


def sd(build: Callable[[SdJwt, HostileIssuer], str]) -> dict[str, Hook]:
    """Hooks that forge an SD-JWT VC from the issued one's skeleton (``SdJwt.from_issued``)."""
    return forge(lambda credential, issuer: build(SdJwt.from_issued(credential), issuer))


def _other_key_signed(s: SdJwt, issuer: HostileIssuer) -> str:
    """Signed by another key while x5c names the issuer's certificate."""
    other = IssuerKeys.self_signed(issuer.base_url, issuer.now)
    s.standard()
    token = compact_jws(issuer.keys, s.header, s.payload_json().encode(), signer=other)
    return "~".join([token, *s.disclosures, ""])


def _x5c_garbage(s: SdJwt, issuer: HostileIssuer) -> str:
    s.standard()
    x5c = ["bm90IGEgY2VydGlmaWNhdGU="]
    token = compact_jws(issuer.keys, s.header, s.payload_json().encode(), x5c=x5c)
    return "~".join([token, *s.disclosures, ""])


def _kb_from_issuer(s: SdJwt, issuer: HostileIssuer) -> str:
    s.standard()
    claims = {"iat": int(issuer.now), "aud": "https://verifier.example", "nonce": "n"}
    s.key_binding = compact_jws(issuer.keys, {"typ": "kb+jwt"}, json.dumps(claims).encode())
    return s.issue(issuer.keys)


def _expired(s: SdJwt, issuer: HostileIssuer) -> str:
    s.payload.update(iat=int(issuer.now) - 2 * YEAR, exp=int(issuer.now) - 3600)
    return s.standard().issue(issuer.keys)


def _not_yet_valid(s: SdJwt, issuer: HostileIssuer) -> str:
    s.payload["nbf"] = int(issuer.now) + YEAR
    return s.standard().issue(issuer.keys)


def _array_three_parts(s: SdJwt, issuer: HostileIssuer) -> str:
    s.standard()
    wrong = s.encode([s.salt(), "nationality", "DE"])  # an object-member disclosure ...
    s.disclosures.append(wrong)
    s.payload["nationalities"] = [{"...": s.digest(wrong)}]  # ... used as an array element
    return s.issue(issuer.keys)


def _nested(s: SdJwt, issuer: HostileIssuer, depth: int = 600) -> str:
    """A valid SD-JWT whose disclosures nest ``depth`` levels deep: each one's value is an
    object with one selectively disclosable member, the next disclosure."""
    inner = s.encode([s.salt(), f"n{depth}", "leaf"])
    s.disclosures.append(inner)
    for level in range(depth - 1, 0, -1):
        outer = s.encode([s.salt(), f"n{level}", {"_sd": [s.digest(inner)]}])
        s.disclosures.append(outer)
        inner = outer
    s.digests.append(s.digest(inner))
    return s.issue(issuer.keys)


def _deep_payload(s: SdJwt, issuer: HostileIssuer) -> str:
    s.standard()
    text = s.payload_json()[:-1] + ', "deep": ' + deep_json(100_000) + "}"
    return s.issue(issuer.keys, payload_text=text)


def _wrong_cnf(s: SdJwt, issuer: HostileIssuer) -> str:
    s.payload["cnf"] = {"jwk": IssuerKeys.self_signed(issuer.base_url, issuer.now).public_jwk()}
    return s.standard().issue(issuer.keys)


def _flip(credential: str) -> str:
    token, rest = credential.split("~", 1)
    return f"{flip_signature(token)}~{rest}"


def _with(change: Callable[[SdJwt], object]) -> Callable[[SdJwt, HostileIssuer], str]:
    def build(s: SdJwt, issuer: HostileIssuer) -> str:
        s.standard()
        change(s)
        return s.issue(issuer.keys)

    return build


def _surrogate_text(s: SdJwt) -> None:
    s.add(s.encode_text(f'["{s.salt()}", "nickname", "Eri\\ud800ka"]'))


def _deep_disclosure(s: SdJwt) -> None:
    s.add(s.encode_text(f'["{s.salt()}", "deep", {deep_json(100_000)}]'))


def _jwt_exp(claims: dict[str, object], now: float) -> None:
    claims.update(nbf=int(now) - 2 * YEAR, iat=int(now) - 2 * YEAR, exp=int(now) - 3600)


def _jwt_vc(transform: Callable[[str, HostileIssuer], str]) -> dict[str, Hook]:
    return forge(transform)


_CASES = (
    # controls: the forging itself yields credentials the wallet accepts
    Case("sd_control", CATEGORY, sd(lambda s, i: s.standard().issue(i.keys)), exit=0, stored=1),
    Case(
        "jwt_vc_control",
        CATEGORY,
        forge(lambda c, i: reissue_jwt(c, i.keys, lambda _: None)),
        exit=0,
        stored=1,
        configs=("degree_jwt_vc",),
        config=JWT_VC,
    ),
    Case(
        "mdoc_control",
        CATEGORY,
        forge(lambda c, i: mdoc_resigned(c, i.keys, now=i.now)),
        exit=0,
        stored=1,
        configs=("mdl_mdoc",),
    ),
    # SD-JWT VC (RFC 9901 §7.1, §7.3; SD-JWT VC §3)
    Case("sd_alg_none", CATEGORY, sd(lambda s, i: s.standard().issue(None)), says=NOT_SIGNED),
    Case(
        "sd_bad_signature",
        CATEGORY,
        sd(lambda s, i: _flip(s.standard().issue(i.keys))),
        says=SIGNATURE,
    ),
    Case("sd_other_key", CATEGORY, sd(_other_key_signed), says=SIGNATURE),
    Case(
        "sd_x5c_not_a_certificate",
        CATEGORY,
        sd(_x5c_garbage),
        says=("certificate", "x5c", "signature"),
    ),
    Case(
        "sd_digest_mismatch",
        CATEGORY,
        sd(lambda s, i: tamper_sd_jwt(s.standard().issue(i.keys))),
        says=DIGEST,
    ),
    Case(
        "sd_duplicate_digest",
        CATEGORY,
        sd(_with(lambda s: s.digests.append(s.digests[0]))),
        says=DUPLICATE,
    ),
    Case(
        "sd_duplicate_disclosure",
        CATEGORY,
        sd(_with(lambda s: s.disclosures.append(s.disclosures[0]))),
        says=DUPLICATE,
    ),
    Case(
        "sd_claim_collision",
        CATEGORY,
        sd(_with(lambda s: s.payload.update(given_name="Mallory"))),
        says=("given_name", "collid", "conflict", "both", "already"),
    ),
    Case(
        "sd_reserved_name_sd",
        CATEGORY,
        sd(_with(lambda s: s.disclose("_sd", ["x"]))),
        says=("reserved", "_sd"),
    ),
    Case(
        "sd_reserved_name_dots",
        CATEGORY,
        sd(_with(lambda s: s.disclose("...", "x"))),
        says=("reserved", '"..."', "'...'"),
    ),
    Case(
        "sd_unknown_sd_alg",
        CATEGORY,
        sd(_with(lambda s: s.payload.update(_sd_alg="sha-999"))),
        says=("_sd_alg", "sha-999", "hash algorithm", "digest algorithm"),
    ),
    Case("sd_kb_jwt_from_issuer", CATEGORY, sd(_kb_from_issuer), says=("key binding", "kb")),
    Case("sd_expired", CATEGORY, sd(_expired), says=("expired",)),
    Case(
        "sd_not_yet_valid",
        CATEGORY,
        sd(_not_yet_valid),
        says=("not yet valid", "not valid yet", "not valid before", "nbf", "future"),
    ),
    Case(
        "sd_unreferenced_disclosure",
        CATEGORY,
        sd(_with(lambda s: s.add(s.encode([s.salt(), "extra", "x"]), listed=False))),
        says=("referenced", "not listed", "unreferenced", "not part", "no digest"),
    ),
    Case(
        "sd_array_disclosure_with_name",
        CATEGORY,
        sd(_array_three_parts),
        says=("array", "element", "disclosure"),
    ),
    Case(
        "sd_disclosure_not_array",
        CATEGORY,
        sd(_with(lambda s: s.add(b64url(b'{"name": "x"}')))),
        says=("disclosure",),
    ),
    Case(
        "sd_disclosure_not_base64",
        CATEGORY,
        sd(_with(lambda s: s.add("!!not*base64!!"))),
        says=("disclosure", "base64"),
    ),
    Case(
        "sd_typ_jwt",
        CATEGORY,
        sd(_with(lambda s: s.header.update(typ="JWT"))),
        says=("typ", "type"),
    ),
    Case(
        "sd_iss_other_issuer",
        CATEGORY,
        sd(_with(lambda s: s.payload.update(iss="https://evil.example"))),
        says=("iss", "issuer"),
    ),
    Case(
        "sd_vct_missing",
        CATEGORY,
        sd(_with(lambda s: s.payload.pop("vct"))),
        says=("vct",),
    ),
    Case("sd_wrong_cnf", CATEGORY, sd(_wrong_cnf), says=("not this wallet's", "holder key", "cnf")),
    Case(
        "sd_not_a_jws",
        CATEGORY,
        forge(lambda c, i: "not.a~jws~"),
        says=("not a signed jwt", "not an sd-jwt", "malformed"),
    ),
    Case(
        "credential_not_a_string",
        CATEGORY,
        forge(lambda c, i: 12345),
        says=("usable credential", "not a string", "not text"),
    ),
    # a deferred credential that arrives unsigned is refused at the poll and its entry goes
    Case(
        "deferred_arrives_alg_none",
        CATEGORY,
        forge_deferred(lambda c, i: SdJwt.from_issued(c).standard().issue(None)),
        exit=0,
        stored=1,
        deferred=1,
        says=("later",),
        faults=lambda: DemoFaults(deferred_pending_polls=1),
        then=(("deferred", "--poll"), ("list", "--json")),
        check=_poll_left_nothing,
    ),
    # jwt_vc_json (OID4VCI App. A.1.1; RFC 7515)
    Case(
        "jwt_vc_alg_none",
        CATEGORY,
        forge(lambda c, i: reissue_jwt(c, None, lambda _: None)),
        says=NOT_SIGNED,
        configs=("degree_jwt_vc",),
        config=JWT_VC,
    ),
    Case(
        "jwt_vc_bad_signature",
        CATEGORY,
        forge(lambda c, i: flip_signature(c)),
        says=SIGNATURE,
        configs=("degree_jwt_vc",),
        config=JWT_VC,
    ),
    Case(
        "jwt_vc_empty_signature",
        CATEGORY,
        forge(lambda c, i: c.rsplit(".", 1)[0] + "."),
        says=(*SIGNATURE, *NOT_SIGNED),
        configs=("degree_jwt_vc",),
        config=JWT_VC,
    ),
    Case(
        "jwt_vc_expired",
        CATEGORY,
        forge(lambda c, i: reissue_jwt(c, i.keys, lambda claims: _jwt_exp(claims, i.now))),
        says=("expired",),
        configs=("degree_jwt_vc",),
        config=JWT_VC,
    ),
    # mdoc (ISO/IEC 18013-5 §9.1.2, §9.3.1)
    *(
        Case(
            f"mdoc_{how}",
            CATEGORY,
            forge(lambda c, i, how=how: mdoc_broken(c, how)),
            says=MDOC,
            configs=("mdl_mdoc",),
        )
        for how in ("garbage", "truncated", "no_issuer_auth", "not_a_map")
    ),
    Case(
        "mdoc_bad_signature",
        CATEGORY,
        forge(lambda c, i: mdoc_broken(c, "signature")),
        says=SIGNATURE,
        configs=("mdl_mdoc",),
    ),
    Case(
        "mdoc_digest_mismatch",
        CATEGORY,
        forge(lambda c, i: tamper_mdoc(mdoc_resigned(c, i.keys, now=i.now))),
        says=DIGEST,
        configs=("mdl_mdoc",),
    ),
    Case(
        "mdoc_expired",
        CATEGORY,
        forge(lambda c, i: mdoc_expired(c, i.keys, i.now)),
        says=("expired",),
        configs=("mdl_mdoc",),
    ),
    Case(
        "mdoc_doctype_mismatch",
        CATEGORY,
        forge(lambda c, i: mdoc_resigned(c, i.keys, now=i.now, doctype="org.example.evil.1")),
        says=("doctype", "document type", "type"),
        configs=("mdl_mdoc",),
    ),
)

_INTERNAL = (
    Case("sd_600_deep_valid", "internal errors", sd(_nested), says=DEPTH),
    Case("sd_deep_disclosure", "internal errors", sd(_with(_deep_disclosure)), says=DEPTH),
    Case("sd_deep_payload", "internal errors", sd(_deep_payload), says=DEPTH),
    Case(
        "sd_lone_surrogate",
        "internal errors",
        sd(_with(_surrogate_text)),
        says=("surrogate", "text", "character", "unicode"),
    ),
    Case(
        "mdoc_deep_cbor",
        "internal errors",
        forge(lambda c, i: mdoc_broken(c, "deep")),
        says=(*DEPTH, *MDOC),
        configs=("mdl_mdoc",),
    ),
)


def _whatever_the_flags(cases: tuple[Case, ...]) -> tuple[Case, ...]:
    """The floor holds whatever the flags: every case runs with ``--accept-invalid`` (which
    keeps a credential whose certificate chain does not validate, never a malformed one),
    except the trust verdicts that flag is for."""
    return tuple(
        case if case.id in TRUST_VERDICTS else replace(case, args=(*case.args, "--accept-invalid"))
        for case in cases
    )


CASES = _whatever_the_flags(_CASES)
#: internal errors: depth and text that must be refused with a sentence, never a traceback
INTERNAL = _whatever_the_flags(_INTERNAL)
