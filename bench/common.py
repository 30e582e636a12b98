"""What every benchmark needs: the machine, its load, a demo data folder, servers, nginx, percentiles."""
import atexit
import contextlib
import io
import os
import platform
import re
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from admin_server.testing import NGINX, Nginx, RunningServer, demo_data_dir, start_server

_TEMPLATE = None


def _version(cmd, pattern):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    match = re.search(pattern, out.stdout + out.stderr)
    return match.group(1) if match else "unknown"


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    import gunicorn

    return {
        "nproc": os.cpu_count(), "cpu": cpu, "memory": f"{mem_kb / 1048576:.1f} GiB",
        "kernel": platform.release(), "python": platform.python_version(), "gunicorn": gunicorn.__version__,
        "nginx": _version([NGINX, "-v"], r"nginx/(\S+)"), "wrk": _version(["wrk", "--version"], r"wrk (\S+)"),
    }


def proc_stat(path):
    """(name, fields after the name) of a /proc stat file (a process's or a thread's), or None if it is gone."""
    try:
        with open(path) as f:
            raw = f.read()
    except OSError:
        return None
    return raw[raw.index("(") + 1:raw.rindex(")")], raw[raw.rindex(")") + 2:].split()


def _proc_times() -> dict:
    times = {}
    for pid in os.listdir("/proc"):
        stat = proc_stat(f"/proc/{pid}/stat") if pid.isdigit() else None
        if stat is not None:
            comm, fields = stat
            times[int(pid)] = (comm, int(fields[1]), int(fields[11]) + int(fields[12]))  # ppid, utime+stime
    return times


def _cpu_busy() -> tuple[int, int]:
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def load(sample_s=1.0) -> str:
    """Load average, whole-machine CPU use over `sample_s` and the busiest processes that are not ours."""
    one, five, _ = os.getloadavg()
    before, busy0 = _proc_times(), _cpu_busy()
    time.sleep(sample_s)
    after, busy1 = _proc_times(), _cpu_busy()
    tick = os.sysconf("SC_CLK_TCK")
    mine = {os.getpid()} | {pid for pid, (_, ppid, _) in after.items() if ppid == os.getpid()}
    top = sorted(((after[p][2] - before[p][2]) / tick / sample_s * 100, after[p][0])
                 for p in after if p in before and p not in mine)
    others = ", ".join(f"{comm} {cpu:.0f}%" for cpu, comm in reversed(top[-5:]) if cpu >= 5) or "none"
    used = 100 * (busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1])
    return (f"load average {one:.2f}/{five:.2f} (1/5 min), CPU {used:.0f}% busy of {os.cpu_count()} cores over "
            f"{sample_s:.0f} s; other busy processes: {others}")


def pct(values, q):
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def summary(values) -> str:
    if not values:
        return "no values"
    return f"p50 {pct(values, 50):.3f} s  p95 {pct(values, 95):.3f} s  max {max(values):.3f} s"


@contextmanager
def workdir(keep=False):
    path = Path(tempfile.mkdtemp(prefix="court-kiosk-bench-"))
    try:
        yield path
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


def demo_copy(dest: Path) -> Path:
    """A fresh initialised + seeded + published demo data folder (made once per run, then copied)."""
    global _TEMPLATE
    if _TEMPLATE is None or not _TEMPLATE.exists():
        root = Path(tempfile.mkdtemp(prefix="court-kiosk-bench-demo-"))
        atexit.register(shutil.rmtree, root, True)
        _TEMPLATE = root / "data"
        _TEMPLATE.mkdir()
        with contextlib.redirect_stdout(io.StringIO()):
            demo_data_dir(_TEMPLATE)
    shutil.copytree(_TEMPLATE, dest)
    return dest


def serve(data_dir: Path, workers=2, threads=8, timeout_s=30.0) -> RunningServer:
    """`court-kiosk-server serve` as a subprocess on a free port, with the production worker counts."""
    return start_server(data_dir, timeout_s=timeout_s, workers=workers, threads=threads)


def nginx(prefix: Path, root: Path, *, bare=False, workers: int | str = 1, upstream_port=9) -> Nginx:
    """The shipped site (admin_server/testing.py), or with bare=True a minimal `location / { root DIR; }`
    site in the same wrapper; `workers` sets worker_processes (the fixture uses 1)."""
    server = Nginx(prefix, root, upstream_port)
    text = server.conf.read_text().replace("worker_processes 1;", f"worker_processes {workers};")
    if bare:
        head = text[:text.index("# nginx site for court-kiosk")]
        text = head + f"server {{\n    listen 127.0.0.1:{server.port};\n    location / {{ root {root}; }}\n}}\n}}\n"
    server.conf.write_text(text)
    checked = server.check()
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t failed: {checked.stderr}")
    return server.start()

