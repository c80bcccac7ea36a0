from django.core.management.base import BaseCommand

from wiec.core.demo import load_demo, write_logins


class Command(BaseCommand):
    help = "Create or refresh the demo city (Kraków) and print the demo logins."

    def handle(self, *args, **options) -> None:
        load_demo()
        self.stdout.write(self.style.SUCCESS("Demo city loaded: Kraków, 18 districts."))
        self.stdout.write("")
        write_logins(self.stdout)
