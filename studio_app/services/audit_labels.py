"""The labels the audit log is read with: actions, record types, keys and coded values.

Workflow steps come from the kinds' declarations (``Transition.label``), fields from their
``Field.label``; these tables cover the rest, everything the services audit besides. An
action, type or key missing here reads as stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.services import accounts, exchange_conflicts, site

# Every action the services audit, for any record type. A kind's workflow steps are labelled
# by the kind's declaration first (:func:`action_label`): the same action can read
# differently per kind (a visit's "close" is 办结, an interview's 结束访谈).
ACTIONS = {
    "create": "新建",
    "update": "修改",
    "delete": "删除",
    "restore": "恢复",
    "refused": "被拒绝",
    "setup": "初始设置",
    "export": "导出数据包",
    "import": "导入数据包",
    "import_waiting": "导入等待中的数据",
    "import_create": "导入新建",  # a record a package brought (``received.audit_rows``)
    "import_update": "导入更新",
    "import_delete": "导入删除",
    "import_keep_local": "导入冲突：保留本机版本",
    "import_keep_incoming": "导入冲突：采用文件中的版本",
    "resolve_conflict": "处理导入冲突",
    "pin": "登记发送单位",
    "forget": "取消登记发送单位",
    "print_unmasked": "打印（未遮蔽）",
    "export_unmasked": "导出（未遮蔽）",
    "reset_password": "重设密码",
    "recover": "用恢复密钥重设密码",
    "recovery_key": "更换恢复密钥",
    "login": "登录",
    "logout": "退出登录",
    "login_failed": "登录失败",
    "merge": "合并重复的群众",
    "merge_undo": "撤销合并",
    "repair_residents": "补回来访群众",
    "purge": "清理过期数据",
    "demo": "生成演示数据",
    "submit": "报送",
    "review": "审查",
    "assign": "交办",
    "reply": "登记答复",
    "adopt": "登记采用情况",
    "instruct": "登记领导批示",
    "designate": "评定重点/优秀提案",
    # The visit workflow's steps, for an entry whose kind is no longer declared:
    "refer": "转办",
    "start": "开始办理",
    "feed_back": "反馈",
    "reopen": "重新办理",
    "close": "办结",
}

# Record types that are not declared kinds (those read their kind's label).
RECORD_TYPES = {
    "site": "本单位信息",
    "user": "用户",
    "package": "数据包",
    "code_item": "代码表",
    "setting": "设置",
    "peer": "发送单位",
    "audit": "操作日志",
    "conflict": "导入冲突",
    "point_rule": "履职积分规则",
    "point_requirement": "年度基本要求",
    "point_adjustment": "履职积分调整",
    "database": "数据库",
    "-": "（无）",
}

# Keys that are no declared field: the same for every record type…
KEYS = {
    "status": "状态",
    "deleted_at": "删除时间",
    "name_key": "姓名（查重用，name_key）",
    "merged": "合并（重复 → 保留）",
    "merged_into": "并入",
    "duplicate_uuid": "被合并的记录",
    "filled": "补入的信息",
    "undo": "撤销所需的数据",
    "merge_entry": "撤销的合并",
    "restored": "恢复的记录",
    "permission": "被拒绝的操作",
    "decision": "处理决定",
    "package": "数据包",
    "rev": "版本",
    "reason": "原因",
    "units": "承办单位",
    "file": "文件",
    "seed": "随机种子",
}
# …per record type…
TYPE_KEYS = {
    "user": {
        "name": "姓名",
        "role": "角色",
        "may_see_pii": "可查看完整身份证号和电话",
        "active": "启用",
        "kind": "原因",
    },
    "site": {
        **{key: label for key, (label, _, _) in site.PROFILE_EDITABLE.items()},
        "studios": "工作室",
        "visits": "接待走访记录",
    },
    "package": {
        "site": "发送单位",
        "sequence": "序号",
        "counts": "记录数",
        "kind": "类型",
        "include_identifiers": "含完整身份证号和电话",
    },
    "peer": {"code": "单位代码", "fingerprint": "密钥指纹"},
    "code_item": {"label": "名称", "active": "启用"},
    "setting": {"backup_folder": "自动备份文件夹"},
    "point_rule": {"points": "分值", "cap": "年度上限"},
    "point_requirement": {"figure": "次数"},
    "point_adjustment": {"year": "年度", "points": "调整分值"},
}
# …and per action, whose keys count records (they win over a field of the same name).
ACTION_KEYS = {
    "purge": {
        "years": "保留年限",
        "cutoff": "清理此日期以前的记录",
        "visits": "接待走访记录",
        "member_links": "委员关联",
        "resident_links": "群众关联",
        "residents": "群众",
        "audit_entries": "操作日志",
        "kept_cited": "因被提案引用而保留的记录",
        "trashed": "回收站中的记录",
    },
    "demo": {"seed": "随机种子", "studios": "工作室"},
}
COUNTED_ACTIONS = frozenset(ACTION_KEYS)

# Coded values outside the kinds' declarations, by key.
VALUES: dict[str, Mapping[str, str]] = {
    "decision": exchange_conflicts.KEEP,
    "login_failed": {
        accounts.UNKNOWN_USER: "用户名不存在",
        accounts.WRONG_PASSWORD: "密码错误",
        accounts.DEACTIVATED: "账号已停用",
        accounts.WAITING: "尝试次数过多，须稍后再试",
        accounts.BAD_RECOVERY_KEY: "恢复密钥错误",
    },
    "package_kind": {"studio": "工作室数据包", "feedback": "县政协反馈包"},
    "counts": {
        "new": "新增",
        "update": "更新",
        "tombstone": "删除",
        "unchanged": "无变化",
        "conflict": "冲突待定",
        "waiting": "等待引用的记录",
        "rejected": "拒收",
        "edited": "在 Excel 中被手工修改",
    },
}
UTC_KEYS = frozenset({"deleted_at", "decided_at"})  # stamped by the program, in UTC
SAME_KIND_UUIDS = frozenset({"merged_into", "duplicate_uuid", "restored"})  # a uuid, not a field
REF_KINDS = frozenset({Kind.MEMBER, Kind.MEMBERS, Kind.RESIDENT, Kind.RESIDENTS, Kind.RECORD})
UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def declared(name: str) -> kinds.RecordKind | None:
    """The kind named ``name``, None for other record types (and kinds no longer declared)."""
    try:
        return kinds.kind(name)
    except KeyError:
        return None


def action_label(record_type: str, action: str) -> str:
    """The action in words: the step its kind declares, else the generic label, else itself."""
    kind = declared(record_type)
    if kind is not None:
        for step in kind.transitions:
            if action == step.action:
                return step.label
        for step in kind.transitions:  # interviews audit the status a step reaches
            if action == str(step.target):
                return step.label
    return ACTIONS.get(action, action)


def type_label(record_type: str) -> str:
    kind = declared(record_type)
    return kind.label if kind is not None else RECORD_TYPES.get(record_type, record_type)
