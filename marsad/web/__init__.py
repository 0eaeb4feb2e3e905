"""The web workspace: static HTML, CSS and JavaScript served by :mod:`marsad.api`."""
