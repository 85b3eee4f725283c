import uuid

from fairscreen.core.ids import new_id


def test_public_ids_are_version_7_uuids_with_the_rfc_variant() -> None:
    identifier = new_id()

    assert identifier.version == 7
    assert identifier.variant == uuid.RFC_4122


def test_public_ids_sort_by_creation_time_across_milliseconds() -> None:
    import time

    earlier = new_id()
    time.sleep(0.002)
    later = new_id()

    assert earlier < later


def test_public_ids_do_not_repeat() -> None:
    assert len({new_id() for _ in range(10_000)}) == 10_000
