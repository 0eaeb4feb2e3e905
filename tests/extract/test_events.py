"""Unit tests of marsad.extract.events on hand-built documents."""

from __future__ import annotations

import pytest

from marsad.extract.events import extract_events
from marsad.model import EntityMention
from tests.extract.docs import annotated


def test_events_visit_actor_target_date_status() -> None:
    doc = annotated(
        "يبدأ الرئيس قاسم جومارت توكاييف اليوم زيارة رسمية إلى روسيا تستغرق يومين.",
        [("قاسم جومارت توكاييف", "PERSON", "wd:Q1"), ("روسيا", "GPE", "wd:Q159")],
        [("اليوم", "2025-11-11", "day")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.mode) == ("CONSULT", "visit")
    assert [p.entity for p in ev.actors] == ["wd:Q1"]
    assert [p.entity for p in ev.targets] == ["wd:Q159"]
    assert ev.location is not None and ev.location.entity == "wd:Q159"
    assert ev.start == "2025-11-11"
    assert ev.status == "ongoing"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("من المقرر أن يزور بوتين كازاخستان الشهر المقبل.", "planned"),
        ("سيزور بوتين كازاخستان في زيارة دولة.", "planned"),
        ("زار بوتين كازاخستان في زيارة دولة.", "occurred"),
        ("نفى الكرملين أن يزور بوتين كازاخستان.", "denied"),
        ("ألغى بوتين زيارته إلى كازاخستان.", "cancelled"),
    ],
)
def test_events_status_from_markers(text: str, status: str) -> None:
    doc = annotated(
        text,
        [("بوتين", "PERSON", "wd:Q7747"), ("كازاخستان", "GPE", "wd:Q232")]
        + ([("الكرملين", "ORG", "kb:org:kremlin")] if "الكرملين" in text else []),
    )
    evs = [e for e in extract_events(doc) if e.mode == "visit"]
    assert evs and evs[0].status == status


