"""Document context: which documents have a subject, and each provision's role in them.

Frames are built by hand here (the parse is tested in test_frame.py); the aspects and document rules
are the shipped ones (patterns/aspects.yaml, patterns/documents/)."""

from __future__ import annotations

import pytest

from reiki_scan.nlp.frame import PLAIN, PROHIBITION, SETTING, Frame
from reiki_scan.nlp.text import normalise
from reiki_scan.rules.context import ACT, HOW, NAMES, NONE, DocumentContext, head_of
from reiki_scan.rules.loader import load_rules

RULESET = load_rules()
CONTEXT = DocumentContext(RULESET)


def rule(rule_id):
    return RULESET.by_id(rule_id)


def role(rule_id, heading, text, topic="", path="第2条", predicate="する", verbs=()):
    """The role of a provision, with a frame of its first sentence (its first line: a list's items follow)
    written by hand: ``predicate`` is the main verb, ``verbs`` the verbs coordinated with it."""
    first = text.split("\n")[0]
    frame = Frame(topic, topic.rsplit("の", 1)[-1], predicate, SETTING if first.endswith("とする。") else PLAIN,
                  main=first, verbs=(predicate, *verbs))
    norm = normalise(text).norm
    return CONTEXT.role(rule(rule_id), path, heading, frame, norm, norm.split("\n")[0])


def test_subject_is_read_from_the_title_or_the_purpose_clause():
    ids = lambda title, purpose="": [r.id for r in CONTEXT.subjects(title, purpose)]   # noqa: E731
    assert ids("町道台帳閲覧規程") == ["VST101"]
    assert ids("町職員宿日直規程") == ["RES101"]
    assert ids("町環境保全要綱", "この要綱は、環境保全のための巡視に関し必要な事項を定める。") == ["VIS101"]
    # a disclosure ordinance mentions 閲覧 but is not about viewing a register kept for the public
    assert ids("町情報公開条例施行規則") == []
    # staff training is not a course for a qualification: a kind of document that sets no course
    assert ids("町職員研修規程") == ["TRN102"]
    # a rule on the inspector's card, though its name holds the act (査察): the card's document
    assert ids("町消防公務査察証規則") == ["AUD101"]


def test_head_of_a_phrase_is_what_follows_the_last_no():
    assert head_of("閲覧の申請") == "申請" and head_of("報告書の閲覧") == "閲覧" and head_of("任期") == "任期"


@pytest.mark.parametrize("heading, text, kind, aspect", [
    ("(閲覧時間)", "閲覧時間は、午前9時から午後5時までとする。", HOW, "time"),
    ("(台帳の設置場所)", "台帳の設置場所は、建設課とする。", HOW, "place"),
    ("(閲覧の申請)", "閲覧しようとする者は、申請書を提出しなければならない。", NAMES, "application"),
    ("(手数料)", "閲覧の手数料は、無料とする。", NAMES, "fee"),
    # a keep-in-the-room rule under a conduct heading is still how the viewing is done
    ("(遵守事項)", "閲覧者は、台帳を閲覧室の外に持ち出してはならない。", HOW, "keep_in_room"),
    ("(遵守事項)", "閲覧者は、閲覧室において喫煙してはならない。", NAMES, "conduct"),
    ("", "台帳は、一般の閲覧に供するものとする。", ACT, None),   # predicate 供する (set in the test)
    ("", "町長は、閲覧者が規程に違反したときは、閲覧を中止させることができる。", NAMES, "sanction"),
    # viewing by sight only, no photographs: how the viewing is done
    ("(複写)", "台帳の閲覧は、目視のみとし、撮影は認めない。", HOW, "keep_in_room"),
    # how long the papers are kept is no time of the viewing
    ("(保管期間)", "台帳の保管期間は、10年とする。", NAMES, "storage"),
])
def test_role_in_a_viewing_document(heading, text, kind, aspect):
    r = role("VST101", heading, text, predicate="供する" if "供する" in text else "する")
    assert r.kind == kind and (r.aspect.id if r.aspect else None) == aspect, r.describe()


def test_a_later_paragraph_reads_its_own_text_before_the_articles_heading():
    # (閲覧の方法) heads the article; its third paragraph is a conduct rule
    first = role("VST101", "(閲覧の方法)", "閲覧は、係員の指示により行う。", path="第3条第1項")
    later = role("VST101", "(閲覧の方法)", "閲覧者は、名簿を汚損してはならない。", path="第3条第3項")
    assert first.kind == HOW and later.kind == NAMES and later.aspect.id == "conduct"


def test_topic_decides_when_there_is_no_heading():
    assert role("VIS101", "", "監視員の任期は、2年とする。", topic="監視員の任期").kind == NAMES
    assert role("TRN101", "", "講習の時間は、10時間以上とする。", topic="講習の時間").kind == HOW


def test_a_watch_duty_without_a_patrol_word_sets_no_act():
    # 監視員 whose only duty is to report what they happen to see do not patrol
    assert role("VIS101", "(職務)", "監視員は、不法投棄を発見したときは、町長に通報するものとする。").kind == NONE
    assert role("VIS101", "(職務)", "監視員は、担当区域を巡視するものとする。", predicate="巡視").kind in (ACT, HOW)


def test_night_duty_is_set_only_where_it_is_put_in_place():
    assert role("RES101", "(宿日直の設置)", "町長は、職員に宿直勤務を行わせるものとする。", predicate="行う").kind == ACT
    assert role("RES101", "(宿日直の割当て)", "宿直は、名簿の順序により割り当てる。").kind == NAMES
    assert role("RES101", "(服務)", "宿直員は、勤務中みだりに庁舎を離れてはならない。").kind == HOW
    # a predicate in kana imposes as its kanji does (宿直員をおく, 詰所をもうける)
    assert role("RES101", "", "支所に、宿日直の勤務に当たる職員(以下「当直員」という。)をおく。", predicate="おく").kind == ACT
    # the classical causative (職員をして…の勤務に服せしめる)
    assert role("RES101", "", "庁舎を守るため、職員をして宿直の勤務に服せしめる。", predicate="服する").kind == ACT


def test_a_presence_cue_keeps_a_provision_whatever_its_heading_names():
    # staff kept in the building, paper put up on the town's boards: not the rota or the notice the 見出し names
    assert CONTEXT.names_only("(管理体制)", "", "受託者は、開館時間中、責任者を館内に常駐させなければならない。") is None
    assert CONTEXT.names_only("(所在の知れない者への通知)", "", "通知は、その旨を町の掲示場に掲示して行う。") is None
    # a duty to put the users' rules up where they are seen, under a heading that names the rules
    assert CONTEXT.names_only("(利用の心得)", "", "館長は、利用の心得を定め、ホールの入口の見やすい場所に掲げておかなければならない。") is None


def test_names_only_holds_everywhere_only_for_its_everywhere_aspects():
    assert CONTEXT.names_only("(任期)", "", "監視員の任期は、2年とする。")[0].id == "appointment"
    # a procedure's heading often holds the act: (補助金の交付決定) … 現地調査を行い
    assert CONTEXT.names_only("(補助金の交付決定)", "", "町長は、現地調査を行い、交付を決定する。") is None
    # the head of the heading decides: (納入通知書の送付) is about 送付
    assert CONTEXT.names_only("(納入通知書の送付)", "", "フロッピーディスクを引き渡す。") is None
    # a cue that presumes presence is never names-only
    assert CONTEXT.names_only("(遵守事項)", "", "巡視の際は、腕章を着用しなければならない。") is None
    # a road's closure is no sanction on a person: its notice posted on site stays a finding
    closure = "管理者は、通行を禁止することができる。この場合において、林道の起点にその旨を掲示するものとする。"
    assert CONTEXT.names_only("(通行の禁止又は制限)", "", closure) is None
    assert CONTEXT.names_only("(使用の停止)", "", "町長は、使用を停止させることができる。")[0].id == "sanction"
    # a how cue beats the names aspect it overrides: a list of patrol items with its frequency
    items = "巡視及び点検項目は、次に挙げるとおりとする。\n定期巡視 月2回\n臨時巡視"
    assert CONTEXT.names_only("", "巡視及び点検項目", items) is None
    assert CONTEXT.names_only("", "巡視及び点検項目", "巡視及び点検項目は、別表のとおりとする。")[0].id == "scope_topic"


def test_who_serves_or_is_appointed_is_staffing_in_any_document_by_its_wording():
    # body_anywhere: the appointment cue of the text holds where the document has no subject
    staffed = "前項の日直は、各課の職員をもって充てるものとする。"
    assert CONTEXT.names_only("(日直)", "前項の日直", staffed)[0].id == "appointment"
    appointed = "巡視員は、区域内に住所を有する者のうちから、町長が委嘱する。"
    assert CONTEXT.names_only("(巡視員)", "巡視員", appointed)[0].id == "appointment"
    # the appointing clause is the sentence's end: a patrol set after it is not staffing
    assert CONTEXT.names_only("(巡視員)", "巡視員", "巡視員は、町長が委嘱した者と共に、区域内を巡視する。") is None
    # the cue of a names aspect that holds only in its subject's documents does not count elsewhere
    assert CONTEXT.names_only("(検査)", "検査", "検査は、会計管理者が行う。") is None


