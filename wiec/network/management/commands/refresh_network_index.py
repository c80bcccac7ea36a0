from django.core.management.base import BaseCommand

from wiec.network.index import refresh_all, refresh_all_task


class Command(BaseCommand):
    help = (
        "Queue rewriting the Map of Participation's index for every municipality (run daily, "
        "from cron or a systemd timer: a process moves from planned to under way by date)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Rewrite it here and now, without the worker."
        )

    def handle(self, *args, now: bool = False, **options) -> None:
        if now:
            count = refresh_all()
            self.stdout.write(self.style.SUCCESS(f"The network index holds {count} processes."))
            return
        refresh_all_task.enqueue()
        self.stdout.write(self.style.SUCCESS("Queued: the network index's daily refresh."))
