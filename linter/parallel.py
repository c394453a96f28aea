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


def each(work, count: int, processes: int, first=(0,)) -> list:
    """``[work(i) for i in range(count)]``, shared among ``processes`` processes. The
    indices in ``first`` are done here before the forks, so what they load (and say) once
    per process is loaded (and said) once."""
    if processes <= 1:
        return [work(i) for i in range(count)]
    import pickle
    import signal
    results: list = [None] * count
    done = set(first)
    for i in sorted(done):
        results[i] = work(i)
    rest = [i for i in range(count) if i not in done]
    shares = [rest[k::processes] for k in range(processes)]
    sys.stdout.flush()
    sys.stderr.flush()
    children: dict[int, tuple[int, int]] = {}     # share -> (pid, read end)
    try:
        for k in range(1, processes):
            read, write = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(read)
                os.close(write)
                break
            if pid == 0:        # the worker: its share, pickled, then gone without cleanup
                try:
                    os.close(read)
                    data = pickle.dumps([work(i) for i in shares[k]], pickle.HIGHEST_PROTOCOL)
                    with os.fdopen(write, "wb") as out:
                        out.write(data)
                finally:
                    os._exit(0)
            os.close(write)
            children[k] = (pid, read)
        for k in range(processes):
            if k not in children:       # this process's share, and any share not forked
                for i in shares[k]:
                    results[i] = work(i)
        for k in list(children):
            pid, read = children.pop(k)
            with os.fdopen(read, "rb") as handle:
                data = handle.read()
            _, status = os.waitpid(pid, 0)
            try:
                got = pickle.loads(data) if data and status == 0 else None
            except Exception:
                got = None
            if got is None or len(got) != len(shares[k]):
                got = [work(i) for i in shares[k]]      # the worker failed: its share done here
            for i, value in zip(shares[k], got):
                results[i] = value
    finally:        # this process failed: no worker outlives it
        for pid, read in children.values():
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
            os.close(read)
    return results
