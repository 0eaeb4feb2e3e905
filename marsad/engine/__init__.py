"""Runners that take inputs through the pipeline into the store."""
