"""``manage.py import_pabulib FILE...``: a finished edition from real pabulib files."""

import time

from django.core.management.base import BaseCommand, CommandError

from wiec.budgets.pabulib_import import PabulibImportError, import_pabulib
from wiec.places.selectors import current_city


class Command(BaseCommand):
    """Errors print as ``FILE:LINE: problem`` alone, for editors and CI logs to jump to."""

    help = "Create a finished edition (projects, anonymous ballots, results) from pabulib files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="pabulib .pb files of one edition")
        parser.add_argument("--slug", help="address of the new edition")

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if options.get("traceback") or not getattr(self, "_called_from_command_line", False):
                raise
            self.stderr.write(str(error))
            raise SystemExit(error.returncode) from error

    def handle(self, *args, **options) -> None:
        city = current_city()
        if city is None:
            raise CommandError("no city: run `manage.py load_demo` or create the city first")
        started = time.perf_counter()
        try:
            report = import_pabulib(options["files"], city=city, slug=options.get("slug"))
        except PabulibImportError as error:
            # One line an editor can jump to (FILE:LINE: problem), exit status 2, and
            # nothing saved: the import is one transaction.
            raise CommandError(str(error), returncode=2) from error
        seconds = time.perf_counter() - started
        voters = (
            f"{report.voters} voters"
            if report.voters is not None
            else "voters not linked across files"
        )
        self.stdout.write(
            f"{report.edition.slug}: {report.pools} pools, {report.projects} projects, "
            f"{report.ballots} pool ballots ({voters}) in {seconds:.1f} s; results published."
        )
        for line in report.disagreements:
            self.stderr.write(f"warning: {line}")
