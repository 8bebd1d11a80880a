"""The DINO vision transformer (facebookresearch/dino, vision_transformer.py), written
for this project: same module names as the official checkpoints, same numerics.

`DinoViT` is the reference: its `last_block_features` follows DINO's own code path
(full attention matrix, Python-side position-embedding interpolation) and is what the
fixtures are computed from. `LastAttentionExport` is the graph that goes to ONNX: it
computes the same outputs, but the position-embedding resize is an explicit ONNX
Resize driven by scales taken from the dynamic input shape.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

ARCHS = {
    "vit_small": {"embed_dim": 384, "num_heads": 6, "depth": 12},
    "vit_base": {"embed_dim": 768, "num_heads": 12, "depth": 12},
}

# DINO is trained at 224 px; the position-embedding grid is (224 / patch) squared.
TRAINED_IMAGE_SIZE = 224
LAYER_NORM_EPS = 1e-6
MLP_RATIO = 4


class Mlp(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim * MLP_RATIO)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(dim * MLP_RATIO, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


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
        # DINO reshapes qkv to (B, T, 3, heads, head_dim): the channel layout is
        # [q | k | v], each with the heads concatenated in order.
        b, t, c3 = qkv.shape
        c = c3 // 3
        hd = c // self.num_heads
        q = qkv[..., :c].reshape(b, t, self.num_heads, hd).permute(0, 2, 1, 3)
        k = qkv[..., c:2 * c].reshape(b, t, self.num_heads, hd).permute(0, 2, 1, 3)
        return ((q @ k.transpose(-2, -1)) * self.scale).softmax(dim=-1)


class Block(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=LAYER_NORM_EPS)
        self.attn = Attention(dim, num_heads)
        self.norm2 = nn.LayerNorm(dim, eps=LAYER_NORM_EPS)
        self.mlp = Mlp(dim)

    def forward(self, x):
        y, _, _ = self.attn(self.norm1(x))
        x = x + y
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    def __init__(self, patch_size, dim):
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Conv2d(3, dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class DinoViT(nn.Module):
    def __init__(self, patch_size, embed_dim, depth, num_heads):
        super().__init__()
        if TRAINED_IMAGE_SIZE % patch_size != 0:
            raise ValueError(f"patch size {patch_size} does not divide {TRAINED_IMAGE_SIZE}")
        self.patch_size = patch_size
        self.embed_dim = embed_dim
        self.depth = depth
        self.num_heads = num_heads
        self.grid = TRAINED_IMAGE_SIZE // patch_size
        self.patch_embed = PatchEmbed(patch_size, embed_dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, self.grid * self.grid + 1, embed_dim))
        self.blocks = nn.ModuleList([Block(embed_dim, num_heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(embed_dim, eps=LAYER_NORM_EPS)

    def init_random(self, seed):
        """DINO's initialisation (truncated normal, std 0.02, for the position
        embeddings, the CLS token and every linear weight; zero linear biases; unit
        LayerNorms), drawn from a fixed seed so that two runs give the same weights."""
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
        return self

    def interpolate_pos_encoding(self, tokens, height, width):
        """DINO's rule: the trained embeddings as they are when the token count and
        the image side lengths say "trained shape", otherwise a bicubic resize whose
        sampling positions come from the scale factor (count + 0.1) / grid."""
        npatch = tokens.shape[1] - 1
        n = self.pos_embed.shape[1] - 1
        if npatch == n and height == width:
            return self.pos_embed
        rows = height // self.patch_size + 0.1
        cols = width // self.patch_size + 0.1
        grid = self.pos_embed[:, 1:].reshape(1, self.grid, self.grid, self.embed_dim).permute(0, 3, 1, 2)
        resized = F.interpolate(grid, scale_factor=(rows / math.sqrt(n), cols / math.sqrt(n)),
                                mode="bicubic", align_corners=False)
        if resized.shape[-2] != int(rows) or resized.shape[-1] != int(cols):
            raise AssertionError(f"position grid resized to {tuple(resized.shape[-2:])}, "
                                 f"expected ({int(rows)}, {int(cols)})")
        resized = resized.permute(0, 2, 3, 1).reshape(1, -1, self.embed_dim)
        return torch.cat((self.pos_embed[:, :1], resized), dim=1)

    def prepare_tokens(self, x):
        _, _, height, width = x.shape
        tokens = self.patch_embed(x)
        tokens = torch.cat((self.cls_token.expand(x.shape[0], -1, -1), tokens), dim=1)
        return tokens + self.interpolate_pos_encoding(tokens, height, width)

    def last_block_features(self, x):
        """(qkv, attn) of the last block, as DINO/LOST read them: qkv is the qkv
        linear output on norm1 of the last block's input, attn the full softmax
        attention (B, heads, T, T)."""
        x = self.prepare_tokens(x)
        for blk in self.blocks[:-1]:
            x = blk(x)
        last = self.blocks[-1]
        _, qkv, attn = last.attn(last.norm1(x))
        return qkv, attn

    def reference_outputs(self, x):
        """The four exported outputs, computed the reference way."""
        qkv, attn = self.last_block_features(x)
        d = self.embed_dim
        return qkv[..., :d], qkv[..., d:2 * d], qkv[..., 2 * d:], attn[:, :, 0, 1:]


class _PositionGridResize(torch.autograd.Function):
    """The trained position grid (1, d, G, G) resized for the patch grid of `patches`
    (1, d, rows, cols), as DINO does it. Eager: DINO's Python code. ONNX: a Resize
    whose scales are (rows + 0.1) / G and (cols + 0.1) / G taken from the runtime
    shape, or exactly 1 when DINO would skip the interpolation; a cubic resize with
    scale 1 samples integer positions only, where the cubic kernel is (0, 1, 0, 0),
    so it returns the grid unchanged."""

    @staticmethod
    def forward(ctx, grid, patches, pixel_values):
        g = int(grid.shape[-1])
        rows, cols = int(patches.shape[-2]), int(patches.shape[-1])
        if rows * cols == g * g and int(pixel_values.shape[-2]) == int(pixel_values.shape[-1]):
            return grid.clone()
        return F.interpolate(grid, scale_factor=((rows + 0.1) / g, (cols + 0.1) / g),
                             mode="bicubic", align_corners=False)

    @staticmethod
    def symbolic(g, grid, patches, pixel_values):
        grid_side = grid.type().sizes()[-1]

        def const(values, dtype):
            return g.op("Constant", value_t=torch.tensor(values, dtype=dtype))

        cells = g.op("Slice", g.op("Shape", patches), const([2], torch.int64), const([4], torch.int64))
        pixels = g.op("Slice", g.op("Shape", pixel_values), const([2], torch.int64), const([4], torch.int64))
        trained_count = g.op("Equal", g.op("ReduceProd", cells, keepdims_i=0),
                             const(grid_side * grid_side, torch.int64))
        square = g.op("Equal", g.op("ReduceMin", pixels, keepdims_i=0), g.op("ReduceMax", pixels, keepdims_i=0))
        keep_trained = g.op("And", trained_count, square)
        cell_scales = g.op("Div", g.op("Add", g.op("Cast", cells, to_i=1), const([0.1], torch.float32)),
                           const([float(grid_side)], torch.float32))
        cell_scales = g.op("Where", keep_trained, const([1.0, 1.0], torch.float32), cell_scales)
        scales = g.op("Concat", const([1.0, 1.0], torch.float32), cell_scales, axis_i=0)
        empty_roi = const([], torch.float32)
        resized = g.op("Resize", grid, empty_roi, scales, mode_s="cubic", cubic_coeff_a_f=-0.75,
                       coordinate_transformation_mode_s="half_pixel", exclude_outside_i=0)
        resized.setType(grid.type().with_sizes([1, grid.type().sizes()[1], None, None]))
        return resized


class LastAttentionExport(nn.Module):
    """pixel_values (1, 3, H, W) -> q, k, v (1, T, d) and cls_attention (1, heads, N),
    T = N + 1 with the CLS token first. Runs up to the last block's attention only."""

    def __init__(self, vit):
        super().__init__()
        self.vit = vit

    def forward(self, pixel_values):
        vit = self.vit
        d = vit.embed_dim
        patches = vit.patch_embed.proj(pixel_values)
        grid = vit.pos_embed[:, 1:].reshape(1, vit.grid, vit.grid, d).permute(0, 3, 1, 2)
        pos = _PositionGridResize.apply(grid, patches, pixel_values).flatten(2).transpose(1, 2)
        tokens = patches.flatten(2).transpose(1, 2) + pos
        cls = vit.cls_token + vit.pos_embed[:, :1]
        x = torch.cat((cls, tokens), dim=1)
        for blk in vit.blocks[:-1]:
            x = blk(x)
        last = vit.blocks[-1]
        qkv = last.attn.qkv(last.norm1(x))
        q, k, v = qkv[..., :d], qkv[..., d:2 * d], qkv[..., 2 * d:]
        heads = vit.num_heads
        hd = d // heads
        # Only the CLS query row is needed; softmax is per row, so this equals row 0
        # of DINO's full attention matrix.
        q_cls = q[:, :1].reshape(1, 1, heads, hd).permute(0, 2, 1, 3)
        k_heads = k.reshape(1, -1, heads, hd).permute(0, 2, 3, 1)
        attn = ((q_cls @ k_heads) * last.attn.scale).softmax(dim=-1)
        return q, k, v, attn[:, :, 0, 1:]