def test_presence_cues_do_not_count_in_a_definition_or_in_what_a_report_is_about():
    # the card defined as the one shown at inspections: a definition, no duty
    r = role("AUD101", "(定義)", "立入検査証は、立入検査において提示する証票のことをいう。")
    assert r.kind != HOW
    # a ban on misusing the card is no duty to carry it
    r = role("AUD101", "(適正な使用)", "立入検査証は、適正に使用し、みだりにこれを提示してはならない。")
    assert r.kind != HOW
    # unable to patrol the area: the provision is the report, not the patrol's route
    text = "巡視員は、疾病その他の事故により受持区域内を巡視することができないときは、直ちに町長に届け出なければならない。"
    assert role("VIS101", "", text, topic="巡視員", predicate="届け出る").kind != HOW
    # what to mind while the audit is on: conduct, though its occasion names the audit done on site —
    # unless an item itself puts someone there
    text = "職員は、実地指導を行うに当たっては、次に掲げる事項に配慮しなければならない。\n(1) 記録を丁寧に扱うこと。"
    assert role("AUD102", "(留意事項)", text, topic="職員", predicate="配慮").kind != HOW
    assert role("AUD102", "(心得)", text, topic="職員", predicate="配慮").kind != HOW
    text = "職員は、実地指導を行うに当たっては、次に掲げる事項に配慮しなければならない。\n(1) 管理者の立会いの上で行うこと。"
    assert role("AUD102", "(留意事項)", text, topic="職員", predicate="配慮").kind == HOW


def test_the_name_of_the_role_is_not_the_act():
    # 巡視人は、…の保護に任じ: the role's name; the patrol is set where someone patrols
    text = "巡視人は、村有林内の施設の保護に任じ、被害の予防の業務に従事しなければならない。"
    assert role("VIS101", "", text, topic="巡視人", predicate="従事").kind == NONE


def test_the_act_in_a_topic_that_names_who_did_it_is_not_imposed():
    # 点検を行った者は、…判定を行う: what the checker does afterwards, at a desk
    text = "遊具の点検を行った者は、別表の区分により各遊具の健全性の判定を行うものとする。"
    assert role("VIS102", "", text, topic="遊具の点検を行った者", predicate="行う").kind == NONE
    # the act after a topic that names who does it is still imposed
    assert role("VIS102", "", "管理者は、遊具の点検を行うものとする。", topic="管理者", predicate="行う").kind == ACT


def test_the_act_itself_banned_is_conduct_not_the_act():
    # how the reader must not read the meter (bent by favour): conduct; the reading is set elsewhere
    text = "検針員は、使用者の頼みにより、使用水量を偽って検針してはならない。"
    frame = Frame("検針員", "検針員", "検針", PROHIBITION, main=text, verbs=("検針",))
    norm = normalise(text).norm
    assert CONTEXT.role(rule("VIS104"), "第5条", "(禁止行為)", frame, norm, norm).kind != ACT
    assert role("VIS104", "", "検針員は、定められた日に検針しなければならない。", topic="検針員",
                predicate="検針").kind == ACT


def test_a_patrol_in_plain_words_sets_the_act():
    text = "監視員は、受持ちの地区を見て回り、ごみの捨てられた場所がないか確かめるものとする。"
    assert role("VIS101", "", text, topic="監視員", predicate="確かめる").kind == ACT
    # 見回り as the verb of the first clause, then what to do on finding something
    text = "監視員は、受持ちの水路を随時見回り、異状を見つけたときは、直ちに町長に知らせるものとする。"
    assert role("VIS101", "", text, topic="監視員", predicate="知らせる").kind == ACT
    # the patrol carried out as an activity, under a heading of conduct (服務)
    text = "巡視員は、町長の指示を受け、村有林の保全のため巡視活動を行うものとする。"
    assert role("VIS101", "(服務)", text, topic="巡視員", predicate="行う").kind == ACT


def test_an_act_imposed_in_the_first_of_two_coordinated_clauses_sets_it():
    text = "巡視員は、町長が指定する日に受持ちの林野を巡視するものとし、とりわけ次に掲げる日の巡視は欠かしてはならない。"
    assert role("VIS101", "", text, topic="巡視員", predicate="欠かす").kind == ACT


def test_an_act_done_then_reported_or_allowed_instead_in_a_proviso_sets_it():
    text = "看守人は、担当職員の指示に従い、必要な調査及び巡視をし、報告しなければならない。"
    assert role("VIS101", "", text, topic="看守人", predicate="報告").kind == ACT
    text = "監視人は、担当区域内の監視を行うことにより措置を要すると認めるときは、町長に報告するものとする。"
    assert role("VIS101", "(業務)", text, topic="監視人", predicate="報告").kind == ACT
    # a report of what the watcher could not do sets no watch
    text = "監視人は、担当区域内を監視することができないときは、町長に届け出なければならない。"
    assert role("VIS101", "", text, topic="監視人", predicate="届け出る").kind != ACT
    proviso = "条例の公布は、公報に登載して行う。但し、急施を要する条例は、掲示場に掲示して、公報の登載に代えることができる。"
    norm = normalise(proviso).norm
    frame = Frame("条例の公布", "公布", "行う", PLAIN, main="条例の公布は、公報に登載して行う。", verbs=("行う",))
    assert CONTEXT.role(rule("PST101"), "第3条", "", frame, norm, norm.split("。")[0] + "。").kind == ACT
    # older texts write the replacing verb in kana (掲示してこれにかえることができる)
    proviso = proviso.replace("掲示して、公報の登載に代える", "掲示してこれにかえる")
    norm = normalise(proviso).norm
    assert CONTEXT.role(rule("PST101"), "第3条", "", frame, norm, norm.split("。")[0] + "。").kind == ACT
    # a forest warden's 看守 names the kind of document as 監守 does
    assert [r.id for r in CONTEXT.subjects("市有林看守人規程", "")] == ["VIS101"]


def test_a_kind_of_the_act_said_to_be_the_act_done_on_an_occasion_sets_it():
    text = "定期査察は、査察対象物について、管轄区域の実情に即し、計画的に行う査察とする。"
    assert role("AUD102", "(定期査察)", text, topic="定期査察", predicate="する").kind == ACT
    # the kinds only named in one sentence still name them
    text = "査察を区分して、定期査察、臨時査察、特命査察の3種とする。"
    assert role("AUD102", "(査察の区分)", text, topic="", predicate="する").kind == NAMES


def test_the_duty_named_first_and_served_as_a_table_sets_it_is_set_up():
    text = "当直は、宿直及び日直とし、それぞれ別表に掲げるところにより服務するものとする。"
    assert role("RES101", "(当直の種類)", text, topic="当直").kind == ACT
    # the kinds alone name them
    assert role("RES101", "(当直の種類)", "当直は、日直及び宿直とする。", topic="当直").kind == NAMES


def test_excluding_staff_from_the_duty_is_an_exemption():
    r = role("RES101", "", "次に掲げる者は、宿日直の勤務を除外する。", topic="次に掲げる者")
    assert r.kind == NAMES and r.aspect.id == "exemption"
    # a course not held for those who took another one this year: an exemption, not the course held
    text = "前年度に初任者講習を修了した指導員に対しては、その年度の更新講習を行わないものとする。"
    r = role("TRN101", "(講習の回数等)", text, path="第3条第2項", predicate="行う")
    assert r.kind == NAMES and r.aspect.id == "exemption"


def test_a_duty_staff_serve_sets_the_duty():
    text = "職員は、宿直勤務及び日直勤務に服さなければならない。"
    assert role("RES101", "(当直勤務)", text, topic="職員", predicate="服す").kind == ACT


@pytest.mark.parametrize("rule_id, text, aspect", [
    ("PST101", "町長は、特別の理由があるときは、その掲示期間を短縮することができる。", "time"),
    ("TRN101", "新規講習は、2日間とし、乙種講習は、1日とする。", "time"),
    ("TRN101", "講座は、年間8回を1コースとする。", "frequency"),
    ("RES101", "宿直は、午後6時より翌朝午前7時30分までとし、学生寮の火災及び盗難の防止を目的とする勤務とする。", "time"),
    ("TRN101", "教育方法は、講義及び実習とする。", "lecture_method"),
    ("VIS101", "巡視日数は、毎年度7月から9月までの期間のうち25日間とする。", "frequency"),
    ("VIS101", "監視員は、毎日その受持区域内を巡視するものとする。", "frequency"),
    ("VIS102", "給食の担当者は、毎朝、調理台の損傷を点検するものとする。", "frequency"),
    ("VIS102", "学校の職員は、毎学期1回以上、校庭の遊具を点検する。", "frequency"),
    ("VIS101", "監視員は、任命期間内に5日以上の監視活動を行うものとする。", "frequency"),
])
def test_how_cues_in_the_text(rule_id, text, aspect):
    r = role(rule_id, "(職務)" if rule_id == "VIS101" else "", text)
    assert r.kind == HOW and aspect in ([r.aspect.id] + r.extra), r.describe()


def test_an_aspect_names_a_phrase_only_at_its_end_with_okurigana():
    # 保存期間の経過した報告書 is about 報告書, not a period; 割当て is 割当
    assert role("VST101", "", "保存期間の経過した報告書は、廃棄する。", topic="保存期間の経過した報告書").kind == NONE
    assert role("RES101", "(宿日直の割当て)", "名簿の順序による。").aspect.id == "rota"
    # 委嘱期間 is a term (the longer match wins), 講習科目及び時間 is about 時間
    assert role("VIS101", "(委嘱期間)", "2年とする。").kind == NAMES
    assert role("TRN101", "(講習科目及び時間)", "別表のとおりとする。").kind == HOW


