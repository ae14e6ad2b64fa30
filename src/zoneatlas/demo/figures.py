"""Published figures of 净月高新区's 2020, from the Changchun Daily report of 2021-01-12.

Every value here is copied from the report text (``seed/000_81f701779bca85e9.txt``) with
its unit as printed; the report's "2000余万元" (over 20 million yuan) is stored as its lower
bound, 2000 万元, and says so in the indicator's name.
"""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry

from zoneatlas.records import Indicator, Zone

REPORT_SOURCE = "长春日报 2021-01-12"
REPORT_TITLE = "长春日报 2021-01-12《净月高新区:奋斗为笔 书写高质量发展答卷》"
YEAR = 2020

ZONE_SLUG = "jingyue-2020"
ZONE_NAME_ZH = "长春净月高新技术产业开发区"
ZONE_NAME_EN = "Changchun Jingyue High-tech Industrial Development Zone"

NOTICE_ZH = (
    "演示数据。以下内容取自长春日报2021年1月12日报道《净月高新区:奋斗为笔 书写高质量发展答卷》:"
    "2020年主要指标、“这一年的高光时刻”大事记、328个重点招商引资地块的数量、"
    "两次打破长春市土拍单价纪录的成交单价(6830元/平方米、7214元/平方米),"
    "以及报道点名的功能区、发展轴、企业、学校、医院和场馆的名称。"
    "边界、功能区、道路、水系等全部几何,地块的规划条件、状态与价格,企业及其位置,"
    "以及其他数字均为示意(合成)数据,不代表实际规划或权属。"
)
NOTICE_EN = (
    "Demo data. From the Changchun Daily report of 12 January 2021 (净月高新区:奋斗为笔 "
    "书写高质量发展答卷): the 2020 indicators, the timeline of the year's highlights, the "
    "count of 328 key investment parcels, the two record land auction unit prices (6830 "
    "and 7214 yuan/m²) and the names of the functional areas, development axes, firms, "
    "schools, hospitals and venues the report mentions. All geometry (boundary, functional "
    "areas, roads, water), the parcels' planning conditions, status and prices, the "
    "enterprises and their locations, and every other figure are illustrative (synthetic) "
    "and do not represent actual plans or ownership."
)

# Units as the report prints them, with their English.
YI = ("亿元", "100 million yuan")
WAN = ("万元", "10,000 yuan")
FIRMS_HU = ("户", "firms")
FIRMS_JIA = ("家", "firms")
PEOPLE = ("人", "people")
PROJECTS = ("个", "projects")
PCT = ("%", "%")
KM = ("公里", "km")
WAN_M2 = ("万平方米", "10,000 m²")
YUAN_M2 = ("元/平方米", "yuan/m²")

