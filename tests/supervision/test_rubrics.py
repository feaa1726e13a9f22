"""评查标准 versions: the seeded default (labelled ◐, 卷面 20 / 内容 80, 9 veto items), a published version is
frozen, a new version is a copy edited as a draft, and a review keeps the version it was scored with."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from enforcement.core.exceptions import GuardFailed, InvalidTransition, NotAllowed
from supervision.models import RubricItem
from supervision.services import rubrics
from tests.factories import UserFactory

from .helpers import default_rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True, agency=None)


def test_the_default_is_seeded_and_labelled():
    r = default_rubric()
    items = RubricItem.objects.filter(section__rubric=r)
    assert r.status == "published" and "◐" in r.basis_note and "DB 32/T 4181" in r.basis_note
    assert items.filter(section__code="F").aggregate(s=Sum("points"))["s"] == 20
    assert items.filter(section__code="C").aggregate(s=Sum("points"))["s"] == 80
    assert items.filter(is_veto=True).count() == 9
    assert sorted(items.exclude(auto_check="").values_list("auto_check", flat=True)) == [
        "decision_deadline",
        "legal_review",
        "publication",
        "service",
        "two_officers",
    ]
    assert (r.excellent_min, r.pass_min) == (90, 60)


def test_published_is_frozen_and_a_copy_is_a_new_draft(root, personas):
    r = default_rubric()
    item = RubricItem.objects.get(section__rubric=r, code="C1")
    item.points = 10
    with pytest.raises(InvalidTransition, match="不能修改"):
        rubrics.save_rubric_object(item, actor=root)
    with pytest.raises(NotAllowed):
        rubrics.copy_rubric(r, actor=personas.supervisor)
    v2 = rubrics.copy_rubric(r, actor=root)
    assert (v2.version, v2.status, RubricItem.objects.filter(section__rubric=v2).count()) == (2, "draft", 28)
    c1 = RubricItem.objects.get(section__rubric=v2, code="C1")
    c1.points = 6
    rubrics.save_rubric_object(c1, actor=root, changed=["points"])
    v2.excellent_min = 99
    rubrics.save_rubric_object(v2, actor=root)
    with pytest.raises(GuardFailed, match="总分（98）"):
        rubrics.publish_rubric(v2, actor=root)
    v2.excellent_min = 88
    rubrics.save_rubric_object(v2, actor=root)
    assert rubrics.publish_rubric(v2, actor=root).status == "published"
    assert RubricItem.objects.get(section__rubric=r, code="C1").points == 8


def test_a_review_keeps_its_version(sw, root):
    from .conftest import decide
    from .helpers import make_campaign

    case = decide(sw.cw)
    campaign = make_campaign(sw.p.supervisor, [sw.p.agencies.district_a], ratio=100)
    review = campaign.reviews.get(case=case)
    v2 = rubrics.copy_rubric(default_rubric(), actor=root)
    rubrics.publish_rubric(v2, actor=root)
    review.refresh_from_db()
    assert (review.rubric.version, campaign.rubric.version) == (1, 1)
