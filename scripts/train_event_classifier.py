"""Retrain the sentence event classifier from data/events/training and report cross-validated accuracy.

python scripts/train_event_classifier.py [--folds 5] [--no-cv]
"""

from __future__ import annotations

import argparse
import logging

from dateline.extract.classifier import WEIGHTS, cross_validate, train_classifier


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.no_cv:
        cv = cross_validate(folds=args.folds)
        sizes = f"{cv.examples} sentences, {cv.labels} labels"
        print(f"{cv.folds}-fold cross-validated accuracy {cv.accuracy:.3f} ({sizes})")
    report = train_classifier()
    print(f"trained on {report.examples} sentences, {report.labels} labels -> {WEIGHTS}")


if __name__ == "__main__":
    main()
