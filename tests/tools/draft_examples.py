"""Write tests/fixtures/drafts/<draft>/*.json from the drafts themselves.

Usage: python tests/tools/draft_examples.py <git dir of openid/OpenID4VCI>
Draft 11 is commit 23d1f97 (the published -11); 13-15 are the tags. Run by hand, once.
"""

import json
import pathlib
import subprocess
import sys

OUT = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "drafts"
REPO = sys.argv[1] if len(sys.argv) > 1 else "."
REFS = {
    "11": "23d1f97",
    "13": "refs/tags/draft-13",
    "14": "refs/tags/draft-14",
    "15": "refs/tags/draft-15",
}
sources = []


def show(ref, path):
    return subprocess.run(
        ["git", "-C", REPO, "show", f"{ref}:{path}"], capture_output=True, text=True, check=True
    ).stdout


def loads(text):
    # the drafts break long strings over lines for display: join them
    out, in_str, skip, prev = [], False, False, ""
    for ch in text:
        if skip:
            if ch in " \t":
                continue
            skip = False
        if in_str and ch == "\n":
            skip = True
            continue
        if ch == '"' and prev != "\\":
            in_str = not in_str
        out.append(ch)
        prev = ch
    return json.loads("".join(out))


def save(draft, name, obj, origin):
    d = OUT / draft
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sources.append(f"| {draft} | {name} | {origin} |")


def example(draft, src, name=None):
    save(draft, name or src, loads(show(REFS[draft], f"examples/{src}")), f"examples/{src}")


def inline(draft, marker, name, nth=0):
    """The JSON body of the nth HTTP example whose first line is `marker`."""
    md = show(REFS[draft], "openid-4-verifiable-credential-issuance-1_0.md")
    lines = md.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == marker]
    i = starts[nth]
    block = []
    for line in lines[i:]:
        if line.lstrip().startswith("```"):
            break
        block.append(line)
    b = "\n".join(block)
    body = b[b.index("{") :] if "{" in b else ""
    body = body.replace('"error": "invalid_proof"\n', '"error": "invalid_proof",\n')
    save(draft, name, loads(body), f"spec text: example starting `{marker}` #{nth + 1}")
    return b


# draft 11 (published -11, commit 23d1f97)
example("11", "credential_request_jwt_vc_json.json")
example("11", "credential_request_iso_mdl.json")
example("11", "credential_request_ldp_vc.json")
example("11", "credential_request_jwt_vc_json-ld.json")
example("11", "credential_offer_pre-authz_code.json")
example("11", "credential_offer_multiple_credentials.json")
example("11", "credential_offer_mso_doc.json")
example("11", "issuer_metadata.json")
example("11", "authorization_details.json")
example("11", "authorization_details_ldp_vc.json")
inline("11", "HTTP/1.1 200 OK", "token_response.json", 0)
inline("11", "HTTP/1.1 200 OK", "credential_response_jwt_vc_json.json", 1)
inline("11", "HTTP/1.1 200 OK", "credential_response_deferred.json", 2)
inline("11", "HTTP/1.1 400 Bad Request", "credential_error_invalid_proof.json", 2)
# draft 13
for t in ("13", "14"):
    example(t, "credential_request_sd_jwt_vc.json")
    example(t, "credential_request_iso_mdl_with_claims.json")
    example(t, "credential_request_jwt_vc_json_with_claims.json")
    example(t, "credential_request_ldp_vc.json")
    example(t, "credential_metadata_sd_jwt_vc.json")
    example(t, "credential_metadata_mso_mdoc.json")
    example(t, "credential_metadata_jwt_vc_json.json")
    example(t, "credential_offer_multiple_credentials.json")
    example(t, "credential_offer_pre-authz_code.json")
    example(t, "authorization_details_sd_jwt_vc.json")
    example(t, "authorization_details.json")
    example(t, "authorization_details_mso_doc.json")
    inline(t, "HTTP/1.1 200 OK", "token_response.json", 0)
    inline(t, "POST /credential HTTP/1.1", "credential_request_mdoc_inline.json", 0)
    inline(t, "POST /credential HTTP/1.1", "credential_request_identifier.json", 1)
    inline(t, "POST /deferred_credential HTTP/1.1", "deferred_request.json", 0)
    inline(t, "HTTP/1.1 202 Accepted", "credential_response_deferred.json", 0)
    inline(t, "HTTP/1.1 400 Bad Request", "credential_error_invalid_proof.json", 2)
inline("13", "HTTP/1.1 200 OK", "credential_response.json", 1)
inline("14", "HTTP/1.1 200 OK", "credential_response.json", 1)
inline("14", "HTTP/1.1 200 OK", "credential_response_multiple.json", 2)
# draft 15
for src in (
    "credential_metadata_sd_jwt_vc.json",
    "credential_metadata_mso_mdoc.json",
    "credential_metadata_jwt_vc_json.json",
    "credential_offer_multiple_credentials.json",
    "credential_offer_pre-authz_code.json",
    "authorization_details_sd_jwt_vc.json",
    "authorization_details_mso_doc.json",
    "authorization_details.json",
):
    example("15", src)
inline("15", "HTTP/1.1 200 OK", "token_response.json", 0)
inline("15", "HTTP/1.1 200 OK", "nonce_response.json", 1)
inline("15", "POST /credential HTTP/1.1", "credential_request_config_id.json", 0)
inline("15", "POST /credential HTTP/1.1", "credential_request_identifier.json", 1)
inline("15", "HTTP/1.1 200 OK", "credential_response.json", 2)
inline("15", "HTTP/1.1 200 OK", "credential_response_multiple.json", 3)
inline("15", "HTTP/1.1 202 Accepted", "credential_response_deferred.json", 0)
inline("15", "POST /deferred_credential HTTP/1.1", "deferred_request.json", 0)
inline("15", "HTTP/1.1 200 OK", "deferred_response.json", 4)

(OUT / "SOURCES.md").write_text(
    "# Examples from the drafts themselves (repo openid/OpenID4VCI)\n\n"
    'Draft 11 = commit 23d1f97 ("added history entry for -11", the published -11); drafts 13-15 = '
    "tags draft-13, draft-14, draft-15. Long strings the drafts break over lines are joined; the "
    "comma the draft 13/14 proof error examples lack after their error member is added. "
    "Nothing else is changed.\n"
    "The draft-11 deferred request has no body: the acceptance_token is the Bearer token "
    "(`POST /credential_deferred`, `Authorization: BEARER 8xLOxBtZp8`).\n\n"
    "| draft | file | from |\n|---|---|---|\n" + "\n".join(sources) + "\n",
    encoding="utf-8",
)
