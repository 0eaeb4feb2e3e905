"""Exports of the analysis: the versioned JSON contract and, later, CSV, graphs and reports."""
