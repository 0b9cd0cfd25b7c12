"""Per-request access to a planning process.

``ProcessMiddleware`` (in accounts) resolves the process named by the ``process`` URL
argument once per request and stores ``request.process`` and ``request.access``. Views
declare what they need with :func:`internal_view`:

* anonymous visitor → redirected to the login page (for any slug, so the redirect reveals
  nothing about processes that are not public);
* signed-in person who is not a member of the process → 404 (non-public objects do not exist
  for outsiders);
* member without the named permission → 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404


@dataclass
class ProcessAccess:
    """What the current person may do in the current process."""

    process: object
    is_member: bool = False
    is_superuser: bool = False
    permissions: frozenset[str] = field(default_factory=frozenset)
    membership: object | None = None

    @property
    def is_insider(self) -> bool:
        return self.is_member or self.is_superuser

    def can(self, perm: str) -> bool:
        return self.is_superuser or perm in self.permissions


def internal_view(perm: str | None = None) -> Callable:
    """Mark a view as part of a process's internal workspace, optionally needing ``perm``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            access: ProcessAccess | None = getattr(request, "access", None)
            if access is None:  # pragma: no cover - a wiring error, not a user error
                raise RuntimeError("internal_view needs ProcessMiddleware and a <process> URL argument")
            if not access.is_insider:
                raise Http404
            if perm and not access.can(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.komplan_internal = True
        wrapper.komplan_permission = perm
        return wrapper

    return decorator
