"""What the machine is doing: CPU busy share and load, so each measurement can wait for quiet
and record how quiet it really was (other processes skew everything on a small machine)."""

import os
import time


def _cpu_times():
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return idle, sum(fields)


def busy_share(interval=1.0):
    """Share of all CPU time (0..1) spent busy during `interval` seconds."""
    idle_before, total_before = _cpu_times()
    time.sleep(interval)
    idle_after, total_after = _cpu_times()
    total = total_after - total_before
    return 0.0 if total <= 0 else 1.0 - (idle_after - idle_before) / total


def load_average():
    """The one-minute load average."""
    return os.getloadavg()[0]


def wait_until_idle(threshold, timeout):
    """Waits until the CPU is at most `threshold` busy for one second, or `timeout` seconds
    pass. Returns what was observed, for the results file."""
    started = time.monotonic()
    busy = busy_share()
    while busy > threshold and time.monotonic() - started < timeout:
        busy = busy_share()
    return {
        "busy_before": round(busy, 3),
        "load_1m": round(load_average(), 2),
        "waited_s": round(time.monotonic() - started, 1),
        "idle": busy <= threshold,
    }


def describe():
    """CPU count and model, for the results file."""
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "model": model}
