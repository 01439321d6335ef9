from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sc389.api import services
from sc389.core import audit


class Command(BaseCommand):
    help = "Issue an API token for USERNAME and print it once (only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for, e.g. the calling system")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive.")
        if not name.strip():
            raise CommandError("--name must not be empty.")
        with audit.context(channel="cli"):
            issued = services.api_token_create(user=user, name=name, actor=None)
        self.stderr.write(f"Token {issued.token.prefix}… for {username}; it is shown once, keep it now:")
        self.stdout.write(issued.raw)
