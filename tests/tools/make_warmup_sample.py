"""Write ``wallet_app/formats/warmup_sample.py``: a self-contained SD-JWT VC (an own
self-signed P-256 certificate in ``x5c``, valid until 2099, three disclosures, a throw-away
holder key) that ``wallet_app.wallet.verifying.preload`` runs through the structural floor
while a flow waits for the issuer, so the floor's first-use costs are not paid on the
received copies (issue 10). Nothing trusts it: no anchor holds its certificate.

    .venv/bin/python tests/tools/make_warmup_sample.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from joserfc import jws
from joserfc.jwk import ECKey

OUT = Path(__file__).resolve().parents[2] / "wallet_app" / "formats" / "warmup_sample.py"
ISSUED = datetime(2026, 1, 1, tzinfo=UTC)
EXPIRES = datetime(2099, 1, 1, tzinfo=UTC)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main() -> None:
    signer = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "wallet-app warm-up sample")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(signer.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(ISSUED)
        .not_valid_after(EXPIRES)
        .sign(signer, hashes.SHA256())
    )
    disclosures = [
        b64(json.dumps([secrets.token_urlsafe(16), claim, value]).encode())
        for claim, value in (("given_name", "Sample"), ("family_name", "Warm-Up"), ("age", 42))
    ]
    holder = ECKey.generate_key("P-256", private=True).as_dict(private=False)
    payload = {
        "iss": "https://warmup.invalid",
        "iat": int(ISSUED.timestamp()),
        "exp": int(EXPIRES.timestamp()),
        "vct": "urn:wallet-app:warmup",
        "cnf": {"jwk": holder},
        "_sd_alg": "sha-256",
        "_sd": sorted(b64(hashlib.sha256(d.encode()).digest()) for d in disclosures),
    }
    pem = signer.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    header = {
        "alg": "ES256",
        "typ": "dc+sd-jwt",
        "x5c": [base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()],
    }
    registry = jws.JWSRegistry(algorithms=["ES256"], strict_check_header=False)
    registry.max_header_length = 8192
    token = jws.serialize_compact(
        header, json.dumps(payload).encode(), ECKey.import_key(pem), registry=registry
    )
    sample = "~".join([token, *disclosures]) + "~"
    lines = [sample[i : i + 88] for i in range(0, len(sample), 88)]
    body = "\n".join(f'    "{line}"' for line in lines)
    OUT.write_text(
        '"""A self-contained SD-JWT VC the structural floor reads while a flow waits for the\n'
        "issuer (``wallet_app.wallet.verifying.preload``, issue 10): its own self-signed\n"
        "certificate, valid until 2099; nothing trusts it. Written by\n"
        'tests/tools/make_warmup_sample.py; do not edit."""\n\n'
        '__all__ = ["SD_JWT_SAMPLE"]\n\n'
        f"SD_JWT_SAMPLE = (\n{body}\n)\n"
    )
    print(f"wrote {OUT} ({len(sample)} characters)")


if __name__ == "__main__":
    main()
