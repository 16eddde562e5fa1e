"""The CLI's CPU for one ``wallet-app receive`` and for ``wallet-app list`` (issue 11), beside
the same issuance made by tests/benchmarks/baseline_issuance.py; printed by bench_issuance.py
(see its docstring).

The keyring the children use decides what a start costs: the Secret Service path talks D-Bus
(and reads the key over an encrypted session), the tests' file keyring imports the ``keyring``
package instead. ``private`` measures the desktop's path on any machine: a D-Bus session bus
of the bench's own with an unlocked GNOME Keyring in a throw-away home (what .ci/test runs the
suite in), stopped at the end; the user's own keyring is never touched.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wallet_app.demo_issuer import DemoConfig, serve

#: the ``--keyring`` choices
KEYRINGS = ("auto", "file", "system", "private")


def _cpu_env(tmp: Path, keyring: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A child's environment: a private data dir and instance, the keyring chosen (``extra``:
    the private Secret Service's variables), bytecode written (as an installed wallet has
    it)."""
    import uuid

    repo = Path(__file__).resolve().parents[2]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WALLET_APP_")
        and k not in ("PYTHONDONTWRITEBYTECODE", "PYTHON_KEYRING_BACKEND")
    }
    env.update(
        {
            "PYTHONPATH": str(repo),
            "WALLET_APP_DATA_DIR": str(tmp / "data"),
            "WALLET_APP_CONFIG_DIR": str(tmp / "config"),
            "WALLET_APP_INSTANCE": f"bench-{uuid.uuid4().hex[:8]}",
            "WALLET_APP_LANG": "en",
        }
    )
    env.update(extra or {})
    if keyring == "file":
        env["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
        env["TEST_KEYRING_FILE"] = str(tmp / "keyring.json")
    return env


def _child_cpu(command: list[str], env: dict[str, str], *, expect: str) -> float:
    """Run ``command`` to its end; the user+sys CPU seconds of that child. Raises RuntimeError
    when it fails or its first line does not start with ``expect``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or not done.stdout.startswith(expect):
        raise RuntimeError(f"{command[1:3]} exited {done.returncode}: {done.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure_cpu(rounds: int, keyring: str) -> dict[str, list[float]]:
    """CPU seconds per round: ``wallet-app receive``, the baseline's receive, ``wallet-app
    list`` on an empty store (its own data dir), each a new process; one warm-up round first
    (stores created, bytecode written, the status list cached by the wallet)."""
    baseline = str(Path(__file__).resolve().parent / "baseline_issuance.py")
    results: dict[str, list[float]] = {"receive": [], "baseline": [], "list": []}
    with (
        tempfile.TemporaryDirectory() as tmp,
        tempfile.TemporaryDirectory() as empty,
        serve(DemoConfig()) as running,
        _keyring_env(keyring) as extra,
    ):
        env = _cpu_env(Path(tmp), keyring, extra)
        empty_env = _cpu_env(Path(empty), keyring, extra)
        wallet = [sys.executable, "-m", "wallet_app"]
        for run in range(rounds + 1):
            offer = running.issuer.create_offer(["pid_sd_jwt"])
            receive = _child_cpu([*wallet, "receive", offer.uri], env, expect="Received ")
            offer = running.issuer.create_offer(["pid_sd_jwt"])
            base = _child_cpu([sys.executable, baseline, offer.uri], env, expect="Received ")
            listed = _child_cpu([*wallet, "list"], empty_env, expect="The wallet is empty")
            if run:
                results["receive"].append(receive)
                results["baseline"].append(base)
                results["list"].append(listed)
    return results


@contextmanager
def _keyring_env(keyring: str) -> Iterator[dict[str, str]]:
    if keyring == "private":
        with private_secret_service() as extra:
            yield extra
    else:
        yield {}


def print_cpu(rounds: int, keyring: str) -> None:
    """The CPU table (see the module docstring)."""
    cpu = measure_cpu(rounds, keyring)
    receive = statistics.median(cpu["receive"])
    base = statistics.median(cpu["baseline"])
    listed = statistics.median(cpu["list"])
    ratios = [w / b for w, b in zip(cpu["receive"], cpu["baseline"], strict=True)]
    ratio = receive / base
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"CLI CPU (user+sys of the child), {rounds} rounds, medians, {keyring} keyring "
        f"(load average {load:.1f} on {os.cpu_count()} CPUs):"
    )
    verdict = "ok" if listed <= 0.25 else "MISSED"
    print(f"  'wallet-app list', empty store   {listed * 1000:6.0f} ms   target ≤ 250   {verdict}")
    print(f"  'wallet-app receive'             {receive * 1000:6.0f} ms")
    print(f"  baseline_issuance.py             {base * 1000:6.0f} ms   (the same issuance, bare)")
    verdict = "ok" if ratio <= 1.0 else "MISSED"
    print(
        f"  receive ÷ baseline {ratio:.2f} (median of the rounds' ratios "
        f"{statistics.median(ratios):.2f}, range {min(ratios):.2f}-{max(ratios):.2f})   "
        f"target ≤ 1.0   {verdict}"
    )


def _answers(env: dict[str, str] | None = None) -> bool:
    """Whether an unlocked Secret Service answers on the session bus ``env`` names."""
    code = (
        "import contextlib, sys, secretstorage\n"
        "with contextlib.closing(secretstorage.dbus_init()) as c:\n"
        "    ok = secretstorage.check_service_availability(c) and "
        "not secretstorage.Collection(c).is_locked()\n"
        "sys.exit(0 if ok else 1)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, timeout=30, check=False
    )
    return done.returncode == 0


@contextmanager
def private_secret_service() -> Iterator[dict[str, str]]:
    """A D-Bus session bus and an unlocked GNOME Keyring of their own, in a throw-away home;
    yields the environment variables that reach them. Stops both at the end. Raises
    RuntimeError when the keyring does not answer within 10 s."""
    with tempfile.TemporaryDirectory() as home:
        runtime = Path(home, "run")
        runtime.mkdir(mode=0o700)
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.update(
            {
                "HOME": home,
                "XDG_RUNTIME_DIR": str(runtime),
                "XDG_DATA_HOME": str(Path(home, "data")),
                "XDG_CONFIG_HOME": str(Path(home, "config")),
            }
        )
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        keyring: subprocess.Popen[str] | None = None
        try:
            assert bus.stdout is not None
            env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
            keyring = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                text=True,
            )
            assert keyring.stdin is not None
            keyring.stdin.write("bench-keyring")
            keyring.stdin.close()
            deadline = time.monotonic() + 10
            while not _answers(env):
                if time.monotonic() > deadline:
                    raise RuntimeError("the bench's own GNOME Keyring did not answer")
                time.sleep(0.1)
            yield {
                k: env[k]
                for k in (
                    "DBUS_SESSION_BUS_ADDRESS",
                    "HOME",
                    "XDG_RUNTIME_DIR",
                    "XDG_DATA_HOME",
                    "XDG_CONFIG_HOME",
                )
            }
        finally:
            for process in (keyring, bus):
                if process is not None:
                    process.terminate()
                    try:
                        process.wait(5)
                    except subprocess.TimeoutExpired:
                        process.kill()


def resolve_keyring(choice: str) -> str:
    """``auto`` made concrete (see KEYRINGS); other choices unchanged."""
    if choice != "auto":
        return choice
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") and _answers():
        return "system"
    if shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon"):
        return "private"
    return "file"
