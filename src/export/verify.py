"""Numerical check of an exported graph against the PyTorch reference module.

Two ways to run the graph: Python onnxruntime when it is installed, else the
engine's own `lost features` command. Without either, the check is skipped and the
reason is said."""
import os
import subprocess
import tempfile

import numpy as np
import torch
from PIL import Image

from preprocess import pixel_values

MAX_RELATIVE_ERROR = 1e-4


class VerificationError(Exception):
    """The exported graph disagrees with the PyTorch module, or could not be run."""


def relative_error(actual, expected):
    """max |actual - expected| / max |expected|: a scale-free error over a whole tensor."""
    if actual.shape != expected.shape:
        raise VerificationError(f"shape {actual.shape} differs from the reference shape {expected.shape}")
    scale = float(np.abs(expected).max()) or 1.0
    abs_err = float(np.abs(actual.astype(np.float64) - expected).max())
    return abs_err, abs_err / scale


def reference(model, pixels):
    with torch.no_grad():
        return [t.numpy() for t in model.reference_outputs(torch.from_numpy(pixels))]


def verification_sizes(p, grid):
    """(height, width) in pixels: the trained grid (no interpolation), a non-square
    grid, and odd sizes that need padding."""
    return [(grid * p, grid * p), (9 * p + 5, 13 * p - 3), (53, 37)]


def verify_export(model, onnx_path, lost_path=None):
    try:
        import onnxruntime
    except ImportError:
        onnxruntime = None
    if onnxruntime is not None:
        return _verify_with_onnxruntime(model, onnx_path, onnxruntime)
    if lost_path is not None:
        return _verify_with_lost(model, onnx_path, lost_path)
    return ("verification skipped: Python onnxruntime is not installed and no --verify-with PATH_TO_lost "
            "was given; only onnx.checker ran")


def _verify_with_onnxruntime(model, onnx_path, ort):
    session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    p = model.patch_size
    lines = []
    for h, w in verification_sizes(p, model.grid):
        padded = np.random.RandomState(h * 1000 + w).randn(1, 3, -(-h // p) * p, -(-w // p) * p).astype(np.float32)
        names = ["q", "k", "v", "cls_attention", "cls_embedding"]
        got = session.run(names, {"pixel_values": padded})
        for name, actual, expected in zip(names, got, reference(model, padded)):
            lines.append(_check(f"{padded.shape[2]}x{padded.shape[3]} {name}", actual[0], expected[0]))
    return "verified with onnxruntime:\n" + "\n".join(lines)


def _verify_with_lost(model, onnx_path, lost_path):
    p = model.patch_size
    d = model.embed_dim
    prefix = model.config.prefix_tokens
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for h, w in verification_sizes(p, model.grid):
            image = os.path.join(tmp, f"verify_{w}x{h}.png")
            Image.fromarray(np.random.RandomState(h * 1000 + w).randint(0, 256, (h, w, 3), dtype=np.uint8)).save(image)
            pixels, _, _ = pixel_values(image, p)
            q, k, v, _, _ = reference(model, pixels)
            for name, expected in (("q", q), ("k", k), ("v", v)):
                out = os.path.join(tmp, f"{name}_{w}x{h}.npy")
                cmd = [lost_path, "features", image, "--model", onnx_path, "--features", name, "--output", out]
                run = subprocess.run(cmd, capture_output=True, text=True)
                if run.returncode != 0:
                    raise VerificationError(f"`{' '.join(cmd)}` exited {run.returncode}: {run.stderr.strip()}")
                actual = np.load(out)
                lines.append(_check(f"{w}x{h} {name}", actual, expected[0, prefix:].reshape(-1, d)))
    return f"verified with {lost_path} features:\n" + "\n".join(lines)


def _check(label, actual, expected):
    abs_err, rel_err = relative_error(actual, expected)
    line = f"  {label}: max abs error {abs_err:.3e}, relative {rel_err:.3e}"
    if not rel_err <= MAX_RELATIVE_ERROR:
        raise VerificationError(f"{line.strip()} exceeds {MAX_RELATIVE_ERROR:g}")
    return line
