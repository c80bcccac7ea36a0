"""``manage.py import_pabulib FILE...``: a finished edition from real pabulib files."""

import time

from django.core.management.base import BaseCommand, CommandError

from wiec.budgets.pabulib_import import PabulibImportError, import_pabulib
from wiec.places.selectors import current_city


class Command(BaseCommand):
    help = "Create a finished edition (projects, anonymous ballots, results) from pabulib files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="pabulib .pb files of one edition")
        parser.add_argument("--slug", help="address of the new edition")

    def handle(self, *args, **options) -> None:
        city = current_city()
        if city is None:
            raise CommandError("no city: run `manage.py load_demo` or create the city first")
        started = time.perf_counter()
        try:
            report = import_pabulib(options["files"], city=city, slug=options.get("slug"))
        except PabulibImportError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{report.edition.slug}: {report.pools} pools, {report.projects} projects, "
            f"{report.ballots} ballots in {seconds:.1f} s; results published."
        )
        for line in report.disagreements:
            self.stderr.write(f"warning: {line}")
