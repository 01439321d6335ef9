from django.conf import settings
from django.utils import translation


def stored_language():
    """Texts kept in the database (notifications, notes in a thread) are written in the default language
    (Vietnamese), whatever language the acting user reads the site in."""
    return translation.override(settings.LANGUAGE_CODE)
