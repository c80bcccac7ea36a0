"""Load the streets and landmarks of the offline geocoder from a CSV (default: the demo
region's ``wiec/places/data/gazetteer.csv``)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from wiec.places.demo import GAZETTEER, load_gazetteer


class Command(BaseCommand):
    help = "Load the gazetteer (streets and landmarks) of the address search from a CSV."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(GAZETTEER))

    def handle(self, *args, path, **options):
        count = load_gazetteer(Path(path))
        self.stdout.write(f"{count} gazetteer entries loaded.")
