"""Self-tests of the export tool: checkpoint loading, the export graph's eager path,
and the exported graph's position-embedding resize evaluated from the ONNX file.

    /usr/bin/python3 -m unittest discover -s src/export -p 'test_*.py'

There is no Python ONNX runtime here, so the position-resize part of the exported
graph (every node up to the Resize) is evaluated by a small NumPy interpreter that
implements the ONNX operator definitions; the rest of the graph is checked by the C#
tests, which run ONNX Runtime against the fixtures made from the PyTorch module.
"""
import contextlib
import io
import math
import os
import sys
import tempfile
import unittest

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from dino_vit import DinoViT, LastAttentionExport  # noqa: E402
from export_dino_onnx import main as export_main  # noqa: E402

TINY = ["--arch", "vit_small", "--patch-size", "16", "--depth", "2", "--embed-dim", "48", "--heads", "3"]


def tiny_model(seed=5):
    return DinoViT(16, 48, 2, 3).init_random(seed).eval()


def run_export(argv):
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = export_main(argv)
    return code, err.getvalue()


class CheckpointLoadingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.model = tiny_model()
        self.out = os.path.join(self.tmp.name, "m.onnx")

    def tearDown(self):
        self.tmp.cleanup()

    def save(self, obj, name="ck.pth"):
        path = os.path.join(self.tmp.name, name)
        torch.save(obj, path)
        return path

    def exported_initializers(self):
        return {i.name: numpy_helper.to_array(i) for i in onnx.load(self.out).graph.initializer}

    def assert_exports_model_weights(self, path, extra=()):
        code, err = run_export(TINY + ["--checkpoint", path, "--output", self.out, "--no-verify", *extra])
        self.assertEqual(code, 0, err)
        weights = self.exported_initializers()
        expected = self.model.state_dict()["blocks.0.attn.qkv.weight"].numpy()
        # The exporter stores a Linear weight transposed, as the MatMul operand.
        self.assertTrue(any(w.shape == expected.T.shape and np.array_equal(w, expected.T) for w in weights.values()),
                        "the exported graph does not carry the checkpoint's blocks.0.attn.qkv.weight")
        props = {p.key: p.value for p in onnx.load(self.out).metadata_props}
        self.assertEqual(props["lostengine.source"], os.path.basename(path))
        self.assertEqual(props["lostengine.num_heads"], "3")

    def test_plain_state_dict_loads(self):
        self.assert_exports_model_weights(self.save(self.model.state_dict()))

    def test_teacher_checkpoint_with_module_and_backbone_prefixes_loads(self):
        wrapped = {f"module.backbone.{k}": v for k, v in self.model.state_dict().items()}
        wrapped["module.head.mlp.0.weight"] = torch.zeros(8, 48)
        other = {f"backbone.{k}": torch.zeros_like(v) for k, v in self.model.state_dict().items()}
        self.assert_exports_model_weights(self.save({"teacher": wrapped, "student": other, "epoch": 3}))

    def test_student_key_is_selectable(self):
        wrapped = {f"backbone.{k}": v for k, v in self.model.state_dict().items()}
        path = self.save({"student": wrapped, "teacher": {}})
        self.assert_exports_model_weights(path, ["--checkpoint-key", "student"])

    def test_missing_key_is_named(self):
        state = self.model.state_dict()
        del state["blocks.1.mlp.fc2.bias"]
        code, err = run_export(TINY + ["--checkpoint", self.save(state), "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("missing backbone key(s): blocks.1.mlp.fc2.bias", err)

    def test_unexpected_key_is_named(self):
        state = self.model.state_dict()
        state["head.weight"] = torch.zeros(2, 48)
        code, err = run_export(TINY + ["--checkpoint", self.save(state), "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("unexpected key(s): head.weight", err)

    def test_wrong_shape_is_named(self):
        state = self.model.state_dict()
        state["blocks.0.attn.qkv.bias"] = torch.zeros(100)
        code, err = run_export(TINY + ["--checkpoint", self.save(state), "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("key 'blocks.0.attn.qkv.bias' has shape (100,), the model expects (144,)", err)

    def test_checkpoint_disagreeing_with_arch_is_refused(self):
        code, err = run_export(["--arch", "vit_small", "--patch-size", "16", "--checkpoint",
                                self.save(self.model.state_dict()), "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("has depth 2 and embed_dim 48", err)

    def test_checkpoint_disagreeing_with_patch_size_is_refused(self):
        code, err = run_export(TINY[:2] + ["--patch-size", "8"] + TINY[4:] +
                               ["--checkpoint", self.save(self.model.state_dict()), "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("has patch size 16, --patch-size says 8", err)

    def test_missing_file_and_non_dict_are_refused(self):
        code, err = run_export(TINY + ["--checkpoint", os.path.join(self.tmp.name, "nope.pth"), "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("no such file", err)
        code, err = run_export(TINY + ["--checkpoint", self.save([1, 2]), "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("not a state dict", err)


class EagerExportPathTest(unittest.TestCase):
    """The module that is traced computes what DINO computes, size by size."""

    def test_export_module_matches_reference(self):
        model = tiny_model(11)
        for h, w in [(224, 224), (16, 16), (48, 80), (240, 240), (208, 240), (400, 96)]:
            x = torch.randn(1, 3, h, w, generator=torch.Generator().manual_seed(h + w))
            with torch.no_grad():
                ref = model.reference_outputs(x)
                got = LastAttentionExport(model)(x)
            for name, r, g in zip(["q", "k", "v", "cls_attention"], ref, got):
                self.assertEqual(r.shape, g.shape, name)
                self.assertLess(float((r - g).abs().max() / r.abs().max()), 1e-6, f"{name} at {h}x{w}")


def onnx_resize_cubic(x, scales):
    """ONNX Resize, mode cubic, cubic_coeff_a -0.75, half_pixel, exclude_outside 0,
    per the operator definition (edge indices clamped), on a 4-D NCHW tensor."""
    a = -0.75

    def kernel(t):
        t = abs(t)
        if t <= 1:
            return ((a + 2) * t - (a + 3)) * t * t + 1
        if t < 2:
            return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a
        return 0.0

    out = x.astype(np.float64)
    for axis in (2, 3):
        n_in = out.shape[axis]
        n_out = int(math.floor(n_in * float(scales[axis])))
        matrix = np.zeros((n_out, n_in))
        for i in range(n_out):
            src = (i + 0.5) / float(scales[axis]) - 0.5
            base = math.floor(src)
            for j in range(base - 1, base + 3):
                matrix[i, min(max(j, 0), n_in - 1)] += kernel(src - j)
        out = np.moveaxis(np.tensordot(matrix, np.moveaxis(out, axis, 0), axes=1), 0, axis)
    return out


def eval_until_resize(model_proto, pixel_values, conv_weight, patch):
    """Evaluate the exported graph from its input up to and including the Resize of
    the position grid; returns the Resize output. Each operator follows its ONNX
    definition for the cases this graph uses."""
    env = {i.name: numpy_helper.to_array(i) for i in model_proto.graph.initializer}
    env["pixel_values"] = pixel_values

    def attr(node, name, default=None):
        for a in node.attribute:
            if a.name == name:
                return onnx.helper.get_attribute_value(a)
        return default

    for node in model_proto.graph.node:
        ins = [env[i] if i else None for i in node.input]
        op = node.op_type
        if op == "Identity":
            out = ins[0]
        elif op == "Constant":
            out = numpy_helper.to_array(attr(node, "value"))
        elif op == "Conv":
            self_check = attr(node, "strides")
            assert list(self_check) == [patch, patch]
            out = F.conv2d(torch.from_numpy(ins[0]), torch.from_numpy(conv_weight), stride=patch).numpy()
        elif op == "Shape":
            out = np.array(ins[0].shape, dtype=np.int64)
        elif op == "Slice":
            out = ins[0][int(ins[1][0]):int(ins[2][0])]
        elif op in ("ReduceProd", "ReduceMin", "ReduceMax"):
            out = {"ReduceProd": np.prod, "ReduceMin": np.min, "ReduceMax": np.max}[op](ins[0])
        elif op == "Equal":
            out = np.equal(ins[0], ins[1])
        elif op == "And":
            out = np.logical_and(ins[0], ins[1])
        elif op == "Cast":
            assert attr(node, "to") == onnx.TensorProto.FLOAT
            out = ins[0].astype(np.float32)
        elif op == "Add":
            out = ins[0] + ins[1]
        elif op == "Div":
            out = ins[0] / ins[1]
        elif op == "Where":
            out = np.where(ins[0], ins[1], ins[2])
        elif op == "Concat":
            out = np.concatenate(ins, axis=attr(node, "axis"))
        elif op == "Resize":
            assert attr(node, "mode") == b"cubic"
            assert attr(node, "coordinate_transformation_mode") == b"half_pixel"
            assert abs(attr(node, "cubic_coeff_a") + 0.75) < 1e-7
            assert attr(node, "exclude_outside", 0) == 0
            return onnx_resize_cubic(ins[0], ins[2])
        else:
            raise AssertionError(f"operator {op} before the Resize: the evaluator does not know it")
        env[node.output[0]] = out
    raise AssertionError("the exported graph has no Resize")


class ExportedPositionResizeTest(unittest.TestCase):
    """The exported graph's Resize, with its scales read from the runtime shape,
    reproduces DINO's interpolate_pos_encoding, including the no-interpolation case."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.paths = {}
        for patch in (16, 8):
            path = os.path.join(cls.tmp.name, f"p{patch}.onnx")
            argv = ["--arch", "vit_small", "--patch-size", str(patch), "--depth", "1", "--embed-dim", "24",
                    "--heads", "3", "--random-seed", "3", "--output", path, "--no-verify"]
            code, err = run_export(argv)
            assert code == 0, err
            cls.paths[patch] = (path, DinoViT(patch, 24, 1, 3).init_random(3).eval())

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check(self, patch, h, w):
        path, model = self.paths[patch]
        proto = onnx.load(path)
        x = np.zeros((1, 3, h, w), dtype=np.float32)
        weight = model.patch_embed.proj.weight.detach().numpy()
        got = eval_until_resize(proto, x, weight, patch)
        tokens = torch.zeros(1, (h // patch) * (w // patch) + 1, model.embed_dim)
        with torch.no_grad():
            pos = model.interpolate_pos_encoding(tokens, h, w)[0, 1:]
        expected = pos.detach().reshape(h // patch, w // patch, -1).permute(2, 0, 1).numpy()[None]
        self.assertEqual(got.shape, expected.shape, f"{h}x{w}")
        rel = np.abs(got - expected).max() / np.abs(expected).max()
        self.assertLess(rel, 1e-5, f"patch {patch}, {h}x{w}: relative error {rel:.2e}")

    def test_patch16_sizes(self):
        cells = [(14, 14), (1, 1), (1, 14), (14, 1), (2, 3), (13, 13), (15, 15), (13, 15), (28, 14),
                 (16, 21), (27, 40), (7, 100), (64, 48)]
        for r, c in cells:
            self.check(16, r * 16, c * 16)

    def test_patch8_sizes(self):
        for r, c in [(28, 28), (14, 14), (27, 29), (30, 30), (3, 50), (60, 45)]:
            self.check(8, r * 8, c * 8)

    def test_trained_shape_is_not_resampled(self):
        path, model = self.paths[16]
        got = eval_until_resize(onnx.load(path), np.zeros((1, 3, 224, 224), np.float32),
                                model.patch_embed.proj.weight.detach().numpy(), 16)
        trained = model.pos_embed[0, 1:].detach().reshape(14, 14, -1).permute(2, 0, 1).numpy()
        np.testing.assert_allclose(got[0], trained, rtol=0, atol=1e-7)

    def test_graph_interface_and_metadata(self):
        proto = onnx.load(self.paths[16][0])
        onnx.checker.check_model(proto)
        self.assertEqual([i.name for i in proto.graph.input], ["pixel_values"])
        self.assertEqual([o.name for o in proto.graph.output], ["q", "k", "v", "cls_attention"])
        dims = [d.dim_param or d.dim_value for d in proto.graph.input[0].type.tensor_type.shape.dim]
        self.assertEqual(dims, [1, 3, "height", "width"])
        props = {p.key: p.value for p in proto.metadata_props}
        self.assertEqual(props, {"lostengine.patch_size": "16", "lostengine.embed_dim": "24",
                                 "lostengine.num_heads": "3", "lostengine.depth": "1",
                                 "lostengine.arch": "vit_small-custom", "lostengine.source": "random-seed 3"})


FAKE_LOST = """#!/usr/bin/python3
# Stands in for `lost features IMAGE --model M --features k|q|v --output OUT.npy`.
import sys
sys.path.insert(0, {src!r})
import numpy as np, torch
from dino_vit import DinoViT
from preprocess import pixel_values
args = sys.argv[1:]
image, feature, out = args[1], args[args.index("--features") + 1], args[args.index("--output") + 1]
model = DinoViT(16, 48, 2, 3).init_random(5).eval()
x, _, _ = pixel_values(image, 16)
with torch.no_grad():
    q, k, v, _ = model.reference_outputs(torch.from_numpy(x))
rows = {{"q": q, "k": k, "v": v}}[feature][0, 1:].numpy()
np.save(out, rows * np.float32({factor}))
"""


class VerifyWithLostTest(unittest.TestCase):
    """--verify-with runs the engine's `features` command on PNGs of three sizes and
    compares its patch rows with PyTorch's."""

    def run_with_fake(self, factor):
        with tempfile.TemporaryDirectory() as tmp:
            fake = os.path.join(tmp, "lost")
            with open(fake, "w") as f:
                f.write(FAKE_LOST.format(src=os.path.dirname(os.path.abspath(__file__)), factor=factor))
            os.chmod(fake, 0o755)
            out = io.StringIO()
            err = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = export_main(TINY + ["--random-seed", "5", "--output", os.path.join(tmp, "m.onnx"),
                                           "--verify-with", fake])
            return code, out.getvalue(), err.getvalue()

    def test_agreeing_engine_passes(self):
        code, out, err = self.run_with_fake(1.0)
        self.assertEqual(code, 0, err)
        self.assertIn("verified with", out)
        self.assertEqual(out.count("relative"), 9)

    def test_disagreeing_engine_fails(self):
        code, _, err = self.run_with_fake(1.001)
        self.assertEqual(code, 1)
        self.assertIn("exceeds 0.0001", err)


class ReferenceInterpolationTest(unittest.TestCase):
    """The ONNX Resize definition with scales (n + 0.1) / G equals torch's bicubic
    driven by scale_factor, and differs from a resize to a target size: the point of
    exporting scales rather than sizes."""

    def test_scales_match_torch_and_sizes_do_not(self):
        grid = torch.randn(1, 4, 14, 14, generator=torch.Generator().manual_seed(0))
        for r, c in [(5, 9), (20, 31), (14, 15)]:
            scales = np.array([1, 1, (r + 0.1) / 14, (c + 0.1) / 14], dtype=np.float32)
            ours = onnx_resize_cubic(grid.numpy(), scales)
            torch_scaled = F.interpolate(grid, scale_factor=((r + 0.1) / 14, (c + 0.1) / 14),
                                         mode="bicubic", align_corners=False).numpy()
            torch_sized = F.interpolate(grid, size=(r, c), mode="bicubic", align_corners=False).numpy()
            self.assertLess(np.abs(ours - torch_scaled).max(), 1e-5)
            self.assertGreater(np.abs(torch_sized - torch_scaled).max(), 1e-3)


if __name__ == "__main__":
    unittest.main()
