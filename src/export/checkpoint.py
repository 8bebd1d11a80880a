"""Reading DINO backbone weights from a local checkpoint file, strictly."""
import math
import os
import re

import torch


class CheckpointError(Exception):
    """The checkpoint file cannot give the requested backbone; the message names the
    file and the key or shape at fault."""


_BLOCK_KEY = re.compile(r"^blocks\.(\d+)\.")


def read_backbone_state(path, checkpoint_key="teacher"):
    """The backbone state dict of `path`: a plain DINO backbone file, or a DINO
    training checkpoint whose `teacher`/`student` entry holds `backbone.*` weights
    (optionally behind DistributedDataParallel's `module.`) next to `head.*`."""
    if not os.path.isfile(path):
        raise CheckpointError(f"checkpoint '{path}': no such file")
    try:
        raw = torch.load(path, map_location="cpu")
    except Exception as e:
        raise CheckpointError(f"checkpoint '{path}': cannot be read by torch.load ({e})") from e
    if not isinstance(raw, dict):
        raise CheckpointError(f"checkpoint '{path}': holds a {type(raw).__name__}, not a state dict")
    if "teacher" in raw or "student" in raw:
        if checkpoint_key not in raw:
            raise CheckpointError(f"checkpoint '{path}': training checkpoint has no '{checkpoint_key}' entry "
                                  f"(entries: {sorted(k for k in raw if isinstance(k, str))})")
        raw = raw[checkpoint_key]
        if not isinstance(raw, dict):
            raise CheckpointError(f"checkpoint '{path}': entry '{checkpoint_key}' is not a state dict")
    state = {}
    for key, value in raw.items():
        if not isinstance(key, str):
            raise CheckpointError(f"checkpoint '{path}': key {key!r} is not a string")
        state[_strip(key, "module.")] = value
    if any(k.startswith("backbone.") for k in state):
        # Training checkpoints carry the projection head beside the backbone; LOST
        # never uses it.
        state = {k[len("backbone."):]: v for k, v in state.items() if k.startswith("backbone.")}
    for key, value in state.items():
        if not torch.is_tensor(value):
            raise CheckpointError(f"checkpoint '{path}': key '{key}' holds a {type(value).__name__}, not a tensor")
    return state


def _strip(key, prefix):
    return key[len(prefix):] if key.startswith(prefix) else key


def infer_shape(state, path):
    """What the backbone weights state about the network: family ("dino", or
    "dinov2" when DINOv2's mask token, registers or layer scales are present), depth,
    embed_dim, patch_size, registers, feed-forward kind ("mlp", or "swiglu" for
    DINOv2's w12/w3) and the trained position grid's side."""
    for required in ("pos_embed", "patch_embed.proj.weight"):
        if required not in state:
            raise CheckpointError(f"checkpoint '{path}': missing backbone key '{required}'")
    blocks = {int(m.group(1)) for m in map(_BLOCK_KEY.match, state) if m}
    if not blocks:
        raise CheckpointError(f"checkpoint '{path}': no 'blocks.<i>.*' keys")
    depth = max(blocks) + 1
    missing = sorted(set(range(depth)) - blocks)
    if missing:
        raise CheckpointError(f"checkpoint '{path}': missing backbone keys for block(s) {missing}")
    proj = state["patch_embed.proj.weight"]
    if proj.dim() != 4 or proj.shape[-1] != proj.shape[-2]:
        raise CheckpointError(f"checkpoint '{path}': key 'patch_embed.proj.weight' has shape "
                              f"{tuple(proj.shape)}, expected (embed_dim, 3, p, p)")
    pos = state["pos_embed"]
    grid = math.isqrt(max(pos.shape[1] - 1, 0)) if pos.dim() == 3 else 0
    if pos.dim() != 3 or grid < 1 or grid * grid + 1 != pos.shape[1]:
        raise CheckpointError(f"checkpoint '{path}': key 'pos_embed' has shape {tuple(pos.shape)}, "
                              f"expected (1, 1 + G * G, embed_dim)")
    registers = int(state["register_tokens"].shape[1]) if "register_tokens" in state else 0
    dinov2 = "mask_token" in state or registers > 0 or "blocks.0.ls1.gamma" in state
    return {"family": "dinov2" if dinov2 else "dino", "depth": depth, "embed_dim": int(proj.shape[0]),
            "patch_size": int(proj.shape[-1]), "registers": registers,
            "ffn": "swiglu" if "blocks.0.mlp.w12.weight" in state else "mlp", "trained_grid": grid}


def load_into(model, state, path):
    """Copy `state` into `model`, refusing any missing, unexpected or mis-shaped key."""
    expected = model.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    if missing:
        raise CheckpointError(f"checkpoint '{path}': missing backbone key(s): {', '.join(missing)}")
    if unexpected:
        raise CheckpointError(f"checkpoint '{path}': unexpected key(s): {', '.join(unexpected)}")
    for key, target in expected.items():
        if tuple(state[key].shape) != tuple(target.shape):
            raise CheckpointError(f"checkpoint '{path}': key '{key}' has shape {tuple(state[key].shape)}, "
                                  f"the model expects {tuple(target.shape)}")
    model.load_state_dict({k: v.float() for k, v in state.items()}, strict=True)
    return model
