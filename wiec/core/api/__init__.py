"""The public read API (``/api/v1/``): what anyone may see, as data.

Core builds one django-ninja API (typed schemas, an OpenAPI 3 document, interactive
documentation) from the municipality's own router (:mod:`wiec.core.api.places`) and
each registered tool's router: a tool's :class:`~wiec.core.participation.ToolContents`
returns a fresh ``ninja.Router`` from ``api_router()`` and it is mounted under the
tool's key, so a new tool publishes its data by registering, with nothing in core
naming it. Every query is scoped by ``current_city()``.

What the API shows is at most what a page shows to someone not signed in: no
e-mail addresses, no names of residents, no identity keys.
"""
