"""Export a DINO or DINOv2 ViT to the ONNX graph LostEngine runs: pixel_values -> q, k,
v, cls_attention of the last block and cls_embedding, the CLS token after the final norm
(spec section 5).

    /usr/bin/python3 src/export/export_dino_onnx.py [--family dino|dinov2] --arch vit_small \
        --patch-size 16 [--registers 4] (--checkpoint FILE | --random-seed S | --template) \
        --output MODEL.onnx [--depth N --embed-dim D --heads H --trained-grid G] [--opset 17] \
        [--no-verify] [--verify-with PATH_TO_lost]

`--template` writes the graph without its weights: every initializer that is a
checkpoint tensor keeps its name, type and shape but no data, for the engine's importer
to fill (src/LostEngine/ModelImport/); checkpoint tensors the graph does not use are
listed in the `lostengine.template.unused` metadata.

Exit codes: 0 exported (and verified, or verification skipped with a reason),
2 bad input (arguments or checkpoint), 1 verification failed or another failure.
"""
import argparse
import json
import os
import sys
import warnings

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from checkpoint import CheckpointError, infer_shape, load_into, read_backbone_state  # noqa: E402
from dino_vit import ARCHS, DinoViT, LastAttentionExport, official_config, with_shape  # noqa: E402
from verify import VerificationError, verify_export  # noqa: E402

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1
OUTPUT_NAMES = ["q", "k", "v", "cls_attention", "cls_embedding"]
UNUSED_KEY = "lostengine.template.unused"


class BadArguments(Exception):
    """The command line asks for something inconsistent."""


def parse_args(argv):
    p = argparse.ArgumentParser(description="Export a DINO or DINOv2 ViT (up to its last attention) to ONNX.")
    p.add_argument("--family", choices=["dino", "dinov2"],
                   help="model family (default: what the checkpoint's tensors say, else dino)")
    p.add_argument("--arch", required=True, choices=sorted(ARCHS))
    p.add_argument("--patch-size", type=int, required=True, choices=[8, 14, 16])
    p.add_argument("--registers", type=int,
                   help="DINOv2 register tokens (default: what the checkpoint's tensors say, else 0)")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", help="local DINO or DINOv2 checkpoint (.pth)")
    source.add_argument("--random-seed", type=int, help="deterministic random weights from this seed")
    source.add_argument("--template", action="store_true", help="the graph without weights, for the engine's importer")
    p.add_argument("--checkpoint-key", default="teacher", choices=["teacher", "student"],
                   help="entry of a DINO training checkpoint to read (default teacher)")
    p.add_argument("--output", required=True)
    p.add_argument("--depth", type=int, help="override the architecture's depth (test models)")
    p.add_argument("--embed-dim", type=int, help="override the architecture's width (test models)")
    p.add_argument("--heads", type=int, help="override the architecture's head count (test models)")
    p.add_argument("--trained-grid", type=int, help="override the trained position grid's side (test models)")
    p.add_argument("--opset", type=int, default=17)
    p.add_argument("--no-verify", action="store_true", help="skip the numerical check of the export")
    p.add_argument("--verify-with", help="the `lost` executable, to compare its features with PyTorch's")
    return p.parse_args(argv)


def resolve_config(args, found):
    """(VitConfig, arch label). Overrides win over the architecture's defaults; a
    checkpoint must agree with whichever of the two applies."""
    if found is not None and args.family not in (None, found["family"]):
        raise BadArguments(f"checkpoint '{args.checkpoint}' holds a {found['family']} backbone, "
                           f"--family says {args.family}")
    family = args.family or (found["family"] if found else "dino")
    registers = args.registers if args.registers is not None else (found["registers"] if found else 0)
    if registers < 0:
        raise BadArguments(f"--registers must be 0 or more, got {registers}")
    if family == "dino" and registers:
        raise BadArguments(f"--registers {registers}: DINO has no register tokens (use --family dinov2)")
    try:
        base = official_config(family, args.arch, args.patch_size, registers)
    except ValueError as e:
        raise BadArguments(f"--patch-size {args.patch_size}: {e}") from e
    config = with_shape(base, args.depth, args.embed_dim, args.heads, args.trained_grid)
    for name, value in (("--depth", config.depth), ("--embed-dim", config.embed_dim), ("--heads", config.num_heads),
                        ("--trained-grid", config.trained_grid)):
        if value <= 0:
            raise BadArguments(f"{name} must be positive, got {value}")
    if config.embed_dim % config.num_heads != 0:
        raise BadArguments(f"--embed-dim {config.embed_dim} is not divisible by --heads {config.num_heads}")
    if found is not None:
        where = f"checkpoint '{args.checkpoint}'"
        if found["registers"] != registers:
            raise BadArguments(f"{where} has {found['registers']} register tokens, --registers says {registers}")
        if found["patch_size"] != args.patch_size:
            raise BadArguments(f"{where} has patch size {found['patch_size']}, --patch-size says {args.patch_size}")
        if found["embed_dim"] != config.embed_dim or found["depth"] != config.depth:
            raise BadArguments(f"{where} has depth {found['depth']} and embed_dim {found['embed_dim']}, "
                               f"{args.arch} (with overrides) expects depth {config.depth} "
                               f"and embed_dim {config.embed_dim}")
        if found["ffn"] != config.ffn:
            raise BadArguments(f"{where} has a {found['ffn']} feed-forward layer, {args.arch} has {config.ffn}")
        if args.trained_grid is None:
            config = with_shape(config, trained_grid=found["trained_grid"])
    standard = config == base
    return config, args.arch if standard else f"{args.arch}-custom"


