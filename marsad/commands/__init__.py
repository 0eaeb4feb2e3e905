"""CLI subcommands. Each module exposes ``register(subparsers)`` that adds its parser(s) and
sets ``func`` (taking the parsed args, returning an exit status) as the parser default.

Modules listed in :data:`COMMAND_MODULES` are loaded by :mod:`marsad.cli` in that order.
"""

COMMAND_MODULES: tuple[str, ...] = (
    "analyze",
    "search",
    "extract",
    "ner",
    "serve",
    "tasks",
    "bench",
    "timeline",
    "export",
)
