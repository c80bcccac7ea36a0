from django.core.management.base import BaseCommand

from wiec.core.search import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every tool (after bulk imports, or to repair it)."

    def handle(self, *args, **options) -> None:
        count = rebuild()
        self.stdout.write(f"Search index rebuilt: {count} documents.")