def test_events_host_actor_is_the_receiver() -> None:
    doc = annotated(
        "استقبل أمير المنطقة الشرقية سفير كوريا لدى المملكة.",
        [("أمير المنطقة الشرقية", "PERSON", "kb:p:emir"), ("سفير كوريا", "PERSON", "x:amb")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.mode) == ("CONSULT", "host")
    assert [p.entity for p in ev.actors] == ["kb:p:emir"]
    assert [p.entity for p in ev.targets] == ["x:amb"]


def test_events_same_event_in_one_article_is_one_record() -> None:
    doc = annotated(
        "وصل بوتين إلى كازاخستان في زيارة دولة. وتستمر زيارة بوتين يومين.",
        [("بوتين", "PERSON", "wd:Q7747"), ("كازاخستان", "GPE", "wd:Q232")],
    )
    doc = doc.with_(
        entities=(
            *doc.entities,
            EntityMention(
                doc.text.rindex("بوتين"),
                doc.text.rindex("بوتين") + 5,
                "بوتين",
                "PERSON",
                "wd:Q7747",
            ),
        )
    )
    evs = extract_events(doc)
    assert len([e for e in evs if e.type == "CONSULT"]) == 1


def test_events_trigger_without_participants_is_skipped() -> None:
    assert extract_events(annotated("جرت الزيارة في أجواء ودية.", [])) == ()


@pytest.mark.parametrize(
    ("text", "mentions", "actors", "targets"),
    [
        # a place right after a visit noun is where the visit goes, not who travels
        (
            "قام وزير الخارجية سيرجي لافروف بزيارة أستانا.",
            [("سيرجي لافروف", "PERSON", "p:lavrov"), ("أستانا", "GPE", "c:astana")],
            ["p:lavrov"],
            ["c:astana"],
        ),
        # the invitee of "دعوة لـX لزيارة Y" travels
        (
            "وجه توكايف دعوة رسمية للرئيس الروسي فلاديمير بوتين لزيارة كازاخستان العام المقبل.",
            [
                ("توكايف", "PERSON", "p:tokayev"),
                ("فلاديمير بوتين", "PERSON", "p:putin"),
                ("كازاخستان", "GPE", "c:kz"),
            ],
            ["p:putin"],
            ["c:kz"],
        ),
        # a news agency is a channel, never a participant
        (
            "صرح المتحدث لوكالة تاس بأن الزيارة تهدف إلى تعميق التعاون.",
            [("تاس", "ORG", "kb:org:tass")],
            None,
            None,
        ),
        # "استقبل X نظيره Y": X hosts, Y is the guest
        (
            "استقبل الوزير سيرغي لافروف نظيره إرزان كازيخانوف في موسكو.",
            [
                ("سيرغي لافروف", "PERSON", "p:lavrov"),
                ("إرزان كازيخانوف", "PERSON", "p:kazykhanov"),
                ("موسكو", "GPE", "c:moscow"),
            ],
            ["p:lavrov"],
            ["p:kazykhanov"],
        ),
        # a meeting: every participant is an actor; the reporting ministry is not one
        (
            "قالت وزارة الخارجية إن لافروف سيعقد اجتماعا مع كيري والجبير في الدوحة.",
            [
                ("وزارة الخارجية", "ORG", "o:mfa"),
                ("لافروف", "PERSON", "p:lavrov"),
                ("كيري", "PERSON", "p:kerry"),
                ("الجبير", "PERSON", "p:jubeir"),
                ("الدوحة", "GPE", "c:doha"),
            ],
            ["p:lavrov", "p:kerry", "p:jubeir"],
            [],
        ),
        # "كان X قد <verb>": the pluperfect puts the subject before "قد"
        (
            "وكان الرئيس توكاييف قد أشاد سابقا بالمساهمة الشخصية لبوتين في تعزيز الشراكة.",
            [("توكاييف", "PERSON", "p:tokayev"), ("بوتين", "PERSON", "p:putin")],
            ["p:tokayev"],
            ["p:putin"],
        ),
        # "كل من X وY وZ" opens a coordination: X is no object of "من"
        (
            "طالبت كل من بريطانيا وفرنسا وألمانيا بإجراء تحقيق.",
            [
                ("بريطانيا", "GPE", "c:uk"),
                ("فرنسا", "GPE", "c:fr"),
                ("ألمانيا", "GPE", "c:de"),
            ],
            ["c:uk", "c:fr", "c:de"],
            [],
        ),
        # a state and an organization coordinated act together; the state is no title's place
        (
            "وحثت اليابان والاتحاد الأوروبي واشنطن على منحهما إعفاء من الرسوم.",
            [
                ("اليابان", "GPE", "c:jp"),
                ("الاتحاد الأوروبي", "ORG", "o:eu"),
                ("واشنطن", "GPE", "c:us"),
            ],
            ["c:jp", "o:eu"],
            ["c:us"],
        ),
        # a country right after the verb is its subject; the person named later is acted on
        (
            "ناشدت بريطانيا الرئيس الأميركي دونالد ترمب عدم الانسحاب.",
            [("بريطانيا", "GPE", "c:uk"), ("دونالد ترمب", "PERSON", "p:trump")],
            ["c:uk"],
            ["p:trump"],
        ),
        # after "لكن", as after "أن", the name right before the verb is its subject
        (
            "لكن موسكو انتقدت الولايات المتحدة لعدم التنسيق معها.",
            [("موسكو", "GPE", "c:moscow"), ("الولايات المتحدة", "GPE", "c:us")],
            ["c:moscow"],
            ["c:us"],
        ),
        # "كان X قد <verb>" with a long title and commas around the name
        (
            "وكانت سفيرة الولايات المتحدة لدى الأمم المتحدة، نيكي هايلي، قد حثت موسكو على التحرك.",
            [
                ("الولايات المتحدة", "GPE", "c:us"),
                ("الأمم المتحدة", "ORG", "o:un"),
                ("نيكي هايلي", "PERSON", "p:haley"),
                ("موسكو", "GPE", "c:moscow"),
            ],
            ["p:haley"],
            ["c:moscow"],
        ),
        # "كان X <verb>" without قد: X is the fronted subject
        (
            "وكان وزير الخارجية الروسي سيرغي لافروف انتقد الولايات المتحدة بشدة.",
            [("سيرغي لافروف", "PERSON", "p:lavrov"), ("الولايات المتحدة", "GPE", "c:us")],
            ["p:lavrov"],
            ["c:us"],
        ),
        # a signing: the state after "مع" takes part next to the company that signs
        (
            "وقعت شركة إيني الإيطالية اتفاقات مع مصر والسودان في القاهرة.",
            [("إيني", "ORG", "o:eni"), ("مصر", "GPE", "c:eg"), ("السودان", "GPE", "c:sd")],
            ["o:eni", "c:eg", "c:sd"],
            [],
        ),
        # a country inside the title of the person after it yields to the person
        (
            "وطالب وزير خارجية روسيا سيرغي لافروف بإجراء تحقيق.",
            [("روسيا", "GPE", "c:ru"), ("سيرغي لافروف", "PERSON", "p:lavrov")],
            ["p:lavrov"],
            [],
        ),
    ],
)
def test_events_actor_rules(
    text: str,
    mentions: list[tuple[str, str, str]],
    actors: list[str] | None,
    targets: list[str] | None,
) -> None:
    evs = extract_events(annotated(text, mentions))
    if actors is None:
        assert all(p.entity != "kb:org:tass" for e in evs for p in e.actors + e.targets)
        return
    ev = evs[0]
    assert [p.entity for p in ev.actors] == actors
    assert [p.entity for p in ev.targets] == targets


def test_events_date_belongs_to_the_nearest_trigger() -> None:
    doc = annotated(
        "أدان الملك عبدالله الثاني حادث التفجير الذي استهدف أمس مسجدا في أبها.",
        [("الملك عبدالله الثاني", "PERSON", "p:abdullah"), ("أبها", "GPE", "c:abha")],
        [("أمس", "2015-08-06", "day")],
        published="2015-08-07",
    )
    by_type = {e.type: e for e in extract_events(doc)}
    assert by_type["ACCUSE"].start is None


def test_events_date_after_a_trigger_belongs_to_it_not_to_a_later_one() -> None:
    doc = annotated(
        "استقبل الملك سلمان في مكتبه بقصر اليمامة الأربعاء رئيس الوزراء سعد الحريري، "
        "الذي يزور المملكة للمرة الأولى منذ مطلع نوفمبر.",
        [("الملك سلمان", "PERSON", "p:salman"), ("سعد الحريري", "PERSON", "p:hariri")],
        [("الأربعاء", "2018-02-28", "day"), ("مطلع نوفمبر", "2017-11-01", "day")],
        published="2018-03-01",
    )
    by_mode = {e.mode: e for e in extract_events(doc)}
    assert by_mode["host"].start == "2018-02-28"


@pytest.mark.parametrize(
    ("when", "mod", "start"),
    [("مطلع مارس", "START", "2025-03"), ("1 مارس", None, "2025-03-01")],
)
def test_events_a_part_of_a_month_dates_the_event_by_the_month(
    when: str, mod: str | None, start: str
) -> None:
    doc = annotated(
        f"وكانت الولايات المتحدة قد فرضت في {when} رسوما جمركية على الصلب.",
        [("الولايات المتحدة", "GPE", "c:us")],
        [(when, "2025-03-01", "day", mod)] if mod else [(when, "2025-03-01")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.start, ev.end) == ("SANCTION", start, None)


@pytest.mark.parametrize(("value", "start"), [("XXXX-11-27", "XXXX-11-27"), ("", "XXXX")])
def test_events_unanchored_date_kept_partial(value: str, start: str) -> None:
    doc = annotated(
        "وصل الرئيس فلاديمير بوتين إلى كازاخستان يوم 27 نوفمبر.",
        [("فلاديمير بوتين", "PERSON", "p:putin"), ("كازاخستان", "GPE", "c:kz")],
        [("27 نوفمبر", value, "day")],
        published=None,  # type: ignore[arg-type]
    )
    (ev,) = extract_events(doc)
    assert ev.start == start


def test_events_anaphoric_definite_noun_folds_into_last_visit() -> None:
    doc = annotated(
        "وصل الرئيس فلاديمير بوتين إلى كازاخستان. ووصفت الصحافة الروسية الزيارة بأنها مهمة.",
        [
            ("فلاديمير بوتين", "PERSON", "p:putin"),
            ("كازاخستان", "GPE", "c:kz"),
            ("الروسية", "GPE", "c:ru"),
        ],
    )
    assert len([e for e in extract_events(doc) if e.mode == "visit"]) == 1


def test_events_demonstrative_folds_into_last_visit_whatever_follows() -> None:
    doc = annotated(
        "وصل وزير الخارجية وليد المعلم إلى مسقط أمس. "
        "وتعد هذه الزيارة الأولى لوزير الخارجية السوري إلى دولة خليجية منذ مارس 2011.",
        [
            ("وليد المعلم", "PERSON", "p:muallem"),
            ("مسقط", "GPE", "c:muscat"),
            ("وزير الخارجية السوري", "PERSON", "p:muallem"),
        ],
        [("أمس", "2015-08-06", "day"), ("مارس 2011", "2011-03", "month")],
        published="2015-08-07",
    )
    (visit,) = [e for e in extract_events(doc) if e.mode == "visit"]
    assert visit.start == "2015-08-06"


def test_events_visit_framing_a_meeting_is_its_own_event_with_the_subject_travelling() -> None:
    doc = annotated(
        "قالت الوزارة إن الوزير سيرجي لافروف سيعقد اجتماعا ثلاثيا مع نظيريه جون كيري وعادل "
        "الجبير خلال زيارة عمل لقطر يومي الثاني والثالث من أغسطس.",
        [
            ("سيرجي لافروف", "PERSON", "p:lavrov"),
            ("جون كيري", "PERSON", "p:kerry"),
            ("عادل الجبير", "PERSON", "p:jubeir"),
            ("قطر", "GPE", "c:qatar"),
        ],
        [("يومي الثاني والثالث من أغسطس", "2015-08-02/2015-08-03", "day")],
        published="2015-08-01",
    )
    by_mode = {e.mode: e for e in extract_events(doc)}
    assert [p.entity for p in by_mode["visit"].actors] == ["p:lavrov"]
    assert [p.entity for p in by_mode["visit"].targets] == ["c:qatar"]
    assert by_mode["meet"].start == by_mode["visit"].start == "2015-08-02"


def test_events_word_inside_an_organization_name_is_no_trigger() -> None:
    """A trigger word inside an ORG name ("حزب المؤتمر الشعبي العام") is none; one opening it is."""
    doc = annotated(
        "وانتقد حزب المؤتمر الشعبي العام إيران.",
        [("حزب المؤتمر الشعبي العام", "ORG", "o:gpc"), ("إيران", "GPE", "c:ir")],
    )
    assert [e.type for e in extract_events(doc)] == ["ACCUSE"]
    named = annotated(
        "وعقدت قمة العشرين في الرياض.",
        [("قمة العشرين", "ORG", "o:g20"), ("الرياض", "GPE", "c:riyadh")],
    )
    assert [(e.type, e.mode) for e in extract_events(named)] == [("CONSULT", "summit")]


def test_events_place_completing_a_title_is_no_participant() -> None:
    """ "ملكة بريطانيا" after the queen's name describes her: the guest is the crown prince."""
    doc = annotated(
        "استقبلت الملكة إليزابيث الثانية ملكة بريطانيا، الأربعاء، ولي العهد السعودي محمد بن سلمان.",
        [
            ("إليزابيث الثانية", "PERSON", "p:elizabeth"),
            ("بريطانيا", "GPE", "c:uk"),
            ("محمد بن سلمان", "PERSON", "p:mbs"),
        ],
    )
    (event,) = extract_events(doc)
    assert [p.entity for p in event.actors] == ["p:elizabeth"]
    assert [p.entity for p in event.targets] == ["p:mbs"]


def test_events_relative_clause_head_is_the_actor() -> None:
    """ "أرمينيا، التي علقت عضويتها في التحالف": Armenia suspends; with a subject of its own after
    the verb ("سوتشي التي استقبل فيها بوتين أردوغان") the head is no actor."""
    doc = annotated(
        "وسيغيب عن القمة أرمينيا، التي علقت عضويتها في التحالف.",
        [("أرمينيا", "GPE", "c:am")],
    )
    (event,) = [e for e in extract_events(doc) if e.type == "SANCTION"]
    assert [p.entity for p in event.actors] == ["c:am"]
    own = annotated(
        "وتحدث عن سوتشي التي استقبل فيها بوتين أردوغان.",
        [("سوتشي", "GPE", "c:sochi"), ("بوتين", "PERSON", "p:putin"), ("أردوغان", "PERSON", "p:e")],
    )
    (host,) = extract_events(own)
    assert [p.entity for p in host.actors] == ["p:putin"]


def test_events_season_dates_run_over_its_months() -> None:
    doc = annotated(
        "يزور الملك سلمان روسيا في الخريف المقبل. وقال الكرملين إن الملك سلمان سيزور روسيا "
        "في أكتوبر.",
        [("الملك سلمان", "PERSON", "p:salman"), ("روسيا", "GPE", "c:ru")],
        [("الخريف المقبل", "2015-FA", "season"), ("أكتوبر", "2015-10", "month")],
        published="2015-08-08",
        every=True,
    )
    (ev,) = extract_events(doc)  # October falls in the autumn: one visit
    assert (ev.start, ev.end) == ("2015-09", "2015-11")


def test_events_city_after_a_summit_noun_is_where_it_meets() -> None:
    sharm = ("شرم الشيخ", "GPE", "kb:city:eg:sharm-el-sheikh")
    doc = annotated(
        "وشارك الرئيس المصري في قمة شرم الشيخ الاقتصادية مع ملك الأردن.",
        [sharm, ("الرئيس المصري", "PERSON", "p:sisi"), ("ملك الأردن", "PERSON", "p:abdullah")],
    )
    (ev,) = extract_events(doc)
    assert ev.location is not None and ev.location.entity == "kb:city:eg:sharm-el-sheikh"
    assert [p.entity for p in ev.actors] == ["p:sisi", "p:abdullah"]
    alone = annotated("وقال الوزير إن مذكرات قمة شرم الشيخ الاقتصادية تحولت إلى عقود.", [sharm])
    assert not [e for e in extract_events(alone) if e.type == "CONSULT"]  # the city is no party


def test_events_subject_after_a_complementizer_acts() -> None:
    # "أن X <verb>": X is the subject, not a person named later in the clause
    doc = annotated(
        "أعلن ترامب أن الوزير بومبيو سيتوجه للسعودية لبحث اختفاء الصحفي جمال خاشقجي.",
        [
            ("ترامب", "PERSON", "p:trump"),
            ("بومبيو", "PERSON", "p:pompeo"),
            ("سعودية", "GPE", "c:sa"),
            ("جمال خاشقجي", "PERSON", "p:khashoggi"),
        ],
    )
    visits = [e for e in extract_events(doc) if e.mode == "visit"]
    assert [[p.entity for p in e.actors] for e in visits] == [["p:pompeo"]]


def test_events_visits_of_different_years_stay_apart() -> None:
    doc = annotated(
        "وكان مشعل قد زار موسكو عام 2010. وزار مشعل موسكو عام 2006 في زيارة رسمية.",
        [("مشعل", "PERSON", "p:mashal"), ("موسكو", "GPE", "c:ru")],
        [("عام 2010", "2010", "year"), ("عام 2006", "2006", "year")],
        published="2015-08-03",
        every=True,
    )
    visits = [e for e in extract_events(doc) if e.mode == "visit"]
    assert sorted(e.start for e in visits) == ["2006", "2010"]


def test_events_attack_with_no_named_party_is_reported() -> None:
    doc = annotated(
        "وأدانت الحكومة التفجير الذي استهدف أمس مسجدا في عسير. وجرت الزيارة في أجواء ودية.",
        [("عسير", "LOC", "x:asir")],
        [("أمس", "2015-08-06")],
        published="2015-08-07",
    )
    (ev,) = extract_events(doc)  # the visit names nobody: still skipped
    assert (ev.type, ev.actors, ev.location and ev.location.entity, ev.start) == (
        "ASSAULT",
        (),
        "x:asir",
        "2015-08-06",
    )


def test_events_a_weapon_noun_alone_is_no_attack() -> None:
    doc = annotated(
        "وسمحت واشنطن لأوكرانيا باستخدام صواريخ بعيدة المدى. وأطلقت روسيا صاروخا على كييف.",
        [
            ("واشنطن", "GPE", "c:us"),
            ("أوكرانيا", "GPE", "c:ua"),
            ("روسيا", "GPE", "c:ru"),
            ("كييف", "GPE", "c:kyiv"),
        ],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.trigger_text, ev.actors[0].entity) == ("ASSAULT", "وأطلقت", "c:ru")


def test_events_a_condition_is_no_happening() -> None:
    doc = annotated(
        "وقالت الفلبين إنها مستعدة للمساعدة إذا وافقت الصين على وقف البناء، ولا مستقبل للحل "
        "إذا ما عقد مؤتمر دولي دون الصين. ووافقت الصين على المقترح.",
        [("الفلبين", "GPE", "c:ph"), ("الصين", "GPE", "c:cn")],
        every=True,
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.trigger_text) == ("AGREE", "ووافقت")


def test_events_an_absence_is_no_participation() -> None:
    doc = annotated(
        "وسيكون الغائب الأكبر عن الاجتماع هو أرمينيا. وعقد الاجتماع في أستانا بحضور روسيا.",
        [("أرمينيا", "GPE", "c:am"), ("روسيا", "GPE", "c:ru"), ("أستانا", "GPE", "c:nqz")],
    )
    assert [a.entity for ev in extract_events(doc) for a in ev.actors] == ["c:ru"]


@pytest.mark.parametrize(
    "text",
    [
        "وانتهك الجيش اتفاق وقف إطلاق النار مع حماس.",  # a ceasefire
        "وانتهك الجيش اتفاق إيقاف إطلاق النار مع حماس.",  # a ceasefire, the other verbal noun
        "وأصدرت المحكمة مذكرة اعتقال بحق البشير.",  # a warrant, no arrest yet
    ],
)
def test_events_a_word_before_the_trigger_can_make_it_no_event(text: str) -> None:
    doc = annotated(
        text,
        [
            ("الجيش", "ORG", "o:army"),
            ("حماس", "ORG", "o:hamas"),
            ("المحكمة", "ORG", "o:court"),
            ("البشير", "PERSON", "p:bashir"),
        ],
        every=True,
    )
    assert [e.type for e in extract_events(doc) if e.type in {"ASSAULT", "COERCE"}] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ويحث الاتحاد الأوروبي الصين على وقف البناء.", "REQUEST"),
        ("وأعلن ترامب انسحاب الولايات المتحدة من الاتفاق.", "RETREAT"),
        ("وتتفاوض مصر مع السعودية على قرض.", "CONSULT"),
        ("وأعلن المغرب قطع علاقاته مع إيران.", "SANCTION"),
        ("واستعرض ترامب خلال لقائه الرئيس الصيني العلاقات.", "CONSULT"),
        ("وحذرت الصين الولايات المتحدة من فرض رسوم جديدة.", "THREATEN"),
        ("وقالت الخارجية إن تركيا سترد على قرار الولايات المتحدة.", "THREATEN"),
    ],
)
def test_events_lexicon_covers_more_forms(text: str, kind: str) -> None:
    doc = annotated(
        text,
        [
            ("الاتحاد الأوروبي", "ORG", "o:eu"),
            ("الصين", "GPE", "c:cn"),
            ("ترامب", "PERSON", "p:t"),
            ("الولايات المتحدة", "GPE", "c:us"),
            ("مصر", "GPE", "c:eg"),
            ("السعودية", "GPE", "c:sa"),
            ("المغرب", "GPE", "c:ma"),
            ("إيران", "GPE", "c:ir"),
            ("تركيا", "GPE", "c:tr"),
        ],
        every=True,
    )
    assert kind in {e.type for e in extract_events(doc)}


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("وقال إن كازاخستان لا تشارك في العقوبات الغربية على روسيا.", []),
        ("وقال نصر الله إن العقوبات الأمريكية على حزب الله لا تقدم ولا تؤخر.", ["SANCTION"]),
        ("وانتقدت إيران العقوبات التي فرضتها الولايات المتحدة.", ["SANCTION"]),
    ],
)
def test_events_the_sanctions_spoken_of_are_no_new_sanction(text: str, types: list[str]) -> None:
    doc = annotated(
        text,
        [
            ("كازاخستان", "GPE", "c:kz"),
            ("روسيا", "GPE", "c:ru"),
            ("إيران", "GPE", "c:ir"),
            ("الأمريكية", "MISC", "wd:Q30"),
            ("حزب الله", "ORG", "o:hezbollah"),
            ("الولايات المتحدة", "GPE", "wd:Q30"),
        ],
        every=True,
    )
    assert [e.type for e in extract_events(doc) if e.type == "SANCTION"] == types


