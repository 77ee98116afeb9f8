"""The /graphql/ endpoint: JSON in, JSON out, limits before execution, no internals leaked."""

import json
import logging
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as GraphiQLView
from graphql import GraphQLError, parse, validate
from graphql import execute as graphql_execute
from graphql.error import GraphQLSyntaxError

from .dataloaders import MarketplaceExecutionContext
from .jwt import ACCESS, TokenError, user_from_token
from .validation import cost_rule, static_rules

logger = logging.getLogger("marketplace.graphql")

MAX_BATCH = 10
DOCUMENT_CACHE_SIZE = 128
CACHED_DOCUMENT_CHARS = 20_000  # bounded memory: big documents are checked every time
INTERNAL_ERROR = "Internal Server Error"


def _error(message: str, code: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"errors": [{"message": message, "extensions": {"exception": {"code": code}}}]},
        status=status,
    )


# Saleor reports a bad access token by the PyJWT exception's name; @saleor/sdk refreshes the
# token and retries when it reads ``ExpiredSignatureError`` here.
REQUEST_TOKEN_CODES = {
    "JWT_SIGNATURE_EXPIRED": "ExpiredSignatureError",
    "JWT_DECODE_ERROR": "DecodeError",
    "JWT_INVALID_TOKEN": "InvalidTokenError",
}
REFRESH_TOKEN_COOKIE = "refreshToken"


def _lazy_user(request: HttpRequest):
    """The user of ``Authorization: Bearer <JWT>`` or Saleor's ``Authorization-Bearer: <JWT>``."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    if not header and request.META.get("HTTP_AUTHORIZATION_BEARER"):
        scheme, token = "bearer", request.META["HTTP_AUTHORIZATION_BEARER"]
    elif not header:
        return AnonymousUser()
    if scheme.lower() not in ("bearer", "jwt") or not token.strip():
        raise GraphQLError(
            "Invalid Authorization header.",
            extensions={"exception": {"code": "InvalidTokenError"}},
        )
    try:
        return user_from_token(token.strip(), token_type=ACCESS, request=request)
    except TokenError as err:
        code = REQUEST_TOKEN_CODES.get(err.code, err.code)
        raise GraphQLError(err.message, extensions={"exception": {"code": code}})


def _with_refresh_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """``tokenCreate`` / ``setPassword`` leave the refresh token as an HttpOnly cookie too, as
    Saleor does, so a browser client may refresh with ``csrfToken`` alone."""
    token = getattr(request, "refresh_token_cookie", None)
    if token:
        secure = request.is_secure()
        response.set_cookie(
            REFRESH_TOKEN_COOKIE,
            token,
            max_age=settings.JWT_TTL_REFRESH_DAYS * 24 * 3600,
            httponly=True,
            secure=secure,
            samesite="None" if secure else "Lax",
        )
    return response


def format_error(error: GraphQLError) -> dict:
    """A located GraphQL error; anything unexpected becomes a generic message, logged here."""
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        logger.error("GraphQL resolver failed", exc_info=original)
        formatted = GraphQLError(
            INTERNAL_ERROR,
            nodes=error.nodes,
            path=error.path,
            extensions={"exception": {"code": "InternalServerError"}},
        ).formatted
        return formatted
    return error.formatted


class GraphQLView:
    """Executes one operation or a batch of up to ``MAX_BATCH``."""

    def __init__(self, schema):
        self.schema = schema
        self.checked_document = lru_cache(maxsize=DOCUMENT_CACHE_SIZE)(self._parse_and_validate)

    def _parse_and_validate(self, query: str) -> tuple:
        """Parse and check a document once per process (clients repeat the same documents)."""
        document = parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
        errors = validate(self.schema.graphql_schema, document, static_rules())
        return document, tuple(errors)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET":
            if settings.DEBUG:
                return GraphiQLView.as_view(graphiql=True, schema=self.schema)(request)
            return _error("Only POST requests are accepted.", "MethodNotAllowed", 405)
        if request.method == "OPTIONS":
            response = HttpResponse()
            response["Allow"] = "POST, OPTIONS"
            return response
        if request.method != "POST":
            return _error("Only POST requests are accepted.", "MethodNotAllowed", 405)
        limit = settings.GRAPHQL_MAX_BODY_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            return _error(f"The request body is over {limit} bytes.", "RequestTooLarge", 413)
        body = request.read(limit + 1)
        if len(body) > limit:
            return _error(f"The request body is over {limit} bytes.", "RequestTooLarge", 413)
        try:
            data = json.loads(body or b"")
        except (ValueError, UnicodeDecodeError):
            return _error("The request body is not valid JSON.", "InvalidJSON", 400)
        request.user = SimpleLazyObject(lambda: _lazy_user(request))
        if isinstance(data, list):
            if not data or len(data) > MAX_BATCH:
                return _error(f"A batch holds 1 to {MAX_BATCH} operations.", "BatchTooLarge", 400)
            results = [self.execute(request, item) for item in data]
            return _with_refresh_cookie(request, JsonResponse(results, safe=False))
        result = self.execute(request, data)
        status = 400 if "data" not in result else 200
        return _with_refresh_cookie(request, JsonResponse(result, status=status))

    def execute(self, request: HttpRequest, data) -> dict:
        if not isinstance(data, dict):
            return self._errors(GraphQLError("The operation must be a JSON object."))
        query = data.get("query")
        variables = data.get("variables") or {}
        operation_name = data.get("operationName")
        if not isinstance(query, str) or not query.strip():
            return self._errors(GraphQLError("Must provide a query string."))
        if not isinstance(variables, dict):
            return self._errors(GraphQLError("Variables must be a JSON object."))
        if operation_name is not None and not isinstance(operation_name, str):
            return self._errors(GraphQLError("operationName must be a string."))
        try:
            if len(query) <= CACHED_DOCUMENT_CHARS:
                document, errors = self.checked_document(query)
            else:
                document, errors = self._parse_and_validate(query)
        except GraphQLSyntaxError as err:
            return self._errors(err)
        if not errors:  # the cost depends on the variables (first: $n), so it runs each time
            errors = validate(self.schema.graphql_schema, document, [cost_rule(variables)])
        if errors:
            return self._errors(*errors)
        request.loaders = {}
        language = translation.get_language_from_request(request)
        with translation.override(language):
            try:
                result = graphql_execute(
                    self.schema.graphql_schema,
                    document,
                    context_value=request,
                    variable_values=variables,
                    operation_name=operation_name,
                    execution_context_class=MarketplaceExecutionContext,
                )
            except Exception:
                logger.exception("GraphQL execution failed")
                return self._errors(
                    GraphQLError(
                        INTERNAL_ERROR, extensions={"exception": {"code": "InternalServerError"}}
                    )
                )
        response = {"data": result.data}
        if result.errors:
            response["errors"] = [format_error(error) for error in result.errors]
        return response

    @staticmethod
    def _errors(*errors: GraphQLError) -> dict:
        return {"errors": [format_error(error) for error in errors]}


def graphql_view(schema):
    return csrf_exempt(GraphQLView(schema))
