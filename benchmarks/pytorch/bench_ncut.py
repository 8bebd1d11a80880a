"""Baseline of TokenCut and MaskCut: the official functions, timed on the keys the C# side
benchmarks with. Nothing of either repository is copied here; give a checkout of each.

    lost bench tokencut --grid 30x40 --runs 1 --warmup 0 --save-keys /tmp/keys-30x40.npy
    /usr/bin/python3 benchmarks/pytorch/bench_ncut.py --keys /tmp/keys-30x40.npy --grid 30x40 \
        --tokencut-repo PATH --cutler-repo PATH [--method tokencut|maskcut|both] \
        [--tau T] [--eps E] [--rounds R] [--stands-in-for ROWSxCOLS] \
        [--threads 1] [--runs 3] [--warmup 1] [--repeats 1] [--json]

--keys is an (N, d) .npy, e.g. written by `lost bench tokencut|maskcut --save-keys`, and
--grid its patch grid (ROWSxCOLS). Each method prints one record (one JSON line with
--json): median wall and process CPU milliseconds of a call, and what the call found, so
it can be compared with `lost bench tokencut|maskcut --keys FILE --grid ROWSxCOLS`.

How the official code is loaded:
- TokenCut: `ncut` from TOKENCUT_REPO/object_discovery.py (YangtaoWANG95/TokenCut),
  imported as a module: it needs only torch, numpy and scipy. Called as main_tokencut.py
  calls it. It drops the first of its 1 + N rows as the CLS token, so a zero row is put in
  front of the keys; it does not use that row.
- MaskCut: `maskcut_forward` from CUTLER_REPO/maskcut/maskcut.py (facebookresearch/CutLER),
  with cpu=True, called as maskcut() calls it, on the keys transposed to (d, N) as the DINO
  backbone gives them. That module imports at its top pycocotools, the DenseCRF wrapper
  `crf`, the DINO model and TokenCut's saliency modules, none of which maskcut_forward
  needs but TokenCut's `detect_box` and `metric.IoU`. So this script does not import it:
  it parses the file and executes only the definitions of maskcut_forward and the helpers it
  calls (MASKCUT_FUNCTIONS), in a namespace holding np, torch, F, eigh, ndimage and TokenCut's
  detect_box and metric, loaded from CUTLER_REPO/third_party/TokenCut (the submodule, as
  CutLER runs them) or, where that is not checked out, from TOKENCUT_REPO.
  maskcut_forward's own graph uses eps = 1e-5 (get_affinity_matrix's default); --eps
  applies to TokenCut only.
  From its second round on, maskcut_forward reshapes the features to (d, ps, ps) with ps
  the grid's row count (`view(dim, ps, ps)`), so it cannot run more than one round on a grid
  that is not square; for such a grid the record says so instead of timing it. Time a square
  grid of similar N instead (35x35 for 30x40, 49x49 for 40x60, 69x69 for 60x80), with
  --stands-in-for naming the grid it replaces; run_all.sh does this.

Threads: --threads T sets torch.set_num_threads(T) (the similarity matmul) and, before
numpy, scipy and torch are loaded, OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and
MKL_NUM_THREADS to T: scipy's eigh runs in the LAPACK that scipy loads (on Debian, the
OpenBLAS that /etc/alternatives names), which reads them once, when it loads. The record
names the LAPACK library found in the process's memory map.
"""
import argparse
import ast
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from timing import add_timing_arguments, best_median_ms, positive_int  # noqa: E402

PATCH_SIZE = 16
TOKENCUT_TAU = 0.2
MASKCUT_TAU = 0.15
EPS = 1e-5
# maskcut_forward and every function of maskcut.py it calls.
MASKCUT_FUNCTIONS = ("get_affinity_matrix", "second_smallest_eigenvector", "get_salient_areas",
                     "check_num_fg_corners", "get_masked_affinity_matrix", "maskcut_forward")
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def grid_size(text):
    rows, sep, cols = text.lower().partition("x")
    if not sep:
        raise ValueError(f"expected ROWSxCOLS, got {text}")
    return positive_int(rows), positive_int(cols)