def test_events_a_sanction_announced_for_the_future_is_a_threat() -> None:
    doc = annotated(
        "وقال بومبيو إن الولايات المتحدة ستفرض على إيران أشد العقوبات صرامة.",
        [("الولايات المتحدة", "GPE", "c:us"), ("إيران", "GPE", "c:ir")],
    )
    assert [(e.type, [p.entity for p in e.actors]) for e in extract_events(doc)] == [
        ("THREATEN", ["c:us"])
    ]


def test_events_lifting_sanctions_is_a_concession() -> None:
    doc = annotated(
        "وقررت الولايات المتحدة رفع العقوبات عن إيران.",
        [("الولايات المتحدة", "GPE", "c:us"), ("إيران", "GPE", "c:ir")],
    )
    assert [(e.type, e.mode) for e in extract_events(doc)] == [("CONCEDE", "ease")]


def test_events_a_visit_in_answer_to_an_invitation_is_one_event() -> None:
    doc = annotated(
        "ووصل يوسف بن علوي أمس إلى الأردن تلبية لدعوة من العاهل الأردني.",
        [
            ("يوسف بن علوي", "PERSON", "p:alawi"),
            ("الأردن", "GPE", "c:jo"),
            ("العاهل الأردني", "PERSON", "p:abdullah"),
        ],
    )
    assert [e.type for e in extract_events(doc)] == ["CONSULT"]


