"""Regenerate the graph templates the engine's importer fills (src/LostEngine/ModelImport/Templates/):
one weight-free graph per released architecture, gzip-compressed, deterministic.

    /usr/bin/python3 src/export/make_templates.py [--only NAME ...]

Each is `export_dino_onnx.py --template` for the architecture the catalogue name says.
"""
import argparse
import gzip
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from export_dino_onnx import main as export_main  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "src", "LostEngine", "ModelImport", "Templates")
SIZES = {"s": "vit_small", "b": "vit_base", "l": "vit_large", "g": "vit_giant2"}
# name -> (family, size letter, patch, registers)
TEMPLATES = {
    "dino-vits16": ("dino", "s", 16, 0),
    "dino-vits8": ("dino", "s", 8, 0),
    "dino-vitb16": ("dino", "b", 16, 0),
    "dino-vitb8": ("dino", "b", 8, 0),
    **{f"dinov2-vit{size}14{'-reg' if registers else ''}": ("dinov2", size, 14, registers)
       for size in "sblg" for registers in (0, 4)},
}


def export_args(name):
    family, size, patch, registers = TEMPLATES[name]
    return ["--family", family, "--arch", SIZES[size], "--patch-size", str(patch), "--registers", str(registers),
            "--template"]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", nargs="*", choices=sorted(TEMPLATES), help="regenerate these only")
    args = p.parse_args(argv)
    os.makedirs(OUT, exist_ok=True)
    for name in args.only or sorted(TEMPLATES):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, f"{name}.onnx")
            if export_main(export_args(name) + ["--output", path]) != 0:
                raise SystemExit(f"export of the {name} template failed")
            with open(path, "rb") as f:
                raw = f.read()
        target = os.path.join(OUT, f"{name}.onnx.gz")
        with open(target, "wb") as f:
            f.write(gzip.compress(raw, compresslevel=9, mtime=0))
        print(f"{name}: {len(raw)} bytes, {os.path.getsize(target)} compressed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
