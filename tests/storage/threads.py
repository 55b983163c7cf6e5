"""Concurrency in tests: a deadlock must fail the test, not hang the suite."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

TIMEOUT_S = 60


def start(target: Callable[..., object], *args: object) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def finish(threads: Iterable[threading.Thread]) -> None:
    for thread in threads:
        thread.join(TIMEOUT_S)
        assert not thread.is_alive(), f"{thread.name} still running after {TIMEOUT_S} s: deadlock?"


def run_together(target: Callable[..., object], argument_lists: Iterable[tuple[object, ...]]) -> None:
    """Run `target` once per argument tuple, all in parallel threads, and wait for every one."""
    finish([start(target, *args) for args in argument_lists])
