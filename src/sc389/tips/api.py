"""The tips routes of /api/v1/ (scoped like the web pages)."""

from ninja import Router

router = Router(tags=["tips"])
