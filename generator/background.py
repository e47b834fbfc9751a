"""Slow build work that `mkdocs serve` does without holding up a reload: PDFs, the snapshot.

Build only. A `Background` has lanes (one per kind of work), each one thread that runs its
jobs in order. It is owned by whoever starts the work (the MkDocs plugin creates one at
startup and closes it at shutdown), never module state, so a finished run leaves no thread
behind and each test can have its own.

A job is called with `stale`, a function that turns true once a newer job is submitted to the
same lane or the owner closes the Background: a long job checks it between steps and stops.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

__all__ = ["Background", "Job"]

Job = Callable[[Callable[[], bool]], None]


class Background:
    """Lanes of one worker thread each, for work a build starts and does not wait for."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lanes: dict[str, ThreadPoolExecutor] = {}
        self._latest: dict[str, int] = {}
        self._keyed: dict[tuple[str, str], Future[None]] = {}
        self._closed = False

    def submit(self, lane: str, job: Job, key: str | None = None) -> Future[None]:
        """Run `job(stale)` in the lane's thread, after the lane's earlier jobs.

        With `key`, a job of the lane with the same key that has not finished is kept and its
        future returned instead (the job is not run twice), and earlier jobs are not made stale.

        Raises:
            RuntimeError: after `close`.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("background work was submitted after shutdown")
            if key is not None:
                running = self._keyed.get((lane, key))
                if running is not None and not running.done():
                    return running
            else:
                self._latest[lane] = self._latest.get(lane, 0) + 1
            generation = self._latest.get(lane, 0)
            pool = self._lanes.get(lane)
            if pool is None:
                pool = self._lanes[lane] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"hipguide-{lane}")

            def stale() -> bool:
                return self._closed or self._latest.get(lane, 0) != generation

            future = pool.submit(job, stale)
            if key is not None:
                self._keyed[(lane, key)] = future
            return future

    def supersede(self, lane: str) -> None:
        """Make the lane's jobs stale without submitting another (a newer build needs none)."""
        with self._lock:
            self._latest[lane] = self._latest.get(lane, 0) + 1

    def close(self, wait: bool = False) -> None:
        """Make every job stale, drop the queued ones, and let the threads end (idempotent)."""
        with self._lock:
            self._closed = True
            pools = list(self._lanes.values())
            self._lanes.clear()
        for pool in pools:
            pool.shutdown(wait=wait, cancel_futures=True)

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(wait=True)
