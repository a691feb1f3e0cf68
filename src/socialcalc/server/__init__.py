"""``socialcalc serve``: an HTTP API for case systems and a Danish calculator page for caseworkers.

Install it with ``pip install 'socialcalc[server]'`` (FastAPI on uvicorn) and start it with ``socialcalc
serve``. Neither ``import socialcalc`` nor any other command imports the web framework: only this package does.

- :func:`~socialcalc.server.app.create_app`: the ASGI application (one endpoint per rule, the rates, the
  coverage, ``/healthz``, ``/openapi.json`` and the caseworker page at ``/``).
- :mod:`~socialcalc.server.models`: the request and response models (request fields are the library
  functions' argument names; amounts are strings).
- :mod:`~socialcalc.server.problems`: errors as RFC 9457 problem details, and CPR redaction.

>>> from socialcalc.server.rules import RULES
>>> sorted(RULES)[:2]
['beskaeftigelse/befordring', 'beskaeftigelse/loen']
"""

from __future__ import annotations

__all__: list[str] = []
