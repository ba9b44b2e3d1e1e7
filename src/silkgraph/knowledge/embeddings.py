"""wordllama's static word embeddings (16 MB, no torch), shared by every component that
reads them. The weights ship inside the registry package and load from its folder with
downloads disabled: nothing is fetched at run time.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def wordllama() -> Any:
    """The loaded model, once per process; None where the package is not installed."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama as package
        from wordllama import WordLlama
    except ImportError:
        log.warning("wordllama is not installed: components read spaCy vectors alone")
        return None
    finally:
        # wordllama configures the root logger when imported; the host application owns it.
        root.handlers[:], root.level = handlers, level
    return WordLlama.load(cache_dir=Path(package.__file__).parent, disable_download=True)


def sentence_vectors(texts: list[str], dim: int = 128) -> np.ndarray | None:
    """Unit-length wordllama embeddings of many sentences in one call, their first ``dim``
    components (the model is trained so that a prefix of its dimensions is an embedding
    of its own), stored as float16; None where the package is not installed."""
    wl = wordllama()
    if wl is None:
        return None
    if not texts:
        return np.zeros((0, dim), dtype=np.float16)
    x = np.asarray(wl.embed(texts, norm=False), dtype=np.float32)[:, :dim]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms > 0, norms, 1.0)).astype(np.float16)
