"""Named contacts of the demo zone: one for the zone, one per functional area and one for
the largest available parcel of each area (项目专员). Every name, phone number and e-mail
address is **synthetic** (示意): the numbers follow the local pattern 0431-8xxxxxxx but are
not real lines, and the addresses use the reserved domain example.com (RFC 2606).
"""

from __future__ import annotations

from zoneatlas.parcels.model import Parcel
from zoneatlas.records import Contact, FunctionalArea

NOTE_ZH = "示意联系人:姓名、电话与邮箱均为虚构,请勿拨打或发送"
NOTE_EN = "Illustrative contact: name, phone and e-mail are fictitious; do not call or write"
BUREAU_ZH = "净月高新区投资促进局"
BUREAU_EN = "Jingyue Investment Promotion Bureau"

#: area code → (name_zh, name_en, phone suffix, e-mail user); "" is the zone-wide contact.
_PEOPLE: dict[str, tuple[str, str, str, str]] = {
    "": ("王晓明(示意)", "Wang Xiaoming (illustrative)", "0000100", "invest"),
    "film_core": ("李雪(示意)", "Li Xue (illustrative)", "0000201", "film-core"),
    "digital": ("张伟(示意)", "Zhang Wei (illustrative)", "0000202", "digital"),
    "health_valley": ("刘芳(示意)", "Liu Fang (illustrative)", "0000203", "health-valley"),
}
_OFFICERS: tuple[tuple[str, str], ...] = (
    ("陈静(示意)", "Chen Jing (illustrative)"),
    ("赵磊(示意)", "Zhao Lei (illustrative)"),
    ("孙悦(示意)", "Sun Yue (illustrative)"),
)


def _contact(
    name: tuple[str, str], role: tuple[str, str], suffix: str, user: str, **where: str
) -> Contact:
    return Contact(
        name_zh=name[0],
        name_en=name[1],
        role_zh=role[0],
        role_en=role[1],
        phone=f"0431-8{suffix}",
        email=f"{user}@example.com",
        note_zh=NOTE_ZH,
        note_en=NOTE_EN,
        synthetic=True,
        **where,
    )


def demo_contacts(areas: list[FunctionalArea], parcels: list[Parcel]) -> list[Contact]:
    """The zone's general contact, one per functional area, and a project officer for the
    largest available parcel of each area (ties by code)."""
    zh, en, suffix, user = _PEOPLE[""]
    contacts = [
        _contact(
            (zh, en), (f"{BUREAU_ZH}招商专员", f"Investment officer, {BUREAU_EN}"), suffix, user
        )
    ]
    for area in areas:
        zh, en, suffix, user = _PEOPLE.get(area.code, _PEOPLE[""])
        role = (f"{area.name_zh}招商负责人", f"Investment lead, {area.name_en}")
        contacts.append(_contact((zh, en), role, suffix, user, functional_area=area.code))
    for n, area in enumerate(areas[: len(_OFFICERS)]):
        offered = [p for p in parcels if p.functional_area == area.code and p.status == "available"]
        if not offered:
            continue
        largest = max(offered, key=lambda p: (p.area_m2, p.code))
        role = (f"{largest.code}地块项目专员", f"Project officer for parcel {largest.code}")
        contacts.append(
            _contact(
                _OFFICERS[n],
                role,
                f"00003{n + 1:02d}",
                f"officer{n + 1}",
                functional_area=area.code,
                parcel_code=largest.code,
            )
        )
    return contacts
