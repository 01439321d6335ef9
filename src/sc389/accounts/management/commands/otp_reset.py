"""`sc389 otp_reset USERNAME`: remove a user's authenticators (lost phone); they enrol again at next login."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sc389.accounts import services
from sc389.core import audit


class Command(BaseCommand):
    help = "Remove a user's TOTP authenticators; the user enrols a new one at the next login."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        with audit.context(channel="cli"):
            removed = services.devices_reset(user=user, actor=None)
        self.stdout.write(f"{removed} authenticator(s) removed for {username}.")
