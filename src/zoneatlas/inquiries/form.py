"""The inquiry form and its validation.

Every field has a size limit; text that carries markup (``<script``, any HTML tag,
``javascript:`` URLs) or control characters is rejected, not cleaned, so nothing of it is
stored. ``contact`` must be a phone number (mainland mobile, landline with area code, or
international ``+``) or an e-mail address. ``website`` is a honeypot: people never see
it, bots fill it in, and a filled one is rejected. ``parcels`` are checked to exist by the
service.

What is stored is plain text as typed; anything that shows it as HTML must escape it (the
Jinja2 templates autoescape; the CLI prints plain text).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from zoneatlas.policies.project import MAX_WAN, industry_key

MAX_MESSAGE = 2000
MAX_PARCELS = 10

_MARKUP = re.compile(r"<[a-zA-Z/!?]|javascript\s*:|vbscript\s*:|data\s*:\s*text/html", re.I)
#: Bidirectional overrides that can make stored text display other than it reads.
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_INTERNATIONAL = re.compile(r"^\+\d{6,15}$")
_EMAIL = re.compile(
    r"^[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)+$"
)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


def check_text(value: str, *, multiline: bool = False) -> str:
    """``value`` if it holds no markup and no control characters, else ValueError."""
    if _MARKUP.search(value):
        raise ValueError("must not contain markup or script (e.g. <tag>, javascript:)")
    allowed = {"\n", "\r", "\t"} if multiline else set()
    for char in value:
        if char in allowed:
            continue
        if unicodedata.category(char) == "Cc" or char in _BIDI:
            raise ValueError(f"must not contain control characters (U+{ord(char):04X})")
    return value


def check_contact(value: str) -> str:
    """A phone number or an e-mail address (spaces in phone numbers are ignored)."""
    compact = re.sub(r"[\s()]", "", value)
    if _MOBILE.match(compact) or _LANDLINE.match(compact) or _INTERNATIONAL.match(compact):
        return compact
    if "@" in value and len(value) <= 254 and _EMAIL.match(value):
        return value
    raise ValueError(
        "must be a phone number (e.g. 13912345678, 0431-81234567, +8613912345678) "
        "or an e-mail address"
    )


Line = Annotated[str, Field(min_length=1, max_length=100)]


class InquiryForm(BaseModel):
    """What an investor sends; the limits are in the field descriptions."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Line = Field(description="Your name (1–100 characters)")
    organisation: str = Field(default="", max_length=200, description="Company (≤ 200)")
    contact: str = Field(min_length=5, max_length=254, description="Phone number or e-mail address")
    industry: str | None = Field(default=None, max_length=64, description="Industry key or name")
    investment_wan: float | None = Field(
        default=None, ge=0, le=MAX_WAN, allow_inf_nan=False, description="Planned investment, 万元"
    )
    message: str = Field(default="", max_length=MAX_MESSAGE, description="Message (≤ 2000)")
    parcels: list[str] = Field(
        default_factory=list, max_length=MAX_PARCELS, description="Codes of parcels of interest"
    )
    website: str = Field(default="", max_length=200, description="Leave empty (anti-spam)")

    @field_validator("name", "organisation")
    @classmethod
    def _line(cls, value: str) -> str:
        return check_text(value)

    @field_validator("message")
    @classmethod
    def _message(cls, value: str) -> str:
        return check_text(value, multiline=True)

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str) -> str:
        return check_contact(check_text(value))

    @field_validator("industry")
    @classmethod
    def _industry(cls, value: str | None) -> str | None:
        return industry_key(check_text(value) if value else None)

    @field_validator("parcels")
    @classmethod
    def _parcels(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not _CODE.match(code):
                raise ValueError(f"{code[:40]!r} is not a parcel code")
        return list(dict.fromkeys(codes))

    @field_validator("website")
    @classmethod
    def _honeypot(cls, value: str) -> str:
        if value:
            raise ValueError("must be empty")
        return value
