"""Runs LOST's tools/evaluate_unsupervised_detection_voc.py as it is (its __main__), detectron2 stubbed, on a set
made by make_voc_like.py:

  /usr/bin/python3 benchmarks/apeval/run_reference.py --lost-repo LOST_GIT OUT_DIR
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "apeval"))
import reference_eval  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--lost-repo", required=True)
parser.add_argument("out")
args = parser.parse_args()
reference_eval.run_main(args.lost_repo, os.path.join(args.out, "VOC"), "test", os.path.join(args.out, "results.json"))
