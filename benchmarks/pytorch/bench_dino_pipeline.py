"""PyTorch baseline of the whole LOST pipeline on one image, stage by stage, as the
reference (valeoai/LOST main_lost.py, datasets.py) runs it: decode, preprocessing,
model forward, LOST kernel + box. The model is a ViT-S/16 with random weights from
the seed the ONNX export uses, so the C# side runs the identical model after
`src/export/export_dino_onnx.py --arch vit_small --patch-size 16 --random-seed 0`.

    /usr/bin/python3 benchmarks/pytorch/bench_dino_pipeline.py --size 480x640 \
        [--threads 1] [--runs 10] [--warmup 2] [--repeats 2] [--jpeg PATH] [--json]

--size is HEIGHTxWIDTH. The JPEG (quality 90, smooth synthetic content from a fixed
seed) is generated once; --jpeg keeps it at PATH so that the C# side can decode the
same file.

What "forward" times: the reference registers a forward hook on the last block's
qkv layer and calls DINO's get_last_selfattention, which runs blocks 0..10 in full
and the last block's norm1 and whole attention (qkv, the full T x T softmax,
attn @ v and the output projection), but not its MLP nor the final norm; the keys
are then cut from the hooked qkv. DinoViT.last_block_features follows that same
path. The "forward_qkv_only" figure stops at the last qkv, the least any LOST
engine must run; it is not what the reference does and is not part of the total.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "src", "export"))

from dino_vit import ARCHS, DinoViT  # noqa: E402
from lost_torch import lost  # noqa: E402
from preprocess import MEAN, STD, pixel_values  # noqa: E402
from timing import Clock, add_timing_arguments, best_median_ms  # noqa: E402

PATCH_SIZE = 16
# The seed of `export_dino_onnx.py --random-seed 0`.
MODEL_SEED = 0
IMAGE_SEED = 0
JPEG_QUALITY = 90
K_PATCHES = 100
STAGES = ("decode", "preprocess", "forward", "lost")


def parse_size(text):
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise ValueError(f"--size '{text}' is not HEIGHTxWIDTH with positive integers")
    return int(parts[0]), int(parts[1])


def write_jpeg(path, height, width):
    """Smooth colour gradients, a few filled ellipses and mild noise: closer to a
    photograph's decode cost than white noise, which JPEG compresses badly."""
    rng = np.random.default_rng(IMAGE_SEED)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    img = np.stack([x / width * 200 + 30, y / height * 180 + 40, (x + y) / (width + height) * 160 + 60], axis=-1)
    for _ in range(6):
        cy, cx = rng.uniform(0, height), rng.uniform(0, width)
        ry, rx = rng.uniform(0.05, 0.25) * height, rng.uniform(0.05, 0.25) * width
        inside = ((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 <= 1
        img[inside] = rng.uniform(0, 255, size=3)
    img += rng.normal(0, 6, size=img.shape)
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").save(path, quality=JPEG_QUALITY)


def decode(path):
    with open(path, "rb") as f:
        return Image.open(f).convert("RGB")


_MEAN = torch.from_numpy(MEAN)[:, None, None]
_STD = torch.from_numpy(STD)[:, None, None]


def preprocess(img):
    """torchvision's ToTensor + Normalize (torchvision is not installed here, so the
    same tensor operations are written out), then main_lost.py's zero padding to a
    multiple of the patch size."""
    tensor = torch.from_numpy(np.array(img, np.uint8, copy=True))
    tensor = tensor.view(img.size[1], img.size[0], 3).permute(2, 0, 1).contiguous()
    tensor = tensor.to(dtype=torch.float32).div(255)
    tensor = tensor.sub(_MEAN).div(_STD)
    height, width = tensor.shape[1:]
    padded = torch.zeros((3, -(-height // PATCH_SIZE) * PATCH_SIZE, -(-width // PATCH_SIZE) * PATCH_SIZE))
    padded[:, :height, :width] = tensor
    return padded[None], height, width


def keys_reference_way(model, pixels):
    """The keys without CLS, cut from the last qkv the way main_lost.py does."""
    qkv, attn = model.last_block_features(pixels)
    batch, heads, tokens = attn.shape[0], attn.shape[1], attn.shape[2]
    qkv = qkv.reshape(batch, tokens, 3, heads, -1).permute(2, 0, 3, 1, 4)
    k = qkv[1].transpose(1, 2).reshape(batch, tokens, -1)
    return k[:, 1:, :]


def qkv_only(model, pixels):
    x = model.prepare_tokens(pixels)
    for blk in model.blocks[:-1]:
        x = blk(x)
    last = model.blocks[-1]
    return last.attn.qkv(last.norm1(x))


def run_once(model, path, timings):
    clocks = [Clock()]
    img = decode(path)
    clocks.append(Clock())
    pixels, height, width = preprocess(img)
    clocks.append(Clock())
    feats = keys_reference_way(model, pixels)
    clocks.append(Clock())
    rows, cols = pixels.shape[-2] // PATCH_SIZE, pixels.shape[-1] // PATCH_SIZE
    box, _ = lost(feats, rows, cols, [PATCH_SIZE, PATCH_SIZE], height, width, K_PATCHES)
    clocks.append(Clock())
    if timings is not None:
        for i, name in enumerate(STAGES):
            timings[name].append(clocks[i + 1].ms_since(clocks[i]))
        timings["total"].append(clocks[-1].ms_since(clocks[0]))
    return box


def measure_stages(model, path, runs, warmup):
    """{stage: (median wall ms, median CPU ms)} over `runs` pipeline runs."""
    for _ in range(warmup):
        run_once(model, path, None)
    timings = {name: [] for name in STAGES + ("total",)}
    for _ in range(runs):
        run_once(model, path, timings)
    return {name: (statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples))
            for name, samples in timings.items()}


def parse_args(argv):
    p = argparse.ArgumentParser(description="PyTorch baseline of the LOST pipeline, per stage.")
    p.add_argument("--size", type=parse_size, default=(480, 640), help="HEIGHTxWIDTH of the JPEG")
    p.add_argument("--jpeg", help="where to write (and keep) the generated JPEG")
    add_timing_arguments(p, runs=10, warmup=2, repeats=2)
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    height, width = args.size
    arch = ARCHS["vit_small"]
    model = DinoViT(PATCH_SIZE, arch["embed_dim"], arch["depth"], arch["num_heads"]).init_random(MODEL_SEED).eval()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.jpeg or os.path.join(tmp, f"bench_{height}x{width}.jpg")
        write_jpeg(path, height, width)
        expected, _, _ = pixel_values(path, PATCH_SIZE)
        pixels, _, _ = preprocess(decode(path))
        if not np.allclose(pixels.numpy(), expected, rtol=0, atol=1e-5):
            raise AssertionError("preprocess() differs from src/export/preprocess.py's pixel_values")
        with torch.no_grad():
            repeats = [measure_stages(model, path, args.runs, args.warmup) for _ in range(args.repeats)]
            qkv_ms, qkv_cpu_ms, qkv_all = best_median_ms(lambda: qkv_only(model, pixels), args.runs, args.warmup,
                                                         args.repeats)
            box = run_once(model, path, None)
    # The repeat with the lowest total wall median is kept whole, so its stages add up.
    best = min(repeats, key=lambda r: r["total"][0])
    result = {
        "height": height, "width": width, "rows": pixels.shape[-2] // PATCH_SIZE,
        "cols": pixels.shape[-1] // PATCH_SIZE, "threads": args.threads, "runs": args.runs,
        "warmup": args.warmup, "repeats": args.repeats,
        **{f"{name}_ms": round(best[name][0], 2) for name in STAGES + ("total",)},
        **{f"{name}_cpu_ms": round(best[name][1], 2) for name in STAGES + ("total",)},
        "forward_qkv_only_ms": round(qkv_ms, 2), "forward_qkv_only_cpu_ms": round(qkv_cpu_ms, 2),
        "total_medians_wall_cpu_ms": [[round(w, 2) for w in r["total"]] for r in repeats],
        "forward_qkv_only_medians_wall_cpu_ms": [[round(w, 2), round(c, 2)] for w, c in qkv_all],
        "box": [int(v) for v in box], "torch": torch.__version__,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{height}x{width} ({result['rows']}x{result['cols']} patches) threads={args.threads}, "
              f"wall (CPU) ms: "
              + ", ".join(f"{name} {best[name][0]:.2f} ({best[name][1]:.2f})" for name in STAGES + ("total",))
              + f"; forward to qkv only {qkv_ms:.2f} ({qkv_cpu_ms:.2f}) "
              f"(stages from the repeat with the lowest total, of {args.repeats} medians of {args.runs} runs); "
              f"box {result['box']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
