from django.core.management.base import BaseCommand

from wiec.commitments.evaluation import invite
from wiec.places.models import City
from wiec.places.selectors import activated


class Command(BaseCommand):
    help = (
        "Invite the participants of budgets and panels that have ended to evaluate them "
        "(each person once; consultations invite their own). Run daily, for example from cron."
    )

    def handle(self, *args, **options) -> None:
        total = 0
        for city in City.objects.all():
            with activated(city):
                total += invite(city=city)
        self.stdout.write(f"Invited: {total}")
