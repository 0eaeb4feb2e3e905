"""The HTTP API and the web workspace (``marsad serve``).

:func:`create_app` builds the FastAPI application over a store; :class:`Repository` is the only
module that reads the store, so another backend replaces that one class.
"""

from marsad.api.app import ApiSettings, create_app
from marsad.api.repository import Repository

__all__ = ["ApiSettings", "Repository", "create_app"]
