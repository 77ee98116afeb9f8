"""Per-request batch loaders (``<Thing>By<Key>Loader``) on top of synchronous futures.

A resolver returns ``SomeLoader(info.context).load(key)``; the execution context
(``MarketplaceExecutionContext``) runs every queued batch once the current level of the
query has been walked, so a page of 100 products costs one query per loader, not 100.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, is_non_null_type
from graphql.pyutils import Path
from graphql_sync_dataloaders import DeferredExecutionContext, SyncDataLoader
from graphql_sync_dataloaders.sync_future import SyncFuture


class MarketplaceExecutionContext(DeferredExecutionContext):
    """Runs queued loader batches, including batches queued from inside other batches' callbacks."""

    def execute_operation(self, operation: OperationDefinitionNode, root_value: Any):
        self._deferred_callbacks = []
        context = self.context_value
        if context is not None:
            context.deferred_callbacks = self._deferred_callbacks
        try:
            result = super(DeferredExecutionContext, self).execute_operation(operation, root_value)
            callbacks = self._deferred_callbacks
            while callbacks:
                callbacks.pop(0)()
            if isinstance(result, SyncFuture):
                if not result.done():
                    raise RuntimeError("GraphQL deferred execution failed to complete.")
                return result.result()
        except GraphQLError as error:  # a non-null field failed inside a batch callback
            self.collected_errors.add(error, None)
            return None
        return result

    def handle_field_error(self, error: GraphQLError, return_type, path: Path | None = None):
        """graphql-core 3.2.14 wants the path; graphql-sync-dataloaders 0.1.1 doesn't pass it."""
        if is_non_null_type(return_type):
            raise error
        if path is None:
            for key in error.path or []:
                path = Path(path, key, None)
        self.collected_errors.add(error, path)


class DataLoader(SyncDataLoader):
    """One instance per request and loader class, kept on ``context.loaders``."""

    def __new__(cls, context):
        loaders = context.__dict__.setdefault("loaders", {})
        if cls not in loaders:
            loader = super().__new__(cls)
            loader._init(context)
            loaders[cls] = loader
        return loaders[cls]

    def __init__(self, context):  # state is set once in _init
        pass

    def _init(self, context) -> None:
        SyncDataLoader.__init__(self, self.batch_load)
        self.context = context

    def batch_load(self, keys: list) -> list:
        raise NotImplementedError

    def dispatch_queue(self) -> None:
        queue, self._queue = self._queue, []
        if not queue:
            return
        keys = [key for key, _ in queue]
        try:
            values = self.batch_load(keys)
            if len(values) != len(keys):
                raise ValueError(f"{type(self).__name__} returned {len(values)} for {len(keys)}")
        except Exception as error:  # every waiting field reports it; the request goes on
            for key, future in queue:
                self.clear(key)
                future.set_exception(error)
            return
        for (_, future), value in zip(queue, values, strict=True):
            future.set_result(value)

    def load(self, key) -> SyncFuture:
        future = super().load(key)
        if not future.done():
            future.deferred_callback = self.dispatch_queue
            _register(self.context, future)
        return future

    def load_many(self, keys: Iterable) -> SyncFuture:
        return gather([self.load(key) for key in keys])

    def prime(self, key, value) -> None:
        if key not in self._cache:
            future = SyncFuture()
            future.set_result(value)
            self._cache[key] = future


def _register(context, future: SyncFuture) -> None:
    """Make sure the batch behind ``future`` runs even when it was queued inside a callback."""
    callbacks = getattr(context, "deferred_callbacks", None)
    if callbacks is not None and future.deferred_callback is not None:
        callbacks.append(future.deferred_callback)


def then(value, fn: Callable[[Any], Any]):
    """Apply ``fn`` to a value or to a future's result, returning a value or a future."""
    if not isinstance(value, SyncFuture):
        return fn(value)
    if value.done():
        return fn(value.result())
    chained = SyncFuture()
    chained.deferred_callback = value.deferred_callback

    def on_done():
        try:
            result = fn(value.result())
        except Exception as error:  # handed to the executor, which reports it on the field
            chained.set_exception(error)
            return
        if isinstance(result, SyncFuture) and not result.done():
            result.add_done_callback(lambda: _copy(result, chained))
        elif isinstance(result, SyncFuture):
            _copy(result, chained)
        else:
            chained.set_result(result)

    value.add_done_callback(on_done)
    return chained


def _copy(source: SyncFuture, target: SyncFuture) -> None:
    error = source.exception()
    if error is not None:
        target.set_exception(error)
    else:
        target.set_result(source.result())


def gather(futures: list) -> SyncFuture:
    """A future of the list of results of ``futures`` (values pass through)."""
    combined = SyncFuture()
    pending = [f for f in futures if isinstance(f, SyncFuture) and not f.done()]

    def finish():
        try:
            combined.set_result([f.result() if isinstance(f, SyncFuture) else f for f in futures])
        except Exception as error:
            combined.set_exception(error)

    if not pending:
        finish()
        return combined
    combined.deferred_callback = pending[0].deferred_callback
    remaining = {"count": len(pending)}

    def one_done():
        remaining["count"] -= 1
        if remaining["count"] == 0:
            finish()

    for future in pending:
        future.add_done_callback(one_done)
    return combined


def group_by(rows: Iterable, key: Callable[[Any], Any]) -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped


class ModelByIdLoader(DataLoader):
    """Loads rows of ``model`` by primary key; missing rows load as None."""

    model: Any = None

    def get_queryset(self):
        return self.model.objects.all()

    def batch_load(self, keys):
        rows = self.get_queryset().in_bulk(keys)
        return [rows.get(key) for key in keys]
