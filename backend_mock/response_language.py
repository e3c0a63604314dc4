"""Ordinary JSON answers in the request's language: the server's words in them, never the data.

Refusals are written in the request's language by ``backend_mock.errors.refusal``. A normal answer
goes through its response model, which keeps only the Chinese ``str`` of a ``Msg``; so for a request
that asks for another language, every ``Msg`` made while answering it is remembered
(``i18n.remembering``), and the text fields of the JSON answer (``TEXT_KEYS``: status words,
reasons, window and phase texts...) are written in that language: a remembered ``Msg`` by its
template, a text without parameters through the catalogue. Any other value, and any text that is
neither, is data and stays as it is (docs/backend-messages.md).
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend_mock.i18n import DEFAULT, Msg, negotiate, remembering, render

#: keys of an answer whose values are the server's words
TEXT_KEYS = re.compile(r"^(message|text|title|reason|detail|hint|slot_label|[a-z_]+_text)$")


def translate(value: Any, language: str, spoken: dict[str, Msg], key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: translate(v, language, spoken, k) for k, v in value.items()}
    if isinstance(value, list):
        return [translate(v, language, spoken, key) for v in value]
    if isinstance(value, str) and key is not None and TEXT_KEYS.match(key):
        msg = spoken.get(value)
        return render(value if msg is None else msg, language)
    return value


class ResponseLanguage:
    """ASGI middleware: JSON answers to a request that asks for English are written in English."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        language = negotiate(Headers(scope=scope).get("accept-language"))
        if language == DEFAULT:
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if Headers(raw=message["headers"]).get("content-type", "").startswith("application/json"):
                    start = message  # held until the whole body is here
                    return
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(chunks)
                try:
                    data = translate(json.loads(body), language, spoken)
                    body = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
                except ValueError:
                    pass  # not JSON after all: as it was
                headers = MutableHeaders(raw=list(start["headers"]))
                headers["content-length"] = str(len(body))
                headers.setdefault("content-language", language)
                await send({**start, "headers": headers.raw})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        with remembering() as spoken:
            await self.app(scope, receive, rewrite)
