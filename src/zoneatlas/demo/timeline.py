"""The dated highlights of 2020 from the report's section "这一年的 高光时刻", summarised in
Chinese and translated faithfully into English."""

from __future__ import annotations

import datetime as dt

from zoneatlas.demo.figures import REPORT_SOURCE
from zoneatlas.records import TimelineEvent

# date, title_zh, title_en, body_zh, body_en
_EVENTS: tuple[tuple[dt.date, str, str, str, str], ...] = (
    (
        dt.date(2020, 1, 4), "净月论坛如期举行", "Jingyue Forum held",
        "净月论坛举行,设影视产业发展、吉浙合作经济发展、生物医药与大健康产业发展三个分论坛,"
        "谋划影视新兴产业布局,推动吉浙对口合作,探讨生物医药大健康产业发展之路。",
        "The Jingyue Forum took place with sessions on the film industry, Jilin-Zhejiang "
        "economic cooperation, and biomedicine and health, planning the layout of new film "
        "industries, deepening the paired cooperation and discussing the health industry.",
    ),
    (
        dt.date(2020, 1, 5), "瓦萨国际滑雪节项目签约", "Vasaloppet ski festival signing",
        "2020长春净月潭瓦萨国际滑雪节项目签约仪式举行,敲定合作项目23个,签约总额816.6亿元,"
        "实现全市新一年招商引资“开门红”。",
        "At the signing ceremony of the 2020 Changchun Jingyuetan Vasaloppet International "
        "Ski Festival, 23 cooperation projects worth 81.66 billion yuan were agreed, a strong "
        "start to the city's investment promotion for the new year.",
    ),
    (
        dt.date(2020, 2, 25), "出台抗疫情稳经济十条措施",
        "Ten measures against the epidemic's economic impact",
        "出台《净月高新区抗疫情稳经济十条措施》,从稳定经营、减轻负担、财政金融保障、优化服务"
        "四方面提出10条举措,帮助企业渡过难关。",
        "The zone issued ten measures to fight the epidemic and stabilise the economy, in "
        "four areas: keeping firms operating, easing their burdens, fiscal and financial "
        "support, and better services, to help firms through the crisis.",
    ),
    (
        dt.date(2020, 3, 12), "百万级口罩产能基地落成", "Million-mask production base completed",
        "百万级口罩产能基地成功落成:9天建厂、21天扩产,从试生产到落地仅用30天,"
        "缓解了防疫物资紧缺的压力。",
        "A production base for a million masks was completed: the plant was built in 9 days "
        "and expanded in 21, 30 days from trial production to full base, easing the shortage "
        "of epidemic supplies.",
    ),
    (
        dt.date(2020, 4, 12), "长春国际影都影视基地开工",
        "Construction of the Film Capital film base starts",
        "长春市“三早”项目集中开工暨长春国际影都影视基地开工仪式在净月高新区举行,"
        "影视基地项目按下“快进键”。",
        "Changchun's collective start of early projects and the groundbreaking of the "
        "Changchun International Film Capital film base were held in the zone, putting the "
        "film base project on fast forward.",
    ),
    (
        dt.date(2020, 4, 29), "携手东北师大共建慧泽学校",
        "Huize School founded with Northeast Normal University",
        "净月高新区携手东北师大,再添一所优质学校——慧泽学校,以高质量教育支撑高质量发展。",
        "Together with Northeast Normal University the zone added another quality school, "
        "Huize School, supporting high-quality development with high-quality education.",
    ),
    (
        dt.date(2020, 5, 18), "伪满皇宫博物院获评全国最具创新力博物馆",
        "Museum of the Imperial Palace of Manchukuo named most innovative museum",
        "伪满皇宫博物院获中国博物馆协会颁发“全国最具创新力博物馆”称号,是目前东北唯一获此称号的"
        "文博馆。",
        "The Museum of the Imperial Palace of Manchukuo received the Chinese Museums "
        "Association's title of most innovative museum in China, the only museum in the "
        "Northeast so far to hold it.",
    ),
    (
        dt.date(2020, 6, 24), "“净月投资合作热力图”正式上线",
        "Jingyue Investment Cooperation Heat Map launched",
        "“净月投资合作热力图”正式上线,为投资者和企业提供透明、便捷、稳定的预期和资讯,"
        "拓宽“线上+线下”招商渠道。",
        "The Jingyue Investment Cooperation Heat Map went online, giving investors and firms "
        "transparent, convenient and stable information and expectations, and widening the "
        "zone's online and offline investment channels.",
    ),
    (
        dt.date(2020, 6, 27), "“金胶卷”长春国际影都展示中心投入使用",
        "'Golden Film Roll' Film Capital exhibition centre opens",
        "“金胶卷”璀璨绽放,长春国际影都展示中心投入使用,长春国际影都板块建设紧锣密鼓推进。",
        "The 'Golden Film Roll', the Changchun International Film Capital exhibition centre, "
        "opened as construction of the Film Capital sector, one of Changchun's four "
        "development sectors, pressed ahead.",
    ),
    (
        dt.date(2020, 6, 27), "制定城乡融合发展试验区建设实施方案",
        "Plan for the national urban-rural integration pilot zone",
        "制定《净月高新区推进国家城乡融合发展试验区建设实施方案》,投资近7亿元提升35个重点屯的"
        "人居环境和基础设施,经验被央视新闻联播等媒体报道。",
        "The zone adopted its plan for building the national urban-rural integration pilot "
        "zone and invested nearly 700 million yuan in the living environment and "
        "infrastructure of 35 key hamlets; CCTV's Xinwen Lianbo and others reported on it.",
    ),
    (
        dt.date(2020, 9, 5), "第十五届中国长春电影节启动",
        "15th China Changchun Film Festival opens",
        "第十五届中国长春电影节在净月潭国家森林公园正式启动,长春国际影都板块集体亮相。",
        "The 15th China Changchun Film Festival opened in Jingyuetan National Forest Park, "
        "where the Changchun International Film Capital sector presented itself.",
    ),
    (
        dt.date(2020, 9, 6), "长春国际影都项目集中签约",
        "Collective signing of Film Capital projects",
        "长春国际影都项目集中签约107个项目,合同金额1484亿元,其中10亿元以上大项目占签约总额的"
        "92%,三大主导产业项目占84%;同时发布影视产业政策白皮书。",
        "107 projects worth 148.4 billion yuan were signed for the Changchun International "
        "Film Capital; projects over 1 billion yuan made up 92% of the amount and the three "
        "leading industries 84%. The film industry policy white paper was also released.",
    ),
    (
        dt.date(2020, 9, 13), "网红经济先行试验区落子净月",
        "Influencer economy pilot zone set up in Jingyue",
        "吉林(长春)网红经济先行试验区落子净月高新区,区里制定支持网红经济产业发展的若干政策,"
        "发挥其提振消费的作用。",
        "The Jilin (Changchun) influencer economy pilot zone was set up in the zone, which "
        "adopted policies to support the influencer economy and use it to boost consumption.",
    ),
    (
        dt.date(2020, 10, 11), "长春吉浙数字经济发展峰会开启",
        "Changchun Jilin-Zhejiang Digital Economy Summit opens",
        "长春吉浙数字经济发展峰会暨2020数字新浙商长春行活动开启,促进吉浙两省在数字经济领域的合作。",
        "The Changchun Jilin-Zhejiang Digital Economy Development Summit and the 2020 "
        "'Digital New Zhejiang Merchants in Changchun' event opened, furthering the two "
        "provinces' cooperation in the digital economy.",
    ),
    (
        dt.date(2020, 11, 25), "王淇萱获评全国“新时代好少年”",
        "Wang Qixuan honoured as a national Good Youth of the New Era",
        "2020年全国“新时代少年”王淇萱颁奖仪式举行,吉林省首位全国“新时代好少年”花开净月。",
        "The award ceremony for Wang Qixuan, a 2020 national Good Youth of the New Era and the "
        "first from Jilin province, was held in Jingyue.",
    ),
    (
        dt.date(2020, 12, 29), "第十九届瓦萨国际滑雪节开启",
        "19th Jingyuetan Vasaloppet ski festival opens",
        "第七届全国大众冰雪季、第十九届长春净月潭瓦萨国际滑雪节开启,冰雪释放魅力,"
        "吸引更多人来到净月。",
        "The 7th National Mass Ice and Snow Season and the 19th Changchun Jingyuetan "
        "Vasaloppet International Ski Festival opened, drawing more people to Jingyue.",
    ),
)  # fmt: skip


def timeline() -> list[TimelineEvent]:
    """The 16 dated events of 2020 in date order, sourced to the report."""
    return [
        TimelineEvent(
            date=date,
            title_zh=title_zh,
            title_en=title_en,
            body_zh=body_zh,
            body_en=body_en,
            source=REPORT_SOURCE,
        )
        for date, title_zh, title_en, body_zh, body_en in _EVENTS
    ]
