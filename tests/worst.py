"""The most expensive valid inputs: what a hostile caller would send to make the model work hardest.

Every text stays within the API's caps (4,000 characters a message, 12 key points of 500 characters, 64 items).
"""

from __future__ import annotations

import itertools
import string
from typing import Any

MESSAGE_CHARS = 4000
KEY_POINT_CHARS = 500
KEY_POINTS = 12
_SYMBOLS = string.ascii_lowercase + string.digits
_WORD_SYMBOLS = string.ascii_letters + string.digits  # 62³ three-character words: enough for 64 replies


def dense_reply(index: int, chars: int = MESSAGE_CHARS) -> str:
    """One-word sentences of three characters ("aab. aac. ..."): the most units a reply of `chars` splits into,
    each reply (by `index`) with sentences of its own, so a batch shares none."""
    per_reply = chars // 5 + 1
    words = ("".join(w) + "." for w in itertools.product(_WORD_SYMBOLS, repeat=3))
    return " ".join(itertools.islice(words, index * per_reply, (index + 1) * per_reply))[:chars].rstrip()


def token_heavy(salt: str, chars: int) -> str:
    """Single-character words: about one model token for every two characters, the most a text can carry."""
    letters = itertools.cycle(_SYMBOLS)
    text = salt + " " + " ".join(itertools.islice(letters, chars // 2))
    return text[:chars].rstrip()


def heavy_client_message(salt: str, chars: int = MESSAGE_CHARS) -> str:
    """Eight long sentences: the scorer keeps a message's last eight clauses, each as long as possible here."""
    per = chars // 8
    return " ".join(token_heavy(f"{salt}{i}", per - 2) + "." for i in range(8))[:chars]


def worst_item(index: int, tag: str = "") -> dict[str, Any]:
    salt = f"{tag}{index}x"
    return {
        "client_message": heavy_client_message(salt),
        "response": dense_reply(index),
        "key_points": [token_heavy(f"{salt}k{k}", KEY_POINT_CHARS) for k in range(KEY_POINTS)],
    }


def worst_batch(items: int, tag: str = "") -> dict[str, Any]:
    """`items` distinct worst items, so nothing is shared between them."""
    return {"items": [worst_item(i, tag) for i in range(items)]}
