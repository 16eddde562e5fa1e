#!/usr/bin/env python3
"""A scripted stand-in for the system browser, for end-to-end tests of the wallet.

Use as $BROWSER: `"<python> <this file> %s"` (Python's webbrowser substitutes the URL).
It opens the authorization URL, fills the demo issuer's sign-in form, submits it with
action=$SCRIPTED_BROWSER_ACTION (approve|deny, default approve; "enter" presses Enter in the
password field: HTML implicit submission, which sends the name/value of the form's FIRST submit
button in tree order, whatever it is), then reads the authorization response from the page the
decision answers with (its meta refresh, as a browser follows it; a 302 is followed too) and
delivers it the way an OS would:
  - http://127.0.0.1 / [::1] / localhost  -> GET it (the wallet's loopback receiver);
  - anything else (private-use scheme)   -> run `<python> -m wallet_app <location>` or
    $SCRIPTED_BROWSER_WALLET (a shell-style command line; the location is appended) and exit
    with that process's exit code.
Other variables: SCRIPTED_BROWSER_LOG (append a log of steps to this file),
SCRIPTED_BROWSER_USERNAME / SCRIPTED_BROWSER_PASSWORD (default erika / demo),
SCRIPTED_BROWSER_CA (PEM file of a CA to trust for https). Writes nothing to stdout;
errors go to stderr and the log. Exit codes: 0 ok, 2 page/form problem, 3 redirect problem.
"""

from __future__ import annotations

import html
import os
import shlex
import ssl
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx

_LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


class _FormParser(HTMLParser):
    """Collects the first POST form: its action and its named inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        #: (name, value) of the form's submit buttons in tree order
        self.submitters: list[tuple[str, str]] = []
        self._in_form = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self._done and a.get("method", "get").lower() == "post":
            self._in_form = True
            self.action = a.get("action", "")
        elif not self._in_form:
            return
        elif (tag, a.get("type", "submit" if tag == "button" else "text").lower()) in (
            ("button", "submit"),
            ("input", "submit"),
            ("input", "image"),
        ):
            self.submitters.append((a.get("name", ""), a.get("value", "")))
        elif tag == "input" and a.get("name") and a.get("type", "text").lower() != "button":
            self.fields[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form = False
            self._done = True


class _Log:
    def __init__(self, path: str | None) -> None:
        self._path = path

    def __call__(self, message: str) -> None:
        if self._path:
            with open(self._path, "a", encoding="utf-8") as handle:
                handle.write(message + "\n")

    def fail(self, code: int, message: str) -> int:
        self(f"ERROR: {message}")
        sys.stderr.write(f"scripted_browser: {message}\n")
        return code


class _RefreshParser(HTMLParser):
    """The target of a page's <meta http-equiv="refresh" content="N;url=...">."""

    def __init__(self) -> None:
        super().__init__()
        self.target: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh" and not self.target:
            self.target = a.get("content", "").partition("url=")[2].strip() or None


def _verify() -> ssl.SSLContext | bool:
    ca = os.environ.get("SCRIPTED_BROWSER_CA")
    if ca:
        return ssl.create_default_context(cafile=ca)
    return True


def _deliver(location: str, client: httpx.Client, log: _Log) -> int:
    parts = urlsplit(location)
    if parts.scheme in ("http", "https") and parts.hostname in _LOOPBACK:
        log(f"GET loopback redirect {parts.scheme}://{parts.netloc}{parts.path}")
        try:
            response = client.get(location)
        except httpx.HTTPError as exc:
            return log.fail(3, f"loopback redirect failed: {exc!r}")
        log(f"loopback answered {response.status_code}")
        return 0 if response.status_code < 400 else 3
    override = os.environ.get("SCRIPTED_BROWSER_WALLET")
    command = shlex.split(override) if override else [sys.executable, "-m", "wallet_app"]
    log(f"hand redirect ({parts.scheme}:) to {command[0]} ...")
    completed = subprocess.run([*command, location], stdin=subprocess.DEVNULL, check=False)
    log(f"wallet exited {completed.returncode}")
    return completed.returncode


def run(url: str) -> int:
    """Drive one authorization; return the process exit code."""
    log = _Log(os.environ.get("SCRIPTED_BROWSER_LOG"))
    action = os.environ.get("SCRIPTED_BROWSER_ACTION", "approve")
    parts = urlsplit(url)
    log(f"open {parts.scheme}://{parts.netloc}{parts.path}")
    with httpx.Client(verify=_verify(), timeout=30.0, follow_redirects=False) as client:
        try:
            page = client.get(url)
        except httpx.HTTPError as exc:
            return log.fail(2, f"could not load the authorization page: {exc!r}")
        log(f"page answered {page.status_code}")
        if page.is_redirect:  # the AS answered with an error redirect straight away
            return _deliver(page.headers["location"], client, log)
        if page.status_code != 200:
            return log.fail(2, f"authorization page answered {page.status_code}")
        parser = _FormParser()
        parser.feed(page.text)
        if parser.action is None:
            return log.fail(2, "no POST form on the authorization page")
        fields = dict(parser.fields)
        fields["username"] = os.environ.get("SCRIPTED_BROWSER_USERNAME", "erika")
        fields["password"] = os.environ.get("SCRIPTED_BROWSER_PASSWORD", "demo")
        if action == "enter":  # implicit submission: the first submit button is the submitter
            if not parser.submitters:
                return log.fail(2, "Enter submits nothing: the form has no submit button")
            name, value = parser.submitters[0]
            if name:
                fields[name] = value
            log(f"press Enter: the first submit button sends {name}={value}")
        else:
            fields["action"] = action
        target = urljoin(str(page.url), parser.action)
        log(f"POST form to {urlsplit(target).path} with action={fields.get('action')}")
        try:
            decided = client.post(target, data=fields)
        except httpx.HTTPError as exc:
            return log.fail(2, f"submitting the form failed: {exc!r}")
        if decided.is_redirect:
            return _deliver(decided.headers["location"], client, log)
        refresh = _RefreshParser()
        refresh.feed(decided.text)
        if decided.status_code != 200 or refresh.target is None:
            return log.fail(3, f"form answered {decided.status_code}, with no redirect to follow")
        log("the page says: return to the wallet; following its refresh")
        return _deliver(html.unescape(refresh.target), client, log)


def main(argv: list[str]) -> int:
    """Entry point: the URL is the last argument."""
    if len(argv) < 2:
        sys.stderr.write("usage: scripted_browser.py <authorization-url>\n")
        return 2
    return run(argv[-1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
