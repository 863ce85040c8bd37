"""Report stage (both paths): the typed report model and its renderings (terminal, JSON, HTML)."""

from veracity.report.schema import (
    FeatureContribution,
    Reliability,
    Report,
    Signal,
    SignalKind,
    Span,
)

__all__ = ["FeatureContribution", "Reliability", "Report", "Signal", "SignalKind", "Span"]
