"""Imports every module that registers pipeline stages (see :mod:`marsad.pipeline`)."""

import marsad.text.stages  # noqa: F401
import marsad.resolve.stages  # noqa: F401
