"""Self-tests of the export tool: checkpoint loading, the export graph's eager path,
and the exported graph evaluated from the ONNX file.

    /usr/bin/python3 -m unittest discover -s src/export -p 'test_*.py'

There is no Python ONNX runtime here, so the exported graph is evaluated by a small
NumPy interpreter of the ONNX operator definitions (onnx_eval.py); the C# tests run
ONNX Runtime against fixtures made by the official model code.
"""
import contextlib
import io
import json
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

import onnx_eval  # noqa: E402
from dino_vit import DinoViT, LastAttentionExport, antialias_weights, official_config, with_shape  # noqa: E402
from export_dino_onnx import main as export_main  # noqa: E402

TINY = ["--arch", "vit_small", "--patch-size", "16", "--depth", "2", "--embed-dim", "48", "--heads", "3"]
OUTPUTS = ["q", "k", "v", "cls_attention", "cls_embedding"]


def tiny_config(family="dino", registers=0, arch="vit_small", patch=16, depth=2, dim=48, heads=3, grid=None):
    return with_shape(official_config(family, arch, patch, registers), depth, dim, heads, grid)


def tiny_model(seed=5, **kw):
    return DinoViT(tiny_config(**kw)).init_random(seed).eval()


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
        np.testing.assert_array_equal(weights["blocks.0.attn.qkv.weight"], expected)
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


V2_TINY = ["--arch", "vit_small", "--patch-size", "14", "--depth", "2", "--embed-dim", "48", "--heads", "3"]


