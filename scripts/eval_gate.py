#!/usr/bin/env python3
"""Regression gate over the development suite: see ``dateline.eval.gate`` (``--help``).

.venv/bin/python scripts/eval_gate.py                 # check against eval_baseline.json
.venv/bin/python scripts/eval_gate.py --update        # re-pin corpora, raise floors
"""

from __future__ import annotations

import logging
import sys

from dateline.eval.gate import main

if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="eval gate: %(levelname)s: %(message)s")
    sys.exit(main())
