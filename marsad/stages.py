"""Imports every module that registers pipeline stages (see :mod:`marsad.pipeline`)."""
