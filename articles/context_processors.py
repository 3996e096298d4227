"""What every page's template may use: the archive's scope (its name, focus and home country)."""

from .scope import current_scope


def scope(request) -> dict:
    return {"scope": current_scope()}
