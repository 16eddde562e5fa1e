"""RFC 5280 §4.2.1.10 name constraints of a CA, applied to the signer's alternative names.

Handled name forms: ``dNSName`` (a constraint ``example.com`` covers that host and every
host below it; ``.example.com`` only the hosts below), ``uniformResourceIdentifier`` (on the
URI's host, same rule) and ``iPAddress`` (a network). A permitted subtree of a form requires
every name of that form to fall inside one of them; an excluded subtree forbids any name
inside it. Other forms (directoryName, rfc822Name, ...) are not checked.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from cryptography import x509

from wallet_app.errors import Sentence

__all__ = ["name_constraint_problems"]

_Names = dict[str, list[str]]


def _dns_within(name: str, constraint: str) -> bool:
    name, constraint = name.lower().rstrip("."), constraint.lower().rstrip(".")
    if not constraint:
        return True
    if constraint.startswith("."):
        return name.endswith(constraint)
    return name == constraint or name.endswith("." + constraint)


def _ip_within(name: str, constraint: x509.IPAddress) -> bool:
    network = constraint.value
    if not isinstance(network, ipaddress.IPv4Network | ipaddress.IPv6Network):
        return False
    try:
        return ipaddress.ip_address(name) in network
    except ValueError:
        return False


def _within(form: str, name: str, constraint: x509.GeneralName) -> bool:
    if form == "dns" and isinstance(constraint, x509.DNSName):
        return _dns_within(name, constraint.value)
    if form == "uri" and isinstance(constraint, x509.UniformResourceIdentifier):
        return _dns_within(name, constraint.value)
    if form == "ip" and isinstance(constraint, x509.IPAddress):
        return _ip_within(name, constraint)
    return False


def _form(constraint: x509.GeneralName) -> str | None:
    if isinstance(constraint, x509.DNSName):
        return "dns"
    if isinstance(constraint, x509.UniformResourceIdentifier):
        return "uri"
    if isinstance(constraint, x509.IPAddress):
        return "ip"
    return None


def _leaf_names(leaf: x509.Certificate) -> _Names:
    try:
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return {"dns": [], "uri": [], "ip": []}
    hosts = [
        urlsplit(u).hostname or "" for u in san.get_values_for_type(x509.UniformResourceIdentifier)
    ]
    return {
        "dns": list(san.get_values_for_type(x509.DNSName)),
        "uri": hosts,
        "ip": [str(ip) for ip in san.get_values_for_type(x509.IPAddress)],
    }


def name_constraint_problems(ca: x509.Certificate, leaf: x509.Certificate) -> list[Sentence]:
    """What in ``leaf``'s alternative names breaks ``ca``'s name constraints (empty: nothing,
    or ``ca`` has none). Raises ValueError for a malformed extension."""
    try:
        constraints = ca.extensions.get_extension_for_class(x509.NameConstraints).value
    except x509.ExtensionNotFound:
        return []
    names = _leaf_names(leaf)
    problems: list[Sentence] = []
    permitted = list(constraints.permitted_subtrees or ())
    for form in ("dns", "uri", "ip"):
        allowed = [c for c in permitted if _form(c) == form]
        for name in names[form] if allowed else ():
            if not any(_within(form, name, c) for c in allowed):
                problems.append(_outside(ca, name))
    for constraint in constraints.excluded_subtrees or ():
        excluded_form = _form(constraint)
        if excluded_form is None:
            continue
        problems += [
            _outside(ca, name)
            for name in names[excluded_form]
            if _within(excluded_form, name, constraint)
        ]
    return problems


def _outside(ca: x509.Certificate, name: str) -> Sentence:
    return Sentence(
        "The name {name} in the signer's certificate is outside what {ca} may certify "
        "(name constraints).",
        {"name": name, "ca": ca.subject.rfc4514_string()},
    )
