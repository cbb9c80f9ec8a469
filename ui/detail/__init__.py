"""The task detail pane: basic information, quarterly progress, supervision, change log."""

from ui.detail.pane import DetailPane

__all__ = ["DetailPane"]
