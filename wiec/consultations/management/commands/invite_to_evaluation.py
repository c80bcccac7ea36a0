from django.core.management.base import BaseCommand

from wiec.consultations.tasks import send_evaluation_invitations


class Command(BaseCommand):
    help = (
        "Invite the participants of consultations that have ended to evaluate them "
        "(each person once). Run daily, for example from cron."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Send now instead of through the task queue."
        )

    def handle(self, *args, **options) -> None:
        if options["now"]:
            invited = send_evaluation_invitations.call()
            self.stdout.write(f"Invited: {invited}")
        else:
            send_evaluation_invitations.enqueue()
            self.stdout.write("Queued.")
