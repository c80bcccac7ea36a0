from django.core.management.base import BaseCommand

from wiec.accounts.demo import DEMO_PASSWORD
from wiec.core.demo import load_demo


class Command(BaseCommand):
    help = "Create or refresh the demo city (Kraków) and print the demo logins."

    def handle(self, *args, **options) -> None:
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo city loaded: Kraków, 18 districts."))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        width = max(len(a.email) for a in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.email:<{width}}  {account.description}")
