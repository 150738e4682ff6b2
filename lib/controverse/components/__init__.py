"""spaCy components of the controverse pipelines (registered with ``@Language.factory``).

- ``controverse_actors`` (before ``ner``): registry actor mentions;
- ``controverse_linker`` (after ``ner``): unlinked NER PER/ORG mentions, linked when safe;
- ``controverse_quotes``: direct and reported quotes with speakers;
- ``controverse_stance``: statements (actor, target, stance, cue, evidence);
- ``controverse_dates``: temporal expressions resolved against the document date.

Importing this package registers the factories and the ``Doc._`` extensions.
"""

from controverse.components import actors, dates, quotes, stance  # noqa: F401
from controverse.components.common import register_extensions

register_extensions()
