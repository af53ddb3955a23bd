"""Evidence gaps (pain points on assumption, stages with no evidence, key moments with no
evidence) and where the open pain points gather, by stage and by perspective."""

from findings_builder import Map, project_file

from app.analysis.findings import FindingKind, analyse


def of(analysis, kind):
    return [f for f in analysis.findings if f.kind == kind]


def test_pain_points_on_assumption_and_stages_with_no_evidence() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        letter = journey.card("customer", "Letter", "Gets letter", stage="Invite")
        phone = journey.card("customer", "Call", "Phones", stage="Book")
        guess = journey.pain(letter, "Letter unclear", evidence="assumption")
        journey.pain(phone, "Long wait", evidence="observation")
        hunch = journey.pain(phone, "Rude staff", evidence="assumption")
        journey.pain(phone, "Old guess", evidence="assumption", resolved=True)  # not open
        loose = journey.card("front", "Loose", "Helps")  # a step in no stage
        journey.pain(loose, "Unkind", evidence="assumption")
        [gaps] = of(analyse(opened.session), FindingKind.ASSUMED_PAIN_POINTS)
        assert gaps.title == "3 pain points on assumption"
        assert gaps.sentence == (
            "3 pain points rest only on assumption: “Letter unclear” (on “Gets letter”), "
            "“Rude staff” (on “Phones”) and “Unkind” (on “Helps”). Plan research to test "
            "them before acting. No pain point in Invite or at the step “Loose” has any "
            "evidence behind it yet."
        )
        assert [(i.kind, i.id) for i in gaps.items] == [
            ("pain point", guess.id),
            ("pain point", hunch.id),
            ("pain point", gaps.items[2].id),
            ("stage", journey.stages["Invite"].id),
            ("step", journey.steps["Loose"].id),
        ]


def test_a_key_moment_with_no_evidence_behind_it() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        seen = journey.card("front", "Check", "Nurse checks")
        journey.card("front", "Review", "GP reviews")
        journey.pain(seen, "Rushed", evidence="assumption")
        journey.moment("Check")
        journey.moment("Review")
        journey.pain(journey.steps["Review"], "Done", evidence="interview", resolved=True)
        found = of(analyse(opened.session), FindingKind.UNEVIDENCED_MOMENT)
        assert [f.title for f in found] == ["Key moment “Check” without evidence"]
        assert [(i.kind, i.id) for i in found[0].items] == [("step", journey.steps["Check"].id)]


def test_open_pain_points_gather_by_stage_and_perspective() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        a = journey.card("customer", "One", "A", stage="Invite")
        b = journey.card("customer", "Two", "B", stage="Book")
        journey.pain(a, "P1", perspective="staff")
        p2 = journey.pain(b, "P2")
        p3 = journey.pain(b, "P3")
        p4 = journey.pain(journey.steps["Two"], "P4", perspective="staff")
        journey.pain(b, "P5", resolved=True)
        [gather] = of(analyse(opened.session), FindingKind.PAIN_CONCENTRATION)
        assert gather.title == "Pain points gather in Book"
        assert gather.sentence == (
            "Of 4 open pain points, 3 (75%) are in Book (by stage: Invite 1 and Book 3). By "
            "perspective: 2 from service users and 2 from staff. None come from partners."
        )
        assert [i.id for i in gather.items] == [journey.stages["Book"].id, p4.id, p2.id, p3.id]


def test_one_open_pain_point_is_not_a_concentration() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        journey.pain(journey.card("customer", "One", "A"), "Only one")
        assert of(analyse(opened.session), FindingKind.PAIN_CONCENTRATION) == []
