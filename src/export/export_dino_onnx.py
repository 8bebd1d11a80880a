"""Export a DINO ViT to the ONNX graph LostEngine runs: pixel_values -> q, k, v,
cls_attention of the last block (spec section 5).

    /usr/bin/python3 src/export/export_dino_onnx.py --arch vit_small --patch-size 16 \
        (--checkpoint FILE | --random-seed S) --output MODEL.onnx \
        [--depth N --embed-dim D --heads H] [--opset 17] [--no-verify] [--verify-with PATH_TO_lost]

Exit codes: 0 exported (and verified, or verification skipped with a reason),
2 bad input (arguments or checkpoint), 1 verification failed or another failure.
"""
import argparse
import os
import sys
import warnings

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from checkpoint import CheckpointError, infer_shape, load_into, read_backbone_state  # noqa: E402
from dino_vit import ARCHS, DinoViT, LastAttentionExport  # noqa: E402
from verify import VerificationError, verify_export  # noqa: E402

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1
OUTPUT_NAMES = ["q", "k", "v", "cls_attention"]


class BadArguments(Exception):
    """The command line asks for something inconsistent."""


def parse_args(argv):
    p = argparse.ArgumentParser(description="Export a DINO ViT (up to its last attention) to ONNX.")
    p.add_argument("--arch", required=True, choices=sorted(ARCHS))
    p.add_argument("--patch-size", type=int, required=True, choices=[8, 16])
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", help="local DINO checkpoint (.pth)")
    source.add_argument("--random-seed", type=int, help="deterministic random weights from this seed")
    p.add_argument("--checkpoint-key", default="teacher", choices=["teacher", "student"],
                   help="entry of a DINO training checkpoint to read (default teacher)")
    p.add_argument("--output", required=True)
    p.add_argument("--depth", type=int, help="override the architecture's depth (test models)")
    p.add_argument("--embed-dim", type=int, help="override the architecture's width (test models)")
    p.add_argument("--heads", type=int, help="override the architecture's head count (test models)")
    p.add_argument("--opset", type=int, default=17)
    p.add_argument("--no-verify", action="store_true", help="skip the numerical check of the export")
    p.add_argument("--verify-with", help="the `lost` executable, to compare its features with PyTorch's")
    return p.parse_args(argv)


def resolve_shape(args, checkpoint_shape):
    """(depth, embed_dim, heads, arch label). Overrides win over the architecture's
    defaults; a checkpoint must agree with whichever of the two applies."""
    base = ARCHS[args.arch]
    depth = args.depth if args.depth is not None else base["depth"]
    dim = args.embed_dim if args.embed_dim is not None else base["embed_dim"]
    heads = args.heads if args.heads is not None else base["num_heads"]
    for name, value in (("--depth", depth), ("--embed-dim", dim), ("--heads", heads)):
        if value <= 0:
            raise BadArguments(f"{name} must be positive, got {value}")
    if dim % heads != 0:
        raise BadArguments(f"--embed-dim {dim} is not divisible by --heads {heads}")
    if checkpoint_shape is not None:
        ck_depth, ck_dim, ck_patch = checkpoint_shape
        if ck_patch != args.patch_size:
            raise BadArguments(f"checkpoint '{args.checkpoint}' has patch size {ck_patch}, "
                               f"--patch-size says {args.patch_size}")
        if ck_dim != dim or ck_depth != depth:
            raise BadArguments(f"checkpoint '{args.checkpoint}' has depth {ck_depth} and embed_dim {ck_dim}, "
                               f"{args.arch} (with overrides) expects depth {depth} and embed_dim {dim}")
    standard = (depth, dim, heads) == (base["depth"], base["embed_dim"], base["num_heads"])
    return depth, dim, heads, args.arch if standard else f"{args.arch}-custom"


def build_model(args):
    if args.checkpoint is not None:
        state = read_backbone_state(args.checkpoint, args.checkpoint_key)
        depth, dim, heads, arch = resolve_shape(args, infer_shape(state, args.checkpoint))
        model = load_into(DinoViT(args.patch_size, dim, depth, heads), state, args.checkpoint)
        source = os.path.basename(args.checkpoint)
    else:
        depth, dim, heads, arch = resolve_shape(args, None)
        model = DinoViT(args.patch_size, dim, depth, heads).init_random(args.random_seed)
        source = f"random-seed {args.random_seed}"
    return model.eval(), arch, source


def export(model, path, opset):
    p = model.patch_size
    # Trace with a non-square, non-trained grid: nothing shape-specific may be baked in.
    dummy = torch.zeros(1, 3, 5 * p, 7 * p)
    with torch.no_grad(), warnings.catch_warnings():
        # torch 1.13 flags g.op() inside custom symbolics as deprecated; it is the
        # documented way on this version.
        warnings.filterwarnings("ignore", category=FutureWarning)
        # The shape-to-int conversions it reports are inside the custom Function,
        # whose ONNX form reads the shapes at run time.
        warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
        torch.onnx.export(
            LastAttentionExport(model), (dummy,), path,
            input_names=["pixel_values"], output_names=OUTPUT_NAMES,
            dynamic_axes={"pixel_values": {2: "height", 3: "width"},
                          "q": {1: "tokens"}, "k": {1: "tokens"}, "v": {1: "tokens"},
                          "cls_attention": {2: "patches"}},
            opset_version=opset, do_constant_folding=True)


def add_metadata(path, model, arch, source):
    proto = onnx.load(path)
    # Name the exporter's anonymous output dims: cls_attention is (1, heads, patches).
    attention_dims = next(o for o in proto.graph.output if o.name == "cls_attention").type.tensor_type.shape.dim
    attention_dims[0].dim_value = 1
    attention_dims[1].dim_value = model.num_heads
    onnx.helper.set_model_props(proto, {
        "lostengine.patch_size": str(model.patch_size),
        "lostengine.embed_dim": str(model.embed_dim),
        "lostengine.num_heads": str(model.num_heads),
        "lostengine.depth": str(model.depth),
        "lostengine.arch": arch,
        "lostengine.source": source,
    })
    onnx.save(proto, path)
    onnx.checker.check_model(path)


def main(argv=None):
    args = parse_args(argv)
    try:
        model, arch, source = build_model(args)
    except (CheckpointError, BadArguments) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    out_dir = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(out_dir):
        print(f"error: --output '{args.output}': folder '{out_dir}' does not exist", file=sys.stderr)
        return EXIT_BAD_INPUT
    export(model, args.output, args.opset)
    add_metadata(args.output, model, arch, source)
    size = os.path.getsize(args.output)
    print(f"exported {args.output} ({size} bytes): {arch}, patch {model.patch_size}, d={model.embed_dim}, "
          f"heads={model.num_heads}, depth={model.depth}, source={source}; onnx.checker passed")
    if args.no_verify:
        print("verification skipped: --no-verify")
        return 0
    try:
        print(verify_export(model, args.output, args.verify_with))
    except VerificationError as e:
        print(f"error: verification failed: {e}", file=sys.stderr)
        return EXIT_FAILURE
    return 0


if __name__ == "__main__":
    sys.exit(main())
