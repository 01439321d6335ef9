"""Domain errors carry a code and a message for people; the API and forms map them once."""

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the field was broken; `code` is stable, `message` is in the user's language."""

    def __init__(self, code: str, message: str | Promise, *, field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field
        self.status = status


class NotFound(DomainError):
    """Missing, or outside the user's scope: the two are never told apart."""

    def __init__(self, message: str | Promise = "Not found"):
        super().__init__("not_found", message, status=404)


class PermissionDenied(DomainError):
    def __init__(self, message: str | Promise = "Permission denied"):
        super().__init__("permission_denied", message, status=403)
