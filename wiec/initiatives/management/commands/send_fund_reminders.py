from django.core.management.base import BaseCommand

from wiec.initiatives.tasks import send_fund_reminders_task


class Command(BaseCommand):
    help = (
        "Remind the office and the sołtysi of the village fund's legal deadlines "
        "(each reminder once). Run daily, for example from cron."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Send now instead of through the task queue."
        )

    def handle(self, *args, **options) -> None:
        if options["now"]:
            sent = send_fund_reminders_task.call()
            self.stdout.write(f"Sent: {sent}")
        else:
            send_fund_reminders_task.enqueue()
            self.stdout.write("Queued.")
