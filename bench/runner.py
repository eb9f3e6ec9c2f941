"""Run sphinx-build as a child process and measure it: wall time, peak memory, output size."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Build:
    seconds: float
    # User + system CPU time of the child and its workers: far steadier than wall time on a
    # machine shared with other work.
    cpu_seconds: float
    # Peak resident memory of the child (and of the workers it forked and waited for).
    peak_mib: float
    returncode: int
    warnings: int
    log: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


# Builds run as on a writer's machine, where Python keeps compiled modules: a shell that sets
# PYTHONDONTWRITEBYTECODE (some sandboxes and CI images do) would have every build compile
# the source of each module that is not installed compiled (an editable install's) again.
_BUILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def sphinx_build(
    src: Path, out: Path, *, jobs: int = 1, builder: str = "html", python: str = sys.executable
) -> Build:
    """One ``python -m sphinx`` run; warnings go to a numbered log file next to the output."""
    out.mkdir(parents=True, exist_ok=True)
    runs = len(list(out.parent.glob(f"{out.name}-*.log")))
    log = out.parent / f"{out.name}-{runs + 1:02d}.log"
    cmd = [python, "-m", "sphinx", "-b", builder, "-q", "-d", str(out / ".doctrees")]
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    cmd += [str(src), str(out)]
    with log.open("w", encoding="utf-8") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=_BUILD_ENV)
        # wait4 gives this child's own rusage; getrusage(RUSAGE_CHILDREN) would mix all builds.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text("utf-8", errors="replace")
    return Build(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,  # kilobytes on Linux
        returncode=proc.returncode,
        warnings=text.count("WARNING"),
        log=log,
    )


def fresh(out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    return out


def tree_size(path: Path, suffix: str = "") -> int:
    """Bytes under ``path`` (only files ending in ``suffix`` if given), doctrees excluded."""
    total = 0
    for p in path.rglob(f"*{suffix}"):
        if p.is_file() and ".doctrees" not in p.parts:
            total += p.stat().st_size
    return total