def test_a_provision_that_only_names_the_act_under_another_predicate_sets_nothing():
    # the patrol car is used / the crew is formed: パトロール is named, 使用・編成 is imposed
    assert role("VIS101", "", "パトロールは、パトロール車を使用するものとする。", predicate="使用").kind == NONE
    assert role("VIS101", "", "パトロールは、運転手及び監理員の2名で編成する。", predicate="編成").kind == NONE


def test_the_items_of_a_list_carry_the_act_the_lead_sentence_introduces():
    text = normalise("監視員は、次に掲げる職務を行うものとする。\n担当区域の巡視\n町民への啓発").norm
    first = normalise("監視員は、次に掲げる職務を行うものとする。").norm
    frame = Frame("監視員", "監視員", "行う", PLAIN, main=first, verbs=("行う",))
    assert CONTEXT.role(rule("VIS101"), "第5条", "(職務)", frame, text, first).kind == ACT


def test_a_table_of_boards_in_a_notice_document_is_read_by_its_words():
    text = normalise("名称 | 所在地\n役場前掲示場 | 本町1番地").norm
    frame = Frame("", "", "名称", PLAIN, main=text, verbs=("名称",))
    assert CONTEXT.role(rule("PST101"), "別表", "", frame, text, text).kind == ACT


def test_a_kind_of_document_with_no_act_sets_nothing_and_governs_its_category():
    staff = rule("TRN102")
    assert staff.act is None and staff.covers.search("研修")
    assert role("TRN102", "(派遣研修)", "研修は、派遣研修とする。").kind == NONE
@pytest.mark.parametrize("rule_id, heading, text, kind, aspect", [
    # a how word qualified by paperwork is about the paperwork (申請の方法, 申込期間, 手数料の納付方法)
    ("VST101", "(申請の方法)", "閲覧の申請は、所定の様式による文書で行う。", NAMES, "application"),
    ("TRN101", "(受講申込期間)", "受講の申込みは、開催日の1月前から受け付ける。", NAMES, "application"),
    ("VST101", "(手数料の納付方法)", "手数料は、閲覧の際に現金で納める。", NAMES, "fee"),
    # the names word keeps its okurigana (申込みの方法 is still the application's method)
    ("TRN101", "(申込みの方法)", "受講を希望する者は、受講申込書により協会に申し込むものとする。", NAMES, "application"),
    # joined by 及び, the subjects and the hours are two subjects: the hours count
    ("TRN101", "(講習科目及び時間)", "講習の科目及び時間は、別表のとおりとする。", HOW, "time"),
    ("VST101", "(閲覧所の開設時間)", "閲覧所は、午前9時から午後4時まで開く。", HOW, "time"),
])
def test_a_how_word_qualified_by_paperwork_is_about_the_paperwork(rule_id, heading, text, kind, aspect):
    r = role(rule_id, heading, text)
    assert r.kind == kind and r.aspect.id == aspect, r.describe()


def test_a_heading_whose_head_names_the_act_is_not_read_by_its_modifier():
    # (台帳の閲覧) is about viewing the register, not about the register as a document
    assert role("VST101", "(台帳の閲覧)", "台帳は、一般の閲覧に供する。", predicate="供する").kind == ACT


@pytest.mark.parametrize("rule_id, heading, text, aspect", [
    # categories.md: subjects WITHOUT hours are not flagged — with hours they fix how the course is held
    ("TRN101", "(講座の内容)", "養成講座は全6回とし、1回の講義時間は2時間とする。", "time"),
    # a minimum head-count (…人以上) under a heading that names the number of attendees
    ("TRN101", "(受講人員)", "講習の受講人員は、15人以上とする。", "headcount_min"),
    # the date and place of the course decided under an application heading
    ("TRN101", "(講習の申出)", "委員会は、団体からの申出に基づき、講習の日時及び場所を決定する。", "schedule"),
    # the date and place set each time and made known, under a heading that names only the course
    ("TRN101", "(講習会)", "講習会の会場、日時、定員その他必要な事項は、その都度町長が告示する。", "schedule"),
    # the course taken, then the person judged fit: a condition of the appointment under (委嘱)
    ("TRN101", "(委嘱)", "町長は、次の各号に掲げる要件を備える者を推進員として委嘱する。\n(1) 町内に住所を有する者\n"
     "(2) 町が行う養成研修を受講し、推進員として適当と判断された者", "completion"),
])
def test_a_how_cue_in_the_text_beats_the_names_aspect_it_overrides(rule_id, heading, text, aspect):
    r = role(rule_id, heading, text)
    assert r.kind == HOW and r.aspect.id == aspect, r.describe()


