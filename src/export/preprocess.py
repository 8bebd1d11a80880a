"""The engine's preprocessing (spec section 4), as the reference does it."""
import numpy as np
from PIL import Image

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def pixel_values(path, patch_size):
    """(pixel_values float32 (1, 3, Hp, Wp), original height, original width): PIL's
    convert("RGB") (grey replicated, alpha dropped), / 255, per-channel normalisation,
    then zero padding at the bottom and right to multiples of the patch size."""
    with Image.open(path) as img:
        rgb = np.asarray(img.convert("RGB"), dtype=np.float32)
    height, width = rgb.shape[:2]
    normalised = (rgb / np.float32(255.0) - MEAN) / STD
    padded_h = -(-height // patch_size) * patch_size
    padded_w = -(-width // patch_size) * patch_size
    out = np.zeros((1, 3, padded_h, padded_w), dtype=np.float32)
    out[0, :, :height, :width] = normalised.transpose(2, 0, 1)
    return out, height, width
