"""Caching, in one place: what an answer shows and until when (`recording`), the shared store with
exact invalidation by tags (`store`), the page cache for anonymous readers (`pages`) with the parts
many pages share (`parts`), the tags of pages, images, documents and settings (`tags`), the frontend
cache's purges (`frontend`), and the Redis backend that degrades to "no cache" (`backend`).

Apps use the names below: they say what they show (`depends_on`, `expires_at`), what changed
(`invalidate`), and keep values many answers share (`cached`, `cached_many`).
"""

from .recording import SITE, cached, cached_many, depends_on, expires_at, invalidate, register_frontend_purger

__all__ = [
    "SITE",
    "cached",
    "cached_many",
    "depends_on",
    "expires_at",
    "invalidate",
    "register_frontend_purger",
]