@pytest.mark.parametrize("rule_id, heading, text, topic, aspect", [
    # the days of the week the act is done on: its time, as its hours are
    ("VST101", "(閲覧日)", "閲覧をすることができる日は、月曜日から金曜日までとする。", "", "time"),
    ("VST101", "", "閲覧をすることができる日は、月曜日から金曜日までとする。", "閲覧をすることができる日", "time"),
    # a lecture from printed material under a subjects heading is how the course is held
    ("TRN101", "(講習科目等)", "講習は、講習用テキストを使用して行う。", "", "lecture_method"),
    # an inspection done in the occupier's presence, in a list of an inspector's rules of conduct
    ("AUD102", "(査察員の心得)", "査察員は、次の事項を守らなければならない。\n査察は、関係者の立会いの上で行うこと。", "",
     "onsite_presence"),
    # where the duty is kept: the facility the duty is done in, the room it is kept in
    ("RES101", "", "宿日直勤務を行わせる施設は、役場庁舎とする。", "宿日直勤務を行わせる施設", "place"),
    ("RES101", "(詰所)", "当直員の詰所は、当直室とする。", "当直員の詰所", "place"),
    # must-stay rules in other words: serve at the set post, stay until the hand-over is done,
    # a caretaker who lives in the house the town names (under the act heading (管理))
    ("RES101", "(服務)", "警備員は、勤務時間中は所定の位置において服務しなければならない。", "", "stay"),
    ("RES101", "(交替)", "守衛は、後任の守衛に引継ぎを完了しない限り、引き続き勤務しなければならない。", "", "stay"),
    ("RES101", "", "交代者が出勤しないときは、その引継ぎが終わるまで退庁することができない。", "", "stay"),
    # duty hours from the closing time to the next day's opening time, in a later paragraph
    ("RES101", "", "宿直者は、ポンプ場に泊まり込んで運転管理に従事するものとし、終業時刻から翌日の始業時刻までを勤務時間とする。",
     "宿直者", "time"),
    # the one ordered onto the duty is the topic: its hours are the duty's, though its list names a watch too
    ("RES101", "(宿直勤務)", "宿直勤務を命ぜられた職員は、午後9時から翌日の午前7時までの間、文書の収受及び施設の監視に従事する"
     "ものとする。", "", "time"),
    # the duty hours changed in an emergency
    ("RES101", "(勤務時間)", "緊急の事態が生じたときその他特に必要があるときは、前項の勤務時間を臨時に変更することができる。", "", "time"),
    # not leaving the post, the town hall; going on with the duty while the hand-over is not done
    ("RES101", "(服務)", "警備員は、職務のため以外にみだりに定位置を離れないこと。", "", "stay"),
    ("RES101", "", "後任者が来庁した後であっても、事務の引継を終らないうちは、宿直を継続しなければならない。", "", "stay"),
    # (old wording 了しない; 勤務を続ける), under a heading that also names the hand-over
    ("RES101", "(当直員及び引継)", "当直員は、交代の者に引継ぎを了しない間は、なお当直に服さなければならない。", "", "stay"),
    ("RES101", "", "宿直者は、勤務時間が過ぎても、引継ぎが完了するまでは勤務を続けなければならない。", "", "stay"),
    # the officer who cannot serve goes home only after the substitute has taken up the duty
    ("RES101", "", "当直中、急病のため勤務しがたいときは代直を依頼し、その者が当直勤務についてから帰宅するものとする。", "", "stay"),
    ("RES102", "(管理)", "管理人は、町長が指定する住宅に居住し、住宅を管理するものとする。", "", "stay"),
    ("RES101", "(日直勤務)", "日直勤務は、役場本庁舎での待機とする。", "", "stay"),
    # a frequency said with 度 for 回
    ("VIS101", "", "監視員は、担当区域を月に二度以上見て回るものとする。", "", "frequency"),
    # the way the patrol takes (…の路線及びその順路は)
    ("VIS101", "", "定期の巡視を行う道路及びその経路は、別表のとおりとする。", "定期の巡視を行う道路及びその経路", "place"),
    # the card carried in plain words (携え)
    ("VIS101", "(身分証)", "巡視員は、巡視中は身分証を携え、求めに応じてこれを示さなければならない。", "", "card"),
    # copying by hand only; the course's minimum head-count said from below
    ("VST101", "(写しの作成)", "閲覧者が図面の写しを必要とするときは、自ら筆写するものとする。", "", "keep_in_room"),
    ("TRN101", "", "講習は、受講者が5人に満たないときは、開催しないことがある。", "", "headcount_min"),
    ("TRN101", "(定員)", "講習の定員は、各回30人とする。ただし、申込みが8人を下回るときは、その回を取りやめる。", "", "headcount_min"),
    # the caretaker stays in the hall while it is used; sleeps in the caretaker's room
    ("RES102", "(使用中の管理)", "管理人は、ホールが使用されている間は、館内にとどまらなければならない。", "", "stay"),
    ("RES102", "(管理人室)", "管理人は、夜間は管理棟に泊まり込むものとする。", "", "stay"),
    ("RES102", "(居住)", "管理人は、会館の管理人室に起居し、施設の保全に当たる。", "", "stay"),
    # being there in plain words (…の間、会館にいなければならない)
    ("RES102", "(管理人の勤務)", "管理人は、行事のある日は、開場から閉場までの間、センターにいなければならない。", "", "stay"),
    # the one on duty stays on the spot until the next one arrives
    ("RES101", "(交替)", "宿直員は、次の宿直員が到着するまでその場を離れてはならない。", "", "stay"),
    ("RES101", "(当直員の心得)", "当直員は、当直の間、庁舎を留守にしてはならない。", "", "stay"),
    # the one on duty must not leave the place, whatever it is called
    ("RES101", "(心得)", "当直者は、勤務時間中、みだりに診療所を離れてはならない。", "", "stay"),
    # completing the course as the condition of a role, past a parenthesis on equivalent ability
    ("TRN101", "(登録)", "市長は、研修課程を修了した者(市長がこれと同程度の知識を有すると認めた者を含む。)のうち、本人が希望するものを、"
     "手話奉仕員として登録するものとする。", "市長", "completion"),
    # the trainee checks in at the course venue
    ("TRN101", "(受講票)", "消防長は、受講者に受講票を交付し、講習の当日に受講票を会場受付に提出させるものとする。", "消防長", "attendance"),
    # a sign-in at the viewing corner's reception, with the times the viewing starts and ends
    ("VST101", "(閲覧手続)", "閲覧者は、情報コーナーの受付に備える閲覧者記録簿に、住所、氏名及び閲覧の目的のほか、閲覧開始の時刻と"
     "閲覧終了の時刻を記入しなければならない。", "閲覧者", "sign_in"),
    # the office where the papers are kept, named as the viewing place
    ("VST101", "", "台帳の写しは、建設課の窓口(以下「閲覧場所」という。)に備え付けるものとする。", "", "place_defined"),
    # the posted list corrected on the board; the night duty's hours in a hospital
    ("PST101", "", "委員会は、候補者の届出が取り下げられたときは、速やかに掲示中の氏名のうち当該候補者に係る部分を抹消しなければならない。",
     "委員会", "removal"),
    # staying the night in the duty room is the stay itself (a presence cue), ahead of its hours
    ("RES101", "", "宿直は、看護部以外の職員が当直室に宿泊して従事するものとし、勤務時間は、退院時限から翌日の登院時限までとする。", "宿直", "stay"),
    ("RES101", "", "宿直は、事務部門の職員が従事するものとし、その勤務時間は、退院時限から翌日の登院時限までとする。", "宿直", "time"),
    # who may be registered: the holders of a course's completion, under (登録の資格)
    ("TRN101", "(登録の資格)", "登録を受けることができる者は、建築士であり、講習会(以下「講習会」という。)を修了した者とする。",
     "登録を受けることができる者", "completion"),
    # certified because the course was taken, though the sentence hands out the certificate
    ("TRN101", "(認定)", "町長は、第3条の養成研修を受講し、見守り推進員として必要な知識及び技能を身に付けたと認める者に対し、修了認定証を交付するものとする。",
     "町長", "completion"),
    # hours written with a wave dash, the end's 午後 left out
    ("RES101", "", "宿直は、午後5時~翌日午前8時30分とし、日直は午前8時30分~5時15分とする。", "宿直", "time"),
    ("RES101", "", "当直者は、土曜日については午後1時~5時の間、庁舎において勤務する。", "当直者", "time"),
    # the papers go straight back to the clerk when the viewing ends, under (返納)
    ("VST101", "(返納)", "縦覧者は、縦覧を終えたときは、速やかに縦覧図書を係員に返却しなければならない。", "", "keep_in_room"),
    # the days the papers are not offered; closing days and hours changed with the use suspended
    ("VST101", "", "公文書館資料の閲覧に供さない日は、次のとおりとする。\n月曜日", "公文書館資料の閲覧に供さない日", "time"),
    ("VST101", "", "館長は、資料の整理その他特に必要があるときは、臨時に閲覧に供しない日を設け、閲覧時間を短縮し、又は閲覧を停止することができる。",
     "館長", "time"),
    # the day from which the reports may be seen, under (閲覧の開始)
    ("VST101", "(閲覧の開始)", "収支報告書の閲覧は、提出期限の翌日から起算して60日を経過する日の翌日からすることができる。",
     "収支報告書の閲覧", "time"),
    # when the posting starts; viewing hours changed for the time being; a viewing list signed at the place
    ("PST101", "", "ポスターの掲示開始は、選挙の期日の告示の日とする。", "ポスターの掲示開始", "time"),
    ("VST101", "", "町長は、必要があるときは、閲覧時間を臨時に変更することができる。", "", "time"),
    ("VST101", "", "閲覧を希望する者は、閲覧名簿に住所及び氏名を記入しなければならない。", "", "sign_in"),
    # the heading's how word qualified by this document's own act, named without a verb (検査の時期 in a
    # bank inspection rule, though 検査 is also the act of works inspections)
    # the owner asked to attend the entry inspection
    ("AUD102", "(検査方法)", "検査員は、事業所に立ち入る際は、あらかじめ管理者に立会いを求めるとともに、来訪の目的を明らかにするものとする。", "",
     "onsite_presence"),
    # inspected on the papers and on the premises
    ("AUD102", "(立入検査の実施)", "定期立入検査は、検査表により、書類及び実地により検査するものとする。", "定期立入検査", "onsite_form"),
    # the duty goes on until the hand-over is done
    ("RES101", "", "当直者は、次の当直者への引継ぎが終わるまで継続して勤務するものとする。", "当直者", "stay"),
    ("AUD103", "(検査の時期)", "指定金融機関の検査は、年1回行う定期検査とし、会計管理者が定める日に行う。", "指定金融機関の検査", "time"),
    # where the patrol goes, named as its chief spots; how long the notice stays up, as a floor
    ("VIS101", "", "巡回の重点箇所は、河川敷及び林道沿いとする。", "巡回の重点箇所", "place"),
    ("PST101", "", "掲示場による公告は、10日を下らない期間掲示しておかなければならない。", "掲示場による公告", "time"),
])
def test_how_the_act_is_done_read_from_the_topic_the_heading_or_the_text(rule_id, heading, text, topic, aspect):
    r = role(rule_id, heading, text, topic=topic)
    assert r.kind == HOW and r.aspect.id == aspect, r.describe()


def test_a_kinds_heading_over_a_sentence_that_imposes_the_act_sets_it():
    text = "指導監査は、一般監査及び特別監査とし、施設を訪問して行う。"
    r = role("AUD102", "(指導監査の種類)", text, topic="指導監査", predicate="行う")
    assert r.kind == ACT
    # an on-site cue in the text beats the kinds heading outright: it is how the audit is done
    text = "指導監査の種別は、一般監査及び特別監査とし、その実施形態は実地監査とする。"
    r = role("AUD102", "(指導監査の種別)", text, topic="指導監査の種別")
    assert r.kind == HOW and r.aspect.id == "onsite_form"
    # a list of the kinds under the same heading still names them only
    listed = "指導監査の種類は、次のとおりとする。\n一般監査\n特別監査"
    assert role("AUD102", "(指導監査の種類)", listed, topic="指導監査の種類").kind == NAMES
    # a kind defined by what it covers is the kind's scope, whichever spelling of 行う it uses
    for verb in ("行う", "行なう"):
        covers = f"出来高検査は、部分払の請求があった工事の既済部分について{verb}ものとする。"
        assert role("VIS103", "(検査の種類)", covers, topic="出来高検査", predicate=verb, path="第3条第3項").kind == NAMES
    # … unless the sentence also says how it is done
    on_site = "出来高検査は、当該工事の既済部分について現地において行うものとする。"
    assert role("VIS103", "(検査の種類)", on_site, topic="出来高検査", predicate="行う", path="第3条第3項").kind != NAMES


def test_an_adverb_the_parse_joined_to_the_verb_does_not_hide_the_act():
    # GiNZA reads 随時行う as one verb: the act is still 行う
    text = "消防長は、火災予防のため、立入検査を随時行うことができる。"
    assert role("AUD102", "(立入検査)", text, topic="消防長", predicate="随時行う").kind == ACT


def test_a_list_of_course_classes_names_no_act():
    r = role("TRN101", "(講習の区分)", "講習の区分は、次のとおりとする。\n甲種講習\n乙種講習", topic="講習の区分")
    assert r.kind == NAMES and r.aspect.id == "kinds_topic"


def test_a_fee_heading_is_not_overridden_by_hours_in_its_text():
    assert role("TRN101", "(受講料)", "受講料は、1時間とする講習1回につき500円とする。").kind == NAMES


