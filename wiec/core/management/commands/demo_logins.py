from django.core.management.base import BaseCommand

from wiec.core.demo import write_logins


class Command(BaseCommand):
    help = "Print the demo logins (after load_demo), as `make run` shows them."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base",
            default="http://127.0.0.1:8000",
            help="The address the server listens on (make run passes its PORT).",
        )

    def handle(self, *args, **options) -> None:
        write_logins(self.stdout, base=options["base"])
