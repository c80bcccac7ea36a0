"""The newsletter: subscribing (double opt-in), unsubscribing (one click), the archive,
and composing and sending an issue with its progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from wiec.core.access import attach_errors, permission_required, require
from wiec.network import services
from wiec.network.forms import IssueForm, NewsForm, SubscribeForm
from wiec.network.models import IssueStatus, NewsletterIssue
from wiec.network.newsletter import (
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    BadLink,
    issue_content,
    read_token,
)


def newsletter(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscribe(
                actor=request.user,
                email=form.cleaned_data["email"],
                language=translation.get_language() or "pl",
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return render(request, "network/newsletter_check_mail.html")
    return render(
        request,
        "network/newsletter.html",
        {
            "form": form,
            "issues": NewsletterIssue.objects.filter(status=IssueStatus.SENT),
        },
    )


def _subscriber(token: str, salt: str, max_age: int | None = None):
    try:
        return read_token(token, salt=salt, max_age=max_age), ""
    except BadLink as error:
        return None, error.code


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the confirmation e-mail: a button confirms (a mail scanner that
    opens every link must not subscribe anyone)."""
    subscriber, problem = _subscriber(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    done = False
    if subscriber is not None and request.method == "POST":
        services.confirm_subscription(actor=request.user, subscriber=subscriber)
        done = True
    return render(
        request,
        "network/newsletter_confirm.html",
        {"subscriber": subscriber, "problem": problem, "done": done},
        status=400 if problem else 200,
    )


@csrf_exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click", no token
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber, problem = _subscriber(token, UNSUBSCRIBE_SALT)
    done = False
    if subscriber is not None and request.method == "POST":
        services.unsubscribe(actor=request.user, subscriber=subscriber)
        done = True
    return render(
        request,
        "network/newsletter_unsubscribe.html",
        {"subscriber": subscriber, "problem": problem, "done": done},
        status=400 if problem else 200,
    )


def issue(request: HttpRequest, number: int) -> HttpResponse:
    found = get_object_or_404(NewsletterIssue, number=number)
    if found.status != IssueStatus.SENT and not request.user.has_perm("network.compose_newsletter"):
        raise Http404
    return render(
        request,
        "network/issue_detail.html",
        {"issue": found, **issue_content(found)},
    )


@permission_required("network.compose_newsletter")
def editorial(request: HttpRequest) -> HttpResponse:
    news_form = NewsForm(request.POST or None)
    if request.method == "POST" and news_form.is_valid():
        news_form.save()
        messages.success(request, _("The news is added."))
        return redirect("network:editorial")
    return render(
        request,
        "network/editorial.html",
        {"issues": NewsletterIssue.objects.all(), "news_form": news_form},
    )


@permission_required("network.compose_newsletter")
def compose(request: HttpRequest, number: int | None = None) -> HttpResponse:
    found = get_object_or_404(NewsletterIssue, number=number) if number else None
    if found is not None:
        require(request, "network.change_issue", found)  # a sent issue stays as sent
    initial = None
    if found is not None:
        initial = {
            "title": found.title,
            "introduction": found.introduction,
            "news": found.news.all(),
            "practices": found.practices.all(),
            "events": found.events.all(),
        }
    form = IssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.compose_issue(actor=request.user, issue=found, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The issue is saved. Read it through, then send it."))
            return redirect("network:issue_progress", number=saved.number)
    return render(request, "network/issue_form.html", {"form": form, "issue": found})


@permission_required("network.send_newsletter")
def issue_progress(request: HttpRequest, number: int) -> HttpResponse:
    """The issue as subscribers will get it, the send button, and the progress bar
    (htmx polls the bar alone; without JavaScript the page reloads itself)."""
    found = get_object_or_404(NewsletterIssue, number=number)
    if request.method == "POST":
        require(request, "network.send_newsletter")
        try:
            services.send_issue(
                actor=request.user, issue=found, base_url=request.build_absolute_uri("/")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Sending has started."))
        return redirect("network:issue_progress", number=number)
    template = "network/issue_progress.html"
    if getattr(request, "htmx", False):
        template = "network/includes/progress.html"
    return render(request, template, {"issue": found, **issue_content(found)})
