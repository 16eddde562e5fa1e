"""Drive the demo issuer's sign-in page the way a person would (in-process tests, benchmark).

The subprocess stand-in for a browser, ``tests/tools/scripted_browser.py``, does the same as a
standalone script.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx

__all__ = ["HandoffPage", "LoginForm", "handoff_location", "sign_in"]


class LoginForm(HTMLParser):
    """The first POST form of a page: its action and its named inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action is None and a.get("method", "get").lower() == "post":
            self.action = a.get("action", "")
        elif tag == "input" and a.get("name"):
            self.fields[a["name"]] = a.get("value", "")


class HandoffPage(HTMLParser):
    """The page after Approve/Deny: its meta refresh target and its "Open Wallet" link."""

    def __init__(self) -> None:
        super().__init__()
        self.refresh: str | None = None
        self.link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.refresh = a.get("content", "").partition("url=")[2] or None
        elif tag == "a" and a.get("id") == "open-wallet":
            self.link = a.get("href")


def handoff_location(response: httpx.Response) -> str:
    """The authorization response the decision hands to the wallet: the meta refresh target
    of the "return to the wallet" page (which its "Open Wallet" link repeats)."""
    assert response.status_code == 200, response.text
    page = HandoffPage()
    page.feed(response.text)
    assert page.refresh is not None and page.refresh == page.link, response.text
    return page.refresh


def sign_in(http: httpx.Client, url: str, action: str = "approve") -> str:
    """Open the authorization ``url``, submit the sign-in form; return the authorization
    response the page after it hands to the wallet."""
    page = http.get(url)
    assert page.status_code == 200, page.text
    form = LoginForm()
    form.feed(page.text)
    assert form.action is not None, "no sign-in form on the page"
    fields = {**form.fields, "username": "erika", "password": "demo", "action": action}
    decided = http.post(urljoin(str(page.url), form.action), data=fields)
    return handoff_location(decided)
