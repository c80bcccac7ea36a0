from django.core.management.base import BaseCommand

from wiec.core.opendata import publish_open_data


class Command(BaseCommand):
    help = "Queue writing every municipality's dane.gov.pl harvester XML and .md5 (run daily)."

    def handle(self, *args, **options) -> None:
        publish_open_data.enqueue()
        self.stdout.write(self.style.SUCCESS("Queued: open data for dane.gov.pl."))
