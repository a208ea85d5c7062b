import gc

import pytest

from annotator.formats.bulk import paused_gc, without_gc


def test_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error_and_left_off_if_it_was_off() -> None:
    @without_gc
    def failing() -> None:
        assert not gc.isenabled()
        raise ValueError("bad row")

    with pytest.raises(ValueError, match="bad row"):
        failing()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
