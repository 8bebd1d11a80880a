"""Regenerate tests/fixtures/tiny/ deterministically: the tiny random-weight ViT, test
images, and for every PNG the PyTorch reference tensors and LOST / DINO-seg results.

    /usr/bin/python3 src/export/make_fixtures.py [--out tests/fixtures/tiny]

Every tensor comes from the PyTorch module (DinoViT.reference_outputs), never from
the ONNX graph, so the C# side can check ONNX Runtime against an independent source.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys

import numpy as np
import onnx
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from dino_vit import DinoViT, official_config, with_shape  # noqa: E402
from export_dino_onnx import main as export_main  # noqa: E402
from lost_reference import dino_seg, dino_seg_reference_compat, lost  # noqa: E402
from preprocess import pixel_values  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
MODEL_ARGS = {"patch_size": 16, "embed_dim": 48, "depth": 2, "num_heads": 3, "seed": 7}
EXPORT_ARGV = ["--arch", "vit_small", "--patch-size", "16", "--depth", "2", "--embed-dim", "48",
               "--heads", "3", "--random-seed", "7", "--no-verify"]
K_PATCHES = 100
DINO_SEG_HEAD = 0
# Its padded tensor alone would be 600 KB; the six other PNGs cover preprocessing.
WITHOUT_PIXEL_VALUES = {"trained_224x224"}


def smooth_noise(rng, height, width, channels):
    """Blurry colour noise: neighbouring patches differ, but not like white noise."""
    coarse = rng.randint(0, 256, (max(2, height // 8 + 2), max(2, width // 8 + 2), channels)).astype(np.uint8)
    squeeze = channels == 1
    img = Image.fromarray(coarse[..., 0] if squeeze else coarse)
    img = img.resize((width, height), Image.BILINEAR)
    fine = rng.randint(-12, 13, (height, width) if squeeze else (height, width, channels))
    return np.clip(np.asarray(img).astype(np.int32) + fine, 0, 255).astype(np.uint8)


def bright_object(width, height):
    """A plain dark background with one bright, textured rectangle: an obvious object."""
    canvas = np.full((height, width, 3), (30, 40, 35), dtype=np.uint8)
    y0, y1, x0, x1 = height // 4, height * 3 // 4, width * 3 // 8, width * 7 // 8
    yy, xx = np.mgrid[y0:y1, x0:x1]
    canvas[y0:y1, x0:x1, 0] = 230
    canvas[y0:y1, x0:x1, 1] = (180 + 40 * np.sin(xx / 5.0)).astype(np.uint8)
    canvas[y0:y1, x0:x1, 2] = (60 + 30 * np.cos(yy / 7.0)).astype(np.uint8)
    return canvas


def write_images(out):
    """name -> file name. Sizes are (width, height)."""
    rng = np.random.RandomState(20240601)
    images = {}

    def save(name, array, mode, ext="png", **kw):
        file = f"{name}.{ext}"
        Image.fromarray(array, mode).save(os.path.join(out, file), **kw)
        images[name] = file

    save("odd_37x53", smooth_noise(rng, 53, 37, 3), "RGB")
    save("square_64x64", smooth_noise(rng, 64, 64, 3), "RGB")
    save("wide_100x75", smooth_noise(rng, 75, 100, 3), "RGB")
    save("small_17x16", smooth_noise(rng, 16, 17, 3), "RGB")
    save("trained_224x224", smooth_noise(rng, 224, 224, 3), "RGB")
    save("object_96x80", bright_object(96, 80), "RGB")
    save("grey_45x30", smooth_noise(rng, 30, 45, 1), "L")
    rgba = np.dstack([smooth_noise(rng, 33, 40, 3), rng.randint(0, 256, (33, 40)).astype(np.uint8)])
    save("rgba_40x33", rgba, "RGBA")
    # JPEG decoders differ in their IDCT and upsampling: decode tests only.
    save("photo_64x48", smooth_noise(rng, 48, 64, 3), "RGB", ext="jpg", quality=90)
    return images


def features(model, pixels):
    with torch.no_grad():
        return [t.numpy()[0].astype(np.float32) for t in model.reference_outputs(torch.from_numpy(pixels))]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=os.path.join(REPO, "tests", "fixtures", "tiny"))
    args = p.parse_args(argv)
    out = args.out
    readme = os.path.join(out, "README.md")
    kept_readme = open(readme).read() if os.path.isfile(readme) else None
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    if kept_readme is not None:
        with open(readme, "w") as f:
            f.write(kept_readme)

    model_path = os.path.join(out, "tiny-vit.onnx")
    if export_main(EXPORT_ARGV + ["--output", model_path]) != 0:
        raise SystemExit("export of the tiny model failed")
    a = MODEL_ARGS
    config = with_shape(official_config("dino", "vit_small", a["patch_size"]), a["depth"], a["embed_dim"], a["num_heads"])
    model = DinoViT(config).init_random(a["seed"]).eval()
    p_size = model.patch_size
    metadata = {prop.key: prop.value for prop in onnx.load(model_path).metadata_props}

    entries = []
    for name, file in write_images(out).items():
        with Image.open(os.path.join(out, file)) as img:
            width, height, mode = img.width, img.height, img.mode
        rows, cols = -(-height // p_size), -(-width // p_size)
        entry = {"name": name, "file": file, "width": width, "height": height, "mode": mode,
                 "grid": {"rows": rows, "cols": cols},
                 "padded": {"width": cols * p_size, "height": rows * p_size},
                 "exact": file.endswith(".png"),
                 "pixel_values": file.endswith(".png") and name not in WITHOUT_PIXEL_VALUES}
        entries.append(entry)
        if not entry["exact"]:
            continue
        pixels, h, w = pixel_values(os.path.join(out, file), p_size)
        q, k, v, cls_attention, _ = features(model, pixels)
        if entry["pixel_values"]:
            np.save(os.path.join(out, f"{name}.pixel_values.npy"), pixels)
        for key, arr in (("q", q), ("k", k), ("v", v), ("cls_attention", cls_attention)):
            np.save(os.path.join(out, f"{name}.{key}.npy"), arr)
        result = {
            "image": {"width": w, "height": h},
            "grid": {"rows": rows, "cols": cols},
            "patch_size": p_size,
            "features": "k",
            "lost": lost(k[1:], rows, cols, p_size, h, w, K_PATCHES),
            "dino_seg": dict(head=DINO_SEG_HEAD, **dino_seg(cls_attention[DINO_SEG_HEAD], rows, cols, p_size)),
            "dino_seg_reference_compat": dict(
                head=DINO_SEG_HEAD, **dino_seg_reference_compat(cls_attention[DINO_SEG_HEAD], rows, cols, p_size)),
        }
        with open(os.path.join(out, f"{name}.lost.json"), "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")

    with open(model_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    manifest = {"model": {"file": "tiny-vit.onnx", "sha256": digest, "metadata": metadata},
                "preprocessing": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                                  "pad": "zeros bottom/right to multiples of the patch size, after normalisation"},
                "k_patches": K_PATCHES, "dino_seg_head": DINO_SEG_HEAD, "images": entries}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    print(f"wrote {len(os.listdir(out))} files, {total} bytes, to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
