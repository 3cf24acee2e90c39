"""Measuring dateline: gold files, the development-corpus suite and the regression gate.

* :mod:`.gold`, :mod:`.scoring`, :mod:`.gold_run`: ``dateline eval GOLD`` (the ``dateline-gold/1``
  format and matching rules of SPEC.md);
* :mod:`.suite`, :mod:`.corpora`, :mod:`.dev`, :mod:`.markdown`: ``dateline eval --suite dev``;
* :mod:`.gate`: ``scripts/eval_gate.py`` against ``eval_baseline.json``;
* component scorers wrapped by the suite: :mod:`.scrapinghub` (HTML), :mod:`.geoparsing`
  (geocoding, event location), :mod:`.acled_notes` (dates and fatalities).

Nothing here is imported by ``import dateline``; see docs/eval.md.
"""
