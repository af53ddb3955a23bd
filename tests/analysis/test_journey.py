"""The journey's hand-offs between roles or teams and the contact points a service user
meets, on small blueprints where the answer is known by construction, and on the sample."""

from findings_builder import Map, actor, project_file, system

from app.analysis.journey import contact_points, hand_offs, read_facts


def test_a_hand_off_is_a_change_of_actor_or_a_connector_of_kind_hand_off() -> None:
    with project_file() as opened:
        project = opened.project
        nurse, gp = actor(project, "Nurse"), actor(project, "GP")
        journey = Map(project)
        a = journey.card("front", "One", "Nurse checks", actor=nurse)
        b = journey.card("front", "One", "Nurse notes", actor=nurse)
        c = journey.card("front", "Two", "GP reviews", actor=gp)
        d = journey.card("back", "Two", "Filed")
        e = journey.card("back", "Three", "Archived")
        same, changed = journey.connect(a, b, c)  # same actor: not a hand-off; then one
        [handed] = journey.connect(c, d, kind="hand-off")  # of kind hand-off, no actor
        [plain] = journey.connect(d, e)  # no actors, flow: not a hand-off
        told = journey.card("customer", "Three", "Told")
        [to_user] = journey.connect(e, told, kind="hand-off")
        facts = read_facts(opened.session)
        found = hand_offs(facts, journey.blueprint.id)
        assert [(h.connector_id, h.from_role, h.to_role) for h in found] == [
            (changed.id, "Nurse", "GP"),
            (handed.id, "GP", "Backstage"),  # no actor: the lane's title names the team
            (to_user.id, "Backstage", "Service user"),  # customer actions: the service user
        ]
        assert (found[0].source_card_id, found[0].target_card_id) == (b.id, c.id)
        assert same.id not in {h.connector_id for h in found}
        assert plain.id not in {h.connector_id for h in found}


def test_a_hand_off_drawn_within_one_role_stays_within_it() -> None:
    with project_file() as opened:
        project = opened.project
        admin = actor(project, "Practice administrator")
        journey = Map(project)
        search = journey.card("back", "One", "Pulls the list", actor=admin)
        letters = journey.card("back", "Two", "Posts letters", actor=admin)
        filed = journey.card("back", "Three", "Filed")
        kept = journey.card("back", "Three", "Kept")
        [within] = journey.connect(search, letters, kind="hand-off")
        [unnamed] = journey.connect(filed, kept, kind="hand-off")  # both the lane's team
        found = hand_offs(read_facts(opened.session), journey.blueprint.id)
        assert {h.connector_id for h in found} & {within.id, unnamed.id} == set()


def test_the_sample_has_no_hand_off_from_a_role_to_itself(sample_file) -> None:
    facts = read_facts(sample_file.session)
    for blueprint in facts.blueprints.values():
        assert all(h.from_role != h.to_role for h in hand_offs(facts, blueprint.id))


def test_contact_points_are_the_channels_and_systems_a_service_user_meets() -> None:
    with project_file() as opened:
        project = opened.project
        portal = system(project, "Booking portal")
        sms = system(project, "SMS service")
        record = system(project, "Records")
        journey = Map(project)
        letter = journey.card("customer", "Invite", "Gets letter", stage="Invite", channel="post")
        journey.card("back", "Invite", "Posts letters", channel="franking")  # behind: no
        journey.card(
            "front", "Book", "Books online", stage="Book", channel="Web ", systems=(portal,)
        )
        text = journey.card("customer", "Book", "Gets a text", channel="web")
        sender = journey.card("systems", "Book", "SMS sent", systems=(sms,))
        journey.card("systems", "Book", "Record kept", systems=(record,))  # not met
        journey.connect(sender, text, kind="data")
        journey.card("customer", "Visit", "Arrives", stage="Visit", channel="POST")
        facts = read_facts(opened.session)
        points = contact_points(facts, journey.blueprint.id)
        assert [(p.kind, p.name, len(p.card_ids)) for p in points] == [
            ("channel", "post", 2),  # "POST" is the same channel
            ("channel", "web", 2),  # the first met in reading order; "Web " is the same
            ("system", "SMS service", 2),  # the system card and the customer action it reaches
            ("system", "Booking portal", 1),
        ]
        post, _, texts, _ = points
        stages = journey.stages
        assert post.stage_ids == (stages["Invite"].id, stages["Visit"].id)
        assert post.card_ids[0] == letter.id
        assert set(texts.card_ids) == {sender.id, text.id}


def test_the_sample_hands_off_between_its_staff_and_meets_the_sms_service(sample_file) -> None:
    facts = read_facts(sample_file.session)
    as_is = next(b for b in facts.blueprints.values() if b.kind == "as-is")
    pairs = {(h.from_role, h.to_role) for h in hand_offs(facts, as_is.id)}
    assert ("Practice nurse", "Healthcare assistant") in pairs
    assert ("GP", "Receptionist") in pairs
    points = contact_points(facts, as_is.id)
    assert [p.name for p in points if p.kind == "channel"] == ["post", "phone", "SMS", "in person"]
    assert [p.name for p in points if p.kind == "system"] == ["SMS reminder service"]
