"""Whether the open database holds demo data: light enough for the window's start-up
(the generators themselves are imported only when demo data is made)."""

from __future__ import annotations

from studio_app.services.site import local_site
from studio_app.storage.models import Setting

DEMO_MARKER = "site.demo"  # a Setting: this database holds demo data
DEMO_CODE, DEMO_NAME = "SQZ", "石桥镇政协委员工作室"


def is_demo() -> bool:
    """Whether the open database holds the demo data set (not a real studio's records).

    Databases made before the marker existed: the demo studio's code and name, while the
    demo login still works.
    """
    from studio_app.services import accounts

    if Setting.get_or_none(Setting.key == DEMO_MARKER) is not None:
        return True
    local = local_site()
    if local is None or (local.code, local.name) != (DEMO_CODE, DEMO_NAME):
        return False
    return accounts.demo_login_works()
