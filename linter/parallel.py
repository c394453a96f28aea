"""Judging many files on every core: forked workers, each taking a share of the files.

A run over many files spends nearly all its time in work that is the same for each file
and independent of the others (parse, rules, the secrets to mask). ``each`` deals the
files round-robin to forked processes, this one among them, and gathers what each
returns, pickled, through a pipe. Whatever goes wrong in a worker (it raises, its result
does not pickle, it dies) costs only time: its share is done here instead. Forking needs
a process with no other thread (a server never forks) and ``os.fork``.
"""

from __future__ import annotations

import os
import sys

MIN_FILES = 64          # below this the forks cost more than they save


def jobs(requested: int | None, count: int) -> int:
    """How many processes judge ``count`` files: ``requested`` (0 or None: one per CPU,
    from ``MIN_FILES`` files), never more than the files, 1 where forking is not safe."""
    if not hasattr(os, "fork") or count < 2:
        return 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return 1
    if not requested:
        if count < MIN_FILES:
            return 1
        try:
            requested = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            requested = os.cpu_count() or 1
    return max(1, min(requested, count))


def each(work, count: int, processes: int) -> list:
    """``[work(i) for i in range(count)]``, shared among ``processes`` processes."""
    if processes <= 1:
        return [work(i) for i in range(count)]
    import pickle
    results: list = [None] * count
    results[0] = work(0)        # here, before the forks: what it loads once is loaded for all
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for k in range(1, processes):
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            break
        if pid == 0:            # the worker: its share, pickled, then gone without cleanup
            os.close(read)
            try:
                data = pickle.dumps([work(i) for i in _share(k, count, processes)], pickle.HIGHEST_PROTOCOL)
            except BaseException:
                data = b""
            with os.fdopen(write, "wb") as out:
                out.write(data)
            os._exit(0)
        os.close(write)
        children.append((k, pid, read))
    forked = {k for k, _, _ in children}
    for k in range(processes):
        if k not in forked:
            for i in _share(k, count, processes):
                results[i] = work(i)
    for k, pid, read in children:
        with os.fdopen(read, "rb") as handle:
            data = handle.read()
        _, status = os.waitpid(pid, 0)
        share = _share(k, count, processes)
        try:
            got = pickle.loads(data) if data and status == 0 else None
        except Exception:
            got = None
        if got is None or len(got) != len(share):
            got = [work(i) for i in share]      # the worker failed: its share done here
        for i, value in zip(share, got):
            results[i] = value
    return results


def _share(k: int, count: int, processes: int) -> range:
    """The indices process ``k`` judges (0 is this one; index 0 is judged before the forks)."""
    return range(k or processes, count, processes)
