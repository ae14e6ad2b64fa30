"""The few protocol-buffer primitives the vector tile format needs, vectorized where the
volume is (geometry command streams)."""

from __future__ import annotations

import struct
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray


@lru_cache(maxsize=1 << 16)
def varint(value: int) -> bytes:
    """One unsigned varint (cached: tiles repeat the same small lengths and tags)."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(values: NDArray[np.int64]) -> NDArray[np.uint64]:
    """Zigzag-encode signed integers (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...)."""
    return ((values << 1) ^ (values >> 63)).astype(np.uint64)


def varints(values: NDArray[np.uint64]) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    """Varint-encode an array; return the bytes and the byte length of each value."""
    values = values.astype(np.uint64, copy=False)
    lengths = np.ones(values.shape, dtype=np.int64)
    for shift in (7, 14, 21, 28, 35):
        lengths += values >= (np.uint64(1) << np.uint64(shift))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    out = np.empty(int(lengths.sum()), dtype=np.uint8)
    for k in range(int(lengths.max(initial=1))):
        present = lengths > k
        byte = (values[present] >> np.uint64(7 * k)) & np.uint64(0x7F)
        more = lengths[present] > k + 1
        out[starts[present] + k] = (byte | (more.astype(np.uint64) << np.uint64(7))).astype(
            np.uint8
        )
    return out, lengths


def field(number: int, payload: bytes) -> bytes:
    """A length-delimited field (wire type 2)."""
    return varint((number << 3) | 2) + varint(len(payload)) + payload


def value_message(value: object) -> bytes:
    """A vector tile ``Value``: string, bool, sint64 or double."""
    if isinstance(value, bool):
        return varint((7 << 3) | 0) + varint(int(value))
    if isinstance(value, int):
        return varint((6 << 3) | 0) + varint((value << 1) ^ (value >> 63))
    if isinstance(value, float):
        return varint((3 << 3) | 1) + struct.pack("<d", value)
    return field(1, str(value).encode("utf-8"))
