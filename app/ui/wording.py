"""Turning the model's one-line messages into sentences for dialogs and the message bar."""

from __future__ import annotations


def sentence(message: str) -> str:
    """A capital letter and a full stop; a leading file name or path keeps its case."""
    message = " ".join(str(message).split()) or "Something went wrong"
    first = message.split(" ", 1)[0]
    if first.isalpha():
        message = message[0].upper() + message[1:]
    return message if message[-1] in ".!?" else f"{message}."
