"""veracity: how far a news article can be trusted, and why."""

from veracity._version import __version__
from veracity.errors import VeracityError

__all__ = ["VeracityError", "__version__", "analyze"]


def analyze(source, **kwargs):
    """Analyse one article (text, path, URL or :class:`~veracity.ingest.Article`); see
    :func:`veracity.pipeline.analyze`."""
    from veracity.pipeline import analyze as _analyze

    return _analyze(source, **kwargs)
