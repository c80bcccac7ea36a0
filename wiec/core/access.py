"""The one way a view loads an object and checks a permission.

Every tool's views go through here, so the platform answers alike everywhere:

- a signed-in person who lacks the permission gets the 403 page;
- an anonymous visitor who lacks it gets the login page, with ``?next=`` back here
  (``LoginRequired``, turned into the redirect by ``AccessMiddleware``);
- a missing object is a 404 before any permission is asked, and so is an object of
  another municipality than the request's: Wieliczka's pages never show Kraków's
  (the network's records, above the municipalities, excepted).

Services still check their own permission (``raise PermissionDenied``), so a
management command or an API call cannot skip it; these helpers are the views' side.
``attach_errors`` is the one way to show a service's ``ValidationError`` on a form.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)


class LoginRequired(PermissionDenied):
    """The visitor is anonymous and the page needs an account: log in first.

    A ``PermissionDenied``, so code that catches that still catches this; without the
    middleware it would be a plain 403.
    """


def require_login(request: HttpRequest) -> None:
    """Send an anonymous visitor to log in; let anyone signed in through."""
    if not request.user.is_authenticated:
        raise LoginRequired


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """Let the request through only if its user has ``perm`` (on ``obj``).

    Anonymous and lacking it: the login page (``LoginRequired``); signed in and
    lacking it: 403 (``PermissionDenied``, with ``message`` when given).
    """
    if request.user.has_perm(perm, obj):
        return
    require_login(request)
    raise PermissionDenied


def deny(request: HttpRequest, message: Any = None) -> None:
    """Refuse the page: the login page for an anonymous visitor, else 403 with ``message``."""
    require_login(request)
    raise PermissionDenied(message) if message else PermissionDenied


def load(
    request: HttpRequest, model: type[M] | QuerySet[M], perm: str | None = None, **lookup: Any
) -> M:
    """The object ``lookup`` names (404 if none, or if it belongs to another
    municipality than the request's), once the user may ``perm`` it."""
    obj = get_object_or_404(_here(model, lookup), **lookup)
    if not _network_wide(obj):
        ensure_here(obj)
    if perm is not None:
        require(request, perm, obj)
    return obj


def _here(model: type[M] | QuerySet[M], lookup: dict[str, Any]) -> QuerySet[M]:
    """Records of a model with its own municipality, narrowed to the current one: an
    address (``slug``) is unique only within a municipality."""
    from wiec.places.selectors import current_city

    queryset = model.all() if isinstance(model, QuerySet) else model._default_manager.all()
    if _network_wide(queryset.model):
        return queryset
    names = {f.name for f in queryset.model._meta.get_fields()}
    if "city" not in names or any(key.split("__")[0] == "city" for key in lookup):
        return queryset
    city = current_city()
    if city is None:
        return queryset
    return queryset.filter(Q(city=city) | Q(city__isnull=True))


def _network_wide(model: Any) -> bool:
    """Whether a record is the network's (a good practice, an event): shown from every
    municipality's pages, its municipality a fact about it rather than its owner. Who
    may see it is then the permission's to decide."""
    from wiec.places.tenancy import NETWORK_WIDE_APPS

    return model._meta.app_label in NETWORK_WIDE_APPS


def ensure_here(obj: Any) -> None:
    """404 unless ``obj`` belongs to the current municipality (or to none)."""
    from wiec.core.predicates import object_city_id
    from wiec.places.selectors import current_city

    found = object_city_id(obj)
    if found is None:
        return
    city = current_city()
    if city is not None and found != city.pk:
        raise Http404("This belongs to another municipality.")


def permission_required(perm: str, fn: Callable[..., Any] | None = None) -> Callable:
    """Decorate a function view: ``require(request, perm, fn(request, *args, **kwargs))``.

    ``fn`` finds the object the permission is asked about from the view's arguments
    (``None`` asks about no object).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            obj = fn(request, *args, **kwargs) if fn is not None else None
            require(request, perm, obj)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def ensure(actor: Any, perm: str, obj: Any = None, *, refusal: Any = None) -> None:
    """A service's own check: go on only if ``actor`` may ``perm`` (on ``obj``).

    ``PermissionDenied`` otherwise (no actor is nobody); with ``refusal``, a
    ``ValidationError`` carrying it instead, for a refusal the person should read on
    the form (a closed phase, a missing proof of residence).
    """
    if actor is not None and actor.has_perm(perm, obj):
        return
    if refusal is not None:
        raise ValidationError(refusal, code="not_allowed")
    raise PermissionDenied


def attach_errors(form: Any, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``.

    Errors keyed by one of the form's fields go on that field; the rest (other keys, or
    an error without keys) become non-field errors, shown at the top of the form.
    """
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, error)


class AccessMiddleware:
    """Turn ``LoginRequired`` raised in a view into the login page with ``?next=``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None
