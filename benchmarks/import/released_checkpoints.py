"""Released-size DINO/DINOv2 checkpoints, written by torch.save, and the official code's keys for them.

    /usr/bin/python3 benchmarks/import/released_checkpoints.py OUT_DIR \
        --dino-repo DINO_GIT_DIR --dinov2-repo DINOV2_GIT_DIR dino-vits16 dinov2-vitg14 ...

For each name (a catalogue name: dino-vits16, dino-vitb8, dinov2-vitl14-reg, dinov2-vitg14, ...) it builds the
official model class with the released settings, fills it with the deterministic formula weights of
tests/fixtures/import/make_import_fixtures.py (no real weights can be downloaded here), saves its state dict as
OUT_DIR/NAME.pth with torch.save (the released files' format), and saves the official patch keys of
tests/fixtures/tiny/odd_37x53.png as OUT_DIR/NAME.official.k.npy (CLS and register rows dropped), which
run_import.sh compares with the keys of the model `lost model import` makes. ViT-g/14 takes 4.5 GB on disk and
about 10 GB of memory.
"""
import argparse
import os
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "fixtures", "import"))
import make_import_fixtures as fixtures  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("names", nargs="+")
    p.add_argument("--dino-repo", required=True)
    p.add_argument("--dinov2-repo", required=True)
    args = p.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        dino, dinov2, block, _ = fixtures.import_official(args.dino_repo, args.dinov2_repo, tmp)
        official = fixtures.Official(dino, dinov2, block)
        for name in args.names:
            family, patch, dim, depth, heads, registers, ffn, grid = fixtures.real_architecture(name)
            model = official.build(family, patch, dim, depth, heads, registers, ffn, grid)
            model.load_state_dict({k: torch.from_numpy(fixtures.formula_weights(k, tuple(v.shape)))
                                   for k, v in model.state_dict().items()}, strict=True)
            torch.save(model.state_dict(), os.path.join(args.out, f"{name}.pth"))
            pixels, _, _ = fixtures.pixel_values(os.path.join(fixtures.TINY, "odd_37x53.png"), patch)
            (_, k, _, _, _), prefix = fixtures.Official.outputs(model, family, pixels)
            np.save(os.path.join(args.out, f"{name}.official.k.npy"), k[prefix:])
            print(f"{name}: {sum(t.numel() for t in model.state_dict().values())} values", flush=True)
            del model


if __name__ == "__main__":
    main()
