"""The platform's own records: the audit log and notifications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wiec.core.pseudonyms import deleted_account_pseudonym


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")

    def about_person(self, user: Any) -> AuditEventQuerySet:
        """Events done by ``user`` or done to their account."""
        return self.filter(
            models.Q(actor=user)
            | models.Q(target_type=settings.AUTH_USER_MODEL, target_id=str(user.pk))
        )

    def forget_labels_of(self, user: Any) -> int:
        """Blank the stored labels that name ``user``, whose account is deleted.

        The one change the append-only rule allows (migration 0050): a label
        becomes empty, nothing else changes, and only for a deleted account.
        The page then shows the account's pseudonym, worked out from the
        unchanged ``actor`` and ``target_id``. Returns how many labels were blanked.
        """
        if getattr(user, "anonymised_at", None) is None:
            raise AppendOnlyError("only a deleted account's labels may be forgotten")
        update = models.QuerySet.update
        blanked = update(self.filter(actor=user).exclude(actor_label=""), actor_label="")
        targets = self.filter(target_type=settings.AUTH_USER_MODEL, target_id=str(user.pk))
        return blanked + update(targets.exclude(target_label=""), target_label="")

    def forget_object_labels(self, user: Any, target_type: str, ids: Iterable[Any]) -> int:
        """Blank the labels of the deleted ``user``'s own records (``target_type``, ``ids``).

        For records whose label is the person's name, such as a declaration of
        residence; the database allows it once the record itself is gone (migration
        core 0008). Returns how many labels were blanked.
        """
        if getattr(user, "anonymised_at", None) is None:
            raise AppendOnlyError("only a deleted account's labels may be forgotten")
        rows = self.filter(target_type=target_type, target_id__in=[str(pk) for pk in ids])
        return models.QuerySet.update(rows.exclude(target_label=""), target_label="")


class AuditEvent(models.Model):
    """One privileged action: who did what, when, to which object.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger
    refuses them in the database as well (migration 0002).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    #: The municipality the action was taken in (its object's, a granted role's, else
    #: the request's); empty for events older than the column.
    city = models.ForeignKey(
        "places.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.who()} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")

    @cached_property
    def target_user(self) -> Any:
        """The account this event was done to, if it was done to an account."""
        if self.target_type != settings.AUTH_USER_MODEL or not self.target_id.isdigit():
            return None
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(pk=int(self.target_id)).first()

    def who(self) -> str:
        """Who did it, as the audit log shows it: never a deleted person's name."""
        if self.actor_id is None:
            return self.actor_label or "system"
        return _person(self.actor, self.actor_label)

    def what(self) -> str:
        """To which object, as the audit log shows it: never a deleted person's name."""
        if self.target_user is None:
            if not self.target_label and self.target_id:
                return f"{self.target_type} #{self.target_id}"  # a forgotten label
            return self.target_label
        return _person(self.target_user, self.target_label)


def _person(user: Any, label: str) -> str:
    if getattr(user, "anonymised_at", None) is not None:
        pseudonym = deleted_account_pseudonym(user.pk)
        return gettext("deleted account #%(pseudonym)s") % {"pseudonym": pseudonym}
    return label or user.email


class EmailDelivery(models.TextChoices):
    """When a person's notifications go out by e-mail (``manage.py send_digests``)."""

    IMMEDIATELY = "immediately", _("At once, one e-mail each")
    DAILY = "daily", _("Once a day, in one summary")
    WEEKLY = "weekly", _("Once a week, in one summary")
    NEVER = "never", _("No e-mail")


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def of_city(self, city: Any) -> NotificationQuerySet:
        """Those about ``city``, and those about no municipality (the account's own)."""
        return self.filter(models.Q(city__isnull=True) | models.Q(city=city))


class Notification(models.Model):
    """A message to one user, shown in the app and, if they wish, sent by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    city = models.ForeignKey(
        "places.City",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=40, default="general")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def site_path(self) -> str:
        """The link as a path of the site being read (with its ``/g/<slug>`` prefix)."""
        from django.urls import get_script_prefix

        if not self.url.startswith("/"):
            return self.url
        return get_script_prefix().rstrip("/") + self.url

    def absolute_url(self) -> str:
        """The link from outside the site (an e-mail): at its municipality's address."""
        if not self.url:
            return ""
        if self.city is not None:
            return self.city.site_url() + self.url
        return settings.WIEC_SITE_URL.rstrip("/") + self.url


class SearchEntry(models.Model):
    """One document of the platform's search index, written by the tools' registrations.

    Labels are stored in every language of the site (``labels``), because the index is
    built once and read in the reader's language. ``terms`` and ``title_terms`` hold the
    folded stems (:mod:`wiec.core.search_text`); on PostgreSQL a generated ``tsvector``
    column over them, with a GIN index, answers queries (migration 0003).
    """

    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="+")
    tool = models.CharField(max_length=40)
    key = models.CharField(max_length=120)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)  # a path within the municipality's site
    body = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    status = models.CharField(max_length=40, blank=True)
    labels = models.JSONField(default=dict, blank=True)
    district = models.ForeignKey(
        "places.District", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveIntegerField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search index")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "tool", "key"], name="core_searchentry_city_tool_key"
            )
        ]
        indexes = [models.Index(fields=["city", "tool", "status", "year"])]

    def __str__(self) -> str:
        return self.title


class TaskAssignment(models.Model):
    """Who in the office handles a task of the inbox, and a note on it.

    Tasks themselves are not stored (each tool derives them from its own state); this
    row hangs on the task's stable ``(tool, key)`` and outlives nothing but the task.
    """

    tool = models.CharField(max_length=40)
    key = models.CharField(max_length=120)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignments")
        constraints = [
            models.UniqueConstraint(fields=["tool", "key"], name="core_taskassignment_tool_key")
        ]

    def __str__(self) -> str:
        return f"{self.tool}:{self.key}"


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> ApiKeyQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A key a registered data user sends to the API for a higher rate limit.

    The key itself is shown once, when it is made; only its SHA-256 is stored, with
    a short prefix (the first characters of the key) that identifies it on the
    account page and in the person's data export. A key belongs to an account, as the
    account does, across municipalities; it opens nothing the anonymous API does not
    show (``wiec.core.apikeys``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"),
                name="core_apikey_digest_is_sha256",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
