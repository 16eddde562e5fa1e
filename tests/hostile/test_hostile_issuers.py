"""The wallet against a hostile issuer (issue 11): structural rejection, denial of service,
terminal escapes, internal errors, downgrade and noise.

Every case runs the real CLI (``wallet-app receive``) in its own data directory against a
hostile issuer on 127.0.0.1 (``tests/support/hostile_issuer.py``) and checks the exit code, a
sentence naming the problem, the wall time and the peak RSS of the process, what is stored
(``list --json``, ``deferred --json``), that no terminal control byte reaches the output and
that nothing failed inside the wallet. The cases run on a small pool (``WORKERS``): each test
waits for its own case, which the module started with all the others.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hostile import cases_network, cases_structural, cases_text
from tests.hostile.harness import Case, Outcome, assert_outcome, run_case

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1", "::1"])]

CASES: tuple[Case, ...] = (
    *cases_structural.CASES,
    *cases_structural.INTERNAL,
    *cases_network.CASES,
    *cases_text.CASES,
)
#: two cases per CPU (most of a case is waiting for the wallet or the issuer), four at least
WORKERS = min(8, max(4, 2 * (os.cpu_count() or 2)))


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Future[Outcome]]]:
    """Every case started at once on a small pool, the slowest first so that their waits
    overlap the others; ``outcomes[id].result()`` waits for one."""
    root = tmp_path_factory.mktemp("hostile")
    slowest_first = sorted(CASES, key=lambda case: -case.seconds)
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="hostile") as pool:
        futures = {
            case.id: pool.submit(run_case, case, Path(root, case.id)) for case in slowest_first
        }
        yield futures
        for future in futures.values():
            future.cancel()


def test_the_module_covers_every_category_with_60_cases() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert len(CASES) >= 60
    categories = Counter(case.category for case in CASES)
    assert set(categories) == {
        "structural rejection",
        "denial of service",
        "terminal escapes",
        "internal errors",
        "downgrade",
        "noise",
    }, categories


@pytest.mark.timeout(300)
@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_hostile_issuer(case: Case, outcomes: dict[str, Future[Outcome]]) -> None:
    assert_outcome(case, outcomes[case.id].result(timeout=280))
