"""Content loaded in bulk (the demo, a benchmark corpus, an archive import) is not news: code that
reacts to a publish (the e-mail service) asks `loading_content()` and stays quiet."""

import contextlib
import contextvars

_loading = contextvars.ContextVar("loading_content", default=False)


@contextlib.contextmanager
def bulk_loading():
    token = _loading.set(True)
    try:
        yield
    finally:
        _loading.reset(token)


def loading_content():
    return _loading.get()
