"""Recount every published result from the stored ballots and report any difference."""

from django.core.management.base import BaseCommand, CommandError

from wiec.budgets.models import CountRun
from wiec.budgets.results import recount


class Command(BaseCommand):
    help = "Recompute every published result from the stored ballots; exit 1 on a difference."

    def handle(self, *args, **options) -> None:
        differences = []
        runs = CountRun.objects.filter(published=True).select_related("edition")
        for run in runs:
            found = recount(run)
            differences += found
            status = "OK" if not found else f"{len(found)} difference(s)"
            self.stdout.write(f"{run.edition.slug}: {run.pools.count()} pools, {status}")
        for line in differences:
            self.stderr.write(line)
        if differences:
            raise CommandError(f"{len(differences)} difference(s) between stored and recount")
        self.stdout.write(self.style.SUCCESS(f"{runs.count()} published result(s) agree."))
