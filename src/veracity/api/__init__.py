"""API stage: the REST API and web page, served by uvicorn (``veracity serve``).

Entry point: :func:`create_app`.
"""

from veracity.api.app import allowed_hosts, create_app, server_options

__all__ = ["allowed_hosts", "create_app", "server_options"]