def test_the_frequency_of_a_patrol_duty_is_how_it_is_done_without_a_patrol_word():
    # (職務) is an act heading: the text decides, and it fixes the days per month of the duty
    first = role("VIS101", "(職務)", "監視員は、1月につき4日以上その職務に従事するものとする。")
    assert first.kind == HOW and first.aspect.id == "frequency"
    # a later paragraph under (服務): its own text comes before the article's heading
    later = role("VIS101", "(服務)", "監視員は、月に6回その職務に従事する。", path="第3条第2項")
    assert later.kind == HOW and later.aspect.id == "frequency"
    # 毎月の…報告 is the period of a report, not of the patrol
    assert role("VIS101", "(服務)", "監視員は、毎月の活動の状況を翌月5日までに報告する。",
                path="第3条第3項").kind == NAMES


def test_a_provision_whose_predicate_is_another_kinds_act_is_not_this_acts():
    # in a viewing document, posting a notice of changed days at the viewing room is a posting
    frame = Frame("", "", "掲示", PLAIN, main="公告文は、掲示場に掲示する。", verbs=("掲示",))
    r = CONTEXT.role(rule("VST101"), "第2条第3項", "(閲覧日)", frame,
                     normalise("閲覧日を変更するときは、その旨を閲覧室に掲示する。").norm)
    assert r.kind == NONE
    # unless its main clause also changes how this act is done (not in a condition: above)
    changed = "町長は、必要があるときは、閲覧時間を変更し、その旨を閲覧所に掲示する。"
    frame = Frame("町長", "町長", "掲示", PLAIN, main=changed, verbs=("変更", "掲示"))
    r = CONTEXT.role(rule("VST101"), "第5条", "", frame, normalise(changed).norm, normalise(changed).norm)
    assert r.kind == HOW and r.aspect.id == "time"
    # in a posting document the same predicate is the act itself
    r = CONTEXT.role(rule("PST101"), "第3条", "", frame, normalise("公告文は、掲示場に掲示する。").norm)
    assert r.kind == ACT


@pytest.mark.parametrize("rule_id, heading, text, topic, aspect", [
    ("RES101", "(宿直員)", "宿直員は3名とし、輪番に勤務するものとする。", "宿直員", "rota"),
    # drawing up next year's inspection policy plans the inspection: it fixes neither the act nor how
    ("AUD102", "(査察計画)", "予防課長は、毎年3月末日までに、翌年度の査察方針を策定するものとする。", "予防課長", "plan"),
    # the attendance book stamped and the patrol book filled in on a patrol day
    ("VIS101", "(出勤簿及び巡視簿)", "巡視員は、出動の日には出勤簿に押印するとともに、巡視を終えたときは、その経路及び異状の有無を巡視日誌に記入し、課長の確認を受けなければならない。",
     "巡視員", "log_report"),
    # the order of the names on the posted list drawn by lot
    ("PST101", "(掲載順序)", "候補者氏名等の掲示の掲載順序は、委員会が告示日の午後5時以降にくじで定める。", "候補者氏名等の掲示の掲載順序", "rota"),
    # the staff left out of the duty order
    ("RES101", "(当直命令)", "前項の当直命令は、次の各号に掲げる職員を除く全職員を対象として発するものとする。", "前項の当直命令", "exemption"),
    # a shift rota, a stand-in named when someone is off
    ("RES101", "(勤務)", "警備員の勤務は、交替制とし、隔日に勤務する。", "警備員の勤務", "rota"),
    ("RES101", "(欠勤)", "前項の申出があった場合は、課長は、他の警備員を臨時に勤務させることができる。", "", "rota"),
    ("VIS102", "(点検事項)", "点検の事項は、次のとおりとする。", "点検の事項", "scope_topic"),
    ("VIS102", "(点検事項)", "管理者は、次の事項を点検する。", "管理者", "scope"),
    ("TRN101", "(講習の種別)", "講習の種別は、初回講習及び更新講習とする。", "講習の種別", "kinds_topic"),
    ("TRN101", "(講習の種別)", "講習は、初回講習及び更新講習の2種とする。", "講習", "kinds"),
    ("TRN101", "(受講資格)", "講習を受けることができる者は、町内に住所を有する者とする。", "", "eligibility"),
    ("TRN101", "(受講の登録)", "町は、受講者を受講者名簿に登録するものとする。", "町", "register"),
    ("TRN101", "(講習の実施方法)", "講習の科目、日程その他必要な事項は、別に定める。", "講習の科目日程その他必要な事項", "admin"),
    # rest and sleep inside the shift, and a caretaker's term of office, name no duty hours
    ("RES101", "(休憩時間等)", "宿直員の休憩時間及び睡眠時間は、次のとおりとする。", "宿直員の休憩時間及び睡眠時間", "rest"),
    ("RES102", "", "管理人の任用期間は、2年とする。", "管理人の任用期間", "appointment"),
    ("RES101", "", "校舎出入口の開閉時刻は、校長が定める時刻とする。", "校舎出入口の開閉時刻", "doors"),
    # who serves the duty is staffing; the state of the viewing summed up and published is a report
    ("RES101", "", "当直に服する勤務員(以下「当直員」という。)は、各係長及び日勤者を以ってあたるものとする。", "",
     "appointment"),
    ("VST101", "", "委員会は、前年度における名簿の閲覧の状況を取りまとめ、公表するものとする。", "", "log_report"),
    # who does the inspection; the inspection plan drawn up, its table named in brackets
    ("AUD103", "(検査員)", "指定金融機関等の検査は、会計管理者又はその命を受けた職員がこれを行う。", "指定金融機関等の検査", "organiser"),
    ("AUD102", "(検査実施計画)", "検査の実施に先立ち、所管課長は、年間の検査実施計画(様式第3号)を作成するものとする。", "", "plan"),
    # the persons who may not view the roll
    ("VST101", "(縦覧をすることができない者)", "次の各号のいずれかに該当する者は、候補者の推薦書を縦覧することができない。",
     "次の各号のいずれかに該当する者", "restriction"),
    # how many inspectors go
    ("AUD102", "(検査時の検査員数)", "立入検査は、2人以上の検査員で実施する。", "立入検査", "appointment"),
    # the cards kept track of by the chief (所持 as a noun) are no card carried during an inspection
    ("AUD101", "(証票の管理)", "予防課長は、立入検査証管理簿を備え付けるとともに、証票の所持及び保管の状況を随時確認し、その管理の適正を期さなければならない。",
     "予防課長", "organiser"),
    ("AUD102", "", "署長は、年間査察計画に従い、定期査察の実施計画を(前月20日までに)作成し、消防長の決裁を受けなければならない。",
     "署長", "plan"),
])
def test_provisions_that_only_name_the_duty_roster_scope_breaks_or_paperwork(rule_id, heading, text, topic, aspect):
    r = role(rule_id, heading, text, topic=topic)
    assert r.kind == NAMES and r.aspect.id == aspect, r.describe()


def test_the_validity_of_a_qualification_is_not_the_time_of_the_course():
    r = role("TRN101", "(資格の有効期間)", "有効期間は、研修会の翌日から3箇年までとする。", topic="有効期間")
    assert r.kind != HOW, r.describe()
    assert role("TRN101", "(研修の期間)", "研修の期間は、3日間とする。", topic="研修の期間").kind == HOW


def test_a_table_takes_its_role_from_the_article_it_belongs_to():
    from reiki_scan.rules.context import table_articles, table_role
    assert table_articles("(第3条関係)\n市道1号線 全線") == ["第3条"]
    assert table_articles("(第2条、第5条の2関係)\n…") == ["第2条", "第5条の2"]
    assert table_articles("市道1号線 全線") == []
    roles = {"第3条": role("VIS101", "(巡回の路線)", "巡回は、別表に定める路線について行う。"),
             "第4条": role("VIS101", "(報償)", "監視員には、報償金を支給する。")}
    assert table_role(["第3条"], roles).kind == HOW
    # a fee table or a list of members is nothing of its own, whatever words its rows hold
    assert table_role(["第4条"], roles).kind == NONE
    # a table of what each kind of check looks at is its scope; one that also says how often is how it is done
    scope = CONTEXT.aspects["scope_topic"]
    assert table_role(["第3条"], roles, scope=scope, header="点検の種別 | 点検項目").kind == NAMES
    assert table_role(["第3条"], roles, scope=scope, header="点検項目 | 点検の回数").kind == HOW


def test_a_list_of_kinds_names_no_act_in_any_document():
    hit = CONTEXT.names_only("(点検の種類)", "安全点検の種類", "安全点検の種類は、定期点検及び臨時点検とする。")
    assert hit is not None and hit[0].id == "kinds_topic"


def test_the_office_in_charge_of_the_papers_is_who_runs_the_viewing_not_where():
    r = role("VST101", "(担当課及び主務者)", "図面の保管及び閲覧に関する事務は、都市計画課において行う。", "図面の保管及び閲覧に関する事務",
             predicate="行う")
    assert r.kind == NAMES and r.aspect.id == "organiser"


def test_who_bears_a_cost_is_pay_in_any_document():
    hit = CONTEXT.names_only("", "町長", "町長は、閲覧に要する費用を負担する。")
    assert hit is not None and hit[0].id == "pay"
    # the cost beside a duty in the same sentence leaves the duty to be read
    assert CONTEXT.names_only("", "申請者", "検査に要する費用は申請者の負担とし、申請者は検査を受けなければならない。") is None