def distinct_constants(model):
    """A different constant in every parameter, stored as one value broadcast to the
    parameter's shape: torch's exporter merges parameters of equal values, which would
    leave a template without a slot for each checkpoint tensor, and a template needs
    no real weights (ViT-g's would take 4.5 GB)."""
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.data = torch.full((), 1.0 + i / 1024).expand(p.shape)
    return model


def build_model(args):
    if args.checkpoint is not None:
        state = read_backbone_state(args.checkpoint, args.checkpoint_key)
        config, arch = resolve_config(args, infer_shape(state, args.checkpoint))
        model = load_into(DinoViT(config), state, args.checkpoint)
        source = os.path.basename(args.checkpoint)
    elif args.template:
        config, arch = resolve_config(args, None)
        model = distinct_constants(LastAttentionExport(config))
        source = None
    else:
        config, arch = resolve_config(args, None)
        model = DinoViT(config).init_random(args.random_seed)
        source = f"random-seed {args.random_seed}"
    return model.eval(), arch, source


def export(model, path, opset, with_weights=True):
    p = model.patch_size
    # Trace with a non-square, non-trained grid: nothing shape-specific may be baked in.
    dummy = torch.zeros(1, 3, 5 * p, 7 * p)
    with torch.no_grad(), warnings.catch_warnings():
        # torch 1.13 flags g.op() inside custom symbolics as deprecated; it is the
        # documented way on this version.
        warnings.filterwarnings("ignore", category=FutureWarning)
        # The shape-to-int conversions it reports are inside the custom Functions,
        # whose ONNX form reads the shapes at run time.
        warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
        # No constant folding: it would store each Linear weight transposed under a
        # generated name; unfolded, every initializer is a checkpoint tensor under its
        # own name (ONNX Runtime folds the transposes when it loads the model).
        torch.onnx.export(
            LastAttentionExport.of(model), (dummy,), path,
            input_names=["pixel_values"], output_names=OUTPUT_NAMES,
            dynamic_axes={"pixel_values": {2: "height", 3: "width"},
                          "q": {1: "tokens"}, "k": {1: "tokens"}, "v": {1: "tokens"},
                          "cls_attention": {2: "patches"}},
            opset_version=opset, do_constant_folding=False, export_params=with_weights)


def weights_to_slots(proto, state):
    """Turns the graph inputs an export without weights makes of the parameters into
    initializers without data: the slots the importer fills. Returns the parameters
    the graph does not use, by name, with their shapes."""
    used = set()
    for value in [i for i in proto.graph.input if i.name in state]:
        dims = [d.dim_value for d in value.type.tensor_type.shape.dim]
        slot = proto.graph.initializer.add()
        slot.name = value.name
        slot.data_type = onnx.TensorProto.FLOAT
        slot.dims.extend(dims)
        proto.graph.input.remove(value)
        used.add(value.name)
    return {k: list(v.shape) for k, v in state.items() if k not in used}


def add_metadata(path, model, arch, source):
    proto = onnx.load(path)
    outputs = {o.name: o.type.tensor_type.shape.dim for o in proto.graph.output}
    # Name the exporter's anonymous output dims: cls_attention is (1, heads, patches), cls_embedding (1, d).
    outputs["cls_attention"][0].dim_value = 1
    outputs["cls_attention"][1].dim_value = model.num_heads
    outputs["cls_embedding"][0].dim_value = 1
    outputs["cls_embedding"][1].dim_value = model.embed_dim
    config = model.config
    props = {
        "lostengine.patch_size": str(model.patch_size),
        "lostengine.embed_dim": str(model.embed_dim),
        "lostengine.num_heads": str(model.num_heads),
        "lostengine.depth": str(model.depth),
        "lostengine.arch": arch,
        "lostengine.family": config.family,
        "lostengine.registers": str(config.registers),
        "lostengine.prefix_tokens": str(config.prefix_tokens),
    }
    if source is None:
        props[UNUSED_KEY] = json.dumps(weights_to_slots(proto, model.state_dict()))
    else:
        props["lostengine.source"] = source
    onnx.helper.set_model_props(proto, props)
    onnx.save(proto, path)
    if source is not None:
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
    export(model, args.output, args.opset, with_weights=source is not None)
    add_metadata(args.output, model, arch, source)
    size = os.path.getsize(args.output)
    c = model.config
    what = (f"{c.family} {arch}, patch {model.patch_size}, d={model.embed_dim}, heads={model.num_heads}, "
            f"depth={model.depth}, registers={c.registers}")
    if source is None:
        print(f"wrote template {args.output} ({size} bytes): {what}")
        return 0
    print(f"exported {args.output} ({size} bytes): {what}, source={source}; onnx.checker passed")
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
