"""Run-time hook of the frozen app: the XML guard is there and refuses entities.

Exchange workbooks are parsed with defusedxml (billion laughs, external entities); a build
that lost it must not start at all. Costs ~4 ms.
"""

import defusedxml.ElementTree
from defusedxml import EntitiesForbidden

try:
    defusedxml.ElementTree.fromstring(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
except EntitiesForbidden:
    pass
else:
    raise RuntimeError("defusedxml does not refuse XML entities: this build is unsafe")
