"""Queue the daily and weekly e-mail summaries of notifications (run it daily by cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from wiec.core.tasks import due_for_digest, send_digests_batch


class Command(BaseCommand):
    help = "Queue e-mail summaries for everyone whose daily or weekly summary is due."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=100)

    def handle(self, *args, batch_size: int, **options) -> None:
        ids = list(due_for_digest(timezone.now()))
        size = max(1, batch_size)
        batches = [ids[i : i + size] for i in range(0, len(ids), size)]
        for batch in batches:
            send_digests_batch.enqueue(batch)
        self.stdout.write(f"{len(ids)} summaries queued in {len(batches)} batches.")
