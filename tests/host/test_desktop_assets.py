"""The Linux desktop files we ship: validators report nothing, and they agree with the code.

``appstreamcli`` (apt: appstream) and ``desktop-file-validate`` (apt: desktop-file-utils) are in
.ci/apt.txt; without them a local run skips these checks, a CI run (``$CI`` set) fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from wallet_app import __version__
from wallet_app.host.desktop_assets import APP_ID, icon_files, metainfo_file
from wallet_app.host.uri_scheme import DESKTOP_ID, SCHEMES

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
RAW = "https://raw.githubusercontent.com/walletapp/wallet-app/main/"


def validator(tool: str) -> str:
    """The tool's path; skip without it locally, fail in CI (which installs it)."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing although .ci/apt.txt installs it")
        pytest.skip(f"{tool} is not installed (.ci/setup installs it)")
    return path


def appstream_findings(path: Path) -> list[str]:
    """What ``appstreamcli validate --no-net`` reports about ``path`` beyond success.

    CI runs AppStream 0.16 (Debian 12), which does not know the ``<developer>`` tag that 1.0
    (Debian 13) asks for instead of the deprecated ``<developer_name>``; no file satisfies
    both, so the metainfo names no developer and 1.0's one info about that
    (``developer-info-missing``) is expected; any other finding is returned.
    """
    tool = validator("appstreamcli")
    version = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True)
    old = re.search(r"\b0\.\d+\.\d+", version.stdout) is not None
    done = subprocess.run(
        [tool, "validate", "--no-net", "--no-color", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [x for x in (done.stdout + done.stderr).splitlines() if x.strip()]
    if not old:
        lines = [x for x in lines if not re.fullmatch(r"I: \S+:~: developer-info-missing", x)]
        lines = [x for x in lines if not x.startswith("✔ Validation was successful: infos: 1")]
    return [x for x in lines if x != "✔ Validation was successful."] + (
        [f"exit {done.returncode}"] if done.returncode else []
    )


def test_metainfo_validates_with_nothing_to_report() -> None:
    assert appstream_findings(METAINFO) == []


def test_desktop_file_validates_with_nothing_to_report() -> None:
    tool = validator("desktop-file-validate")
    done = subprocess.run([tool, str(LINUX / DESKTOP_ID)], capture_output=True, text=True)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_metainfo_agrees_with_the_code() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "Apache-2.0"
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP_ID
    assert root.findtext("icon[@type='stock']") == APP_ID
    assert root.findtext("url[@type='homepage']") == "https://github.com/walletapp/wallet-app"
    assert root.find("content_rating[@type='oars-1.1']") is not None
    assert [e.text for e in root.iterfind("provides/binary")] == ["wallet-app"]
    assert [e.text for e in root.iterfind("provides/mediatype")] == [
        f"x-scheme-handler/{s}" for s in SCHEMES
    ]
    [release] = root.iterfind("releases/release")
    assert (release.get("version"), release.get("date")) == (__version__, "2026-12-07")
    assert release.findtext("description/p")


def test_metainfo_screenshots_are_committed_where_their_urls_point() -> None:
    root = ET.parse(METAINFO).getroot()
    urls = [e.text or "" for e in root.iterfind("screenshots/screenshot/image")]
    assert 3 <= len(urls) <= 4
    for url in urls:
        assert url.startswith(RAW), url
        local = ROOT / url.removeprefix(RAW)
        assert local.is_file(), local
        assert local.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    defaults = [s for s in root.iterfind("screenshots/screenshot") if s.get("type") == "default"]
    assert len(defaults) == 1


def test_the_package_carries_the_metainfo_and_every_icon() -> None:
    assert metainfo_file().read_bytes() == METAINFO.read_bytes()
    assert all(path.is_file() for path in icon_files().values())
