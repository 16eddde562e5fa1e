"""Property-based fuzzing of the credential decoders: SD-JWT VC, JWT VC and mdoc (CBOR).

Mutated credentials are signed again with a test issuer key (x5c in the header, x5chain in
the COSE header), so a mutation reaches the disclosure resolver, the claim walk and the MSO
checks instead of stopping at the signature. Each credential goes the receive path's way:
``validate_credential`` (the MUST-abort rules), then ``decode_credential``. Property: a value
or a WalletError subclass, never any other exception.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from datetime import UTC, datetime, timedelta

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding
from hypothesis import given
from hypothesis import strategies as st

from tests.formats.formats_builders import MDL, certificate, cose_sign1
from tests.fuzz.fuzz_kit import (
    as_text,
    b64url,
    encoded,
    mutated,
    survives,
    text,
)
from wallet_app.errors import WalletError
from wallet_app.formats import decode_credential
from wallet_app.formats.mdoc import decode_mdoc_and_chain
from wallet_app.formats.sd_jwt import sd_digest
from wallet_app.formats.validate import validate_credential

NOW = 1_750_000_000.0
NOW_DT = datetime.fromtimestamp(NOW - 86_400, tz=UTC)


@functools.cache
def _issuer_key() -> tuple[ec.EllipticCurvePrivateKey, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    der = certificate(key).public_bytes(Encoding.DER)
    return key, base64.b64encode(der).decode()


def _issuer_signed(
    elements: dict[str, dict[str, object]],
    mso_extra: dict[str, object],
    digest_algorithm: str,
    x5chain: str,
) -> dict[str, object]:
    """tests/formats' issuer_signed, made deterministic for hypothesis (a fixed certificate,
    holder key and salts; the signature is raw r||s, so of fixed length)."""
    key, x5c = _issuer_key()
    hash_name = {"SHA-256": "sha256", "SHA-512": "sha512"}.get(digest_algorithm, "sha256")
    name_spaces: dict[str, list[cbor2.CBORTag]] = {}
    value_digests: dict[str, dict[int, bytes]] = {}
    for ns, values in elements.items():
        for digest_id, (identifier, value) in enumerate(values.items()):
            item = {
                "digestID": digest_id,
                "random": bytes(16),
                "elementIdentifier": identifier,
                "elementValue": value,
            }
            tagged = cbor2.CBORTag(24, cbor2.dumps(item))
            name_spaces.setdefault(ns, []).append(tagged)
            digest = hashlib.new(hash_name, cbor2.dumps(tagged)).digest()
            value_digests.setdefault(ns, {})[digest_id] = digest
    jwk = _holder_jwk()
    device_key = {1: 2, -1: 1, -2: b64url_bytes(str(jwk["x"])), -3: b64url_bytes(str(jwk["y"]))}
    mso: dict[str, object] = {
        "version": "1.0",
        "digestAlgorithm": digest_algorithm,
        "valueDigests": value_digests,
        "deviceKeyInfo": {"deviceKey": device_key},
        "docType": "org.iso.18013.5.1.mDL",
        "validityInfo": {
            "signed": NOW_DT,
            "validFrom": NOW_DT,
            "validUntil": NOW_DT + timedelta(days=365),
        },
        **mso_extra,
    }
    payload = cbor2.dumps(cbor2.CBORTag(24, cbor2.dumps(mso)))
    der = base64.b64decode(x5c)
    unprotected: dict[int, object] = {}
    if x5chain == "bytes":
        unprotected[33] = der
    elif x5chain == "list":
        unprotected[33] = [der]
    return {"nameSpaces": name_spaces, "issuerAuth": cose_sign1(payload, key, -7, unprotected)}


def b64url_bytes(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(header: bytes, payload: bytes) -> str:
    key, _ = _issuer_key()
    signing_input = f"{b64url(header)}.{b64url(payload)}"
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def _receive(format: str, credential: str) -> None:
    """What the receive path does with one credential: the MUST-abort checks, then decode."""
    try:
        validate_credential(format, credential, now=NOW)
    except WalletError:
        return  # refused: nothing is decoded or stored
    survives(decode_credential, format, credential)


def _holder_jwk() -> dict[str, object]:
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y": "x_FEzRjcCOeg9oX5oCUvBTgI3oYfEJm9C9oc_NqmdZY",
    }


# ------------------------------------------------------------------ SD-JWT VC
def _disclosure_seed() -> list[dict[str, object]]:
    return [{"d": ["salt-1", "given_name", "Erika"]}, {"d": ["salt-2", "DE"]}]


def _sd_payload_seed() -> list[dict[str, object]]:
    return [
        {
            "iss": "https://issuer.example.com",
            "iat": 1_700_000_000,
            "exp": 1_900_000_000,
            "vct": "https://issuer.example.com/pid",
            "cnf": {"jwk": _holder_jwk()},
            "_sd_alg": "sha-256",
            "_sd": [],
            "nationalities": [],
            "address": {"_sd": [], "country": "DE"},
        }
    ]


@st.composite
def sd_jwts(draw: st.DrawFn) -> str:
    """An SD-JWT VC whose payload, header and disclosures are mutated, signed again."""
    _, x5c = _issuer_key()
    disclosures: list[str] = []
    payload = draw(mutated(_sd_payload_seed()))
    for _ in range(draw(st.integers(0, 4))):
        member = draw(mutated(_disclosure_seed()))
        member = member.get("d", member) if isinstance(member, dict) else member
        raw = draw(encoded(st.just(member)))
        disclosure = b64url(raw)
        disclosures.append(disclosure)
        if isinstance(payload, dict) and draw(st.integers(0, 3)):  # referenced by its digest
            digest = sd_digest(disclosure)
            where = draw(st.sampled_from(("_sd", "nationalities", "address")))
            holder = payload.get(where) if where != "_sd" else payload.setdefault("_sd", [])
            if isinstance(holder, dict):
                holder = holder.setdefault("_sd", [])
            if isinstance(holder, list):
                holder.append({"...": digest} if where == "nationalities" else digest)
    if draw(st.integers(0, 5)) == 0 and disclosures:
        disclosures.append(disclosures[0])  # a duplicate
    header: object = {"alg": "ES256", "typ": draw(st.sampled_from(("dc+sd-jwt", "vc+sd-jwt")))}
    header["x5c"] = [x5c]  # type: ignore[index]
    if draw(st.integers(0, 4)) == 0:
        header = draw(mutated([header]))  # type: ignore[list-item]
    token = _sign(draw(encoded(st.just(header))), draw(encoded(st.just(payload))))
    tail = draw(st.sampled_from(("", "", "kb.jwt.sig", "~", "x")))
    credential = "~".join([token, *disclosures, tail])
    how = draw(st.integers(0, 9))
    if how == 0:  # cut anywhere
        credential = credential[: draw(st.integers(0, len(credential)))]
    elif how == 1:  # text spliced in
        at = draw(st.integers(0, len(credential)))
        credential = credential[:at] + draw(text) + credential[at:]
    return credential


@given(sd_jwts(), st.sampled_from(("dc+sd-jwt", "vc+sd-jwt", "jwt_vc_json", "mso_mdoc")))
def test_sd_jwt(credential: str, format: str) -> None:
    _receive(format, credential)


# ------------------------------------------------------------------ JWT VC (jwt_vc_json)
def _vc_payload_seed() -> list[dict[str, object]]:
    return [
        {
            "iss": "https://issuer.example.com",
            "sub": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "nbf": 1_700_000_000,
            "exp": 1_900_000_000,
            "cnf": {"jwk": _holder_jwk()},
            "vc": {
                "@context": ["https://www.w3.org/2018/credentials/v1"],
                "type": ["VerifiableCredential", "UniversityDegreeCredential"],
                "credentialSubject": {"degree": {"type": "BachelorDegree", "name": "B.Sc."}},
            },
        }
    ]


@st.composite
def jwt_vcs(draw: st.DrawFn) -> str:
    _, x5c = _issuer_key()
    header: object = {"alg": "ES256", "typ": "JWT", "x5c": [x5c]}
    if draw(st.integers(0, 4)) == 0:
        header = draw(mutated([header]))  # type: ignore[list-item]
    payload = draw(mutated(_vc_payload_seed()))
    return _sign(draw(encoded(st.just(header))), draw(encoded(st.just(payload))))


@given(jwt_vcs(), st.sampled_from(("jwt_vc_json", "jwt_vc_json-ld", "dc+sd-jwt")))
def test_jwt_vc(credential: str, format: str) -> None:
    _receive(format, credential)


@given(mutated(_vc_payload_seed()))
def test_vc_document(document: object) -> None:
    """A credential delivered as a JSON object (ldp_vc)."""
    if isinstance(document, dict):
        _receive("ldp_vc", document)  # type: ignore[arg-type]


# ------------------------------------------------------------------ mdoc (CBOR)
cbor_text = text.map(lambda s: s.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
cbor_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from((2**64, -(2**64) - 1, 10**40, float("nan"), float("inf"), -0.0)),
    st.floats(),
    cbor_text,
    st.binary(max_size=40),
    st.builds(
        cbor2.CBORTag,
        st.sampled_from((0, 1, 24, 1004, 18, 32, 2**40)),
        st.one_of(cbor_text, st.binary(max_size=20), st.integers()),
    ),
    st.sampled_from((cbor2.CBORSimpleValue(99), cbor2.undefined)),
)
cbor_values = st.recursive(
    cbor_leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.one_of(cbor_text, st.integers(), st.binary(max_size=4)), inner, max_size=3
        ),
    ),
    max_leaves=6,
)
MSO_KEYS = (
    "version",
    "digestAlgorithm",
    "valueDigests",
    "deviceKeyInfo",
    "docType",
    "validityInfo",
    "status",
)


def _slots(value: object) -> list[tuple[object, object]]:
    found: list[tuple[object, object]] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found += [(node, k) for k in node]
            stack += list(node.values())
        elif isinstance(node, list):
            found += [(node, i) for i in range(len(node))]
            stack += node
    return found


@st.composite
def mdocs(draw: st.DrawFn) -> str:
    """IssuerSigned built and signed from hostile element values and MSO members, then its
    structure and its bytes mutated."""
    elements = draw(
        st.dictionaries(
            st.one_of(st.sampled_from((MDL, "org.iso.18013.5.1.aamva")), cbor_text),
            st.dictionaries(
                st.one_of(st.sampled_from(("family_name", "portrait", "birth_date")), cbor_text),
                cbor_values,
                max_size=3,
            ),
            min_size=1,
            max_size=2,
        )
    )
    mso_extra = draw(st.dictionaries(st.sampled_from(MSO_KEYS), cbor_values, max_size=2))
    digest = draw(st.sampled_from(("SHA-256", "SHA-256", "SHA-512", "MD5")))
    try:
        value: object = _issuer_signed(
            elements, mso_extra, digest, draw(st.sampled_from(("bytes", "list", "none")))
        )
    except (ValueError, TypeError, OverflowError, cbor2.CBOREncodeError):
        value = {"nameSpaces": {}, "issuerAuth": []}  # a value cbor2 will not encode
    if draw(st.integers(0, 2)) == 0:  # structure mutated after signing
        for _ in range(draw(st.integers(1, 3))):
            slots = _slots(value)
            if not slots:
                break
            holder, slot = slots[draw(st.integers(0, len(slots) - 1))]
            holder[slot] = draw(cbor_values)  # type: ignore[index]
    if draw(st.integers(0, 6)) == 0:
        value = {"documents": [{"issuerSigned": value, "docType": "x"}], "version": "1.0"}
    try:
        data = cbor2.dumps(value)
    except (ValueError, TypeError, OverflowError, cbor2.CBOREncodeError):
        data = b""
    how = draw(st.integers(0, 7))
    if how == 0 and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif how == 1:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
    elif how == 2:
        data = draw(st.binary(max_size=64))
    elif how == 3:  # deep CBOR arrays (0x81 = array of one), and an indefinite-length one
        depth = draw(st.sampled_from((64, 1000, 100_000)))
        data = b"\x81" * depth + b"\x00" if draw(st.booleans()) else b"\x9f" * depth
    return b64url(data)


@given(mdocs())
def test_mdoc(credential: str) -> None:
    _receive("mso_mdoc", credential)
    survives(decode_mdoc_and_chain, credential)


@given(st.binary(max_size=300).map(b64url), st.sampled_from(("mso_mdoc", "dc+sd-jwt", "x")))
def test_credential_random_bytes(credential: str, format: str) -> None:
    _receive(format, credential)


@given(
    st.one_of(st.text(max_size=200), st.binary(max_size=200).map(as_text)),
    st.sampled_from(("mso_mdoc", "dc+sd-jwt", "jwt_vc_json")),
)
def test_credential_random_text(credential: str, format: str) -> None:
    _receive(format, credential)


def test_fuzzed_credentials_start_valid() -> None:
    """The builders make credentials the decoders accept when nothing is mutated."""
    _, x5c = _issuer_key()
    header = json.dumps({"alg": "ES256", "typ": "dc+sd-jwt", "x5c": [x5c]}).encode()
    d = b64url(json.dumps(["salt", "given_name", "Erika"]).encode())
    payload = dict(_sd_payload_seed()[0], _sd=[sd_digest(d)])
    token = _sign(header, json.dumps(payload).encode())
    credential = f"{token}~{d}~"
    validate_credential("dc+sd-jwt", credential, now=NOW)
    assert decode_credential("dc+sd-jwt", credential).claims["given_name"] == "Erika"
    mdoc = _issuer_signed({MDL: {"family_name": "Doe"}}, {}, "SHA-256", "bytes")
    view = decode_credential("mso_mdoc", b64url(cbor2.dumps(mdoc)))
    assert view.claims[MDL]["family_name"] == "Doe"  # type: ignore[index]
