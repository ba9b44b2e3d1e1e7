"""One exception root, with children chosen by what the caller should do."""


class SilkgraphError(Exception):
    """Base of every error silkgraph raises on purpose; the CLI prints it in one line."""


class InputError(SilkgraphError):
    """One input cannot be read: skip it, report why, go on with the rest."""


class ConfigError(SilkgraphError):
    """The configuration or command line is wrong: stop the run."""


class StoreError(SilkgraphError):
    """The store cannot be opened or written: stop the run."""


class NotFound(SilkgraphError):
    """A requested document, entity or event does not exist."""


class Moved(NotFound):
    """An entity or event id that went away (merged, renamed) and now lives at ``new_id``."""

    def __init__(self, kind: str, old_id: str, new_id: str) -> None:
        super().__init__(f"{kind} {old_id!r} is now {new_id!r}")
        self.kind, self.old_id, self.new_id = kind, old_id, new_id
