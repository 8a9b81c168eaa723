"""Work beside this process: one forked side process for a task that can run while
this process does its own (a `--jobs` run's language check while the pipeline loads,
half of its corpus statistics while the driver builds the rest).

A side task is an optimisation, never a dependency: where a process cannot be forked
or the task fails there, `submit` and `result_or_none` give None and the caller does
the work itself, which reports any error as it would have anyway.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from typing import Any


@contextlib.contextmanager
def side_process(enabled: bool = True) -> Iterator[ProcessPoolExecutor | None]:
    """One forked process, shut down on leaving; None where it is not `enabled` or
    processes cannot be forked. Fork only while no other thread of this process is at
    work (an import, say): the child would inherit the locks it holds."""
    if not enabled or sys.platform != "linux":
        yield None
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        yield pool


def submit(side: Executor | None, function: Callable[..., Any], *args: Any) -> Future | None:
    """`function(*args)` started on `side`; None without a side process or where it
    cannot be forked."""
    if side is None:
        return None
    try:
        return side.submit(function, *args)
    except (OSError, BrokenExecutor):
        return None


def result_or_none(future: Future | None) -> Any:
    """A side task's result; None where there was none or it failed."""
    try:
        return None if future is None else future.result()
    except Exception:  # noqa: BLE001 - the caller does the work itself
        return None
