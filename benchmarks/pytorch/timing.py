"""Median-of-runs timing shared by the PyTorch baselines.

The machine is shared and noisy, so a measurement is repeated and the lowest median
kept: noise only ever adds time, so the lowest median is the closest to the code's
own cost. Next to wall time, each run's process CPU time is taken too: on an
oversubscribed machine a process waiting for a core adds wall time but no CPU time,
so the CPU figure is the steadier one (with T threads busy it is up to T times the
wall time)."""
import statistics
import time


class Clock:
    """Wall and process CPU time, read together."""

    def __init__(self):
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def ms_since(self, earlier):
        return (self.wall - earlier.wall) * 1e3, (self.cpu - earlier.cpu) * 1e3


def median_ms(fn, runs, warmup):
    """(median wall ms, median CPU ms) of `runs` calls after `warmup` calls."""
    for _ in range(warmup):
        fn()
    walls, cpus = [], []
    for _ in range(runs):
        start = Clock()
        fn()
        wall, cpu = Clock().ms_since(start)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def best_median_ms(fn, runs, warmup, repeats):
    """Lowest wall median, lowest CPU median, and every (wall, cpu) median pair, over
    `repeats` measurements of `runs` runs each."""
    medians = [median_ms(fn, runs, warmup) for _ in range(repeats)]
    return min(w for w, _ in medians), min(c for _, c in medians), medians


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise ValueError(f"expected a positive integer, got {value}")
    return value


def non_negative_int(text):
    value = int(text)
    if value < 0:
        raise ValueError(f"expected a non-negative integer, got {value}")
    return value


def add_timing_arguments(parser, runs, warmup, repeats):
    """--threads, --runs, --warmup, --repeats and --json, as every baseline takes them,
    with this script's defaults."""
    parser.add_argument("--threads", type=positive_int, default=1)
    parser.add_argument("--runs", type=positive_int, default=runs)
    parser.add_argument("--warmup", type=non_negative_int, default=warmup)
    parser.add_argument("--repeats", type=positive_int, default=repeats)
    parser.add_argument("--json", action="store_true")