def test_events_a_target_is_not_taken_past_the_next_event() -> None:
    doc = annotated(
        "حظرت موسكو بعض الصادرات بعد يوم من رفض الدولة الانضمام إلى مجموعة البريكس.",
        [("موسكو", "GPE", "c:moscow"), ("البريكس", "ORG", "o:brics")],
    )
    ban = next(e for e in extract_events(doc) if e.type == "SANCTION")
    assert [p.entity for p in ban.actors] == ["c:moscow"]
    assert "o:brics" not in {p.entity for p in ban.targets}


def test_events_a_since_expression_is_no_event_date() -> None:
    doc = annotated(
        "وكان بوتين زار مصر في 9 فبراير الماضي في أول زيارة من نوعها منذ عشرة أعوام.",
        [("بوتين", "PERSON", "p:putin"), ("مصر", "GPE", "c:eg")],
        [("9 فبراير الماضي", "2015-02-09"), ("منذ عشرة أعوام", "2005-08-08")],
        published="2015-08-08",
    )
    (ev,) = extract_events(doc)
    assert ev.start == "2015-02-09"


def test_events_future_prefix_on_a_rare_verb_form() -> None:
    # the segmenter keeps "س" on "سيزوران" (its remainder is rare in the corpus)
    doc = annotated(
        "وقال المسؤول إن بوغدانوف والمعلم سيزوران طهران قريبا.",
        [
            ("بوغدانوف", "PERSON", "p:bogdanov"),
            ("المعلم", "PERSON", "p:muallem"),
            ("طهران", "GPE", "wd:Q3616"),
        ],
    )
    (visit,) = extract_events(doc)
    assert (visit.type, visit.mode, visit.status) == ("CONSULT", "visit", "planned")
    assert [p.entity for p in visit.targets] == ["wd:Q3616"]


