"""A VOC-like set for timing `lost evaluate-clusters` against the reference's script: N images with the 20 VOC
classes (difficult objects included) and detectron2-style results over k clusters, a detector's output of
PER_IMAGE boxes an image (most near a ground-truth object, the rest anywhere), float32 coordinates and scores.

  /usr/bin/python3 benchmarks/apeval/make_voc_like.py OUT_DIR [--images 5000] [--clusters 20] [--per-image 30]

Writes OUT_DIR/VOC (ImageSets/Main/test.txt, Annotations/*.xml) and OUT_DIR/results.json; nothing is committed.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "apeval"))
import make_apeval  # noqa: E402
import reference_eval  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--clusters", type=int, default=20)
    parser.add_argument("--per-image", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    names = [f"{i:06d}" for i in range(1, args.images + 1)]
    classes = list(reference_eval.VOC_CLASSES)
    annotations = make_apeval.make_ground_truth(rng, names, classes)
    make_apeval.write_voc(os.path.join(args.out, "VOC"), names, annotations, names)
    cluster_of_class = {cls: int(k) for cls, k in zip(classes, rng.permutation(args.clusters))}
    results = []
    for name in names:
        objects = annotations[name]
        for _ in range(args.per_image):
            cls, box, _, _ = objects[int(rng.integers(len(objects)))]
            if rng.random() < 0.5:
                cluster = cluster_of_class[cls] if rng.random() < 0.7 else int(rng.integers(args.clusters))
                results.append(make_apeval.detection(rng, name, cluster, box, 4.0, 0.001))
            else:
                results.append(make_apeval.detection(rng, name, int(rng.integers(args.clusters)), make_apeval.random_box(rng), 0.0, 0.001))
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f)
    print(f"{len(names)} images, {len(results)} detections, {args.clusters} clusters in {args.out}")


if __name__ == "__main__":
    main()
