"""Copy the front-end libraries the web UI needs from node_modules into static/vendor.

Run at install time (``python -m silkgraph.web.assets``, called by ``make install``) so the
server never fetches anything: every script, style sheet and map it serves ships with it.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from silkgraph.errors import ConfigError

log = logging.getLogger(__name__)

VENDOR = Path(__file__).parent / "static" / "vendor"

# (file inside node_modules, name inside static/vendor)
FILES: tuple[tuple[str, str], ...] = (
    ("cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"),
    ("d3/dist/d3.min.js", "d3.min.js"),
    ("d3-sankey/dist/d3-sankey.min.js", "d3-sankey.min.js"),
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("world-atlas/countries-110m.json", "countries-110m.json"),
    ("swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"),
    ("swagger-ui-dist/swagger-ui.css", "swagger-ui/swagger-ui.css"),
    ("swagger-ui-dist/favicon-32x32.png", "swagger-ui/favicon-32x32.png"),
)
LICENSES = (
    "cytoscape",
    "d3",
    "d3-sankey",
    "leaflet",
    "topojson-client",
    "world-atlas",
    "swagger-ui-dist",
)


def missing(vendor: Path = VENDOR) -> list[str]:
    """Vendored files not yet in place (empty when the UI has everything it needs)."""
    return [dest for _, dest in FILES if not (vendor / dest).is_file()]


def install(node_modules: Path, vendor: Path = VENDOR) -> int:
    """Copy every needed file and its package's licence; returns how many files were copied."""
    if not node_modules.is_dir():
        raise ConfigError(f"{node_modules} not found: run `npm ci` first")
    copied = 0
    for src, dest in FILES:
        path = node_modules / src
        if not path.is_file():
            raise ConfigError(f"{path} not found: run `npm ci` first")
        target = vendor / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copied += 1
    for pkg in LICENSES:
        for name in ("LICENSE", "LICENSE.txt", "LICENSE.md"):
            lic = node_modules / pkg / name
            if lic.is_file():
                (vendor / "licenses").mkdir(parents=True, exist_ok=True)
                shutil.copyfile(lic, vendor / "licenses" / f"{pkg}.txt")
                break
    log.info("copied %d front-end files into %s", copied, vendor)
    return copied


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "node_modules"
    try:
        n = install(root)
    except ConfigError as err:
        sys.stderr.write(f"error: {err}\n")
        raise SystemExit(1) from None
    sys.stdout.write(f"copied {n} front-end files into {VENDOR}\n")


if __name__ == "__main__":
    main()
