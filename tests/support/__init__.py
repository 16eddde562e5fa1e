"""Shared test support (test keyring backend, CLI runner)."""
