from django.conf import settings
from django.utils import translation


def stored_language():
    """Texts kept in the database (notes in a thread, a shared case's note) are written in the default language
    (Vietnamese), whatever language the acting user reads the site in."""
    return translation.override(settings.LANGUAGE_CODE)
