"""The background lanes `mkdocs serve` renders PDFs and makes the snapshot in."""

from __future__ import annotations

import threading

import pytest

from generator.background import Background


def test_a_newer_job_makes_the_running_one_stale_and_runs_after_it() -> None:
    order: list[str] = []
    running, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def first(stale) -> None:
        running.set()
        release.wait(10)
        seen.append(stale())
        order.append("first")

    with Background() as background:
        background.submit("lane", first)
        assert running.wait(10)
        later = background.submit("lane", lambda stale: order.append("second"))
        release.set()
        later.result(10)
    assert seen == [True] and order == ["first", "second"]


def test_a_keyed_job_runs_once_while_it_is_unfinished() -> None:
    calls: list[int] = []
    release = threading.Event()
    with Background() as background:
        one = background.submit("snapshot", lambda stale: (release.wait(10), calls.append(1)), key="out.gz")
        two = background.submit("snapshot", lambda stale: calls.append(2), key="out.gz")
        assert one is two
        release.set()
        one.result(10)
    assert calls == [1]


def test_close_makes_jobs_stale_and_refuses_new_ones() -> None:
    started, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def job(stale) -> None:
        started.set()
        release.wait(10)
        seen.append(stale())

    background = Background()
    future = background.submit("lane", job)
    assert started.wait(10)
    background.close()
    release.set()
    future.result(10)
    assert seen == [True]
    with pytest.raises(RuntimeError):
        background.submit("lane", job)
    for thread in [t for t in threading.enumerate() if t.name.startswith("hipguide-lane")]:
        thread.join(10)  # the thread ends once its job returns
        assert not thread.is_alive()
