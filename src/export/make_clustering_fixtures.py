"""Regenerate tests/fixtures/clustering/ deterministically: numpy's legacy MT19937 draws and SciPy's kmeans2
labels, which the C# clustering is checked against (the tests never run Python).

    /usr/bin/python3 src/export/make_clustering_fixtures.py [--out tests/fixtures/clustering]

- random.npy, float64 [len(SEEDS), 3, COUNT]: for each seed of SEEDS, RandomState(seed)'s raw 32-bit outputs,
  random_sample() and standard_normal(), each drawn from a freshly seeded generator.
- kmeans2/NAME.features.npy (the stored dtype), NAME.prepared.npy (whiten, then rows divided by their norm, as
  cluster_for_OD.py computes them), NAME.labels.npy and NAME.centres.npy (float64): cluster_for_OD.py's call,
  np.random.seed(seed) then vq.kmeans2(data=prepared, k=k) with every default; cases.json lists each case's k,
  seed, shape and whether SciPy warned of an empty cluster. With more dimensions than rows, NAME.singular_rows.npy
  holds the rows of S·Vh / sqrt(n - 1) that SciPy draws the initial centres through.
"""
import argparse
import json
import os
import warnings

import numpy as np
import scipy
import scipy.cluster.vq as vq

SEEDS = [0, 1, 123, 5489, 4294967295]
COUNT = 2000


def random_draws(seed):
    raw = np.random.RandomState(seed).randint(0, 2**32, size=COUNT, dtype=np.uint32)
    bit_generator = np.random.MT19937()
    bit_generator._legacy_seeding(seed)
    assert np.array_equal(raw, bit_generator.random_raw(COUNT).astype(np.uint32))
    uniform = np.random.RandomState(seed).random_sample(COUNT)
    normal = np.random.RandomState(seed).standard_normal(COUNT)
    return np.stack([raw.astype(np.float64), uniform, normal])


def blobs(rng, n, d, centres, spread):
    means = rng.normal(size=(centres, d)) * 3.0
    which = rng.integers(0, centres, size=n)
    return means[which] + rng.normal(size=(n, d)) * spread


def cases():
    rng = np.random.default_rng(20211)
    yield "blobs_f32", blobs(rng, 60, 8, 3, 0.5).astype(np.float32), 3, 123
    yield "random_f32_k20", rng.normal(size=(200, 16)).astype(np.float32), 20, 0
    yield "small_dim_f64", rng.normal(size=(40, 4)), 5, 7
    yield "blobs_f64_k10", blobs(rng, 100, 32, 6, 1.0), 10, 123
    yield "wide_f32", rng.normal(size=(12, 30)).astype(np.float32), 3, 5
    yield "wide_f64", rng.normal(size=(9, 20)), 4, 11
    constant = rng.normal(size=(50, 6)).astype(np.float32)
    constant[:, 2] = 0.25
    yield "zero_std_column_f32", constant, 4, 99
    yield "empty_cluster_f64", blobs(rng, 30, 6, 2, 0.05), 12, 1
    yield "cls_like_f32", rng.normal(size=(300, 48)).astype(np.float32), 20, 123


def run_case(out, name, features, k, seed):
    whitened = vq.whiten(features)
    prepared = whitened / np.linalg.norm(vq.whiten(features), axis=1)[:, None]
    np.random.seed(seed=seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        centres, labels = vq.kmeans2(data=prepared, k=k)
    empty = any("clusters is empty" in str(w.message) for w in caught)
    folder = os.path.join(out, "kmeans2")
    np.save(os.path.join(folder, f"{name}.features.npy"), features)
    np.save(os.path.join(folder, f"{name}.prepared.npy"), prepared)
    np.save(os.path.join(folder, f"{name}.labels.npy"), labels.astype(np.float64))
    np.save(os.path.join(folder, f"{name}.centres.npy"), centres.astype(np.float64))
    if features.shape[1] > features.shape[0]:
        # What _krandinit multiplies the normal draws by when the covariance is singular: S·Vh / sqrt(n - 1).
        _, s, vh = np.linalg.svd(prepared - prepared.mean(axis=0), full_matrices=False)
        rows = s[:, None] * vh / np.sqrt(prepared.shape[0] - 1)
        np.save(os.path.join(folder, f"{name}.singular_rows.npy"), rows.astype(np.float64))
    return {"name": name, "k": k, "seed": seed, "rows": features.shape[0], "dims": features.shape[1],
            "dtype": str(features.dtype), "empty_cluster": empty}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.join("tests", "fixtures", "clustering"))
    args = parser.parse_args()
    os.makedirs(os.path.join(args.out, "kmeans2"), exist_ok=True)
    np.save(os.path.join(args.out, "random.npy"), np.stack([random_draws(seed) for seed in SEEDS]))
    listed = [run_case(args.out, *case) for case in cases()]
    manifest = {"numpy": np.__version__, "scipy": scipy.__version__, "seeds": SEEDS, "count": COUNT, "cases": listed}
    with open(os.path.join(args.out, "cases.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
