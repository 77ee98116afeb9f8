"""The base of every mutation: input in, one service call, ``errors { field code message }`` out."""

import logging

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphene.types.mutation import MutationOptions
from graphql import GraphQLError

from marketplace.core.errors import DomainError

from .ids import InvalidIdError, pk_from_global_id

logger = logging.getLogger("marketplace.graphql")


class MutationError(Exception):
    """A refusal raised by the mutation itself (bad ID, out of scope), reported as an error."""

    def __init__(self, code: str, message: str, *, field: str | None = None, **extra):
        self.code = code
        self.message = str(message)
        self.field = field
        self.extra = extra
        super().__init__(self.message)


class MarketplaceMutationOptions(MutationOptions):
    error_type = None


class MarketplaceMutation(graphene.Mutation):
    """Subclasses define ``Arguments``, ``Meta.error_type`` and ``handle(info, **data)``."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(
        cls, error_type=None, legacy_errors_field=None, _meta=None, **options
    ):
        if not _meta:
            _meta = MarketplaceMutationOptions(cls)
        _meta.error_type = error_type
        errors_type = graphene.NonNull(graphene.List(graphene.NonNull(error_type)))
        _meta.fields = {
            "errors": graphene.Field(
                errors_type, description="List of errors that occurred executing the mutation."
            )
        }
        if legacy_errors_field:
            # Saleor keeps e.g. ``accountErrors`` beside ``errors``; both carry the same list.
            _meta.fields[legacy_errors_field] = graphene.Field(
                errors_type,
                resolver=lambda root, info: root.errors,
                deprecation_reason="Use `errors` field instead.",
            )
        super().__init_subclass_with_meta__(_meta=_meta, **options)

    @classmethod
    def valid_codes(cls) -> set[str]:
        return set(cls._meta.error_type._meta.fields["code"].type.of_type._meta.enum.__members__)

    @classmethod
    def error(cls, code: str, message: str, field: str | None = None, **extra):
        code = code.upper()
        if code not in cls.valid_codes():
            code = "INVALID"
        return cls._meta.error_type(code=code, message=message, field=field, **extra)

    @classmethod
    def mutate(cls, root, info, **data):
        try:
            result = cls.handle(info, **data)
            if result.errors is None:
                result.errors = []
            return result
        except GraphQLError:
            raise
        except MutationError as err:
            return cls(errors=[cls.error(err.code, err.message, err.field, **err.extra)])
        except DomainError as err:
            code = getattr(err.code, "value", str(err.code))
            extra = cls.domain_error_extra(err)
            return cls(errors=[cls.error(str(code), err.message, err.field, **extra)])
        except ValidationError as err:
            return cls(errors=cls.validation_errors(err))

    @classmethod
    def domain_error_extra(cls, err: DomainError) -> dict:
        """Typed extras of an error (``variants``, ``lines``) from the service's params."""
        return {}

    @classmethod
    def validation_errors(cls, err: ValidationError) -> list:
        errors = []
        items = err.error_dict.items() if hasattr(err, "error_dict") else [(None, err.error_list)]
        for field, field_errors in items:
            for error in field_errors:
                message = " ".join(str(m) for m in error.messages) if error.messages else ""
                errors.append(
                    cls.error(
                        error.code or "INVALID",
                        message,
                        None if field in (None, NON_FIELD_ERRORS) else field,
                    )
                )
        return errors

    @classmethod
    def pk(cls, global_id: str, type_name: str, *, field: str = "id") -> int:
        try:
            return pk_from_global_id(global_id, type_name)
        except InvalidIdError as err:
            raise MutationError("GRAPHQL_ERROR", str(err), field=field)

    @classmethod
    def handle(cls, info, **data):
        raise NotImplementedError
