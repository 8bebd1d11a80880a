"""The DINO and DINOv2 vision transformers (facebookresearch/dino vision_transformer.py,
facebookresearch/dinov2 dinov2/models/vision_transformer.py and dinov2/layers/), written
for this project: same parameter names as the official checkpoints, same numerics.

`DinoViT` is the reference: its `reference_outputs` follows the official code path (full
attention matrices, the Python-side position-embedding interpolation, the whole last
block and the final norm) and is what the fixtures are computed from. `LastAttentionExport`
is the graph that goes to ONNX: it computes the same outputs, but the position-embedding
resize is built from ONNX operators driven by the dynamic input shape, and of the last
block only the CLS token's row goes past the attention.
"""
import math
from dataclasses import dataclass, replace

import torch
import torch.nn as nn
import torch.nn.functional as F

ARCHS = {
    "vit_small": {"embed_dim": 384, "num_heads": 6, "depth": 12},
    "vit_base": {"embed_dim": 768, "num_heads": 12, "depth": 12},
    "vit_large": {"embed_dim": 1024, "num_heads": 16, "depth": 24},
    "vit_giant2": {"embed_dim": 1536, "num_heads": 24, "depth": 40},
}

LAYER_NORM_EPS = 1e-6
MLP_RATIO = 4
# DINO trains at 224 px; DINOv2's released backbones carry the grid of 518 px.
TRAINED_IMAGE_SIZE = {"dino": 224, "dinov2": 518}


@dataclass(frozen=True)
class VitConfig:
    """Everything that shapes the network. `interpolate_offset` and
    `interpolate_antialias` are the official position-embedding resize settings:
    DINO and DINOv2 without registers resize by the scale factor (count + 0.1) / grid
    without antialiasing; DINOv2 with registers resizes to the exact count with
    antialiasing (dinov2/hub/backbones.py)."""
    family: str
    patch_size: int
    embed_dim: int
    depth: int
    num_heads: int
    trained_grid: int
    registers: int = 0
    layer_scale: bool = False
    ffn: str = "mlp"
    interpolate_offset: float = 0.1
    interpolate_antialias: bool = False

    @property
    def prefix_tokens(self):
        """The CLS token and the registers, which come before the patches."""
        return 1 + self.registers


