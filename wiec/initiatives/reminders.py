"""Reminders of the village fund's three legal deadlines, each sent once.

The council's consent by 31 March (art. 2 ust. 1), the wójt's information to the sołtysi
by 31 July (art. 4 ust. 1) and the village assembly's request by 30 September (art. 5
ust. 1 ustawy z 21 lutego 2014 r. o funduszu sołeckim), all in the year before the
budget year. A set number of days before each, the gmina's officials get a
notification and each sołtys with an e-mail address an e-mail. A
:class:`~wiec.initiatives.models.FundReminder` row, unique per fund year and deadline,
is written in the same transaction: a second run, or two workers at once, send nothing
again.
"""

from __future__ import annotations

import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wiec.accounts.models import RoleAssignment, User
from wiec.core.roles import Role
from wiec.core.services import notify
from wiec.initiatives.models import FundReminder, FundYear, Solectwo
from wiec.places.selectors import activated

#: How many days before a deadline the reminder goes out.
REMINDER_DAYS = 14

WHAT = {
    "council": gettext_noop(
        "The council's resolution consenting to the village fund for %(year)s is due "
        "by %(due)s (art. 2 ust. 1 of the village fund act)."
    ),
    "information": gettext_noop(
        "The wójt must tell the sołtysi the amounts of the village fund for %(year)s "
        "by %(due)s (art. 4 ust. 1 of the village fund act)."
    ),
    "request": gettext_noop(
        "The village assembly's request for the village fund for %(year)s must reach "
        "the wójt by %(due)s (art. 5 ust. 1 of the village fund act)."
    ),
}


def _officials(city) -> list[User]:
    ids = RoleAssignment.objects.filter(
        city=city, role__in=[Role.OFFICIAL, Role.ADMINISTRATOR]
    ).values("user")
    return list(User.objects.filter(pk__in=ids, is_active=True))


def _text(key: str, fund: FundYear, due: datetime.date) -> tuple[str, str]:
    params = {"year": fund.budget_year, "due": formats.date_format(due, "j E Y")}
    subject = _("Village fund %(year)s: deadline %(due)s") % params
    return subject, _(WHAT[key]) % params


def _send(fund: FundYear, key: str, due: datetime.date) -> int:
    city = fund.city
    path = reverse("initiatives:villagefund")
    sent = 0
    with activated(city):
        for official in _officials(city):
            with translation.override(getattr(official, "language", None) or "pl"):
                subject, body = _text(key, fund, due)
            notify(recipient=official, kind="fund_deadline", subject=subject, body=body, url=path)
            sent += 1
        if key != "council":  # the council's consent is the office's business alone
            with translation.override("pl"):
                subject, body = _text(key, fund, due)
            for solectwo in Solectwo.objects.filter(city=city).exclude(soltys_email=""):
                send_mail(
                    subject=subject,
                    message=f"{body}\n\n{city.site_url()}{path}",
                    from_email=city.email_sender or None,
                    recipient_list=[solectwo.soltys_email],
                )
                sent += 1
    return sent


def send_fund_reminders(
    today: datetime.date | None = None, days: int = REMINDER_DAYS
) -> list[FundReminder]:
    """Send every reminder due today or earlier and not yet sent; return those sent."""
    today = today or timezone.localdate()
    done = []
    for fund in FundYear.objects.select_related("city"):
        for key, due in fund.deadlines().items():
            if not today <= due <= today + datetime.timedelta(days=days):
                continue
            try:
                with transaction.atomic():
                    reminder = FundReminder.objects.create(fund_year=fund, deadline=key, due_on=due)
                    reminder.recipients = _send(fund, key, due)
                    reminder.save(update_fields=["recipients"])
            except IntegrityError:
                continue  # sent already, by an earlier run or another worker
            done.append(reminder)
    return done
