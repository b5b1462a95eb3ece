"""The collector pause around exports: it nests, overlaps between threads, and leaves the
collector as it found it."""

from __future__ import annotations

import gc
import threading

from quizapp.export.gc_pause import paused_gc


def test_pauses_nest_and_the_collector_comes_back_after_the_last():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_in_two_threads_end_with_the_collector_on():
    inside, release = threading.Event(), threading.Event()

    def export_in_thread():
        with paused_gc():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=export_in_thread)
    with paused_gc():
        thread.start()
        assert inside.wait(5)
    # This thread's pause ended first; the other's still holds.
    assert not gc.isenabled()
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_an_error_inside_still_turns_the_collector_back_on():
    try:
        with paused_gc():
            raise ValueError("export failed")
    except ValueError:
        pass
    assert gc.isenabled()
