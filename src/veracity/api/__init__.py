"""API stage: the REST API and web page, served by uvicorn (``veracity serve``).

Entry point: :func:`create_app`.
"""

from veracity.api.app import create_app, server_options

__all__ = ["create_app", "server_options"]
