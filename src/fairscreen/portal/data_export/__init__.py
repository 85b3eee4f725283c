"""The candidate's copy of all their data, and the reads of their data requests.

PIPL Art. 45: a person may consult and copy their personal information, and have it
transferred to another handler; Art. 50: requests are accepted and handled. The copy is
one JSON document (machine-readable, its shape in docs/data-copy.md) and the same content
as a readable page; evidence files are downloaded one by one. Writes (recording that a
copy was provided, handling requests) live in `portal.services`.
"""

from fairscreen.portal.data_export._copy import FORMAT, STAFF_MASK, DataCopy, data_copy_of
from fairscreen.portal.data_export._files import (
    EvidenceDownload,
    evidence_download,
    evidence_files,
)
from fairscreen.portal.data_export._html import (
    ReadableCopy,
    ReadableEntry,
    ReadableField,
    ReadableSection,
    ReadableStep,
    actor_text,
    readable_copy,
    readable_sections,
)
from fairscreen.portal.data_export._provision import (
    COPY_FORMATS,
    provide_data_copy,
    provide_evidence_file,
)
from fairscreen.portal.data_export._registry import SERIALIZERS, Serializer, serializer_for
from fairscreen.portal.data_export._request_views import (
    DATA_REQUEST_HANDLERS,
    RequestDetail,
    RequestQueue,
    RequestSummary,
    candidate_requests,
    data_request_detail,
    data_request_queue,
)
from fairscreen.portal.data_export._values import ExportContext

__all__ = [
    "COPY_FORMATS",
    "DATA_REQUEST_HANDLERS",
    "FORMAT",
    "SERIALIZERS",
    "STAFF_MASK",
    "DataCopy",
    "EvidenceDownload",
    "ExportContext",
    "ReadableCopy",
    "ReadableEntry",
    "ReadableField",
    "ReadableSection",
    "ReadableStep",
    "RequestDetail",
    "RequestQueue",
    "RequestSummary",
    "Serializer",
    "actor_text",
    "candidate_requests",
    "data_copy_of",
    "data_request_detail",
    "data_request_queue",
    "evidence_download",
    "evidence_files",
    "provide_data_copy",
    "provide_evidence_file",
    "readable_copy",
    "readable_sections",
    "serializer_for",
]