def official_config(family, arch, patch_size, registers=0):
    """The configuration of a released backbone (or a custom one built on its rules)."""
    if family not in TRAINED_IMAGE_SIZE:
        raise ValueError(f"unknown family {family!r}")
    base = ARCHS[arch]
    image = TRAINED_IMAGE_SIZE[family]
    if image % patch_size != 0:
        raise ValueError(f"patch size {patch_size} does not divide the trained image size {image}")
    if family == "dino":
        if registers:
            raise ValueError("DINO has no register tokens")
        return VitConfig("dino", patch_size, base["embed_dim"], base["depth"], base["num_heads"], image // patch_size)
    return VitConfig("dinov2", patch_size, base["embed_dim"], base["depth"], base["num_heads"], image // patch_size,
                     registers=registers, layer_scale=True, ffn="swiglu" if arch == "vit_giant2" else "mlp",
                     interpolate_offset=0.0 if registers else 0.1, interpolate_antialias=registers > 0)


def with_shape(config, depth=None, embed_dim=None, num_heads=None, trained_grid=None):
    """`config` with test-sized overrides."""
    return replace(config,
                   depth=config.depth if depth is None else depth,
                   embed_dim=config.embed_dim if embed_dim is None else embed_dim,
                   num_heads=config.num_heads if num_heads is None else num_heads,
                   trained_grid=config.trained_grid if trained_grid is None else trained_grid)


def swiglu_hidden(dim):
    """SwiGLUFFNFused's hidden width for an MLP ratio of 4: two thirds, rounded up to 8."""
    return (int(dim * MLP_RATIO * 2 / 3) + 7) // 8 * 8


class Mlp(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim * MLP_RATIO)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(dim * MLP_RATIO, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class SwiGLU(nn.Module):
    """DINOv2's SwiGLUFFN (ViT-g): w12 gives both halves, silu(first) * second goes to w3."""

    def __init__(self, dim):
        super().__init__()
        hidden = swiglu_hidden(dim)
        self.w12 = nn.Linear(dim, 2 * hidden)
        self.w3 = nn.Linear(hidden, dim)

    def forward(self, x):
        x1, x2 = self.w12(x).chunk(2, dim=-1)
        return self.w3(F.silu(x1) * x2)


class LayerScale(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * self.gamma


class Attention(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        if dim % num_heads != 0:
            raise ValueError(f"embed_dim {dim} is not divisible by num_heads {num_heads}")
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=True)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        qkv = self.qkv(x)
        attn = self.attention_from_qkv(qkv)
        b, t, c = x.shape
        v = qkv[..., 2 * c:].reshape(b, t, self.num_heads, c // self.num_heads).permute(0, 2, 1, 3)
        y = (attn @ v).transpose(1, 2).reshape(b, t, c)
        return self.proj(y), qkv, attn

    def attention_from_qkv(self, qkv):
        # Both official codes reshape qkv to (B, T, 3, heads, head_dim): the channel
        # layout is [q | k | v], each with the heads concatenated in order.
        b, t, c3 = qkv.shape
        c = c3 // 3
        hd = c // self.num_heads
        q = qkv[..., :c].reshape(b, t, self.num_heads, hd).permute(0, 2, 1, 3)
        k = qkv[..., c:2 * c].reshape(b, t, self.num_heads, hd).permute(0, 2, 1, 3)
        return ((q @ k.transpose(-2, -1)) * self.scale).softmax(dim=-1)


class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        dim = config.embed_dim
        self.norm1 = nn.LayerNorm(dim, eps=LAYER_NORM_EPS)
        self.attn = Attention(dim, config.num_heads)
        self.ls1 = LayerScale(dim) if config.layer_scale else nn.Identity()
        self.norm2 = nn.LayerNorm(dim, eps=LAYER_NORM_EPS)
        self.mlp = SwiGLU(dim) if config.ffn == "swiglu" else Mlp(dim)
        self.ls2 = LayerScale(dim) if config.layer_scale else nn.Identity()

    def forward(self, x):
        y, _, _ = self.attn(self.norm1(x))
        x = x + self.ls1(y)
        return x + self.ls2(self.mlp(self.norm2(x)))


class PatchEmbed(nn.Module):
    def __init__(self, patch_size, dim):
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Conv2d(3, dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class DinoViT(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.patch_size = config.patch_size
        self.embed_dim = config.embed_dim
        self.depth = config.depth
        self.num_heads = config.num_heads
        self.grid = config.trained_grid
        dim = config.embed_dim
        self.patch_embed = PatchEmbed(config.patch_size, dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, self.grid * self.grid + 1, dim))
        if config.registers:
            self.register_tokens = nn.Parameter(torch.zeros(1, config.registers, dim))
        if config.family == "dinov2":
            # Masked-image training's token: in every DINOv2 checkpoint, never used at inference.
            self.mask_token = nn.Parameter(torch.zeros(1, dim))
        self.blocks = nn.ModuleList([Block(config) for _ in range(config.depth)])
        self.norm = nn.LayerNorm(dim, eps=LAYER_NORM_EPS)

    def init_random(self, seed):
        """DINO's initialisation (truncated normal, std 0.02, for the position
        embeddings, the CLS token and every linear weight; zero linear biases; unit
        LayerNorms), drawn from a fixed seed so that two runs give the same weights.
        DINOv2's extra parameters come last, so a DINO model's weights do not depend on
        them: registers as the CLS token, layer scales at the released models'
        initial 1, the unused mask token zero."""
        torch.manual_seed(seed)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                m.reset_parameters()
        nn.init.trunc_normal_(self.pos_embed, std=0.02)
        nn.init.trunc_normal_(self.cls_token, std=0.02)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.trunc_normal_(m.weight, std=0.02)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.LayerNorm):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        if self.config.registers:
            nn.init.trunc_normal_(self.register_tokens, std=0.02)
        return self

    def interpolate_pos_encoding(self, tokens, height, width):
        """The official rule: the trained embeddings as they are when the patch count
        and the image side lengths say "trained shape", otherwise a bicubic resize of
        the grid, by the scale factor (count + offset) / grid, or to the exact count
        when the offset is 0, antialiased when the configuration says so."""
        c = self.config
        npatch = tokens.shape[1] - 1
        n = self.pos_embed.shape[1] - 1
        if npatch == n and height == width:
            return self.pos_embed
        rows, cols = height // self.patch_size, width // self.patch_size
        grid = self.pos_embed[:, 1:].reshape(1, self.grid, self.grid, self.embed_dim).permute(0, 3, 1, 2)
        if c.interpolate_offset:
            how = {"scale_factor": ((rows + c.interpolate_offset) / self.grid, (cols + c.interpolate_offset) / self.grid)}
        else:
            how = {"size": (rows, cols)}
        resized = F.interpolate(grid, mode="bicubic", align_corners=False, antialias=c.interpolate_antialias, **how)
        if resized.shape[-2:] != (rows, cols):
            raise AssertionError(f"position grid resized to {tuple(resized.shape[-2:])}, expected ({rows}, {cols})")
        resized = resized.permute(0, 2, 3, 1).reshape(1, -1, self.embed_dim)
        return torch.cat((self.pos_embed[:, :1], resized), dim=1)

    def prepare_tokens(self, x):
        _, _, height, width = x.shape
        tokens = self.patch_embed(x)
        tokens = torch.cat((self.cls_token.expand(x.shape[0], -1, -1), tokens), dim=1)
        tokens = tokens + self.interpolate_pos_encoding(tokens, height, width)
        if self.config.registers:
            tokens = torch.cat((tokens[:, :1], self.register_tokens.expand(x.shape[0], -1, -1), tokens[:, 1:]), dim=1)
        return tokens

    def reference_outputs(self, x):
        """The five exported outputs, computed the official way: q, k, v of the last
        block (the qkv linear on norm1 of its input; CLS, registers, patches), the CLS
        row of its full softmax attention over the patches (the softmax runs over every
        token), and the CLS token after every block and the final norm."""
        x = self.prepare_tokens(x)
        for blk in self.blocks[:-1]:
            x = blk(x)
        last = self.blocks[-1]
        _, qkv, attn = last.attn(last.norm1(x))
        out = self.norm(last(x))
        d = self.embed_dim
        prefix = self.config.prefix_tokens
        return qkv[..., :d], qkv[..., d:2 * d], qkv[..., 2 * d:], attn[:, :, 0, prefix:], out[:, 0]


def _const(g, values, dtype):
    return g.op("Constant", value_t=torch.tensor(values, dtype=dtype))


def _cells(g, patches):
    """(rows, cols) of the patch grid, int64 [2], from the runtime shape."""
    return g.op("Slice", g.op("Shape", patches), _const(g, [2], torch.int64), _const(g, [4], torch.int64))


def _with_runtime_grid(g, grid, resized):
    resized.setType(grid.type().with_sizes([1, grid.type().sizes()[1], None, None]))
    return resized


def _eager_grid(grid, patches, pixel_values):
    """(G, rows, cols, keep): the trained grid's side, the patch grid, and whether the
    official code keeps the trained grid as it is (the trained patch count on a square
    image), which both resizes share."""
    g = int(grid.shape[-1])
    rows, cols = int(patches.shape[-2]), int(patches.shape[-1])
    return g, rows, cols, rows * cols == g * g and int(pixel_values.shape[-2]) == int(pixel_values.shape[-1])


class _PositionGridResize(torch.autograd.Function):
    """The trained position grid (1, d, G, G) resized for the patch grid of `patches`
    (1, d, rows, cols) by the scale factors (count + offset) / G, as DINO and DINOv2
    without registers do it. Eager: the official Python code. ONNX: a Resize whose
    scales are taken from the runtime shape, or exactly 1 when the official code would
    skip the interpolation; a cubic resize with scale 1 samples integer positions only,
    where the cubic kernel is (0, 1, 0, 0), so it returns the grid unchanged."""

    @staticmethod
    def forward(ctx, grid, patches, pixel_values, offset):
        g, rows, cols, keep = _eager_grid(grid, patches, pixel_values)
        if keep:
            return grid.clone()
        return F.interpolate(grid, scale_factor=((rows + offset) / g, (cols + offset) / g),
                             mode="bicubic", align_corners=False)

    @staticmethod
    def symbolic(g, grid, patches, pixel_values, offset):
        grid_side = grid.type().sizes()[-1]
        cells = _cells(g, patches)
        pixels = g.op("Slice", g.op("Shape", pixel_values), _const(g, [2], torch.int64), _const(g, [4], torch.int64))
        trained_count = g.op("Equal", g.op("ReduceProd", cells, keepdims_i=0),
                             _const(g, grid_side * grid_side, torch.int64))
        square = g.op("Equal", g.op("ReduceMin", pixels, keepdims_i=0), g.op("ReduceMax", pixels, keepdims_i=0))
        keep_trained = g.op("And", trained_count, square)
        cell_scales = g.op("Div", g.op("Add", g.op("Cast", cells, to_i=1), _const(g, [offset], torch.float32)),
                           _const(g, [float(grid_side)], torch.float32))
        cell_scales = g.op("Where", keep_trained, _const(g, [1.0, 1.0], torch.float32), cell_scales)
        scales = g.op("Concat", _const(g, [1.0, 1.0], torch.float32), cell_scales, axis_i=0)
        empty_roi = _const(g, [], torch.float32)
        resized = g.op("Resize", grid, empty_roi, scales, mode_s="cubic", cubic_coeff_a_f=-0.75,
                       coordinate_transformation_mode_s="half_pixel", exclude_outside_i=0)
        return _with_runtime_grid(g, grid, resized)


# torch's antialiased bicubic filter is Keys' cubic with a = -0.5 (PIL's), not the -0.75 of plain bicubic.
_ANTIALIAS_CUBIC_A = -0.5


def antialias_weights(count, grid_side, offset):
    """The (count, grid_side) matrix of torch's antialiased bicubic resize along one
    axis (aten's _compute_indices_weights_aa): output cell i is centred at
    scale * (i + 0.5), scale = grid_side / (count + offset); the filter is widened by
    the scale when shrinking, truncated at the grid's edges, and each row normalised."""
    a = _ANTIALIAS_CUBIC_A
    scale = grid_side / (count + offset)
    support = 2.0 * scale if scale >= 1.0 else 2.0
    invscale = 1.0 / scale if scale >= 1.0 else 1.0
    center = scale * (torch.arange(count, dtype=torch.float32)[:, None] + 0.5)
    j = torch.arange(grid_side, dtype=torch.float32)[None, :]
    lo = torch.floor(center - support + 0.5).clamp(min=0)
    hi = torch.floor(center + support + 0.5).clamp(max=grid_side)
    t = ((j - center + 0.5) * invscale).abs()
    near = ((a + 2) * t - (a + 3)) * t * t + 1
    far = ((a * t - 5 * a) * t + 8 * a) * t - 4 * a
    w = torch.where(t < 1, near, torch.where(t < 2, far, torch.zeros_like(t)))
    w = torch.where((j >= lo) & (j < hi), w, torch.zeros_like(w))
    return w / w.sum(dim=1, keepdim=True)


class _AntialiasGridResize(torch.autograd.Function):
    """The trained position grid (1, d, G, G) resized to the patch grid of `patches`
    with torch's antialiased bicubic filter, as DINOv2 with registers does it. ONNX
    Resize's antialias needs opset 18, beyond torch 1.13's exporter, and its filter is
    not specified to torch's window, so the graph builds the two weight matrices of
    `antialias_weights` from the runtime shape and applies them as two MatMuls. At the
    trained count the matrices are the identity, which is the official skip."""

    @staticmethod
    def forward(ctx, grid, patches, pixel_values, offset):
        g, rows, cols, keep = _eager_grid(grid, patches, pixel_values)
        if keep:
            return grid.clone()
        how = {"scale_factor": ((rows + offset) / g, (cols + offset) / g)} if offset else {"size": (rows, cols)}
        return F.interpolate(grid, mode="bicubic", align_corners=False, antialias=True, **how)

    @staticmethod
    def symbolic(g, grid, patches, pixel_values, offset):
        side = grid.type().sizes()[-1]
        cells = _cells(g, patches)

        def axis_weights(index):
            count = g.op("Gather", cells, _const(g, index, torch.int64))
            scale = g.op("Div", _const(g, float(side), torch.float32),
                         g.op("Add", g.op("Cast", count, to_i=1), _const(g, offset, torch.float32)))
            shrinking = g.op("Not", g.op("Less", scale, _const(g, 1.0, torch.float32)))
            support = g.op("Where", shrinking, g.op("Mul", scale, _const(g, 2.0, torch.float32)),
                           _const(g, 2.0, torch.float32))
            invscale = g.op("Where", shrinking, g.op("Reciprocal", scale), _const(g, 1.0, torch.float32))
            i = g.op("Cast", g.op("Range", _const(g, 0, torch.int64), count, _const(g, 1, torch.int64)), to_i=1)
            half = _const(g, 0.5, torch.float32)
            center = g.op("Unsqueeze", g.op("Mul", scale, g.op("Add", i, half)), _const(g, [1], torch.int64))
            j = _const(g, [[float(x) for x in range(side)]], torch.float32)
            lo = g.op("Max", g.op("Floor", g.op("Add", g.op("Sub", center, support), half)), _const(g, 0.0, torch.float32))
            hi = g.op("Min", g.op("Floor", g.op("Add", g.op("Add", center, support), half)),
                      _const(g, float(side), torch.float32))
            t = g.op("Abs", g.op("Mul", g.op("Add", g.op("Sub", j, center), half), invscale))
            a = _ANTIALIAS_CUBIC_A

            def poly(coefficients):
                value = _const(g, coefficients[0], torch.float32)
                for c in coefficients[1:]:
                    value = g.op("Add", g.op("Mul", value, t), _const(g, c, torch.float32))
                return value

            near = poly([a + 2, -(a + 3), 0.0, 1.0])
            far = poly([a, -5 * a, 8 * a, -4 * a])
            zero = _const(g, 0.0, torch.float32)
            w = g.op("Where", g.op("Less", t, _const(g, 1.0, torch.float32)), near,
                     g.op("Where", g.op("Less", t, _const(g, 2.0, torch.float32)), far, zero))
            inside = g.op("And", g.op("Not", g.op("Less", j, lo)), g.op("Less", j, hi))
            w = g.op("Where", inside, w, zero)
            total = g.op("ReduceSum", w, _const(g, [1], torch.int64), keepdims_i=1)
            return g.op("Div", w, total)

        row_weights = axis_weights(0)
        col_weights = axis_weights(1)
        along_cols = g.op("MatMul", grid, g.op("Transpose", col_weights, perm_i=[1, 0]))
        resized = g.op("MatMul", row_weights, along_cols)
        return _with_runtime_grid(g, grid, resized)


class LastAttentionExport(DinoViT):
    """pixel_values (1, 3, H, W) -> q, k, v (1, T, d), T = prefix + N with the CLS
    token first and the registers after it; cls_attention (1, heads, N), the CLS
    query's attention to the patches; cls_embedding (1, d), the CLS token after the last
    block and the final norm. Of the last block, only the CLS row goes past q, k, v.
    Its parameters are the model's, under the same names, so that the exported
    initializers are named as the checkpoint's tensors."""

    @classmethod
    def of(cls, vit):
        if isinstance(vit, cls):
            return vit.eval()
        export = cls(vit.config)
        export.load_state_dict(vit.state_dict(), strict=True)
        return export.eval()

    def forward(self, pixel_values):
        config = self.config
        d = self.embed_dim
        patches = self.patch_embed.proj(pixel_values)
        grid = self.pos_embed[:, 1:].reshape(1, self.grid, self.grid, d).permute(0, 3, 1, 2)
        resize = _AntialiasGridResize if config.interpolate_antialias else _PositionGridResize
        pos = resize.apply(grid, patches, pixel_values, config.interpolate_offset).flatten(2).transpose(1, 2)
        tokens = patches.flatten(2).transpose(1, 2) + pos
        prefix = [self.cls_token + self.pos_embed[:, :1]]
        if config.registers:
            prefix.append(self.register_tokens)
        x = torch.cat(prefix + [tokens], dim=1)
        for blk in self.blocks[:-1]:
            x = blk(x)
        last = self.blocks[-1]
        qkv = last.attn.qkv(last.norm1(x))
        q, k, v = qkv[..., :d], qkv[..., d:2 * d], qkv[..., 2 * d:]
        heads = self.num_heads
        hd = d // heads
        # Softmax is per row, so the CLS query's row equals row 0 of the official full attention matrix.
        q_cls = q[:, :1].reshape(1, 1, heads, hd).permute(0, 2, 1, 3)
        k_heads = k.reshape(1, -1, heads, hd).permute(0, 2, 3, 1)
        attn = ((q_cls @ k_heads) * last.attn.scale).softmax(dim=-1)
        v_heads = v.reshape(1, -1, heads, hd).permute(0, 2, 1, 3)
        mixed = (attn @ v_heads).permute(0, 2, 1, 3).reshape(1, 1, d)
        cls = x[:, :1] + last.ls1(last.attn.proj(mixed))
        cls = cls + last.ls2(last.mlp(last.norm2(cls)))
        return q, k, v, attn[:, :, 0, config.prefix_tokens:], self.norm(cls)[:, 0]