def test_the_notice_of_a_decision_is_no_report_written_after_the_act():
    # the decision rests on an on-site survey: its heading names the notice of the decision, not a log
    text = "町長は、申請があったときは、書類の審査及び現地調査により交付の可否を決定し、申請者に通知する。"
    assert CONTEXT.names_only("(補助金交付の決定通知)", "町長", text) is None
    assert CONTEXT.names_only("(助成の決定及び通知)", "町長", text) is None
    hit = CONTEXT.names_only("(巡視結果の通知)", "町長", "町長は、巡視の結果を管理者に通知する。")
    assert hit is not None and hit[0].id == "log_report"


def test_a_patrols_duty_to_control_fire_is_no_conduct_rule():
    duty = role("VIS101", "(職務)", "監視員は、次の業務に従事する。\n町有林を巡回し、入山者の火気の取締りを行うこと。",
                topic="監視員")
    assert duty.kind != NAMES, duty.describe()
    rule_of_conduct = role("VST101", "", "閲覧者は、閲覧室内で火気を使用してはならない。", topic="閲覧者")
    assert rule_of_conduct.kind == NAMES and rule_of_conduct.aspect.id == "conduct", rule_of_conduct.describe()


def test_a_list_of_kinds_keeps_its_keyword_findings_only_when_its_items_set_something():
    kinds = role("VST101", "(閲覧の種類)", "閲覧の種類は、次のとおりとする。")
    defines = "閲覧の種類は、次のとおりとする。\n特定閲覧 氏名及び住所を特定して行う閲覧をいう。\n一般閲覧 特定閲覧以外の閲覧をいう。"
    sets = "巡視の種類は、次のとおりとする。\n定期巡視 毎月1回、区域内を目視により巡視する。\n臨時巡視 災害の後に行う。"
    assert kinds.kind == NAMES
    assert not CONTEXT.list_of_kinds(kinds, defines)
    assert CONTEXT.list_of_kinds(kinds, sets)
    # a kind defined by its hours says how the duty is done
    duty = role("RES101", "(宿日直の種類)", "宿日直の種類は、次のとおりとする。")
    assert CONTEXT.list_of_kinds(duty, "宿日直の種類は、次のとおりとする。\n宿直 午後5時から翌日の午前8時30分までの勤務をいう。")


def test_a_clause_that_sets_the_act_at_a_place_after_a_storage_topic_sets_the_act():
    r = role("VST101", "(報告書の保存場所)", "報告書の保存場所は、総務課とし、閲覧はその窓口において行うものとする。",
             topic="報告書の保存場所")
    assert r.kind == ACT, r.describe()
    assert role("VST101", "(報告書の保存場所)", "報告書の保存場所は、総務課とする。", topic="報告書の保存場所").kind == NAMES


def test_a_how_word_qualified_by_another_kinds_act_fixes_nothing_of_this_act():
    r = role("RES101", "(巡視時刻)", "巡視時刻は、おおむね次のとおりとする。", topic="巡視時刻")
    assert r.kind != HOW, r.describe()
    assert role("RES101", "(宿直の勤務時間)", "宿直の勤務時間は、午後5時から翌日午前8時30分までとする。",
                topic="宿直の勤務時間").kind == HOW


def test_a_range_provision_that_makes_the_staff_serve_the_duty_sets_it():
    r = role("RES101", "(当直員の範囲)", "職員で、次の各号に掲げる者以外の者は、すべて当直勤務に服さなければならない。")
    assert r.kind == ACT, r.describe()
    assert role("RES101", "(当直の免除)", "次の各号に掲げる職員は、当直勤務を免除する。").kind != ACT


def test_a_rota_provision_whose_last_clause_orders_the_duty_sets_it_also_in_a_later_paragraph():
    # categories.md: the provision that 命ずる the duty is flagged, the rota before it is not
    text = "所属長は、当直割当表を定めた後であっても、大規模な行事その他特別の事情が生じたときは、職員に臨時の当直を命ずることができる。"
    assert role("RES101", "(当直の割当て)", text, topic="所属長", predicate="命ずる").kind == ACT
    assert role("RES101", "(当直の割当て)", text, topic="所属長", predicate="命ずる", path="第3条第2項").kind == ACT
    assert role("RES101", "(当直の割当て)", "当直の割当ては、総務課長が前月末までに行う。",
                path="第3条第2項").kind == NAMES


def test_a_heading_of_two_subjects_over_a_text_that_speaks_of_both_keeps_the_how():
    r = role("RES101", "(時間及び当直者数)", "当直の時間及び当直者の数は、別表のとおりとする。")
    assert r.kind == HOW, r.describe()
    r = role("RES101", "(勤務時間及び種別)", "当直の種別は宿直とし、その勤務時間は、午後5時から翌日午前8時30分までとする。")
    assert r.kind == HOW, r.describe()


def test_signing_the_text_under_a_method_heading_is_paperwork():
    r = role("PST101", "(公布の方法)", "規則を公布するときは、公布の旨を記した前文及び公布の年月日を付記し、村長がその末尾に署名しなければならない。")
    assert r.kind == NAMES, r.describe()
    r = role("PST101", "(公布の方法)", "条例の公布は、役場の前に設置する掲示場に掲示してこれを行う。")
    assert r.kind == HOW, r.describe()


def test_a_duty_in_kana_is_still_served():
    r = role("VIS101", "(任務)", "補導員は、センターから割り当てられた地域の街頭補導にあたる。")
    assert r.kind == ACT, r.describe()


def test_an_act_word_inside_a_form_name_does_not_set_the_act():
    r = role("TRN101", "(受講申込み)", "消防長は、申込書を受理したときは、講習受講者名簿(様式第4号)を作成するものとする。")
    assert r.kind != ACT, r.describe()


def test_a_frequency_that_belongs_to_a_report_is_not_how_the_act_is_done():
    # 公職選挙法: the commission publishes the state of the viewing once a year
    assert role("VST101", "(閲覧状況の公表)", "委員会は、閲覧の状況について、毎年度1回、その概要を公表する。").kind != HOW
    # a patrol at a frequency followed by a report of its results keeps its frequency
    r = role("VIS101", "(職務)", "監視員は、毎月2回以上担当区域を巡回し、その結果を報告する。")
    assert "frequency" in [r.aspect.id if r.aspect else None, *r.extra]


def test_a_course_held_to_spread_knowledge_among_residents_is_not_a_course_document():
    ids = [r.id for r in CONTEXT.subjects("町救急法講習会実施要綱",
                                           "この要綱は、住民に応急手当の普及啓発を図るため実施する講習会に関し必要な事項を定める。")]
    assert "TRN101" not in ids
    # a role whose task is to spread knowledge is still trained for the role
    ids = [r.id for r in CONTEXT.subjects("町健康サポーター養成事業実施要綱",
                                           "この要綱は、予防活動の普及啓発を行うため、サポーターを養成することを目的とする。")]
    assert "TRN101" in ids


@pytest.mark.parametrize("title, not_of", [
    ("町巡回バス運行要綱", "VIS101"),            # a touring service looks at nothing
    ("町職員宿日直手当支給規則", "RES101"),       # the allowance is pay, not the duty
    ("町資格取得講習受講費補助金交付要綱", "TRN101"),  # a subsidy for a course, not the course
    ("町立図書館資料閲覧規則", "VST101"),          # a library's reading room is a service
    ("町職員身分証明書規程", "AUD101"),            # a staff ID card is not carried for an inspection
])
def test_documents_that_only_mention_the_act_in_their_title_have_no_subject(title, not_of):
    assert not_of not in [r.id for r in CONTEXT.subjects(title, "")]


def test_an_inspection_card_document_is_recognised_by_its_inspection():
    assert "AUD101" in [r.id for r in CONTEXT.subjects("町消防吏員立入検査証票規則", "")]
    assert "AUD101" in [r.id for r in CONTEXT.subjects("町廃棄物監視員身分証明書規則", "")]


def test_a_sentence_about_the_act_itself_keeps_its_how_cue_beside_another_kinds_act():
    text = ("当直は、日直及び宿直とする。\n日直は、病院管理課を定位置として、病棟及び構内の巡視に従事するものとする。\n"
            "宿直は、当直室で宿泊して前項の業務に従事するものとし、その従事時間は、退院時限から翌日の登院時限までとする。")
    first = "当直は、日直及び宿直とする。"
    frame = Frame("当直", "当直", "する", SETTING, main=first, verbs=("する",))
    norm = normalise(text).norm
    r = CONTEXT.role(rule("RES101"), "第2条", "", frame, norm, first)
    # (staying the night in the duty room is read first: a cue that presumes presence)
    assert r.kind == HOW and r.aspect.id == "stay", r.describe()


def test_a_how_cue_in_a_text_that_names_only_another_acts_belongs_to_that_act():
    # a training course for the patrol volunteers held once a year is not the patrol's frequency
    assert role("VIS101", "(研修)", "町長は、監視員の資質の向上のため、毎年度1回研修会を開催する。").kind != HOW
    # the duty days of the patrol itself are
    assert role("VIS101", "(活動)", "監視員は、月2回以上、次に掲げる活動を行う。").kind == HOW


def test_an_audit_document_is_not_the_audit_commissioners():
    assert "AUD102" in [r.id for r in CONTEXT.subjects("町社会福祉法人監査実施要綱", "")]
    assert "AUD102" not in [r.id for r in CONTEXT.subjects(
        "町監査委員条例", "この条例は、監査委員に関し必要な事項を定めるものとする。")]


