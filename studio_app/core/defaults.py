"""Initial contents of the editable code lists (docs/DATA.md "Editable code lists")."""

from __future__ import annotations

from studio_app.core.codes import CodeListKind

SECTORS = (
    "中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "无党派人士",
    "共青团", "工会", "妇联", "工商联", "科协", "台联", "侨联", "文艺界", "科技界", "社科界",
    "经济界", "农业界", "教育界", "体育界", "医卫界", "社会福利和社会保障界", "少数民族界",
    "宗教界", "特别邀请人士",
)  # fmt: skip

ISSUE_CATEGORIES = (
    "经济发展", "农业农村", "城乡建设与管理", "生态环境", "教育", "医疗卫生", "社会保障",
    "劳动就业", "交通出行", "矛盾纠纷", "法律咨询", "政策咨询", "其他",
)  # fmt: skip

PROPOSAL_CATEGORIES = (
    "规划建设",
    "工交",
    "农林水",
    "科教文卫",
    "民政保障",
    "财政金融商务",
    "党群综合",
)

HANDLING_UNITS = (
    "县住建局", "县交通运输局", "县农业农村局", "县自然资源局", "县生态环境局", "县教育局",
    "县卫健委", "县人社局", "县民政局", "县医保局", "县水利局", "县市场监管局", "县司法局",
    "镇人民政府", "镇综治中心", "县供电公司",
)  # fmt: skip

ACTIVITY_KINDS = (
    "四下乡·科技",
    "四下乡·文化",
    "四下乡·卫生",
    "四下乡·就业信息",
    "界别活动",
    "读史讲史用史",
    "视察",
    "调研",
    "民主评议",
    "暗访",
    "专项监督",
    "学习培训",
    "会议",
    "开门协商",
    "民主听证",
    "其他",
)  # fmt: skip  (migration 0009 seeds them into databases made before the list existed)

CODE_LISTS: dict[CodeListKind, tuple[str, ...]] = {
    CodeListKind.SECTOR: SECTORS,
    CodeListKind.ISSUE_CATEGORY: ISSUE_CATEGORIES,
    CodeListKind.PROPOSAL_CATEGORY: PROPOSAL_CATEGORIES,
    CodeListKind.HANDLING_UNIT: HANDLING_UNITS,
    CodeListKind.ACTIVITY_KIND: ACTIVITY_KINDS,
}