class Dinov2CheckpointTest(unittest.TestCase):
    """A DINOv2 checkpoint says its family, registers and trained grid; the flags may
    confirm them but not contradict them."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.tmp.name, "m.onnx")
        self.model = tiny_model(7, family="dinov2", registers=4, patch=14, grid=6)
        self.path = os.path.join(self.tmp.name, "v2.pth")
        torch.save(self.model.state_dict(), self.path)

    def tearDown(self):
        self.tmp.cleanup()

    def test_family_registers_and_grid_come_from_the_tensors(self):
        code, err = run_export(V2_TINY + ["--checkpoint", self.path, "--output", self.out, "--no-verify"])
        self.assertEqual(code, 0, err)
        proto = onnx.load(self.out)
        props = {p.key: p.value for p in proto.metadata_props}
        self.assertEqual((props["lostengine.family"], props["lostengine.registers"], props["lostengine.prefix_tokens"]),
                         ("dinov2", "4", "5"))
        weights = {i.name: numpy_helper.to_array(i) for i in proto.graph.initializer}
        self.assertEqual(weights["pos_embed"].shape, (1, 37, 48))
        np.testing.assert_array_equal(weights["register_tokens"], self.model.state_dict()["register_tokens"].numpy())

    def test_contradicting_family_is_refused(self):
        code, err = run_export(V2_TINY + ["--family", "dino", "--checkpoint", self.path, "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("holds a dinov2 backbone, --family says dino", err)

    def test_contradicting_registers_are_refused(self):
        code, err = run_export(V2_TINY + ["--registers", "0", "--checkpoint", self.path, "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("has 4 register tokens, --registers says 0", err)

    def test_registers_on_dino_are_refused(self):
        code, err = run_export(TINY + ["--registers", "4", "--random-seed", "1", "--output", self.out])
        self.assertEqual(code, 2)
        self.assertIn("DINO has no register tokens", err)


# (name, config keywords): every family, resize rule and feed-forward kind.
VARIANTS = [
    ("dino/16", dict(family="dino", patch=16, grid=6)),
    ("dino/8", dict(family="dino", patch=8, grid=6)),
    ("dinov2/14", dict(family="dinov2", patch=14, grid=6)),
    ("dinov2/14-reg", dict(family="dinov2", patch=14, registers=4, grid=6)),
    ("dinov2-g/14", dict(family="dinov2", arch="vit_giant2", patch=14, grid=6)),
]
# Patch grids (rows, cols): the trained 6 x 6, shrinking, growing, non-square, one patch.
CELLS = [(6, 6), (1, 1), (2, 3), (5, 5), (7, 7), (6, 9), (13, 4), (1, 14)]


def random_pixels(rows, cols, patch):
    return np.random.RandomState(rows * 100 + cols).randn(1, 3, rows * patch, cols * patch).astype(np.float32)


class EagerExportPathTest(unittest.TestCase):
    """The module that is traced computes what the official rules compute, size by size."""

    def test_export_module_matches_reference(self):
        for name, kw in VARIANTS:
            model = tiny_model(11, **kw)
            export = LastAttentionExport.of(model)
            for rows, cols in CELLS:
                x = torch.from_numpy(random_pixels(rows, cols, model.patch_size))
                with torch.no_grad():
                    ref = model.reference_outputs(x)
                    got = export(x)
                for output, r, g in zip(OUTPUTS, ref, got):
                    self.assertEqual(r.shape, g.shape, f"{name} {output}")
                    self.assertLess(float((r - g).abs().max() / r.abs().max()), 1e-5,
                                    f"{name} {output} at {rows}x{cols}")


class ExportedGraphTest(unittest.TestCase):
    """The exported file, run by the operator definitions, gives the reference outputs,
    including the position-embedding resize read from the runtime shape."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.exports = {}
        for name, kw in VARIANTS:
            path = os.path.join(cls.tmp.name, name.replace("/", "_") + ".onnx")
            c = tiny_config(**kw, depth=1, dim=24)
            argv = ["--family", c.family, "--arch", kw.get("arch", "vit_small"), "--patch-size", str(c.patch_size),
                    "--registers", str(c.registers), "--depth", "1", "--embed-dim", "24", "--heads", "3",
                    "--trained-grid", "6", "--random-seed", "3", "--output", path, "--no-verify"]
            code, err = run_export(argv)
            assert code == 0, err
            cls.exports[name] = (onnx.load(path), DinoViT(c).init_random(3).eval())

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_outputs_match_reference(self):
        for name, (proto, model) in self.exports.items():
            for rows, cols in CELLS:
                x = random_pixels(rows, cols, model.patch_size)
                got = onnx_eval.run(proto, x)
                with torch.no_grad():
                    ref = [t.numpy() for t in model.reference_outputs(torch.from_numpy(x))]
                for output, expected in zip(OUTPUTS, ref):
                    self.assertEqual(got[output].shape, expected.shape, f"{name} {output}")
                    rel = np.abs(got[output] - expected).max() / np.abs(expected).max()
                    self.assertLess(rel, 1e-5, f"{name} {output} at {rows}x{cols}: relative error {rel:.2e}")

    def test_graph_interface_and_metadata(self):
        proto, _ = self.exports["dinov2/14-reg"]
        onnx.checker.check_model(proto)
        self.assertEqual([i.name for i in proto.graph.input], ["pixel_values"])
        self.assertEqual([o.name for o in proto.graph.output], OUTPUTS)
        dims = [d.dim_param or d.dim_value for d in proto.graph.input[0].type.tensor_type.shape.dim]
        self.assertEqual(dims, [1, 3, "height", "width"])
        token_dims = [d.dim_param or d.dim_value for d in proto.graph.output[4].type.tensor_type.shape.dim]
        self.assertEqual(token_dims, [1, 24])
        props = {p.key: p.value for p in proto.metadata_props}
        self.assertEqual(props, {"lostengine.patch_size": "14", "lostengine.embed_dim": "24",
                                 "lostengine.num_heads": "3", "lostengine.depth": "1",
                                 "lostengine.arch": "vit_small-custom", "lostengine.family": "dinov2",
                                 "lostengine.registers": "4", "lostengine.prefix_tokens": "5",
                                 "lostengine.source": "random-seed 3"})


