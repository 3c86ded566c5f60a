"""Pages: a document (AKN -> HTML) and a diff report, on shared page styles."""
