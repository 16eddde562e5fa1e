"""ISSUER TRUST. Whether a credential comes from someone the user trusts, and still holds.

X.509 chains to the user's trust anchors, issuer key resolution (``x5c``, JWT VC issuer
metadata, ``did:jwk``), signed issuer metadata, type metadata and Token Status Lists. No Qt,
no disk: the wallet domain keeps anchors, results and caches in its store. Network access
goes through :class:`wallet_app.oid4vci.http.HttpSession` (same URL policy and size caps as
the protocol), or is skipped when no session is given.
"""
