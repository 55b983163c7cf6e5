from __future__ import annotations

from datetime import datetime
from typing import Any

from annota.api.schemas.common import Public


class AuditEntryPublic(Public):
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    organization_id: int | None
    project_id: int | None
    entity_type: str
    entity_id: str
    action: str
    summary: dict[str, Any]
