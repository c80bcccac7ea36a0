"""Background work of the participatory budget (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def count_edition(run_id: int) -> None:
    from wiec.budgets.models import CountRun
    from wiec.budgets.results import run_count

    run_count(CountRun.objects.select_related("edition").get(pk=run_id))


@task()
def send_coauthor_invitation(invitation_id: int) -> None:
    """Tell an invited address about a co-author invitation, account or not.

    An account with that address gets a notification (and the e-mail its settings
    ask for); any other address gets the e-mail alone.  The author's form never
    learns which happened.
    """
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from wiec.accounts.models import User
    from wiec.budgets.models import CoauthorInvitation, InvitationStatus
    from wiec.core.services import notify
    from wiec.places.selectors import activated

    invitation = (
        CoauthorInvitation.objects.select_related(
            "proposal", "proposal__edition__city", "invited_by"
        )
        .filter(pk=invitation_id, status=InvitationStatus.PENDING)
        .first()
    )
    if invitation is None or invitation.invited_by is None:
        return
    account = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    proposal = invitation.proposal
    path = reverse("budgets:coauthor_invitations")
    with translation.override(getattr(account, "language", None) or "pl"):
        params = {
            "name": str(invitation.invited_by),
            "title": proposal.title,
            "edition": proposal.edition.name,
        }
        subject = _("Invitation to co-author the proposal “%(title)s”") % params
        body = "\n\n".join(
            [
                _("%(name)s invites you to co-author the proposal “%(title)s” (%(edition)s).")
                % params,
                _(
                    "Until you accept, nothing changes for you: the proposal does not name you "
                    "among its authors and gives you no rights over it."
                ),
                _(
                    "To accept or decline, sign in (or create an account) with this e-mail "
                    "address and open the page of your invitations. If you do not know this "
                    "person, ignore this message."
                ),
            ]
        )
        city = proposal.edition.city
        if account is not None:
            with activated(city):  # the notification is about this municipality
                notify(recipient=account, kind="invitation", subject=subject, body=body, url=path)
            return
        send_mail(
            subject=subject,
            message=f"{body}\n\n{city.site_url()}{path}",
            from_email=city.email_sender or None,
            recipient_list=[invitation.email],
        )
