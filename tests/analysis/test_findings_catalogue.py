"""Duplicated data and fragmentation, on hand-built projects."""

from findings_builder import Map, project_file, system

from app.analysis.findings import FindingKind, analyse


def of(analysis, kind):
    return [f for f in analysis.findings if f.kind == kind]


def test_the_same_data_item_in_two_systems_is_duplicated_data() -> None:
    with project_file() as opened:
        project = opened.project
        gp = system(project, "GP system", "Contact details", "Results", owner="Practice")
        trust = system(project, "Trust records", "contact   DETAILS", owner="Trust")
        system(project, "Lab", "Results", "Orders")
        system(project, "Diary", "Orders")
        system(project, "Alone", "Notes", "notes")  # twice in one system: not duplicated
        Map(project)
        findings = of(analyse(opened.session), FindingKind.DUPLICATED_DATA)
        assert [f.title for f in findings] == [
            "“Contact details” held in 2 systems",
            "“Orders” held in 2 systems",
            "“Results” held in 2 systems",
        ]
        contact = findings[0]
        assert contact.blueprint_id is None  # about the whole project
        assert "GP system (owned by Practice) and Trust records (owned by Trust)" in (
            contact.sentence
        )
        assert [(i.kind, i.name) for i in contact.items] == [
            ("system", "GP system"),
            ("data item", "Contact details"),
            ("system", "Trust records"),
            ("data item", "contact   DETAILS"),
        ]
        assert contact.items[0].id == gp.id and contact.items[2].id == trust.id


def test_fragmentation_counts_the_contact_points_per_stage_and_in_total() -> None:
    with project_file() as opened:
        project = opened.project
        portal = system(project, "Portal")
        journey = Map(project)
        journey.card("customer", "Letter", "Gets letter", stage="Invite", channel="post")
        journey.card("customer", "Call", "Phones", stage="Book", channel="phone")
        journey.card("front", "Call", "Books", channel="phone", systems=(portal,))
        journey.card("customer", "Online", "Checks online", stage="Book", channel="web")
        journey.card("back", "Online", "Prints list", channel="printer")  # not met
        [finding] = of(analyse(opened.session), FindingKind.FRAGMENTATION)
        assert finding.title == "4 contact points to meet"
        assert finding.sentence == (
            "A service user meets 4 contact points across 2 stages: 3 channels (post, phone "
            "and web) and 1 system (Portal). By stage: Invite 1 and Book 3; the most in Book "
            "(phone, web and Portal)."
        )
        assert [(i.kind, i.name) for i in finding.items] == [
            ("card", "post: Gets letter"),
            ("card", "phone: Phones"),
            ("card", "web: Checks online"),
            ("system", "Portal"),
            ("stage", "Invite"),
            ("stage", "Book"),
        ]


def test_a_journey_meeting_nothing_named_is_not_fragmented() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        journey.card("customer", "One", "Does something")
        assert of(analyse(opened.session), FindingKind.FRAGMENTATION) == []