def parse_args(argv):
    p = argparse.ArgumentParser(description="Times the official TokenCut ncut and CutLER maskcut_forward.")
    p.add_argument("--keys", required=True, help="(N, d) .npy of keys, CLS removed")
    p.add_argument("--grid", type=grid_size, required=True, help="ROWSxCOLS, rows * cols = N")
    p.add_argument("--tokencut-repo", help="checkout of github.com/YangtaoWANG95/TokenCut")
    p.add_argument("--cutler-repo", help="checkout of github.com/facebookresearch/CutLER")
    p.add_argument("--method", choices=("tokencut", "maskcut", "both"), default="both")
    p.add_argument("--tau", type=float, help=f"default {TOKENCUT_TAU} for TokenCut, {MASKCUT_TAU} for MaskCut")
    p.add_argument("--eps", type=float, default=EPS, help="TokenCut's non-edge weight")
    p.add_argument("--rounds", type=positive_int, default=3, help="MaskCut's masks per image")
    p.add_argument("--stands-in-for", type=grid_size, help="the non-square grid this square one replaces")
    add_timing_arguments(p, runs=3, warmup=1, repeats=1)
    args = p.parse_args(argv)
    methods = ("tokencut", "maskcut") if args.method == "both" else (args.method,)
    if "tokencut" in methods and not args.tokencut_repo:
        p.error("--tokencut-repo is needed to time TokenCut")
    if "maskcut" in methods and not args.cutler_repo:
        p.error("--cutler-repo is needed to time MaskCut")
    if "maskcut" in methods and args.eps != EPS:
        p.error(f"maskcut_forward always uses eps = {EPS}; --eps applies to TokenCut only")
    args.methods = methods
    return args


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_ncut(tokencut_repo):
    return load_module("tokencut_object_discovery", os.path.join(tokencut_repo, "object_discovery.py")).ncut


def saliency_folder(cutler_repo, tokencut_repo):
    """TokenCut's unsupervised_saliency_detection as CutLER imports it: its submodule
    checkout, else the TokenCut checkout."""
    candidates = [os.path.join(cutler_repo, "third_party", "TokenCut", "unsupervised_saliency_detection")]
    if tokencut_repo:
        candidates.append(os.path.join(tokencut_repo, "unsupervised_saliency_detection"))
    for folder in candidates:
        if os.path.isfile(os.path.join(folder, "object_discovery.py")):
            return folder
    sys.exit("bench_ncut.py: TokenCut's unsupervised_saliency_detection not found in " + " or ".join(candidates)
             + " (run `git submodule update --init` in CutLER, or pass --tokencut-repo)")


def load_maskcut_forward(cutler_repo, tokencut_repo):
    import numpy as np
    import torch
    import torch.nn.functional as F
    from scipy import ndimage
    from scipy.linalg import eigh

    saliency = saliency_folder(cutler_repo, tokencut_repo)
    path = os.path.join(cutler_repo, "maskcut", "maskcut.py")
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    definitions = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in MASKCUT_FUNCTIONS]
    missing = set(MASKCUT_FUNCTIONS) - {node.name for node in definitions}
    if missing:
        sys.exit(f"bench_ncut.py: {path} lacks {', '.join(sorted(missing))}; is it CutLER's maskcut.py?")
    namespace = {
        "np": np, "torch": torch, "F": F, "eigh": eigh, "ndimage": ndimage,
        "detect_box": load_module("tokencut_saliency_object_discovery",
                                  os.path.join(saliency, "object_discovery.py")).detect_box,
        "metric": load_module("tokencut_saliency_metric", os.path.join(saliency, "metric.py")),
    }
    exec(compile(ast.Module(body=definitions, type_ignores=[]), path, "exec"), namespace)
    return namespace["maskcut_forward"]


