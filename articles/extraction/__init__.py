"""Pure-Python extraction: text in, dataclasses out. Nothing here imports Django."""
