"""silkgraph: news about cross-border economic cooperation, as a sourced knowledge graph."""

__version__ = "0.1.0"
