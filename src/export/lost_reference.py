"""LOST and the DINO-seg baseline (spec sections 2 and 3), plainly, for fixtures."""
import numpy as np
import scipy.ndimage


def lost(keys, rows, cols, patch_size, image_height, image_width, k_patches=100):
    """LOST on keys (N, d) without CLS. Similarities in float64 so that the fixture
    states the exact answer; `ambiguous_pairs` counts the pairs whose similarity
    sign differs between float32 and float64, where two correct engines may differ."""
    n = rows * cols
    if keys.shape[0] != n:
        raise ValueError(f"keys have {keys.shape[0]} rows, the {rows}x{cols} grid has {n} patches")
    k64 = keys.astype(np.float64)
    sim = k64 @ k64.T
    sim32 = keys.astype(np.float32) @ keys.astype(np.float32).T
    ambiguous = int(np.count_nonzero((sim > 0) != (sim32 > 0)))
    positive = sim > 0
    np.fill_diagonal(positive, False)
    degree = positive.sum(axis=1)
    order = np.argsort(degree, kind="stable")
    seed = int(order[0])
    potentials = order[:min(k_patches, n)]
    similars = potentials[sim[seed, potentials] > 0]
    expansion = sim[similars].sum(axis=0)
    mask = (expansion > 0).reshape(rows, cols)
    result = {
        "k_patches": k_patches,
        "degree": degree.tolist(),
        "seed": seed,
        "seed_row": seed // cols,
        "seed_col": seed % cols,
        "potentials": potentials.tolist(),
        "similars": sorted(int(s) for s in similars),
        "ambiguous_pairs": ambiguous,
    }
    if not mask[seed // cols, seed % cols]:
        result.update(object=False, reason="The seed is in the background component.")
        return result
    labels, _ = scipy.ndimage.label(mask)
    component = labels == labels[seed // cols, seed % cols]
    ys, xs = np.nonzero(component)
    ymin, ymax, xmin, xmax = int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1
    result.update(
        object=True,
        component=sorted(int(i) for i in np.flatnonzero(component.ravel())),
        box_patches=[ymin, xmin, ymax, xmax],
        box=[xmin * patch_size, ymin * patch_size,
             min(xmax * patch_size, image_width), min(ymax * patch_size, image_height)],
    )
    return result


def dino_seg_mask(head_attention, rows, cols):
    """Patches holding the top 60% of one head's CLS attention mass, in patch order."""
    order = np.argsort(head_attention, kind="stable")
    ordered = head_attention[order].astype(np.float64)
    keep_sorted = np.cumsum(ordered / ordered.sum()) > 0.4
    keep = np.zeros_like(keep_sorted)
    keep[order] = keep_sorted
    return keep.reshape(rows, cols)


def dino_seg(head_attention, rows, cols, patch_size):
    """The intended rule: box of the largest foreground component (lowest label on
    ties), +1 on maxima, scaled by the patch size, not clipped."""
    labels, count = scipy.ndimage.label(dino_seg_mask(head_attention, rows, cols))
    if count == 0:
        return {"object": False, "reason": "no patch above the attention threshold"}
    sizes = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    label = int(np.argmax(sizes)) + 1
    return {"object": True, "label": label, "component_sizes": sizes.tolist(),
            "box": _box(labels == label, patch_size)}


def dino_seg_reference_compat(head_attention, rows, cols, patch_size):
    """The reference's own loop: component sizes over labels 0 .. max-1 only, so the
    last label is never considered, and with one foreground component it boxes the
    background (label 0)."""
    labels, _ = scipy.ndimage.label(dino_seg_mask(head_attention, rows, cols))
    sizes = [int(np.sum(labels == c)) for c in range(int(labels.max()))]
    label = int(np.argmax(sizes[1:])) + 1 if len(sizes) > 1 else 0
    selected = labels == label
    if not selected.any():
        # Every patch is foreground, so the chosen background label is empty: the
        # reference fails here (min() of an empty sequence).
        return {"label": label, "box": None, "reason": "the reference selects an empty background component"}
    return {"label": label, "box": _box(selected, patch_size)}


def _box(mask, patch_size):
    ys, xs = np.nonzero(mask)
    return [int(xs.min()) * patch_size, int(ys.min()) * patch_size,
            (int(xs.max()) + 1) * patch_size, (int(ys.max()) + 1) * patch_size]
