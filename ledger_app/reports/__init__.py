"""PDF supervision documents (reportlab): one module per document."""