class TemplateTest(unittest.TestCase):
    """--template keeps every checkpoint tensor's slot (name, type, shape) without its
    data, lists the tensors the graph does not use, and filling the slots gives the
    model."""

    def test_template_slots_filled_give_the_model(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "t.onnx")
            code, err = run_export(V2_TINY + ["--registers", "4", "--family", "dinov2", "--trained-grid", "6",
                                              "--template", "--output", path])
            self.assertEqual(code, 0, err)
            proto = onnx.load(path)
        model = tiny_model(9, family="dinov2", registers=4, patch=14, grid=6)
        state = model.state_dict()
        props = {p.key: p.value for p in proto.metadata_props}
        self.assertEqual(json.loads(props["lostengine.template.unused"]), {"mask_token": [1, 48]})
        self.assertNotIn("lostengine.source", props)
        slots = {i.name: i for i in proto.graph.initializer if i.name in state}
        self.assertEqual(sorted(slots), sorted(k for k in state if k != "mask_token"))
        for name, slot in slots.items():
            self.assertEqual(list(slot.dims), list(state[name].shape), name)
            self.assertEqual((slot.data_type, len(slot.raw_data), len(slot.float_data)), (onnx.TensorProto.FLOAT, 0, 0))
            slot.raw_data = state[name].numpy().astype(np.float32).tobytes()
        x = random_pixels(4, 9, 14)
        got = onnx_eval.run(proto, x)
        with torch.no_grad():
            ref = [t.numpy() for t in model.reference_outputs(torch.from_numpy(x))]
        for output, expected in zip(OUTPUTS, ref):
            self.assertLess(np.abs(got[output] - expected).max() / np.abs(expected).max(), 1e-5, output)


FAKE_LOST = """#!/usr/bin/python3
# Stands in for `lost features IMAGE --model M --features k|q|v --output OUT.npy`.
import sys
sys.path.insert(0, {src!r})
import numpy as np, torch
from dino_vit import DinoViT, official_config, with_shape
from preprocess import pixel_values
args = sys.argv[1:]
image, feature, out = args[1], args[args.index("--features") + 1], args[args.index("--output") + 1]
model = DinoViT(with_shape(official_config("dino", "vit_small", 16), 2, 48, 3)).init_random(5).eval()
x, _, _ = pixel_values(image, 16)
with torch.no_grad():
    q, k, v, _, _ = model.reference_outputs(torch.from_numpy(x))
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
    """The interpolations the graph builds, against torch's own."""

    def test_scales_match_torch_and_sizes_do_not(self):
        """The ONNX Resize definition with scales (n + 0.1) / G equals torch's bicubic
        driven by scale_factor, and differs from a resize to a target size: the point
        of exporting scales rather than sizes."""
        grid = torch.randn(1, 4, 14, 14, generator=torch.Generator().manual_seed(0))
        for r, c in [(5, 9), (20, 31), (14, 15)]:
            scales = np.array([1, 1, (r + 0.1) / 14, (c + 0.1) / 14], dtype=np.float32)
            ours = onnx_eval.resize_cubic(grid.numpy(), scales)
            torch_scaled = F.interpolate(grid, scale_factor=((r + 0.1) / 14, (c + 0.1) / 14),
                                         mode="bicubic", align_corners=False).numpy()
            torch_sized = F.interpolate(grid, size=(r, c), mode="bicubic", align_corners=False).numpy()
            self.assertLess(np.abs(ours - torch_scaled).max(), 1e-5)
            self.assertGreater(np.abs(torch_sized - torch_scaled).max(), 1e-3)

    def test_antialias_weights_match_torch_on_dinov2_grid(self):
        """The weight matrices of the antialiased resize equal torch's antialiased
        bicubic on DINOv2's 37 x 37 grid, shrinking and growing, and differ from the
        plain bicubic (so the registers models need them)."""
        grid = torch.randn(1, 4, 37, 37, generator=torch.Generator().manual_seed(1))
        for r, c in [(16, 16), (1, 2), (23, 40), (37, 37), (80, 9)]:
            ours = antialias_weights(r, 37, 0.0) @ grid @ antialias_weights(c, 37, 0.0).T
            expected = F.interpolate(grid, size=(r, c), mode="bicubic", align_corners=False, antialias=True)
            self.assertLess(float((ours - expected).abs().max()), 1e-5, f"{r}x{c}")
            if (r, c) == (16, 16):
                plain = F.interpolate(grid, size=(r, c), mode="bicubic", align_corners=False)
                self.assertGreater(float((plain - expected).abs().max()), 1e-2)


if __name__ == "__main__":
    unittest.main()
