"""A small NumPy interpreter of the ONNX operators the exported graphs use, after their
definitions in the ONNX operator documentation, for the export tool's self-tests: there
is no Python ONNX runtime here, and the tests must run the exported file, not the
module that was traced."""
import math

import numpy as np
import onnx
import scipy.special
import torch
import torch.nn.functional as F
from onnx import numpy_helper

_ONNX_FLOAT = onnx.TensorProto.FLOAT
_ONNX_INT64 = onnx.TensorProto.INT64


def resize_cubic(x, scales):
    """Resize, mode cubic, cubic_coeff_a -0.75, half_pixel, exclude_outside 0 (edge
    indices clamped), on a 4-D NCHW tensor."""
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
    return out.astype(np.float32)


def _attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return onnx.helper.get_attribute_value(a)
    return default


def _slice(data, starts, ends, axes, steps):
    axes = range(len(starts)) if axes is None else axes
    steps = [1] * len(starts) if steps is None else steps
    index = [slice(None)] * data.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        index[int(a)] = slice(int(s), int(min(max(e, -2 ** 62), 2 ** 62)), int(st))
    return data[tuple(index)]


def _layer_norm(x, scale, bias, node):
    axis = _attr(node, "axis", -1)
    eps = _attr(node, "epsilon", 1e-5)
    axes = tuple(range(axis % x.ndim, x.ndim))
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    return ((x - mean) / np.sqrt(var + eps) * scale + (0 if bias is None else bias)).astype(np.float32)


def _softmax(x, node):
    axis = _attr(node, "axis", -1)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return (e / e.sum(axis=axis, keepdims=True)).astype(np.float32)


def _conv(x, w, b, node):
    assert _attr(node, "group", 1) == 1 and list(_attr(node, "dilations", [1, 1])) == [1, 1]
    assert not any(_attr(node, "pads", [0, 0, 0, 0]))
    tensors = [None if t is None else torch.from_numpy(np.array(t)) for t in (x, w, b)]
    out = F.conv2d(*tensors,
                   stride=list(_attr(node, "strides")))
    return out.numpy()


def _resize(ins, node):
    assert _attr(node, "mode") == b"cubic"
    assert _attr(node, "coordinate_transformation_mode") == b"half_pixel"
    assert abs(_attr(node, "cubic_coeff_a") + 0.75) < 1e-7
    assert _attr(node, "exclude_outside", 0) == 0
    return resize_cubic(ins[0], ins[2])


def _reduce(fn):
    def run(ins, node):
        axes = ins[1] if len(ins) > 1 and ins[1] is not None else _attr(node, "axes")
        axes = None if axes is None else tuple(int(a) for a in axes)
        return fn(ins[0], axis=axes, keepdims=bool(_attr(node, "keepdims", 1)))
    return run


def _cast(x, node):
    to = _attr(node, "to")
    if to == _ONNX_FLOAT:
        return x.astype(np.float32)
    if to == _ONNX_INT64:
        return x.astype(np.int64)
    raise AssertionError(f"Cast to ONNX type {to}")


_OPS = {
    "Identity": lambda ins, n: ins[0],
    "Constant": lambda ins, n: numpy_helper.to_array(_attr(n, "value")),
    "Shape": lambda ins, n: np.array(ins[0].shape, dtype=np.int64),
    "Slice": lambda ins, n: _slice(ins[0], ins[1], ins[2], *(list(ins[3:]) + [None, None])[:2]),
    "Gather": lambda ins, n: np.take(ins[0], ins[1], axis=_attr(n, "axis", 0)),
    "Reshape": lambda ins, n: ins[0].reshape([d if d != 0 else ins[0].shape[i] for i, d in enumerate(ins[1])]),
    "Transpose": lambda ins, n: np.transpose(ins[0], _attr(n, "perm")),
    "Unsqueeze": lambda ins, n: np.expand_dims(ins[0], tuple(int(a) for a in ins[1])),
    "Concat": lambda ins, n: np.concatenate(ins, axis=_attr(n, "axis")),
    "Range": lambda ins, n: np.arange(ins[0], ins[1], ins[2]).astype(ins[0].dtype),
    "Cast": lambda ins, n: _cast(ins[0], n),
    "Add": lambda ins, n: ins[0] + ins[1],
    "Sub": lambda ins, n: ins[0] - ins[1],
    "Mul": lambda ins, n: ins[0] * ins[1],
    "Div": lambda ins, n: ins[0] / ins[1],
    "Max": lambda ins, n: np.maximum(ins[0], ins[1]),
    "Min": lambda ins, n: np.minimum(ins[0], ins[1]),
    "Abs": lambda ins, n: np.abs(ins[0]),
    "Floor": lambda ins, n: np.floor(ins[0]),
    "Reciprocal": lambda ins, n: (1 / ins[0]).astype(ins[0].dtype),
    "Erf": lambda ins, n: scipy.special.erf(ins[0]).astype(np.float32),
    "Sigmoid": lambda ins, n: (1 / (1 + np.exp(-ins[0]))).astype(np.float32),
    "Equal": lambda ins, n: np.equal(ins[0], ins[1]),
    "Less": lambda ins, n: np.less(ins[0], ins[1]),
    "And": lambda ins, n: np.logical_and(ins[0], ins[1]),
    "Not": lambda ins, n: np.logical_not(ins[0]),
    "Where": lambda ins, n: np.where(ins[0], ins[1], ins[2]),
    "MatMul": lambda ins, n: np.matmul(ins[0], ins[1]),
    "ReduceSum": _reduce(np.sum),
    "ReduceProd": _reduce(np.prod),
    "ReduceMin": _reduce(np.min),
    "ReduceMax": _reduce(np.max),
    "Softmax": lambda ins, n: _softmax(ins[0], n),
    "LayerNormalization": lambda ins, n: _layer_norm(ins[0], ins[1], ins[2] if len(ins) > 2 else None, n),
    "Conv": lambda ins, n: _conv(ins[0], ins[1], ins[2] if len(ins) > 2 else None, n),
    "Resize": _resize,
}


def run(model_proto, pixel_values):
    """{output name: value} of the whole graph on `pixel_values`."""
    env = {i.name: numpy_helper.to_array(i) for i in model_proto.graph.initializer}
    env["pixel_values"] = pixel_values
    for node in model_proto.graph.node:
        if node.op_type not in _OPS:
            raise AssertionError(f"operator {node.op_type}: the interpreter does not know it")
        out = _OPS[node.op_type]([env[i] if i else None for i in node.input], node)
        env[node.output[0]] = np.asarray(out)
    return {o.name: env[o.name] for o in model_proto.graph.output}
