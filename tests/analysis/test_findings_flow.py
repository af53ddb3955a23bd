"""Hand-offs, frontstage actions with nothing behind them, and orphan cards."""

from findings_builder import Map, actor, project_file

from app.analysis.findings import FindingKind, analyse


def of(analysis, kind):
    return [f for f in analysis.findings if f.kind == kind]


def test_hand_offs_are_counted_with_their_pairs_most_frequent_first() -> None:
    with project_file() as opened:
        project = opened.project
        admin, nurse, gp = (actor(project, n) for n in ("Admin", "Nurse", "GP"))
        journey = Map(project)
        a = journey.card("back", "One", "Admin lists", actor=admin)
        b = journey.card("front", "One", "Nurse checks", actor=nurse)
        c = journey.card("front", "Two", "GP reviews", actor=gp)
        d = journey.card("back", "Two", "Nurse files", actor=nurse)
        e = journey.card("front", "Three", "GP signs", actor=gp)
        journey.connect(a, b, c, d, e)
        [finding] = of(analyse(opened.session), FindingKind.HAND_OFFS)
        assert finding.title == "4 hand-offs between roles"
        assert (
            "changes hands 4 times along the connectors, between 3 pairs of roles or teams: "
            "Nurse → GP (2 times), Admin → Nurse and GP → Nurse."
        ) in finding.sentence
        # In the order of the hand-offs' source cards on the map (front lane above back).
        assert [i.name for i in finding.items] == [
            "Nurse checks",
            "GP reviews",
            "Admin lists",
            "Nurse files",
            "GP signs",
        ]


def test_frontstage_with_nothing_behind_and_orphan_cards_are_one_finding_each() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        asks = journey.card("customer", "One", "Asks")
        helped = journey.card("front", "One", "Helped at the desk")  # nothing behind
        alone = journey.card("front", "One", "Greeted")  # no connector: nothing behind
        booked = journey.card("front", "Two", "Booked")
        system_card = journey.card("systems", "Two", "Diary")
        called = journey.card("front", "Three", "Called back")
        noted = journey.card("back", "Three", "Noted")
        orphan = journey.card("support", "Three", "Rota")
        journey.card("evidence", "Three", "Leaflet")  # props are never orphans
        journey.connect(asks, helped)
        journey.connect(system_card, booked)  # backed from upstream
        journey.connect(called, noted)  # backed downstream
        analysis = analyse(opened.session)
        [bare] = of(analysis, FindingKind.UNSUPPORTED_FRONTSTAGE)
        assert [i.id for i in bare.items] == [helped.id, alone.id]
        assert bare.title == "2 frontstage actions with nothing behind"
        assert "“Helped at the desk” and “Greeted”" in bare.sentence
        [orphans] = of(analysis, FindingKind.ORPHAN_CARDS)
        assert [i.id for i in orphans.items] == [orphan.id]
        assert orphans.sentence.startswith("1 card has no connector, so the map does not show")


def test_without_any_connector_there_are_no_orphans() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        journey.card("front", "One", "Helped")
        journey.card("back", "One", "Noted")
        analysis = analyse(opened.session)
        assert of(analysis, FindingKind.ORPHAN_CARDS) == []
        assert of(analysis, FindingKind.UNSUPPORTED_FRONTSTAGE) == []
