"""Who sees and who runs which letters: public letters for everyone; internal ones (drafts)
for the owning organization's members; signatures' details for its editors only."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from corredor.accounts.models import Membership, Organization, User
from corredor.accounts.permissions import Perm, roles_with
from corredor.petitions.choices import Visibility
from corredor.signons.models import Letter, counted_q


def visible_letters(user: User | AnonymousUser) -> QuerySet[Letter]:
    if not user.is_authenticated:
        return Letter.objects.public()
    own = Membership.objects.filter(user=user).values("organization")
    return Letter.objects.filter(Q(visibility=Visibility.PUBLIC) | Q(organization__in=own))


def open_first(letters: QuerySet[Letter]) -> QuerySet[Letter]:
    """Open letters first, closing soonest first; then the others, newest first."""
    today = timezone.localdate()
    return letters.annotate(
        closed=Case(
            When(opens_on__lte=today, closes_on__gte=today, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("closed", "closes_on", "-opens_on", "pk")


def get_visible_letter(user: User | AnonymousUser, slug: str) -> Letter:
    letter = visible_letters(user).select_related("organization").filter(slug=slug).first()
    if letter is None:
        raise Http404
    return letter


def managing_roles() -> list[str]:
    """Running a letter shows its signers' emails: admins and staff only, the roles that may
    see personal data (and sign in with a second factor)."""
    return roles_with(Perm.VIEW_IDENTITIES)


def can_manage(user: User | AnonymousUser, letter: Letter) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, organization=letter.organization_id, role__in=managing_roles()
    ).exists()


def managed_organizations(user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(
        memberships__user=user, memberships__role__in=managing_roles()
    )


def with_counts(letters: QuerySet[Letter]) -> QuerySet[Letter]:
    """Each letter with `counted`: its confirmed, not hidden signatures."""
    return letters.annotate(counted=Count("signatures", filter=counted_q("signatures__")))