# key, name_zh, name_en, value, (unit_zh, unit_en), year-on-year growth in percent.
_INDICATORS: tuple[tuple[str, str, str, float, tuple[str, str], float | None], ...] = (
    ("fiscal_revenue_total", "全口径财政收入", "Total fiscal revenue", 60.1, YI, 17.5),
    ("fiscal_revenue_local", "地方级财政收入", "Local fiscal revenue", 12.7, YI, 26.8),
    ("industrial_output_above_scale", "规上工业总产值",
     "Gross industrial output above designated size", 125.3, YI, 9.18),
    ("new_high_tech_enterprises", "新增高新技术企业", "New high-tech enterprises", 93,
     FIRMS_HU, None),
    ("provincial_little_giants", "获批省级小巨人企业",
     "Provincial 'little giant' firms approved", 16, FIRMS_HU, None),
    ("municipal_little_giants", "获批市级小巨人企业",
     "Municipal 'little giant' firms approved", 16, FIRMS_HU, None),
    ("national_maker_spaces", "国家级众创空间", "National maker spaces", 2, FIRMS_JIA, None),
    ("provincial_incubators", "省级孵化器", "Provincial incubators", 1, FIRMS_JIA, None),
    ("projects_signed", "集中签约项目", "Projects signed", 99, PROJECTS, None),
    ("signed_amount", "签约总额", "Total amount signed", 1272, YI, None),
    ("projects_planned_50m", "计划开复工5000万元以上项目",
     "Projects over 50 million yuan planned to start", 121, PROJECTS, None),
    ("projects_started", "实际开复工项目", "Projects started", 170, PROJECTS, None),
    ("start_rate", "开复工率", "Project start rate", 140, PCT, None),
    ("outbound_promotion_trips", "“走出去”招商", "Outbound investment promotion trips", 77,
     ("次", "trips"), None),
    ("firms_visited", "拜访企业", "Firms visited", 220, FIRMS_JIA, None),
    ("inbound_delegations", "“请进来”招商团体", "Investor delegations received", 386,
     ("个", "groups"), None),
    ("head_firms_digital_park", "数字经济产业园入驻头部企业",
     "Head firms in the Digital Economy Industrial Park", 13, FIRMS_JIA, None),
    ("infrastructure_investment", "全年基础设施投资", "Infrastructure investment", 25.4, YI,
     None),
    ("urban_roads_built", "建设城市道路", "Urban roads built", 40, ("条", "roads"), None),
    ("rural_roads_km", "建设“四好农村路”", "'Four good' rural roads built", 46.7, KM, None),
    ("ring_road_km", "建成净莲三环路", "Jinglian Third Ring Road completed", 11.5, KM, None),
    ("pipelines_km", "铺设管线", "Pipelines laid", 92, KM, None),
    ("telecom_lines_km", "新建、迁改和更新网络通信线路", "Telecom lines built or renewed", 30,
     KM, None),
    ("houses_expropriated", "征收房屋", "Houses expropriated", 2455, ("户", "households"),
     None),
    ("land_expropriated_ha", "征收土地", "Land expropriated", 1003, ("公顷", "ha"), None),
    ("guidance_fund", "产业引导投资母基金", "Industry guidance fund of funds", 2, YI, None),
    ("relief_funds", "发放扶持资金(2000余万元)", "Relief funds paid (over 20 million yuan)",
     2000, WAN, None),
    ("enterprises_supported", "扶持资金惠及企业", "Firms receiving relief funds", 33,
     FIRMS_JIA, None),
    ("enterprises_resumed", "指导复工复产复学单位", "Units guided to resume work and school",
     981, FIRMS_JIA, None),
    ("approval_items", "区本级审批业务(“只跑一次率”100%)",
     "District approval items (all in one visit)", 584, ("项", "items"), None),
    ("new_school_places", "新增优质义务教育学位", "New compulsory-education school places",
     7435, ("个", "places"), None),
    ("new_school_enrolment", "适龄儿童入学", "School-age children enrolled", 7039,
     ("名", "children"), None),
    ("new_community_health_centres", "新建公立社区卫生服务中心",
     "New public community health centres", 7, FIRMS_JIA, None),
    ("new_public_green", "新增公共绿地", "New public green space", 230, WAN_M2, None),
    ("new_parks", "新建公园", "New parks", 76, WAN_M2, None),
    ("urban_green_ratio", "城市绿化率", "Urban green ratio", 42.5, PCT, None),
    ("new_urban_jobs", "城镇新增就业", "New urban jobs", 4687, PEOPLE, None),
    ("new_pension_insured", "城乡居民养老保险新增", "New rural and urban pension insured",
     1374, PEOPLE, None),
    ("rural_toilets_upgraded", "完成农改厕改造", "Rural toilets upgraded", 5612,
     ("户", "households"), None),
    ("key_hamlets_upgraded", "重点屯人居环境提升", "Key hamlets upgraded", 35,
     ("个", "hamlets"), None),
    ("record_land_price_1", "土拍单价纪录(第一次)", "Record land auction unit price (first)",
     6830, YUAN_M2, None),
    ("record_land_price_2", "土拍单价纪录(第二次)", "Record land auction unit price (second)",
     7214, YUAN_M2, None),
)  # fmt: skip


def indicators() -> list[Indicator]:
    """The 2020 indicators as published (``synthetic=False``), grouped by topic: economy,
    firms, investment, infrastructure, land, support, services, livelihood, land prices."""
    return [
        Indicator(
            year=YEAR,
            key=key,
            name_zh=name_zh,
            name_en=name_en,
            value=float(value),
            unit_zh=unit[0],
            unit_en=unit[1],
            yoy_pct=yoy,
            source=REPORT_SOURCE,
            synthetic=False,
        )
        for key, name_zh, name_en, value, unit, yoy in _INDICATORS
    ]


def zone_record(boundary_lonlat: BaseGeometry, metric_epsg: int) -> Zone:
    """The zone record; ``boundary_lonlat`` is its boundary in EPSG:4326."""
    return Zone(
        slug=ZONE_SLUG,
        name_zh=ZONE_NAME_ZH,
        name_en=ZONE_NAME_EN,
        boundary=boundary_lonlat,
        metric_epsg=metric_epsg,
        source=REPORT_TITLE,
        notice_zh=NOTICE_ZH,
        notice_en=NOTICE_EN,
    )
