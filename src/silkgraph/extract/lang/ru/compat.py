"""pymorphy3 under the name ``pymorphy2``, for natasha and yargy.

natasha 1.6 and yargy import ``pymorphy2``, whose last release (0.9.1) finds its
dictionaries through ``pkg_resources`` (gone from recent setuptools) and needs a patch to
run on Python 3.11. pymorphy3 is its maintained fork with the same modules; registering
it under the old name before natasha is imported means pymorphy2 itself never loads.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

log = logging.getLogger(__name__)


def use_pymorphy3() -> None:
    """Make ``import pymorphy2`` (and its submodules) give pymorphy3's; idempotent."""
    import pymorphy3

    if sys.modules.get("pymorphy2") is pymorphy3:
        return
    if "pymorphy2" in sys.modules:
        log.warning("pymorphy2 was imported before natasha: keeping it")
        return
    sys.modules["pymorphy2"] = pymorphy3
    for info in pkgutil.walk_packages(pymorphy3.__path__, "pymorphy3."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional part (the command line) with a missing extra
            continue
        sys.modules["pymorphy2" + info.name.removeprefix("pymorphy3")] = module
