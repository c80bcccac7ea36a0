from django.core.management.base import BaseCommand

from wiec.core.demo import write_logins


class Command(BaseCommand):
    help = "Print the demo logins (after load_demo), as `make run` shows them."

    def handle(self, *args, **options) -> None:
        write_logins(self.stdout)
