"""``studio-app peers``: this installation's signing fingerprint and the pinned senders;
``studio-app peers forget CODE`` (administrator) so that the sender's next package pins a new
key (see docs/EXCHANGE.md, "Signing and pinning")."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from studio_app.cli.common import EXIT_OK

KINDS = {"studio": "工作室", "county": "县政协"}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "peers",
        parents=[common],
        help="this installation's signing fingerprint and the senders pinned on first contact",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_peers)
    actions = p.add_subparsers(dest="peers_command", metavar="ACTION")
    a = actions.add_parser(
        "forget",
        parents=[common],
        help="administrator: forget a sender's pin (its next package pins its new key)",
    )
    a.add_argument("code", metavar="CODE")
    a.set_defaults(run=cmd_forget)


def cmd_peers(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import peers, site

    own = site.require_site()
    mine = peers.own_fingerprint()
    pinned = peers.pinned()
    if args.json:
        found = {
            "own": {"code": own.code, "name": own.name, "fingerprint": mine},
            "peers": [
                {"code": p.code, "name": p.name, "kind": p.kind, "site_uuid": p.site_uuid,
                 "fingerprint": p.fingerprint, "pinned_at": p.pinned_at.isoformat(sep=" "),
                 "pinned_by": p.pinned_by}
                for p in pinned
            ],
        }  # fmt: skip
        json.dump(found, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    print(f"本机：{own.name}（{own.code}）签名指纹 {mine}")
    if not pinned:
        print("还没有登记其他单位（导入对方的第一个数据包时登记）。")
        return EXIT_OK
    print("已登记的单位（首次导入时登记，请与对方设置页或 peers 显示的指纹逐组核对）：")
    for p in pinned:
        fingerprint = p.fingerprint or "尚无（只收到过旧版本程序导出的未签名数据包）"
        print(f"  {p.code} {p.name}（{KINDS.get(p.kind, p.kind)}）指纹 {fingerprint}，"
              f"{p.pinned_at:%Y-%m-%d %H:%M} 由 {p.pinned_by or '升级'} 登记")  # fmt: skip
    return EXIT_OK


def cmd_forget(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import peers

    gone = peers.forget(workspace.context(), args.code)
    print(f"已解除 {gone.code}（{gone.name}）的登记（原指纹 {gone.fingerprint or '无'}）；"
          "它的下一个数据包导入时重新登记，请先与对方核对新指纹。")  # fmt: skip
    return EXIT_OK
