"""Binary claim values (issue 8 P16): an mdoc ``bstr`` or a ``data:`` URI is one leaf value,
summarised as ``<image/jpeg, 14 321 bytes>``, never ``$bytes``/``length`` children or base64."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from formats_builders import MDL, encode_mdoc, issuer_signed

from wallet_app.commands_output import write_details_text
from wallet_app.formats import binary_claim, decode_credential, describe_binary, label_claims
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.settings import Settings
from wallet_app.wallet.details import credential_details, format_claim_value
from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance

# a JPEG as an mDL portrait starts (SOI + APP0 JFIF), padded to a realistic size
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 56
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def _mdl(portrait: bytes) -> str:
    elements: dict[str, dict[str, object]] = {
        MDL: {
            "family_name": "Mustermann",
            "portrait": portrait,
            "signature_usual_mark": b"\x01\x02",
        }
    }
    return encode_mdoc(issuer_signed(elements))


def test_mdoc_portrait_is_one_leaf_row_with_its_bytes() -> None:
    view = decode_credential("mso_mdoc", _mdl(JPEG))
    rows = label_claims(view.claims, [], ["en"], format="mso_mdoc")
    paths = [row.path for row in rows]
    assert (MDL, "portrait") in paths
    assert not any(p[-1] in ("$bytes", "length") for p in paths), paths
    portrait = next(row for row in rows if row.path == (MDL, "portrait"))
    binary = binary_claim(portrait.value)
    assert binary is not None and binary.data == JPEG and binary.media_type == "image/jpeg"
    mark = binary_claim(next(r for r in rows if r.path[-1] == "signature_usual_mark").value)
    assert mark is not None and mark.media_type is None and not mark.is_image


def test_summaries_name_the_kind_and_the_size() -> None:
    jpeg = binary_claim({"$bytes": base64.urlsafe_b64encode(JPEG).decode(), "length": len(JPEG)})
    assert jpeg is not None
    assert describe_binary(jpeg) == "<image/jpeg, 14 347 bytes>"
    assert format_claim_value({"$bytes": "AQI", "length": 2}) == "<binary data, 2 bytes>"
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert format_claim_value(uri) == "<image/png, 48 bytes>"
    # the media type comes from the bytes, not from what the URI claims
    lying = "data:image/gif;base64," + base64.b64encode(JPEG).decode()
    found = binary_claim(lying)
    assert found is not None and found.media_type == "image/jpeg"
    # not binary: plain strings, other objects, broken base64
    assert binary_claim("Mustermann") is None
    assert binary_claim({"$bytes": "AQI", "length": 2, "x": 1}) is None
    assert binary_claim({"$bytes": "!!", "length": 2}) is None
    assert format_claim_value({"a": 1}) == '{"a": 1}'


def test_show_prints_a_summary_not_base64(tmp_path: Path) -> None:
    credential = _mdl(JPEG)
    with CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore()) as store:
        (stored,) = store.add_credentials(
            [
                NewCredential(
                    credential_configuration_id="mdl_mdoc",
                    format="mso_mdoc",
                    issuer="https://issuer.test",
                    name="Driving Licence",
                    card={"claims_metadata": []},
                    instances=(NewInstance(credential, None),),
                )
            ]
        )
        record = store.get_credential(stored.id)
    settings = Settings(data_dir=tmp_path / "data")
    out = io.StringIO()
    write_details_text(credential_details(record, settings, raw=False), out)
    text = out.getvalue()
    assert "<image/jpeg, 14 347 bytes>" in text
    assert "$bytes" not in text and "length" not in text
    assert base64.urlsafe_b64encode(JPEG[:60]).decode()[:40] not in text
    assert len(text) < 2000, len(text)
    # the JSON document (``show --json``) keeps the full value for scripts
    full = credential_details(record, settings, raw=False)
    tree = full["claims_tree"]
    assert isinstance(tree, dict)
    assert tree[MDL]["portrait"]["length"] == len(JPEG)
