"""Reference desktop wallet for OpenID for Verifiable Credential Issuance 1.0."""

__version__ = "0.1.0"
