"""The inquiry form: size limits, markup and control characters refused, contact checked,
honeypot, parcel codes; and the per-client rate limit."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from zoneatlas.inquiries.form import MAX_MESSAGE, InquiryForm
from zoneatlas.inquiries.ratelimit import RateLimited, SlidingWindowLimiter

pytestmark = pytest.mark.unit
VALID: dict[str, Any] = {
    "name": "张三",
    "organisation": "长春某某科技有限公司",
    "contact": "13912345678",
    "industry": "数字经济",
    "investment_wan": 5000,
    "message": "想了解地块的规划条件。\n请联系。",
    "parcels": ["JY-2020-001", "JY-2020-002"],
}


def refused(**change: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        InquiryForm(**{**VALID, **change})
    errors = caught.value.errors()
    return ".".join(str(p) for p in errors[0]["loc"]) + ": " + errors[0]["msg"]


def test_valid_form() -> None:
    form = InquiryForm(**VALID)
    assert form.industry == "digital_economy"
    assert form.parcels == ["JY-2020-001", "JY-2020-002"]
    assert form.message.endswith("请联系。")


@pytest.mark.parametrize(
    "contact",
    [
        "13912345678",
        "139 1234 5678",
        "0431-81234567",
        "043181234567",
        "+8613912345678",
        "zhang.san@example.com",
        "a+b@mail.example.cn",
    ],
)
def test_contacts_accepted(contact: str) -> None:
    InquiryForm(**{**VALID, "contact": contact})


@pytest.mark.parametrize(
    "contact",
    [
        "12345",
        "1391234567",
        "hello",
        "zhang@",
        "@example.com",
        "a@b",
        "zhang san@example.com",
        "13912345678; DROP TABLE leads",
    ],
)
def test_contacts_refused(contact: str) -> None:
    assert refused(contact=contact).startswith("contact")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "<script>alert(1)</script>"),
        ("name", "张三<img src=x onerror=alert(1)>"),
        ("organisation", "</title><svg/onload=alert(1)>"),
        ("message", "见 <a href='javascript:alert(1)'>链接</a>"),
        ("message", "javascript:alert(document.cookie)"),
        ("message", "<!-- x -->"),
        ("message", "<ScRiPt>x</sCrIpT>"),
    ],
)
def test_markup_is_refused(field: str, value: str) -> None:
    assert "markup" in refused(**{field: value})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "张\x00三"),
        ("name", "张\n三"),
        ("message", "a\x1b[31mred"),
        ("organisation", "abc\u202edcba"),
        ("message", "x\x7f"),
    ],
)
def test_control_characters_are_refused(field: str, value: str) -> None:
    assert "control characters" in refused(**{field: value})


def test_comparisons_in_prose_are_not_markup() -> None:
    InquiryForm(**{**VALID, "message": "预算 < 3000万元, 面积 > 30亩"})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "x" * 101}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"organisation": "x" * 201}, "organisation"),
        ({"message": "x" * (MAX_MESSAGE + 1)}, "message"),
        ({"contact": "x" * 300}, "contact"),
        ({"parcels": [f"P-{i}" for i in range(11)]}, "parcels"),
        ({"parcels": ["../../etc/passwd"]}, "parcels"),
        ({"parcels": ["JY 001"]}, "parcels"),
        ({"investment_wan": -1}, "investment_wan"),
        ({"investment_wan": "lots"}, "investment_wan"),
        ({"investment_wan": float("nan")}, "investment_wan"),
        ({"industry": "steel"}, "industry"),
        ({"website": "http://spam.example"}, "website"),
        ({"admin": True}, "admin"),
    ],
)
def test_bad_fields_are_named(change: dict[str, Any], field: str) -> None:
    assert refused(**change).startswith(field)


def test_message_at_the_limit_is_fine() -> None:
    InquiryForm(**{**VALID, "message": "好" * MAX_MESSAGE})


def test_rate_limit_slides() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(limit=2, window_s=600, clock=lambda: now[0])
    limiter.hit("1.2.3.4")
    now[0] = 100
    limiter.hit("1.2.3.4")
    limiter.hit("5.6.7.8")  # other clients are counted apart
    with pytest.raises(RateLimited) as caught:
        limiter.hit("1.2.3.4")
    assert caught.value.retry_after == 500
    assert caught.value.headers == {"Retry-After": "500"}
    now[0] = 600.5  # the first attempt left the window
    limiter.hit("1.2.3.4")


def test_rate_limit_bounds_the_clients_it_tracks() -> None:
    limiter = SlidingWindowLimiter(limit=1, window_s=600, max_clients=3, clock=lambda: 0.0)
    for n in range(10):
        limiter.hit(f"10.0.0.{n}")
    assert len(limiter._hits) == 3
