"""A to-be's findings start with what it improves over the as-is it was duplicated from:
the pain points resolved and remaining, the cards removed, added and changed, the systems,
the hand-offs and contact points; built by hand so the answer is known, and on the sample."""

from findings_builder import Map, project_file, system

from app.analysis.findings import FindingKind, analyse
from app.model.duplicate import duplicate_as_to_be
from app.model.ops_catalogue import set_card_systems
from app.model.ops_grid import add_card, delete_card, edit
from app.model.structure import Card

IMPROVES = FindingKind.TO_BE_IMPROVEMENTS


def _copy_of(to_be, card: Card) -> Card:
    return next(c for lane in to_be.lanes for c in lane.cards if c.derived_from == card.id)


def test_the_to_be_says_what_it_resolves_removes_and_adds() -> None:
    with project_file() as opened:
        project = opened.project
        sms, portal = system(project, "SMS service"), system(project, "Booking portal")
        journey = Map(project, "Booking (as-is)")
        call = journey.card("customer", "Book", "Phones to book", channel="phone")
        hold = journey.card("customer", "Book", "Waits on hold")
        text = journey.card("systems", "Remind", "Text sent", systems=(sms,))
        journey.card("front", "Visit", "Receptionist greets")
        waiting = journey.pain(hold, "Long wait on hold", severity=4)
        lost = journey.pain(text, "No text without a mobile", severity=4)
        unclear = journey.pain(call, "Menu is confusing", severity=2)
        to_be = duplicate_as_to_be(journey.blueprint, "Booking (to-be)")
        delete_card(_copy_of(to_be, hold))
        new_text = _copy_of(to_be, text)
        set_card_systems(new_text, [portal])
        next(p for p in new_text.pain_points).resolved = True
        add_card(to_be.lanes[1], to_be.steps[0], "Books online")
        opened.session.flush()

        analysis = analyse(opened.session)
        improved = [f for f in analysis.findings if f.kind == IMPROVES]
        assert [f.blueprint_id for f in improved] == [to_be.id]  # not on the as-is
        [finding] = improved
        words = " ".join(finding.sentence.split())
        assert "Compared with Booking (as-is), this to-be resolves 2 of the 3 open" in words
        assert "(1 remains)" in words
        assert "It removes 1 card (“Waits on hold”), adds 1 and changes 1." in words
        assert "It retires SMS service and brings in Booking portal." in words
        ids = {item.id for item in finding.items}
        assert {waiting.id, lost.id, hold.id} <= ids and unclear.id not in ids
        # It leads the to-be's findings.
        assert analysis.of_blueprint(to_be.id)[0] is finding
        edit(journey.blueprint, name="Renamed")  # the as-is is found by lineage, not name
        opened.session.flush()
        assert (
            "Compared with Renamed"
            in analyse(opened.session, "Booking (to-be)")
            .findings[-len(analysis.of_blueprint(to_be.id))]
            .sentence
        )


def test_a_to_be_made_from_scratch_has_nothing_to_compare() -> None:
    with project_file() as opened:
        journey = Map(opened.project, "Booking (as-is)")
        journey.card("customer", "Book", "Phones to book")
        scratch = Map(opened.project, "Fresh start", kind="to-be")
        scratch.card("customer", "Book", "Books online")
        kinds = {f.kind for f in analyse(opened.session).findings}
        assert IMPROVES not in kinds


def test_the_samples_to_be_resolves_eight_of_ten_pain_points(sample_file) -> None:
    analysis = analyse(sample_file.session, "Physical health check (to-be)")
    [finding] = [f for f in analysis.findings if f.kind == IMPROVES]
    words = " ".join(finding.sentence.split())
    assert "resolves 8 of the 10 open pain points of the as-is (2 remain)" in words
    assert "“Waits on hold”" in words
    assert finding.title == "8 pain points resolved over the as-is"