def lapack_library():
    """The LAPACK (or OpenBLAS) shared library mapped into this process, as scipy loaded it."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "/" in line}
    except OSError:
        return "unknown"
    # scipy's own wrappers (_flapack..., cython_lapack...) are not the library; the libraries are lib*.so*.
    found = sorted(p for p in paths if os.path.basename(p).startswith("lib")
                   and any(k in os.path.basename(p) for k in ("lapack", "openblas", "mkl_rt")))
    return ", ".join(found) or "unknown"


def time_tokencut(args, keys, rows, cols):
    import torch

    ncut = load_ncut(args.tokencut_repo)
    tau = TOKENCUT_TAU if args.tau is None else args.tau
    # ncut drops row 0 as the CLS token.
    feats = torch.cat([torch.zeros(1, keys.shape[1]), keys]).unsqueeze(0)
    image = (3, rows * PATCH_SIZE, cols * PATCH_SIZE)

    def call():
        return ncut(feats, [rows, cols], [PATCH_SIZE, PATCH_SIZE], image, tau, args.eps)

    pred, _, mask, seed, _, _ = call()
    timing = best_median_ms(call, args.runs, args.warmup, args.repeats)
    return {"tau": tau, "eps": args.eps}, timing, {
        "seed": int(seed), "box": [int(v) for v in pred], "component_size": int(mask.sum())}


def time_maskcut(args, keys, rows, cols):
    maskcut_forward = load_maskcut_forward(args.cutler_repo, args.tokencut_repo)
    tau = MASKCUT_TAU if args.tau is None else args.tau
    feats = keys.t().contiguous()
    image = [rows * PATCH_SIZE, cols * PATCH_SIZE]

    def call():
        return maskcut_forward(feats, [rows, cols], [PATCH_SIZE, PATCH_SIZE], image, tau, N=args.rounds, cpu=True)

    _, bipartitions, _ = call()
    timing = best_median_ms(call, args.runs, args.warmup, args.repeats)
    # Each round's object, upsampled to pixels and minus earlier objects, counted back in cells.
    cells = [int(round(float(b.sum()) / PATCH_SIZE ** 2)) for b in bipartitions]
    return {"tau": tau, "eps": EPS, "rounds": args.rounds}, timing, {"object_cells": cells}


def main(argv=None):
    args = parse_args(argv)
    for name in THREAD_VARIABLES:
        os.environ[name] = str(args.threads)
    import numpy as np
    import scipy
    import scipy.linalg  # noqa: F401  (loads LAPACK, for lapack_library)
    import torch

    torch.set_num_threads(args.threads)
    rows, cols = args.grid
    array = np.load(args.keys)
    if array.ndim != 2 or array.shape[0] != rows * cols:
        sys.exit(f"bench_ncut.py: {args.keys} has shape {array.shape}; --grid {rows}x{cols} needs ({rows * cols}, d)")
    keys = torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32))
    common = {"n": rows * cols, "d": int(keys.shape[1]), "grid": [rows, cols], "keys": args.keys,
              "threads": args.threads}
    if args.stands_in_for:
        common["stands_in_for"] = list(args.stands_in_for)

    with torch.no_grad():
        for method in args.methods:
            record = {"method": method, **common}
            if method == "maskcut" and rows != cols and args.rounds > 1:
                record.update({"ran": False, "reason": (
                    f"maskcut_forward reshapes features to (d, {rows}, {rows}) from its second round on, "
                    f"so it cannot run {args.rounds} rounds on a {rows}x{cols} grid; time a square grid of "
                    f"similar N with --stands-in-for {rows}x{cols}")})
                print(json.dumps(record) if args.json else f"maskcut {rows}x{cols}: not run: {record['reason']}")
                continue
            timer = time_tokencut if method == "tokencut" else time_maskcut
            parameters, (wall, cpu, medians), found = timer(args, keys, rows, cols)
            record.update(parameters)
            record.update({
                "ran": True, "runs": args.runs, "warmup": args.warmup, "repeats": args.repeats,
                "median_ms": round(wall, 3), "cpu_median_ms": round(cpu, 3),
                "medians_wall_cpu_ms": [[round(w, 3), round(c, 3)] for w, c in medians],
                **found,
                "torch": torch.__version__, "scipy": scipy.__version__, "lapack": lapack_library(),
            })
            if args.json:
                print(json.dumps(record))
            else:
                stand_in = f" (standing in for {args.stands_in_for[0]}x{args.stands_in_for[1]})" if args.stands_in_for else ""
                print(f"{method} N={record['n']} d={record['d']} grid {rows}x{cols}{stand_in} threads={args.threads}: "
                      f"{wall:.1f} ms (CPU {cpu:.1f}), best of {args.repeats} medians of {args.runs} runs; {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
