"""oid4vci."""