def test_events_a_coordination_closed_by_the_actor_acts_with_it() -> None:
    doc = annotated(
        "وجاء ذلك بعد إعلان السعودية والإمارات والبحرين قطع علاقاتها مع قطر.",
        [
            ("السعودية", "GPE", "c:sa"),
            ("الإمارات", "GPE", "c:ae"),
            ("البحرين", "GPE", "c:bh"),
            ("قطر", "GPE", "c:qa"),
        ],
    )
    (cut,) = (e for e in extract_events(doc) if e.type == "SANCTION")
    assert [p.entity for p in cut.actors] == ["c:sa", "c:ae", "c:bh"]
    assert [p.entity for p in cut.targets] == ["c:qa"]


def test_events_his_country_stands_for_the_country_named_before_it() -> None:
    doc = annotated(
        "وأعلن الرئيس الكازاخستاني توكايف أن بلاده ستوقع اتفاقا مع روسيا لبناء محطة نووية.",
        [
            ("الكازاخستاني", "MISC", "wd:Q232"),
            ("توكايف", "PERSON", "p:tokayev"),
            ("روسيا", "GPE", "wd:Q159"),
        ],
    )
    (deal,) = (e for e in extract_events(doc) if e.type == "AGREE")
    assert sorted(p.entity for p in deal.actors) == ["wd:Q159", "wd:Q232"]
    assert next(p.text for p in deal.actors if p.entity == "wd:Q232") == "بلاده"


