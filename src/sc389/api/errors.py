"""One error schema for every failure of the API, so a client handles errors in one place.

    {"code": "case.stale_version", "message": "...", "field": null, "errors": [{"field", "message", "code"}]}

`code` is stable (a domain code such as `case.not_allowed`, or one of the codes below); `message` is for people,
in the request's language; `field` names the input at fault when there is one; `errors` lists every field error.
A stale write (409) also carries `current`: the record as it is now, so the client can show what changed.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sc389.core.errors import DomainError

logger = logging.getLogger(__name__)

# Where ninja says where a bad input was: the first part is the source, the second the parameter's name.
_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}


class FieldError(Schema):
    field: str | None = None
    message: str
    code: str


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None
    errors: list[FieldError] = []


class StaleOut(ErrorOut):
    current: dict[str, Any]


class CsrfFailed(HttpError):
    def __init__(self) -> None:
        super().__init__(403, "csrf_failed")


DEFAULT_MESSAGES = {
    "not_found": _("Không tìm thấy, hoặc bạn không có quyền xem."),
    "permission_denied": _("Bạn không có quyền thực hiện thao tác này."),
    "unauthenticated": _("Cần đăng nhập hoặc gửi mã truy cập (Authorization: Bearer …)."),
    "csrf_failed": _("Thiếu hoặc sai mã CSRF: gửi lại kèm tiêu đề X-CSRFToken."),
    "invalid": _("Dữ liệu không hợp lệ."),
    "invalid_input": _("Dữ liệu gửi lên không đúng dạng."),
    "unstorable": _("Có giá trị không lưu được: ký tự NUL trong văn bản, hoặc số vượt giới hạn."),
}


def body(
    code: str, message: Any = None, *, field: str | None = None, errors: list[dict] | None = None
) -> dict:
    return {
        "code": code,
        "message": str(message if message is not None else DEFAULT_MESSAGES.get(code, code)),
        "field": field,
        "errors": errors or [],
    }


def _domain(request: HttpRequest, exc: DomainError, api: NinjaAPI) -> HttpResponse:
    message = exc.message
    if exc.code in ("not_found", "permission_denied") and str(message) in ("Not found", "Permission denied"):
        message = DEFAULT_MESSAGES[exc.code]
    payload = body(exc.code, message, field=exc.field)
    if exc.field:
        payload["errors"] = [{"field": exc.field, "message": payload["message"], "code": exc.code}]
    current = getattr(exc, "current", None)
    if current is not None:
        payload["current"] = current
    return api.create_response(request, payload, status=exc.status)


def _django_validation(request: HttpRequest, exc: DjangoValidationError, api: NinjaAPI) -> HttpResponse:
    errors = []
    if hasattr(exc, "error_dict"):
        for name, items in exc.error_dict.items():
            for item in items:
                errors.append(
                    {
                        "field": None if name == "__all__" else name,
                        "message": " ".join(str(m) for m in item.messages),
                        "code": item.code or "invalid",
                    }
                )
    else:
        errors = [{"field": None, "message": str(m), "code": "invalid"} for m in exc.messages]
    first = errors[0] if errors else {"field": None, "message": DEFAULT_MESSAGES["invalid"]}
    return api.create_response(
        request, body("invalid", first["message"], field=first["field"], errors=errors), status=400
    )


def _field_of(loc: tuple | list) -> str | None:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
        # A body parameter is nested under its own name ("payload"); query schemas are flattened already.
        if loc[0] == "body" and len(parts) > 1:
            parts = parts[1:]
    return ".".join(parts) or None


# Pydantic writes its messages in English; the common ones are said here in the user's language.
INPUT_MESSAGES = {
    "missing": _("Thiếu trường bắt buộc."),
    "int_parsing": _("Phải là số nguyên."),
    "int_type": _("Phải là số nguyên."),
    "int_from_float": _("Phải là số nguyên."),
    "decimal_parsing": _("Phải là số."),
    "decimal_type": _("Phải là số."),
    "bool_parsing": _("Phải là true hoặc false."),
    "bool_type": _("Phải là true hoặc false."),
    "string_type": _("Phải là chuỗi ký tự."),
    "date_parsing": _("Ngày phải có dạng YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Ngày phải có dạng YYYY-MM-DD."),
    "date_type": _("Ngày phải có dạng YYYY-MM-DD."),
    "datetime_parsing": _("Thời điểm phải có dạng ISO 8601."),
    "enum": _("Giá trị phải là một trong: %(expected)s."),
    "literal_error": _("Giá trị phải là một trong: %(expected)s."),
    "greater_than_equal": _("Phải lớn hơn hoặc bằng %(ge)s."),
    "less_than_equal": _("Phải nhỏ hơn hoặc bằng %(le)s."),
    "string_too_short": _("Cần ít nhất %(min_length)s ký tự."),
    "string_too_long": _("Dài quá %(max_length)s ký tự."),
    "decimal_max_digits": _("Nhiều quá %(max_digits)s chữ số."),
    "decimal_max_places": _("Nhiều quá %(decimal_places)s chữ số thập phân."),
    "list_type": _("Phải là một danh sách."),
    "model_attributes_type": _("Phải là một đối tượng JSON."),
    "dict_type": _("Phải là một đối tượng JSON."),
    "json_invalid": _("Nội dung gửi lên không phải JSON hợp lệ."),
}


def _input_message(error: dict) -> str:
    template = INPUT_MESSAGES.get(error.get("type", ""))
    if template is None:
        return error.get("msg", "")
    try:
        return str(template) % {k: v for k, v in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return error.get("msg", "")


def _input_validation(request: HttpRequest, exc: NinjaValidationError, api: NinjaAPI) -> HttpResponse:
    errors = [
        {"field": _field_of(e.get("loc", ())), "message": _input_message(e), "code": e.get("type", "invalid")}
        for e in exc.errors
    ]
    first = errors[0] if errors else {"field": None}
    message = " ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
    return api.create_response(
        request,
        body("invalid_input", message or None, field=first["field"], errors=errors),
        status=422,
    )


def _data_error(request: HttpRequest, exc: DataError, api: NinjaAPI) -> HttpResponse:
    # The database refused a value the input checks let through (PostgreSQL: a NUL character in text, a number
    # past its column's range). Bad input, not a server fault: 400; the log line says which check is missing.
    logger.warning("database refused a value: %s %s: %s", request.method, request.path, exc)
    return api.create_response(request, body("unstorable"), status=400)


def _unauthenticated(request: HttpRequest, exc: AuthenticationError, api: NinjaAPI) -> HttpResponse:
    message = None if exc.message == "Unauthorized" else exc.message
    response = api.create_response(request, body("unauthenticated", message), status=401)
    response["WWW-Authenticate"] = 'Bearer realm="sc389"'
    return response


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    if isinstance(exc, CsrfFailed):
        return api.create_response(request, body("csrf_failed"), status=403)
    return api.create_response(request, body(f"http_{exc.status_code}", exc.message), status=exc.status_code)


def _not_found(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, body("not_found"), status=404)


def _permission_denied(request: HttpRequest, exc: DjangoPermissionDenied, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, body("permission_denied"), status=403)


def install(api: NinjaAPI) -> None:
    """Map every failure the API can meet to the one error schema."""

    def bind(handler):
        return lambda request, exc: handler(request, exc, api)

    api.add_exception_handler(DomainError, bind(_domain))
    api.add_exception_handler(DjangoValidationError, bind(_django_validation))
    api.add_exception_handler(DataError, bind(_data_error))
    api.add_exception_handler(NinjaValidationError, bind(_input_validation))
    api.add_exception_handler(AuthenticationError, bind(_unauthenticated))
    api.add_exception_handler(HttpError, bind(_http_error))
    api.add_exception_handler(Http404, bind(_not_found))
    api.add_exception_handler(DjangoPermissionDenied, bind(_permission_denied))


# Documented on every operation of the OpenAPI document (the handlers above produce them).
ERROR_RESPONSES = {
    "400": _("Vi phạm quy tắc nghiệp vụ hoặc dữ liệu không hợp lệ"),
    "401": _("Chưa xác thực"),
    "403": _("Không có quyền"),
    "404": _("Không tìm thấy, hoặc ngoài phạm vi được xem"),
    "409": _("Bản ghi đã bị sửa sau khi đọc (kèm trạng thái hiện tại)"),
    "422": _("Dữ liệu gửi lên không đúng dạng"),
}