def test_damage_a_patrol_looks_for_is_no_conduct_rule():
    # the damage is what the patrol looks for, not viewers damaging papers
    r = role("VIS101", "(職務)", "監視員は、町道を巡回し、道路の損傷その他の支障を発見したときは、速やかに報告する。",
             predicate="報告", verbs=("巡回",))
    assert r.kind == ACT
    # viewers damaging the register is conduct
    assert role("VST101", "(遵守事項)", "閲覧者は、台帳を汚損し、又は破損してはならない。").kind == NAMES


def test_a_scope_heading_over_a_check_does_not_drop_the_check_outside_a_subject_document():
    assert CONTEXT.names_only("(点検事項)", "管理者", "管理者は、毎月、次に掲げる事項を点検しなければならない。") is None
    hit = CONTEXT.names_only("(調査事項)", "調査事項", "調査事項は、次のとおりとする。")
    assert hit is not None and hit[0].id == "scope_topic"


def test_the_form_of_the_boards_under_a_form_heading_is_how_the_posting_is_done():
    # a 様式 heading names a card's form in a card document; over the boards it is their physical form
    r = role("PST101", "(掲示場の設置及び様式)", "掲示場は、選挙の期日の告示の日までに、別記様式に準じて設置しなければならない。",
             topic="掲示場", predicate="設置")
    assert r.kind == HOW and r.aspect.id == "boards", r.describe()
    r = role("PST101", "(掲示場の様式)", "委員会は、別記様式に準じて掲示場を設置するものとする。", topic="委員会", predicate="設置")
    assert r.kind == HOW and r.aspect.id == "boards", r.describe()
    assert role("AUD101", "(様式)", "検査証の様式は、別記様式のとおりとする。", topic="検査証の様式").kind == NAMES


def test_a_heading_of_two_subjects_goes_with_the_part_the_paragraph_speaks_of():
    heading = "(当直の種別及び勤務時間)"
    assert role("RES101", heading, "当直を分けて宿直及び日直とする。").kind == NONE
    r = role("RES101", heading, "宿直及び日直の勤務時間は、原則として午後5時45分から翌日午前8時15分までとする。", topic="宿直及び日直の勤務時間")
    assert r.kind == HOW and r.aspect.id == "time", r.describe()


def test_the_approval_a_duty_is_set_up_with_does_not_make_it_paperwork():
    r = role("RES101", "(宿直の設置)", "町長の許可を受けて宿直を置く。", predicate="置く")
    assert r.kind == ACT, r.describe()
    # a permission given with approval sets no duty
    r = role("RES102", "(同居)", "管理人の親族は、町長の許可を得て共に居住することができる。", topic="管理人の親族", predicate="居住")
    assert r.kind != ACT, r.describe()


def test_a_list_of_the_duties_a_post_is_set_up_for_sets_the_duty():
    text = "町立学校に、次の区分により代行員をおくことができる。\n宿直\n日直"
    norm = normalise(text).norm
    frame = Frame("", "", "おく", PLAIN, main="町立学校に、次の区分により代行員をおくことができる。", verbs=("おく",))
    assert CONTEXT.role(rule("RES101"), "第2条", "(設置)", frame, norm, norm.split("\n")[0]).kind == ACT


def test_a_rota_named_in_an_earlier_clause_does_not_hide_the_duty_the_last_clause_orders():
    text = "庶務係長は、毎月25日までに翌月の当直勤務割当表を作り、これにより職員に当直勤務を命令しなければならない。"
    assert role("RES101", "(当直者)", text, topic="庶務係長", predicate="命令").kind == ACT
    assert role("RES101", "(当直者)", "次のいずれかに該当する職員は、宿日直の勤務から除くことができる。",
                topic="次のいずれかに該当する職員", predicate="除く").kind == NAMES


def test_a_card_carried_at_all_times_is_tied_to_no_inspection_and_an_audit_done_on_site_sets_it():
    assert role("AUD101", "(携帯)", "職員は、勤務中は、立入検査証を職員証と併せて常に携帯しなければならない。").kind != HOW
    r = role("AUD101", "(管理)", "立入検査証票は、職務に服するときは、携帯しなければならない。")
    assert r.kind == HOW, r.describe()
    r = role("AUD102", "(指導監査の種別)", "定例監査は、各施設について現地で行う実地監査により行う。", topic="定例監査",
             predicate="行う")
    assert r.kind == HOW and r.aspect.id == "onsite_form", r.describe()


def test_a_substitute_for_the_one_on_duty_names_who_serves_not_the_duty():
    text = "宿直を命ぜられた職員が病気のため勤務できないときは、他の職員が所属長の承認を受けて代わって宿直するものとする。"
    r = role("RES101", "(宿直員)", text, predicate="宿直")
    assert r.kind == NAMES, r.describe()
    text = "所属長は、前項の届出に理由があると認めるときは、他の者に当直勤務を命じなければならない。"
    assert role("RES101", "(当直者の事故)", text, topic="所属長", predicate="命ずる").kind == NAMES
    # the duty itself ordered stays the act
    text = "所属長は、職員に当直勤務を命じなければならない。"
    assert role("RES101", "(当直勤務)", text, topic="所属長", predicate="命ずる").kind == ACT


def test_a_how_heading_over_a_ban_on_misusing_the_papers_is_conduct():
    text = "閲覧者は、台帳を丁寧に取り扱い、これを汚損し、又は加筆してはならない。"
    r = role("VST101", "(閲覧の方法)", text, topic="閲覧者", predicate="加筆")
    assert r.kind == NAMES and r.aspect.id == "conduct", r.describe()
    # the same ban beside where the viewing is done still fixes how it is done
    text = "閲覧者は、閲覧所内で閲覧し、台帳を汚損してはならない。"
    assert role("VST101", "(閲覧の方法)", text, topic="閲覧者", predicate="汚損").kind == HOW


def test_an_audit_method_item_that_puts_the_audit_on_site_fixes_how_it_is_done():
    # an item title for a first line (監査の方法), then the method: the papers, and the site when needed
    text = "監査の方法\n監査は、関係帳簿の検閲及び担当職員からの聴取により行い、必要に応じて現地監査を行うものとする。"
    r = role("AUD102", "(実施要領)", text, predicate="方法", path="第2項")
    assert r.kind == HOW and r.aspect.id == "onsite_form", r.describe()
    # the audit named only as the purpose of a plan is no how
    text = "市長は、毎年度、現地監査を行うための計画を作成しなければならない。"
    assert role("AUD102", "(実施計画)", text, topic="市長", predicate="作成").kind not in (ACT, HOW)


def test_a_basic_policy_that_puts_the_inspection_on_the_premises_fixes_how_it_is_done():
    text = "検査は、金融機関における公金の出納事務を実地に検査し、事務の改善を指導するものとする。"
    r = role("AUD103", "(検査の基本方針)", text, topic="検査")
    assert r.kind == HOW and r.aspect.id == "onsite_form", r.describe()
    # a policy of aims only still plans the act
    text = "検査は、公正不偏の態度を保ち、画一的な指摘に陥ることのないよう行うものとする。"
    assert role("AUD103", "(検査の基本方針)", text, topic="検査").kind == NAMES

    # the audit held at the audited body's premises, in the items of a list of its forms (one of them done
    # jointly with the prefecture: who takes part, no names cue here)
    text = ("指導の方法は、次のとおりとする。\n書面指導\n報告書の提出を求めて行う。\n実地指導\n"
            "法人の事務所において帳簿を確かめ、役員から聴き取る方法により行う。\n合同指導 県と合同で行うもの。")
    r = role("AUD102", "(指導の方法)", text, topic="指導の方法")
    assert r.kind == HOW and r.aspect.id == "onsite_form", r.describe()


def test_a_ban_on_posting_listed_things_restricts_what_is_posted_not_how():
    r = role("PST101", "(掲示物の制限)", "町の掲示板には、次の各号に掲げる文書等を掲示することができない。", topic="町の掲示板", predicate="掲示")
    assert r.kind == NAMES and r.aspect.id == "restriction", r.describe()


def test_a_list_whose_items_fix_how_the_course_is_held_is_how_whatever_else_it_names():
    text = "講習の実施等については、次のとおりとする。\n講習の実施回数は、年1回以上とする。\n受講中は火気を使用しないこと。"
    norm = normalise(text).norm
    frame = Frame("講習の実施等", "実施等", "する", SETTING, main="講習の実施等については、次のとおりとする。", verbs=("する",))
    r = CONTEXT.role(rule("TRN101"), "第2条", "(講習)", frame, norm, norm.split("\n")[0])
    assert r.kind == HOW, r.describe()


def test_rest_and_sleep_set_inside_the_duty_hours_are_how_the_shift_is_organised():
    text = "前項の勤務時間中、宿直の業務に支障のない範囲で、休憩時間及び仮眠時間を置くものとする。"
    r = role("RES101", "(宿日直の勤務時間)", text, path="第2条第2項", predicate="置く")
    assert r.kind == NAMES and r.aspect.id == "rest", r.describe()


def test_more_staff_on_duty_when_needed_is_the_rota():
    text = "大雨等により特に警戒を要するときは、所長は、当直員の人数を増やして勤務を命ずることができる。"
    r = role("RES101", "", text, topic="所長", predicate="命ずる")
    assert r.kind == NAMES, r.describe()