def test_events_an_attack_is_against_the_party_after_ala() -> None:
    doc = annotated(
        "وقصفت روسيا مواقع عدة أمس، فيما أطلقت أوكرانيا صواريخ قدمتها بريطانيا على روسيا.",
        [("روسيا", "GPE", "c:ru"), ("أوكرانيا", "GPE", "c:ua"), ("بريطانيا", "GPE", "c:uk")],
        every=True,
    )
    launch = next(e for e in extract_events(doc) if e.trigger_text == "أطلقت")
    assert [p.entity for p in launch.actors] == ["c:ua"]
    assert [p.entity for p in launch.targets] == ["c:ru"]


def test_events_a_masculine_verb_takes_no_country_as_its_subject() -> None:
    """ "أشار الوزير ... واتهم إسرائيل بـ": Israel would take اتهمت; it is the accused, the
    minister named before accuses. A feminine verb keeps the country as its subject."""
    doc = annotated(
        "وأشار وزير الخارجية التركي مولود تشاووش أوغلو إلى القضية واتهم إسرائيل باتخاذ "
        "إجراءات قمعية.",
        [("مولود تشاووش أوغلو", "PERSON", "p:cavusoglu"), ("إسرائيل", "GPE", "wd:Q801")],
    )
    (ev,) = extract_events(doc)
    assert [p.entity for p in ev.actors] == ["p:cavusoglu"]
    assert [p.entity for p in ev.targets] == ["wd:Q801"]
    doc = annotated(
        "وأشار الوزير إلى القضية واتهمت إسرائيل الحركة بإطلاق الصواريخ.",
        [("إسرائيل", "GPE", "wd:Q801")],
    )
    (ev,) = extract_events(doc)
    assert [p.entity for p in ev.actors] == ["wd:Q801"]


