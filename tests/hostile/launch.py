"""Run ``wallet-app`` (``python -m wallet_app``) and, when it exits, write its peak resident
set size (``VmHWM`` of /proc/self/status, in kB) to the file named by ``HOSTILE_RSS_FILE``.

The peak of this process alone: ``wait4``'s ``ru_maxrss`` would also count the parent's
memory, which the child shares until ``exec``.
"""

from __future__ import annotations

import atexit
import os
import runpy
import sys
from pathlib import Path


def _report() -> None:
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    Path(os.environ["HOSTILE_RSS_FILE"]).write_text(peak)


if __name__ == "__main__":
    atexit.register(_report)
    sys.argv = ["wallet_app", *sys.argv[1:]]
    runpy.run_module("wallet_app", run_name="__main__", alter_sys=True)
