"""Exports of the analysis, all built from the one ``marsad.analysis/1`` dict.

- :mod:`~marsad.exports.analysis`: the versioned JSON contract (``build_analysis``, ``validate``)
- :mod:`~marsad.exports.store`: that export for a whole store, read-only
- :mod:`~marsad.exports.scope`: narrowed to a story or a date range
- :mod:`~marsad.exports.tables`: CSV tables (entities, events, quotes, facts)
- :mod:`~marsad.exports.plover`: PLOVER-style event JSON Lines
- :mod:`~marsad.exports.graph`: the entity graph as GraphML or GEXF
- :mod:`~marsad.exports.report`: a brief report in HTML or Markdown
- :mod:`~marsad.exports.formats`: every format behind one ``render`` (CLI and HTTP API)
"""
