"""Median-of-runs timing shared by the PyTorch baselines. The machine is shared and
noisy, so a measurement is repeated and the lowest median kept: noise only ever
adds time, so the lowest median is the closest to the code's own cost."""
import statistics
import time


def median_ms(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e3)
    return statistics.median(samples)


def best_median_ms(fn, runs, warmup, repeats):
    """(lowest median, every median) over `repeats` measurements of `runs` runs each."""
    medians = [median_ms(fn, runs, warmup) for _ in range(repeats)]
    return min(medians), medians


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise ValueError(f"expected a positive integer, got {value}")
    return value
