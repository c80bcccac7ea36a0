"""The resident's own pages: profile, residency, data export and deletion."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from wiec.accounts import selectors, services, verification
from wiec.accounts.forms import ApiKeyForm, DeleteAccountForm, ProfileForm, ResidencyForm
from wiec.accounts.models import ResidencyDeclaration
from wiec.accounts.unsubscribe import ALL, BadToken, read_token
from wiec.core import apikeys
from wiec.core.access import permission_required
from wiec.core.models import ApiKey
from wiec.core.participation import notification_kinds
from wiec.places.selectors import current_city


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "residency": selectors.residency_of(request.user),
            "other_residencies": [
                r for r in selectors.residencies_of(request.user) if r.city != current_city()
            ],
            "roles": request.user.role_assignments.select_related("city").prefetch_related(
                "districts"
            ),
        },
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user, city=current_city())
    if request.method == "POST" and form.is_valid():
        services.update_profile(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        response.set_cookie("django_language", form.cleaned_data["language"], samesite="Lax")
        return response
    return render(request, "accounts/profile_edit.html", {"form": form})


UNSUBSCRIBE_ERRORS = {
    "expired": gettext_lazy(
        "This link is too old. Sign in and choose which e-mails you get on the page of "
        "your profile."
    ),
    "tampered": gettext_lazy(
        "This link is not valid: it may have been cut or changed. Copy the whole link from "
        "the e-mail, or sign in and choose which e-mails you get on the page of your profile."
    ),
}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe (RFC 8058): GET asks, POST stops the e-mail, no sign-in.

    Exempt from CSRF because mail programs POST here with no cookie; the signed token
    is the only thing accepted, so a forged request cannot name anyone.
    """
    try:
        link = read_token(token)
    except BadToken as error:
        return _unsubscribe_refused(request, error.code)
    person = selectors.person_for_unsubscribe(link.user_id)
    if person is None:
        return _unsubscribe_refused(request, "tampered")
    kind = notification_kinds().get(link.kind)
    context = {"token": token, "kind": kind, "all": link.kind == ALL}
    if request.method == "POST":
        services.unsubscribe_email(actor=person, kind=link.kind)
        context["done"] = True
    response = render(request, "accounts/unsubscribe.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _unsubscribe_refused(request: HttpRequest, code: str) -> HttpResponse:
    return render(
        request,
        "accounts/unsubscribe.html",
        {"error": UNSUBSCRIBE_ERRORS[code]},
        status=400,
    )


@login_required
def residency_declare(request: HttpRequest) -> HttpResponse:
    city = current_city()
    if city is None:
        raise Http404(_("No city is configured yet."))
    policy = selectors.default_policy(city)
    form = ResidencyForm(request.POST or None, policy=policy)
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.declare_residency(
                actor=request.user, policy=policy, declaration=form.to_declaration()
            )
        except ValidationError as error:
            form.add_error("pesel" if "pesel" in form.fields else None, error)
        else:
            if declaration.is_verified:
                messages.success(request, _("Thank you. You are now a verified resident."))
            else:
                messages.info(
                    request,
                    _(
                        "Thank you. Visit the office with an identity document to have "
                        "your residency confirmed."
                    ),
                )
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/residency_form.html",
        {"form": form, "policy": policy, "current": selectors.residency_of(request.user)},
    )


@permission_required("accounts.view_pending_residency")
def residency_pending(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/residency_pending.html",
        {"declarations": selectors.pending_declarations_for(request.user)},
    )


@require_POST
@login_required
def residency_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(ResidencyDeclaration, pk=pk, city=current_city())
    if not request.user.has_perm("accounts.confirm_residency", declaration):
        messages.error(request, _("You may not confirm this resident."))
        return redirect("accounts:residency_pending")
    services.confirm_residency(actor=request.user, declaration=declaration)
    messages.success(
        request, _("Residency of %(name)s confirmed.") % {"name": declaration.full_name}
    )
    return redirect("accounts:residency_pending")


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/my_data.html", {"form": DeleteAccountForm(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def api_keys(request: HttpRequest) -> HttpResponse:
    """The person's API keys; a new one is shown on this answer only, never again."""
    form = ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _key, new_key = apikeys.create_api_key(actor=request.user, name=form.cleaned_data["name"])
        form = ApiKeyForm()
    response = render(
        request,
        "accounts/api_keys.html",
        {"form": form, "keys": ApiKey.objects.filter(user=request.user), "new_key": new_key},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    key = get_object_or_404(ApiKey, pk=pk, user=request.user)
    apikeys.revoke_api_key(actor=request.user, key=key)
    messages.success(request, _("The key %(prefix)s… no longer works.") % {"prefix": key.prefix})
    return redirect("accounts:api_keys")


@login_required
def my_data_export(request: HttpRequest) -> HttpResponse:
    data = services.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="wiec-moje-dane-{stamp}.json"'
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(actor=request.user)
        logout(request)
        messages.success(request, _("Your account and personal data have been deleted."))
        return redirect("core:home")
    return render(request, "accounts/my_data.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def verify_email(request: HttpRequest) -> HttpResponse:
    """Confirm your address first: where voting and supporting send an unconfirmed person.

    The way back is kept in the session, and the adapter returns there once the link
    from the e-mail is opened in this browser.  POST sends the link again.
    """
    back = verification.safe_return(request, request.POST.get("next") or request.GET.get("next"))
    if request.user.has_verified_email:
        return redirect(back or "accounts:profile")
    if back:
        request.session[verification.RETURN_KEY] = back
    if request.method == "POST":
        services.send_email_confirmation(actor=request.user, request=request)
        messages.success(
            request,
            _("We have sent the link again to %(email)s.") % {"email": request.user.email},
        )
        query = f"?{urlencode({'next': back})}" if back else ""
        return redirect(reverse("accounts:verify_email") + query)
    return render(request, "accounts/verify_email.html", {"next": back})
