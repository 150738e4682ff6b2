"""Extraction engines beyond the local ``nlp.pipe``: a Dask engine for a cluster.

``run_dask`` runs the extraction's own per-batch function on a dask.distributed cluster (a
LocalCluster of worker processes when no scheduler address is given) and streams each
document's result back to a client-side callback (the annotation store's put) as
partitions complete. Documents are partitioned lazily and only a bounded number of
partitions is in flight at a time, so client memory follows the partition size, not the
corpus size. A partition whose worker dies is run again (Dask's own rescheduling, task
retries, then a client-side resubmission), so every document is delivered; the store's put
is idempotent (keyed by content hash and pipeline fingerprint), so a repeated delivery
never duplicates a row.
"""

from __future__ import annotations

import functools
import itertools
import logging
import math
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 16


@dataclass
class DaskRunStats:
    """What a Dask run did: counts and timings, for logs and the benchmark."""

    partitions: int = 0
    documents: int = 0
    resubmitted: int = 0
    startup_seconds: float = 0.0
    seconds: float = 0.0
    scheduler: str = ""
    workers: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def partitions(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most ``size`` records, read lazily from ``records``."""
    if size < 1:
        raise ValueError(f"partition_size must be >= 1 (got {size})")
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _worker_plugin(setup: Callable[[], Any]):
    """A WorkerPlugin calling ``setup()`` once on every worker, including restarted ones."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class _Setup(WorkerPlugin):
        name = "controverse-setup"

        def __init__(self, function):
            self.function = function

        def setup(self, worker):
            self.function()

    return _Setup(setup)


def start_local_cluster(n_workers: int = 2, *, memory_limit: str | float = "auto", **kwargs):
    """A LocalCluster of ``n_workers`` single-threaded worker processes (spaCy releases the
    GIL too rarely for threads to help), dashboard off."""
    from distributed import LocalCluster

    options = {
        "n_workers": n_workers,
        "threads_per_worker": 1,
        "processes": True,
        "dashboard_address": None,
        "memory_limit": memory_limit,
    }
    options.update(kwargs)
    return LocalCluster(**options)


def run_dask(
    records: Iterable[Any],
    *,
    on_result: Callable[[Any], Any],
    extract_partition: Callable[[Sequence[Any]], Iterable[Any]] | None = None,
    lang: str = "fr",
    model: str | None = None,
    scheduler: Any = None,
    n_workers: int = 2,
    partition_size: int | None = None,
    max_in_flight: int | None = None,
    retries: int = 2,
    resubmit_limit: int = 3,
    worker_setup: Callable[[], Any] | None = None,
    cluster_options: dict[str, Any] | None = None,
    progress: Callable[[int], Any] | None = None,
) -> DaskRunStats:
    """Run ``extract_partition`` over ``records`` on Dask; call ``on_result`` per result.

    ``records`` is read lazily in partitions of ``partition_size``; each partition is
    submitted as one task calling ``extract_partition(partition)`` on a worker, which
    returns one result per document (the worker's spaCy pipeline is cached per process,
    e.g. by ``controverse.nlp.load``; ``worker_setup`` can preload it). The default
    ``extract_partition`` is ``controverse.extract.extract_records`` for ``lang`` and
    ``model``. ``partition_size`` defaults to 16 documents, fewer for a small sized
    ``records`` so that every worker gets work (at least 2 partitions each). As partitions
    complete, in whatever order, every result is handed to ``on_result`` in the client:
    only ``max_in_flight`` partitions (default 2 × workers) exist at a time.

    ``scheduler``: None for a LocalCluster of ``n_workers`` processes (closed at the end),
    an address string (``tcp://host:8786``) for an existing cluster, or a
    ``distributed.Client`` to reuse. Both functions must be picklable by the workers (module
    functions of an installed package, or registered with
    ``cloudpickle.register_pickle_by_value``).

    A partition whose worker dies is rescheduled by Dask; one that still fails with
    ``KilledWorker`` is resubmitted up to ``resubmit_limit`` times; an exception raised by
    ``extract_partition`` is retried ``retries`` times, then re-raised here. Returns
    a ``DaskRunStats``.
    """
    from distributed import Client, KilledWorker, as_completed

    if extract_partition is None:
        from controverse.extract import extract_records

        extract_partition = functools.partial(extract_records, lang=lang, model=model)
    stats = DaskRunStats()
    started = time.perf_counter()
    cluster = None
    own_client = False
    if isinstance(scheduler, Client):
        client = scheduler
    elif scheduler:
        client = Client(str(scheduler))
        own_client = True
    else:
        cluster = start_local_cluster(n_workers, **(cluster_options or {}))
        client = Client(cluster)
        own_client = True
    try:
        if worker_setup is not None:
            plugin = _worker_plugin(worker_setup)
            if hasattr(client, "register_plugin"):
                client.register_plugin(plugin)
            else:  # distributed < 2023.9
                client.register_worker_plugin(plugin)
        stats.scheduler = client.scheduler.address
        stats.workers = len(client.scheduler_info(n_workers=-1)["workers"]) or n_workers
        stats.startup_seconds = time.perf_counter() - started
        limit = max_in_flight or 2 * max(stats.workers, 1)
        if partition_size is None:
            partition_size = DEFAULT_PARTITION_SIZE
            if isinstance(records, Sized) and len(records):
                per_worker = math.ceil(len(records) / (2 * max(stats.workers, 1)))
                partition_size = max(1, min(partition_size, per_worker))
        stats.extra["partition_size"] = partition_size
        run_id = uuid.uuid4().hex[:8]
        batches = enumerate(partitions(records, partition_size))
        pending: dict[Any, tuple[int, list[Any], int]] = {}
        completed = as_completed(loop=client.loop)  # not the default client's loop

        def submit(index: int, batch: list[Any], attempt: int) -> None:
            future = client.submit(
                extract_partition,
                batch,
                key=f"controverse-extract-{run_id}-{index}-{attempt}",
                retries=retries,
                pure=False,
            )
            pending[future] = (index, batch, attempt)
            completed.add(future)

        for index, batch in itertools.islice(batches, limit):
            submit(index, batch, 0)
        try:
            for future in completed:
                index, batch, attempt = pending.pop(future)
                try:
                    results = future.result()
                except KilledWorker:
                    if attempt >= resubmit_limit:
                        raise
                    log.warning("partition %d lost its worker; resubmitting", index)
                    stats.resubmitted += 1
                    submit(index, batch, attempt + 1)
                    continue
                finally:
                    future.release()
                stats.partitions += 1
                for result in results:
                    on_result(result)
                    stats.documents += 1
                del results, batch
                if progress is not None:
                    progress(stats.documents)
                following = next(batches, None)
                if following is not None:
                    submit(*following, 0)
        except BaseException:
            client.cancel(list(pending), force=True)
            raise
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    stats.seconds = time.perf_counter() - started
    return stats