def test_an_armband_worn_on_the_arm_during_the_patrol_is_how_it_is_done():
    r = role("VIS101", "", "監視には、腕章を交付する。腕章は、服務の際これを左腕に付けなければならない。", topic="監視")
    assert r.kind == HOW and r.aspect.id == "card", r.describe()


@pytest.mark.parametrize("rule_id, heading, text, topic, predicate, aspect, how_text, how_topic", [
    ("VST101", "(閲覧方法)", "会議録の閲覧をしようとする者は、閲覧申出書(別記様式第2号)に必要事項を記載し、委員長に申し出なければならない。",
     "会議録の閲覧をしようとする者", "申し出る", "application", "閲覧は、係員の面前で行わなければならない。", "閲覧"),
    # outsourcing is no finding (labeling.md), whatever the heading calls it
    ("TRN101", "(実施方法)", "市長は、講習の実施を公益社団法人町防火協会に委託することができる。", "市長", "委託",
     "outsourcing", "講習は、講義及び実技により行う。", "講習"),
])
def test_a_how_heading_over_a_sentence_that_names_something_else_is_that_thing(rule_id, heading, text, topic, predicate,
                                                                               aspect, how_text, how_topic):
    """Paperwork handed in, or the act handed to a contractor, under a how heading; the method itself
    under the same heading is how the act is done."""
    r = role(rule_id, heading, text, topic=topic, predicate=predicate)
    assert r.kind == NAMES and r.aspect.id == aspect, r.describe()
    r = role(rule_id, heading, how_text, topic=how_topic, predicate="行う")
    assert r.kind == HOW, r.describe()


def test_an_act_done_in_the_old_form_をなす_is_the_final_verb():
    r = role("VIS101", "", "監視員は、受持区域の巡視をなすものとする。", topic="監視員", predicate="なす")
    assert r.kind == ACT, r.describe()


def test_an_inspection_power_exercised_then_more_imposed_sets_the_inspection():
    text = "消防長は、火災予防上必要と認める防火対象物について立入検査権を行使し、違反是正の徹底を図らなければならない。"
    assert role("AUD102", "(立入検査権の行使)", text, topic="消防長", predicate="図る").kind == ACT


def test_the_duty_word_used_as_the_verb_sets_the_duty():
    assert role("RES101", "(宿日直)", "執務時間外及び休日において、事務処理のため宿日直を行うものとする。", predicate="行う").kind == ACT
    assert role("RES101", "(当直員)", "職員は、休日等には順番で当直しなければならない。", topic="職員", predicate="当直").kind == ACT


def test_street_guidance_of_youths_is_read_as_a_patrol():
    assert [r.id for r in CONTEXT.subjects("市青少年補導委員設置規程", "")] == ["VIS101"]
    text = "補導委員は、次の職務を行う。\n街頭補導活動\n青少年の健全育成に関する活動"
    norm = normalise(text).norm
    frame = Frame("補導委員", "補導委員", "行う", PLAIN, main="補導委員は、次の職務を行う。", verbs=("行う",))
    assert CONTEXT.role(rule("VIS101"), "第2条", "(職務)", frame, norm, norm.split("\n")[0]).kind == ACT


def test_a_second_topic_that_fixes_how_the_act_is_done_after_one_that_names_the_role():
    text = "看守人の定数は、10人以内とし、看守人ごとの受持区域は、別表第2に定めるとおりとする。"
    r = role("VIS101", "(定数及び担当区域)", text, topic="看守人の定数")
    assert r.kind == HOW and r.aspect.id == "place"
    # a second topic that goes on about the first (その任期) is no how of the patrol
    assert role("VIS101", "(定数)", "監視員の定数は、5人とし、その任期は、2年とする。", topic="監視員の定数").kind == NAMES
    # nor is one after a first topic that names no role (区長は、…を改製するものとし、時期は)
    text = "区長は、名簿を毎年度改製するものとし、時期は、6月とする。"
    assert role("VST101", "", text, topic="区長", predicate="する").kind != HOW


def test_an_act_that_must_not_be_left_undone_is_set():
    text = "看守人は、荒天が予想されるときは、巡回又は注意を欠いてはならない。"
    assert role("VIS101", "", text, topic="看守人", predicate="欠く").kind == ACT
    assert role("VIS101", "", "監視員は、巡視を怠ってはならない。", topic="監視員", predicate="怠る").kind == ACT


def test_an_act_done_then_named_as_the_post_s_work_sets_it():
    # …を巡視し、…報告することを業務とする: the duties formula of a 設置要綱
    text = "監視員は、担当する区域の巡視を行い、異状を認めたときは町長に報告することを業務とする。"
    assert role("VIS101", "(業務)", text, topic="監視員", predicate="する").kind == ACT
    # a report alone is no patrol
    text = "監視員は、異状を認めたときは町長に報告することを業務とする。"
    assert role("VIS101", "(業務)", text, topic="監視員", predicate="する").kind != ACT


def test_a_names_heading_over_a_sentence_whose_last_verb_is_the_act_sets_it():
    text = "巡視員は、次に掲げる被害を防ぐため、受持ちの山林の巡視をなすものとする。\n火災\n盗伐"
    assert role("VIS101", "(巡視事項)", text, topic="巡視員", predicate="なす").kind == ACT
    # the same heading over the scope alone stays a names provision
    text = "巡視の事項は、次に掲げるとおりとする。\n火災\n盗伐"
    assert role("VIS101", "(巡視事項)", text, topic="巡視の事項").kind == NAMES


def test_a_conduct_word_in_the_items_does_not_hide_the_act_the_first_sentence_imposes():
    text = "看守人は、町有林を巡視し、次に掲げる業務を行う。\n入山者に火気を取り扱う際の注意を促すこと。\n異状の報告"
    assert role("VIS101", "(職務内容)", text, topic="看守人", path="第5条", predicate="行う", verbs=("巡視",)).kind == ACT
    # the same items under a first sentence that imposes nothing stay the conduct they name
    text = "看守人は、次に掲げる事項を守らなければならない。\n火気を取り扱う際は注意すること。"
    assert role("VIS101", "", text, topic="看守人", path="第5条", predicate="守る").kind == NAMES


def test_a_report_or_a_diary_after_the_act_is_no_how_but_an_act_imposed_before_it_stays():
    # the report's due date (毎月10日までに) and the diary stamped monthly (毎月1回…検印) are no frequency of
    # the patrol: the report and the diary name the role's paperwork
    r = role("VIS101", "(報告)", "巡視員は、巡視の月報を毎月5日までに町長に提出する。", topic="巡視員", predicate="提出")
    assert r.kind == NAMES, r.describe()
    text = "監視員は、巡回したときは監視日誌(様式第2号)にその内容を記入し、毎月1回課長の検印を受けなければならない。"
    r = role("VIS101", "", text, topic="監視員", predicate="受ける")
    assert r.kind == NAMES and r.aspect.id == "log_report", r.describe()
    # a patrol imposed, then its result written in the diary: the provision sets the patrol
    text = "当直員は、勤務中2回以上構内を巡視し、その結果を当直日誌に記入しなければならない。"
    assert role("VIS101", "", text, topic="当直員", predicate="記入").kind == ACT


def test_a_names_heading_over_a_sentence_that_holds_the_course_sets_it():
    text = "町長は、資格の取得を目指す者のため、協会の定める課程に沿った講座を実施するものとする。"
    assert role("TRN101", "(講座の内容)", text, topic="町長", predicate="実施").kind == ACT
    # a condition on the act, not the act imposed
    text = "団体は、警察署長の証明を受けた後でなければ、パトロールを実施してはならない。"
    assert role("VIS101", "(委嘱)", text, topic="団体", predicate="実施").kind != ACT


def test_more_rounds_when_there_is_a_danger_fix_how_the_patrol_is_done_but_no_frequency():
    text = "巡視員は、大雨のおそれがあるときは、巡視の回数を増やさなければならない。"
    r = role("VIS101", "", text, topic="巡視員", predicate="増やす")
    assert r.kind == HOW and r.aspect.id == "more_rounds", r.describe()


def test_the_fallback_place_for_posting_under_a_special_case_heading_fixes_how_it_is_posted():
    text = "天災その他の事由により掲示場に掲示することができないときは、町内の見やすい他の場所に掲示して、これに代えることができる。"
    found = role("PST101", "(災害時の特例)", text, predicate="代える")
    assert found.kind == HOW and found.aspect.id == "posting_elsewhere"
    # an exemption under the same heading stays an exemption
    exempt = "前条の規定にかかわらず、急を要する告示は、掲示を省略することができる。"
    assert role("PST101", "(災害時の特例)", exempt, predicate="省略").kind == NAMES


def test_an_entry_in_an_earlier_clause_is_the_audit_though_the_predicate_names_another_documents_act():
    text = "署長は、職員を対象物に立ち入らせ、設備の状況を検査させるものとする。"
    found = role("AUD102", "(立入検査)", text, topic="署長", predicate="検査", verbs=("立ち入る",))
    assert found.kind == ACT
    # without the entry the predicate alone is a works inspection's word: no role in an audit document
    assert role("AUD102", "", "署長は、設備の状況を検査させるものとする。", topic="署長", predicate="検査").kind == NONE


def test_viewing_hours_in_kanji_numerals_fix_how_the_viewing_is_done():
    text = "閲覧は、午前九時から午後四時までの間に行うものとする。"
    found = role("VST101", "", text, topic="閲覧", predicate="行う")
    assert found.kind == HOW and found.aspect.id == "time"
