"""LOST as the reference runs it (valeoai/LOST object_discovery.py: lost,
patch_scoring, detect_box), written for this project with the same torch operations
in the same order, so that its cost is the reference's cost. It keeps the
reference's unused work (the symmetrised `C = A + A.t()`) and its unstable argsort:
the point is to time what the reference does, not a better version of it.
"""
import numpy as np
import scipy.ndimage
import torch


def similarity_and_degree(feats):
    """A = raw key similarities (N x N) and the patches ordered by degree ascending,
    with everything the reference's patch_scoring computes on the way."""
    similarity = (feats @ feats.transpose(1, 2)).squeeze()
    positive = similarity.clone()
    positive.fill_diagonal_(0)
    positive[positive < 0] = 0
    _symmetrised = positive + positive.t()  # computed and dropped by the reference too
    inverse_degree = -torch.sum(positive > 0.0, dim=1).type(torch.float32)
    order = torch.argsort(inverse_degree, descending=True)
    return similarity, order


def box_of_seed_component(expansion, seed, rows, cols, scales, image_height, image_width):
    """[x1, y1, x2, y2] in pixels of the seed's 4-connected component of expansion > 0,
    maxima exclusive and clipped to the unpadded image."""
    labels, _ = scipy.ndimage.label(expansion.reshape(rows, cols).float().numpy() > 0.0)
    component = labels[np.unravel_index(seed.numpy(), (rows, cols))]
    if component == 0:
        raise ValueError("The seed is in the background component.")
    ys, xs = np.where(labels == component)
    ymin, ymax = min(ys), max(ys) + 1
    xmin, xmax = min(xs), max(xs) + 1
    return [scales[1] * xmin, scales[0] * ymin,
            min(scales[1] * xmax, image_width), min(scales[0] * ymax, image_height)]


def lost(feats, rows, cols, scales, image_height, image_width, k_patches=100):
    """feats (1, N, d) float32 -> (box, seed): the reference's `lost`."""
    similarity, order = similarity_and_degree(feats)
    seed = order[0]
    potentials = order[:k_patches]
    similars = potentials[similarity[seed, potentials] > 0.0]
    expansion = torch.sum(similarity[similars, :], dim=0)
    box = box_of_seed_component(expansion, seed, rows, cols, scales, image_height, image_width)
    return np.asarray(box), int(seed)
