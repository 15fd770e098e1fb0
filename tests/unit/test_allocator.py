"""The service fixes glibc's allocator thresholds so freed model buffers go back to the system (api/memory.py;
the effect is measured by bench/realdev_memory.py)."""

from __future__ import annotations

import platform

import pytest

from api.memory import return_freed_memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_the_thresholds_are_set_on_glibc() -> None:
    assert return_freed_memory() is True
