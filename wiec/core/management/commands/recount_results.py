"""Recount every published result of every municipality and report any difference."""

from django.core.management.base import BaseCommand, CommandError

from wiec.core.participation import each_tool
from wiec.places.models import City
from wiec.places.selectors import activated


class Command(BaseCommand):
    help = (
        "Recompute every published result (budget counts, panel lotteries, survey results) "
        "from the stored inputs and print its figures; exit 1 on a difference."
    )

    def handle(self, *args, **options) -> None:
        differences: list[str] = []
        count = 0
        for city in City.objects.order_by("slug"):
            with activated(city):
                for tool, contents in each_tool():
                    for result in contents.recounts():
                        count += 1
                        status = "OK" if not result.differences else "DIFFERENT"
                        self.stdout.write(f"[{city.slug}] {tool.key}: {result.title}: {status}")
                        for line in result.lines:
                            self.stdout.write(f"    {line}")
                        differences += [
                            f"[{city.slug}] {tool.key}: {result.title}: {d}"
                            for d in result.differences
                        ]
        for line in differences:
            self.stderr.write(line)
        if differences:
            raise CommandError(f"{len(differences)} difference(s) between stored and recount")
        self.stdout.write(self.style.SUCCESS(f"{count} published result(s) agree."))