def test_events_a_verb_with_no_subject_continues_the_sentences_subject() -> None:
    """ "ونفى كير أن ...، واتهم خصومه": no subject of its own, so Kiir accuses; the noun رفض
    ("على رفض الاتفاق") takes no such subject."""
    doc = annotated(
        "ونفى كير أن يكون القتال في بلاده قائما على أسس عنصرية، مشيرا إلى وجود إشكالات "
        "سياسية عميقة، واتهم خصومه بالعمالة لآخرين.",
        [("كير", "PERSON", "p:kiir")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, [p.entity for p in ev.actors]) == ("ACCUSE", ["p:kiir"])
    doc = annotated(
        "وكان نتنياهو حث أعضاء الكونغرس على رفض الاتفاق الذي أبرم في فيينا.",
        [("نتنياهو", "PERSON", "p:netanyahu")],
    )
    assert [e.type for e in extract_events(doc)] == ["REQUEST"]


@pytest.mark.parametrize(
    ("text", "mentions", "actors"),
    [
        (
            "ومن المقرر أن يبحث سيرغي لافروف الحرب على تنظيم داعش مع نظيره السعودي عادل الجبير.",
            [("تنظيم داعش", "ORG", "x:isis"), ("عادل الجبير", "PERSON", "p:jubeir")],
            ["kb:person:sergey-lavrov", "p:jubeir"],
        ),
        (
            "واجتمع سيرغي لافروف بالرئيس السوري بشار الأسد في دمشق.",
            [("بشار الأسد", "PERSON", "p:assad")],
            ["kb:person:sergey-lavrov", "p:assad"],
        ),
    ],
)
def test_events_a_meeting_is_held_with_those_after_maa_or_bi_not_its_topics(
    text: str, mentions: list[tuple[str, str, str]], actors: list[str]
) -> None:
    """The parties of a meeting are its subject and those after مع or بـ ("اجتمع بالرئيس");
    a name after على، عن، حول is a topic ("الحرب على تنظيم داعش")."""
    doc = annotated(text, [("سيرغي لافروف", "PERSON", "kb:person:sergey-lavrov"), *mentions])
    (ev,) = extract_events(doc)
    assert (ev.type, [p.entity for p in ev.actors]) == ("CONSULT", actors)


@pytest.mark.parametrize(
    ("text", "mentions", "actors"),
    [
        (
            "سيجري مولود جاويش أوغلو محادثات مع نظيره الأميركي مايك بومبيو على هامش اجتماع "
            "رابطة دول جنوب شرق آسيا.",
            [
                ("مولود جاويش أوغلو", "PERSON", "p:cavusoglu"),
                ("مايك بومبيو", "PERSON", "p:pompeo"),
                ("رابطة دول جنوب شرق آسيا", "ORG", "o:asean"),
            ],
            ["p:cavusoglu", "p:pompeo"],
        ),
        (
            "وقال كيري غداة لقاء مع لافروف في ماليزيا: بحثنا قرار الأمم المتحدة.",
            [
                ("كيري", "PERSON", "p:kerry"),
                ("لافروف", "PERSON", "p:lavrov"),
                ("ماليزيا", "GPE", "c:my"),
                ("الأمم المتحدة", "ORG", "o:un"),
            ],
            ["p:kerry", "p:lavrov"],
        ),
    ],
)
def test_events_a_meetings_parties_end_at_the_meeting_that_frames_it_or_a_quotation(
    text: str, mentions: list[tuple[str, str, str]], actors: list[str]
) -> None:
    """Talks "on the margins of" (في، خلال، على هامش) a meeting end where it begins: its names
    are its own; a colon opens the speaker's words, whose names are no parties."""
    (ev, *_) = extract_events(annotated(text, mentions))
    assert (ev.mode, [p.entity for p in ev.actors]) == ("meet", actors)


def test_events_only_an_attack_arrest_or_release_is_reported_without_its_doer() -> None:
    """ "فرض عقوبات على إيران" naming nobody who imposes them is talk of sanctions; "القصف
    على إدلب" is an attack on Idlib though nobody is named as its doer."""
    doc = annotated(
        "وتحدث المسؤول عن فرض عقوبات على إيران.",
        [("إيران", "GPE", "wd:Q794")],
    )
    assert extract_events(doc) == ()
    doc = annotated(
        "وأسفر القصف على إدلب عن مقتل عشرة.",
        [("إدلب", "GPE", "kb:city:sy:idlib")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.actors, [p.entity for p in ev.targets]) == (
        "ASSAULT",
        (),
        ["kb:city:sy:idlib"],
    )


def test_events_a_capital_acting_stands_for_its_state() -> None:
    """ "اتهمت موسكو كييف": Russia accuses and Ukraine is accused, read from the capitals'
    mentions; a visit's destination stays the city."""
    doc = annotated(
        "واتهمت موسكو كييف بقصف المدينة. وزار الوزير الكازاخستاني موسكو أمس.",
        [
            ("موسكو", "GPE", "wd:Q649"),
            ("كييف", "GPE", "wd:Q1899"),
            ("الكازاخستاني", "GPE", "wd:Q232"),
        ],
        [("أمس", "2025-11-10")],
        every=True,
    )
    accuse, visit = extract_events(doc)
    assert [(p.entity, p.text) for p in accuse.actors] == [("wd:Q159", "موسكو")]
    assert [p.entity for p in accuse.targets] == ["wd:Q212"]
    assert [p.entity for p in visit.targets] == ["wd:Q649"]


def test_events_a_meeting_of_his_during_the_clause_is_the_subjects() -> None:
    """ "صرح X خلال لقائه Y": the pronoun of لقائه is X, the clause's subject, not the name
    after it; a name a preposition marks ("بالأسد") is no subject."""
    doc = annotated(
        "وكان إيمانويل ماكرون قد صرح خلال لقائه الرئيس فلاديمير بوتين في موسكو بأن الحوار ضروري.",
        [
            ("إيمانويل ماكرون", "PERSON", "p:macron"),
            ("فلاديمير بوتين", "PERSON", "wd:Q7747"),
            ("موسكو", "GPE", "wd:Q649"),
        ],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, [p.entity for p in ev.actors]) == ("CONSULT", ["p:macron"])
    assert [p.entity for p in ev.targets] == ["wd:Q7747"]
    doc = annotated(
        "ومن المقرر أن يلتقي ظريف بالأسد خلال زيارته لسوريا.",
        [("ظريف", "PERSON", "p:zarif"), ("الأسد", "PERSON", "p:assad"), ("سوريا", "GPE", "c:sy")],
    )
    visit = next(e for e in extract_events(doc) if e.mode == "visit")
    assert [p.entity for p in visit.actors] == ["p:zarif"]


def test_events_a_visit_goes_only_where_the_text_sends_the_traveller() -> None:
    """A visit's target is its destination (after إلى or right after the noun); a country
    named later in the sentence is not where the traveller goes."""
    doc = annotated(
        "وتأتي زيارة فلاديمير بوتين في وقت تتصاعد فيه التوترات بين أوكرانيا والغرب.",
        [("فلاديمير بوتين", "PERSON", "wd:Q7747"), ("أوكرانيا", "GPE", "wd:Q212")],
    )
    (ev,) = extract_events(doc)
    assert (ev.mode, [p.entity for p in ev.actors], ev.targets) == ("visit", ["wd:Q7747"], ())


def test_events_a_traveller_going_on_to_another_country_makes_a_second_visit() -> None:
    """ "يتوجه X إلى مصر ...، ثم يتوجه إلى الأردن": X goes on (no subject after ثم), and a
    visit to another country is another event; a second mention of the same trip (Cairo is in
    Egypt) is still folded into the first."""
    doc = annotated(
        "ويتوجه سيرغي لافروف إلى مصر للقاء عبد الفتاح السيسي، ثم يتوجه إلى الأردن.",
        [
            ("سيرغي لافروف", "PERSON", "kb:person:sergey-lavrov"),
            ("مصر", "GPE", "wd:Q79"),
            ("عبد الفتاح السيسي", "PERSON", "kb:person:abdel-fattah-el-sisi"),
            ("الأردن", "GPE", "wd:Q810"),
        ],
    )
    visits = [e for e in extract_events(doc) if e.mode == "visit"]
    assert [[p.entity for p in e.actors] for e in visits] == [
        ["kb:person:sergey-lavrov"],
        ["kb:person:sergey-lavrov"],
    ]
    assert [[p.entity for p in e.targets] for e in visits] == [["wd:Q79"], ["wd:Q810"]]
    doc = annotated(
        "وزار سيرغي لافروف مصر أمس. وتأتي زيارة سيرغي لافروف إلى القاهرة في ظل التوتر.",
        [
            ("سيرغي لافروف", "PERSON", "kb:person:sergey-lavrov"),
            ("مصر", "GPE", "wd:Q79"),
            ("القاهرة", "GPE", "wd:Q85"),
        ],
        every=True,
    )
    assert len([e for e in extract_events(doc) if e.mode == "visit"]) == 1


def test_events_making_calls_with_someone_is_a_phone_consultation() -> None:
    """ "أجرى اتصالات مع": calls made (without the word هاتفي); "الاتصالات الدبلوماسية" is no
    event."""
    doc = annotated(
        "وكان إيمانويل ماكرون أجرى اتصالات مع أنغيلا ميركل بشأن الأزمة.",
        [("إيمانويل ماكرون", "PERSON", "p:macron"), ("أنغيلا ميركل", "PERSON", "p:merkel")],
    )
    (ev,) = extract_events(doc)
    assert (ev.type, ev.mode, [p.entity for p in ev.actors]) == ("CONSULT", "phone", ["p:macron"])
    doc = annotated(
        "وتحدث إيمانويل ماكرون عن الاتصالات الدبلوماسية المكثفة بشأن الأزمة.",
        [("إيمانويل ماكرون", "PERSON", "p:macron")],
    )
    assert extract_events(doc) == ()


_MACRON = ("إيمانويل ماكرون", "PERSON", "p:macron")
_MAAS = ("هايكو ماس", "PERSON", "p:maas")


@pytest.mark.parametrize(
    ("text", "mentions", "parties"),
    [
        (
            "ودعا الرئيس الفرنسي إيمانويل ماكرون إيران إلى احترام التزاماتها.",
            [_MACRON, ("إيران", "GPE", "c:ir")],
            (["p:macron"], ["c:ir"]),
        ),
        ("ودعا إيمانويل ماكرون إلى حل سياسي للأزمة.", [_MACRON], None),
        (
            "وأكد وزير الخارجية الألماني هايكو ماس دعم بلاده للاتفاق، داعيا طهران إلى الالتزام به.",
            [_MAAS, ("طهران", "GPE", "c:ir")],
            (["p:maas"], ["c:ir"]),
        ),
        ("وأكد هايكو ماس دعم بلاده للاتفاق، داعيا إلى الالتزام به.", [_MAAS], None),
    ],
)
def test_events_a_call_is_a_request_only_when_it_names_whom_it_calls_on(
    text: str,
    mentions: list[tuple[str, str, str]],
    parties: tuple[list[str], list[str]] | None,
) -> None:
    """ "دعا X Y إلى": X calls on Y (REQUEST); "دعا X إلى حل": a call for something, no event.
    A participle ("مؤكدا ...، داعيا Y إلى") has no subject after it: the sentence's subject
    calls, Y is called on."""
    found = extract_events(annotated(text, mentions))
    if parties is None:
        assert found == ()
        return
    (ev,) = found
    assert ev.type == "REQUEST"
    assert ([p.entity for p in ev.actors], [p.entity for p in ev.targets]) == parties


def test_events_the_verb_imposing_sanctions_is_the_trigger() -> None:
    """ "فرضت وزارة الخزانة أمس عقوبات": the verb triggers the mention, the noun words later
    completes it; a tariff noun makes it a tariff."""
    doc = annotated(
        "وفرضت وزارة الخزانة الأميركية أمس عقوبات على شركتين. وفرضت كندا في المقابل رسوما "
        "على الصلب.",
        [("وزارة الخزانة الأميركية", "ORG", "x:treasury"), ("كندا", "GPE", "c:ca")],
    )
    found = [(e.trigger_text, e.mode, e.actors[0].entity) for e in extract_events(doc)]
    assert found == [("وفرضت", "sanctions", "x:treasury"), ("وفرضت", "tariff", "c:ca")]


def test_events_talks_named_as_background_are_no_meeting() -> None:
    """ "بعد مفاوضات شاقة": the noun names talks behind an agreement, not a meeting reported;
    a verb of negotiating still is one."""
    doc = annotated(
        "وقال إن الاتفاق أبرم بعد مفاوضات شاقة بين إيران والقوى الكبرى. وتتفاوض مصر مع "
        "السعودية على قرض.",
        [("إيران", "GPE", "c:ir"), ("مصر", "GPE", "c:eg"), ("السعودية", "GPE", "c:sa")],
    )
    assert [e.trigger_text for e in extract_events(doc) if e.type == "CONSULT"] == ["وتتفاوض"]


def test_events_a_city_after_bi_is_where_a_meeting_is_not_who_meets() -> None:
    """ "اجتمع بالرئيس" names the one met; "اجتمعت ... بإسطنبول" names the place."""
    doc = annotated(
        "اجتمعت مصر والأردن بإسطنبول أمس.",
        [("مصر", "GPE", "wd:Q79"), ("الأردن", "GPE", "wd:Q810"), ("إسطنبول", "GPE", "wd:Q406")],
    )
    (ev,) = extract_events(doc)
    assert [p.entity for p in ev.actors] == ["wd:Q79", "wd:Q810"]
