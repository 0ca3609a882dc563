"""Texts of the demo's contact records (联系记录), as a clerk would write them: short, plain.

A member's contact with residents says what was asked or raised (by season where the
countryside's year shows: spring ploughing, flood season, autumn harvest, winter); a
standing member's contact with a member is about their duties and what their residents
raise. ``{v}`` is a village, ``{g}`` a group, ``{m}`` the member contacted.
"""

from __future__ import annotations

# Channels (codes of ``ContactChannel``) by weight: residents, and members (一联十)
RESIDENT_CHANNELS = {"visit": 36, "phone": 30, "wechat": 20, "talk": 9, "other": 5}
MEMBER_CHANNELS = {"phone": 38, "wechat": 30, "visit": 17, "talk": 12, "other": 3}

# How each channel's text begins
OPENERS = {
    "visit": ("入户走访，", "到{v}{g}组走访，", "上门走访，", ""),
    "phone": ("电话联系，", "电话回访，", "打电话询问近况，", ""),
    "wechat": ("微信联系，", "通过微信交流，", "微信群里答复，", ""),
    "talk": ("在{v}组织群众座谈，", "召集{v}{g}组群众开院坝会，", "在村文化礼堂座谈，"),
    "other": ("在镇便民服务中心遇到，顺便", "赶集时遇到，", "参加村里活动时，"),
}

# What residents ask or raise, all year round
ALL_YEAR = (
    "了解城乡居民养老保险缴费情况，讲解今年的缴费档次和补贴政策。",
    "询问医保报销和家庭医生签约情况，提醒按时缴纳医保。",
    "反映村口路灯不亮，晚上出行不便。",
    "反映{v}{g}组道路破损，下雨天积水。",
    "了解低保申请的办理进度，告知所需材料。",
    "询问独居老人的身体和生活情况，提醒注意安全。",
    "了解孩子入学和校车接送情况。",
    "宣传防范电信网络诈骗知识，提醒不要轻信陌生来电。",
    "征求对垃圾分类和人居环境整治的意见。",
    "反映河道有垃圾堆积，希望及时清理。",
    "了解农产品销路，介绍电商直播带货培训。",
    "询问危旧房改造进度。",
    "了解外出务工返乡人员的就业意向。",
    "反映村里停车难，希望规划停车位。",
    "询问残疾人两项补贴的申领办法。",
    "了解家里老人的养老服务需求，介绍居家养老服务站。",
    "反映自来水水压不足，高峰时段用水困难。",
    "听取对村务公开和集体经济收益分配的意见。",
    "了解小微企业用工和融资方面的困难。",
    "反映邻里之间宅基地边界纠纷，已劝导双方协商解决。",
)
# … and by season: (months, texts)
SEASONAL = (
    ((3, 4, 5), (
        "询问春耕用水情况，灌溉渠道基本畅通，个别田块缺水。",
        "了解春耕备耕情况，化肥和种子已基本备齐。",
        "反映机耕路需要修整，农机下田不便。",
    )),
    ((6, 7, 8), (
        "提醒汛期注意防范山洪和地质灾害，了解转移避险安排。",
        "宣传防溺水安全知识，提醒看管好暑假在家的孩子。",
        "了解高温天气下老人防暑情况。",
    )),
    ((9, 10, 11), (
        "了解秋收和秋粮收购情况，询问收购价格。",
        "反映秋收后秸秆处理难，希望统一回收。",
        "了解柑橘销售情况，部分农户销路不畅。",
    )),
    ((12, 1, 2), (
        "提醒冬季用火用电安全，检查取暖设施。",
        "了解困难家庭过冬物资准备情况。",
        "了解返乡人员春节前后的出行和就业打算。",
    )),
)  # fmt: skip
RESIDENT_FOLLOW_UPS = (
    "已转村委会处理。",
    "已向镇相关部门反映，等待答复。",
    "下周再电话回访。",
    "已告知办理渠道和所需材料。",
    "整理为社情民意信息报送。",
    "已现场解释相关政策，群众表示理解。",
    "纳入下次委员工作室坐班接待议题。",
)
FOLLOW_UP_ODDS = 0.4

# A standing member's contact with a member of theirs (一联十)
MEMBER_TOPICS = (
    "了解{m}近期履职情况，交流社情民意信息收集工作。",
    "通报县政协近期重点工作，听取{m}的意见建议。",
    "商量下季度联系群众的安排，提醒及时录入联系记录。",
    "和{m}共同研究{v}群众反映的道路和用水问题，商定报送社情民意信息。",
    "就本月委员工作室坐班接待情况交换意见。",
    "了解{m}所联系群众的主要诉求，商定走访重点。",
    "交流提案撰写思路，建议围绕乡村振兴选题。",
    "提醒{m}参加下周的协商议事活动。",
    "了解{m}所在界别近期开展活动的情况。",
)
MEMBER_FOLLOW_UPS = (
    "下月一起走访{v}。",
    "请{m}月底前提交一篇社情民意信息。",
    "相关情况报县政协联络委。",
    "",
)
