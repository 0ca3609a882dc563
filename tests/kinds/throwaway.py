"""A record kind declared by the test suite alone: 茶叙 (an informal talk with members).

Nothing in ``studio_app`` names it. Registering it and running its generated migration is
all the app gets; every layer must then serve it from the declaration.
"""

from __future__ import annotations

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.fields import Field, Kind

TEA_TALK = kinds.RecordKind(
    "tea_talk",
    "茶叙记录",
    "茶叙",
    "茶叙",
    (
        Field("title", "主题", required=True, max_len=100),
        Field("held_on", "茶叙日期", Kind.DATE, required=True),
        Field("topic", "议题类别", Kind.CODE, code_list=c.CodeListKind.ISSUE_CATEGORY),
        Field("host", "主持委员", Kind.MEMBER),
        Field("members", "参加委员", Kind.MEMBERS, required=True),
        Field("guests", "参加人数", Kind.INT),
        Field("contact_phone", "联系电话", Kind.PHONE),
        Field("notes", "茶叙纪要", Kind.LONGTEXT),
        Field("public", "可公开", Kind.BOOL),
        Field(
            "agenda",
            "议程",
            Kind.ROWS,
            row_label="项",
            columns=(
                Field("item", "议题", required=True, max_len=100),
                Field("speaker", "发言委员", Kind.MEMBER),
                Field("minutes", "时长(分钟)", Kind.INT),
                Field("topic", "类别", Kind.CODE, code_list=c.CodeListKind.ISSUE_CATEGORY),
                Field("mood", "反响", Kind.ENUM, enum=c.Satisfaction),
                Field("due", "落实期限", Kind.DATE),
                Field("settled", "已落实", Kind.BOOL),
            ),
        ),
    ),
    serial_prefix="CX",
    fts="tea_talk_fts",
    links=(
        kinds.LinkTable(
            "members", "tea_talk_member", "tea_talk_id", "member_id", "member", "member_names"
        ),
    ),
    search=("title", "notes"),
    list_columns=("held_on", "title", "topic", "members", "guests"),
    title_key="title",
    date_key="held_on",
    shortcut="Ctrl+9",
)
