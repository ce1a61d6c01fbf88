// Congress terms, sessions and representatives on both backends against a
// real membership: term length and overlap, session numbering and the
// qualification review before the first session, the yearly session rule,
// elections from the union's active members, composition rules, and
// replacements that keep the history.
#include "services/democracy/congress/congress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/democracy/testing.h"

namespace unionhub::democracy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class CongressTest : public DemocracyTest {
 protected:
  NewTerm Term(int number, std::string start, std::string end) {
    NewTerm n;
    n.organisation_id = school_a_.id;
    n.kind = CongressKind::kTeachers;
    n.number = number;
    n.start_date = std::move(start);
    n.end_date = std::move(end);
    return n;
  }
};

TEST_P(CongressTest, TermsRunThreeToFiveYearsWithoutOverlapping) {
  EXPECT_THAT(
      congress_->CreateTerm(admin_a_, {}, Term(3, "2024-09-01", "2027-08-30")),
      HasViolation("term.end_date"));  // A day short of three years.
  EXPECT_THAT(
      congress_->CreateTerm(admin_a_, {}, Term(3, "2024-09-01", "2029-09-01")),
      HasViolation("term.end_date"));  // A day past five.
  EXPECT_EQ(CountRows("congress_terms"), 0);
  EXPECT_EQ(CountRows("outbox_pending"), 0);

  auto term =
      congress_->CreateTerm(admin_a_, {}, Term(3, "2024-09-01", "2027-08-31"));
  ASSERT_TRUE(term.ok()) << term.status();
  EXPECT_EQ(term->co_signers_required, 2);
  EXPECT_EQ(TermName(term->kind, term->number), "第三届教职工代表大会");
  EXPECT_THAT(
      congress_->CreateTerm(admin_a_, {}, Term(3, "2027-09-01", "2030-08-31")),
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(
      congress_->CreateTerm(admin_a_, {}, Term(4, "2027-08-01", "2030-07-31")),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("overlaps")));
  EXPECT_TRUE(
      congress_->CreateTerm(admin_a_, {}, Term(4, "2027-09-01", "2030-08-31"))
          .ok());
  EXPECT_EQ(CountRows("congress_terms"), 2);
}

TEST_P(CongressTest, BadInputNamesEveryFieldAndWritesNothing) {
  NewTerm n = Term(0, "2024-13-01", "someday");
  n.organisation_id = "not an id";
  n.kind = CongressKind::kUnspecified;
  n.co_signers_required = 11;
  n.composition_rules = {
      {CompositionMeasure::kGroup, RepresentativeGroup::kUnspecified,
       CompositionBound::kAtLeast, 6000},
      {CompositionMeasure::kWomen, RepresentativeGroup::kTeacher,
       CompositionBound::kUnspecified, 10001}};
  auto made = congress_->CreateTerm(admin_a_, {}, n);
  for (const char* field :
       {"term.organisation_id", "term.kind", "term.number", "term.start_date",
        "term.end_date", "term.co_signers_required",
        "term.composition_rules[0].group", "term.composition_rules[1].group",
        "term.composition_rules[1].bound",
        "term.composition_rules[1].share_basis_points"}) {
    EXPECT_THAT(made, HasViolation(field)) << field;
  }
  EXPECT_EQ(CountRows("congress_terms"), 0);
  EXPECT_EQ(CountRows("audit_log"), 0);
}

TEST_P(CongressTest, OtherTenantsSeeNothingAndRetriesMakeOneTerm) {
  outbox::RequestKey key{"term-1", "f", "CreateCongressTerm"};
  auto first =
      congress_->CreateTerm(admin_a_, key, Term(3, "2024-09-01", "2027-08-31"));
  ASSERT_TRUE(first.ok()) << first.status();
  auto again =
      congress_->CreateTerm(admin_a_, key, Term(3, "2024-09-01", "2027-08-31"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(CountRows("congress_terms"), 1);

  EXPECT_THAT(congress_->GetTerm(admin_b_, first->id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      congress_->CreateTerm(admin_b_, {}, Term(5, "2024-09-01", "2027-08-31")),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_TRUE(congress_->GetTerm(viewer_a_, first->id).ok());
  EXPECT_TRUE(congress_->GetTerm(district_admin_, first->id).ok());
  auto listed = congress_->ListTerms(admin_b_, "", 0, "");
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_TRUE(listed->items.empty());
  EXPECT_THAT(congress_->ListTerms(admin_b_, school_a_.id, 0, ""),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(CongressTest, SessionsOpenOnlyAfterTheQualificationReview) {
  CongressTerm term = MustCreateTerm();
  Representative r1 = MustElect(term, MustCreateMember(1));
  Representative r2 = MustElect(term, MustCreateMember(2));
  auto session = congress_->CreateSession(
      admin_a_, {},
      {term.id, "2026-11-25", "2026-11-26", "2026-10-01", "2026-11-20"});
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_EQ(SessionName(session->term_number, session->number), "三届一次");
  EXPECT_THAT(congress_->CreateSession(
                  admin_a_, {}, {term.id, "2027-09-01", "2027-09-01", "", ""}),
              HasViolation("session.start_date"));  // After the term.
  EXPECT_THAT(congress_->CreateSession(admin_a_, {},
                                       {term.id, "2026-12-01", "2026-12-01",
                                        "2026-12-01", "2026-12-02"}),
              HasViolation("session.proposal_window_end_date"));

  SetToday("2026-11-25");
  EXPECT_THAT(congress_->OpenSession(admin_a_, session->id, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("qualification review")));
  ASSERT_TRUE(representatives_->Review(admin_a_, r1.id, true, "", "").ok());
  EXPECT_THAT(representatives_->CompleteReview(admin_a_, term.id, "2026-11-24",
                                               "审查报告", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("1 representative(s) still await")));
  EXPECT_THAT(representatives_->Review(admin_a_, r2.id, false, "", ""),
              HasViolation("note"));
  ASSERT_TRUE(
      representatives_->Review(admin_a_, r2.id, false, "非本单位在编人员", "")
          .ok());
  auto reviewed = representatives_->CompleteReview(
      admin_a_, term.id, "2026-11-24", "审查报告", "");
  ASSERT_TRUE(reviewed.ok()) << reviewed.status();
  EXPECT_THAT(congress_->OpenSession(admin_a_, session->id, "stale"),
              StatusIs(absl::StatusCode::kAborted));
  auto open = congress_->OpenSession(admin_a_, session->id, session->etag);
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(open->status, SessionStatus::kOpen);
  EXPECT_THAT(congress_->OpenSession(admin_a_, session->id, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  auto closed = congress_->CloseSession(admin_a_, session->id, "");
  ASSERT_TRUE(closed.ok()) << closed.status();

  auto second = congress_->CreateSession(
      admin_a_, {}, {term.id, "2027-03-01", "2027-03-01", "", ""});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(SessionName(second->term_number, second->number), "三届二次");
  auto sessions = congress_->ListSessions(viewer_a_, term.id, 1, "");
  ASSERT_TRUE(sessions.ok()) << sessions.status();
  ASSERT_EQ(sessions->items.size(), 1u);
  EXPECT_EQ(sessions->items[0].number, 1);
  auto next =
      congress_->ListSessions(viewer_a_, term.id, 1, sessions->next_page_token);
  ASSERT_TRUE(next.ok()) << next.status();
  ASSERT_EQ(next->items.size(), 1u);
  EXPECT_EQ(next->items[0].number, 2);
}

TEST_P(CongressTest, ATermReportsTheYearsWithNoSessionHeld) {
  CongressTerm term = MustCreateTerm();  // 2024-09-01 to 2027-08-31.
  Representative r = MustElect(term, MustCreateMember(1));
  ASSERT_TRUE(representatives_->Review(admin_a_, r.id, true, "", "").ok());
  ASSERT_TRUE(representatives_
                  ->CompleteReview(admin_a_, term.id, "2024-09-10", "有效", "")
                  .ok());
  SetToday("2024-10-15");
  auto first = congress_->CreateSession(
      admin_a_, {}, {term.id, "2024-10-15", "2024-10-15", "", ""});
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(congress_->OpenSession(admin_a_, first->id, "").ok());
  // Planned but never held: it does not count.
  ASSERT_TRUE(congress_
                  ->CreateSession(admin_a_, {},
                                  {term.id, "2026-03-01", "2026-03-01", "", ""})
                  .ok());
  SetToday("2026-11-21");
  auto got = congress_->GetTerm(viewer_a_, term.id);
  ASSERT_TRUE(got.ok()) << got.status();
  // Year 1 (2024-09-01..2025-08-31) had one; year 2 (to 2026-08-31) none;
  // year 3 is not over.
  EXPECT_THAT(got->years_without_session, ElementsAre(2));
}

TEST_P(CongressTest, RepresentativesAreActiveMembersOfTheUnionSeatedOnce) {
  CongressTerm term = MustCreateTerm();
  membership::Member m = MustCreateMember(1);
  MustElect(term, m);
  EXPECT_THAT(representatives_->Elect(
                  admin_a_, {},
                  {term.id, m.person_id, RepresentativeGroup::kTeacher, "一团",
                   "2024-06-20"}),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // The district sees school B's member, who is not of school A's union.
  membership::Member other =
      membership_->MustCreateMember(school_b_, "乙校教师", 7);
  EXPECT_THAT(representatives_->Elect(
                  district_admin_, {},
                  {term.id, other.person_id, RepresentativeGroup::kTeacher,
                   "一团", "2024-06-20"}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("not a member of the union")));
  // School B's admin sees neither the term nor school A's members.
  EXPECT_THAT(representatives_->Elect(
                  admin_b_, {},
                  {term.id, other.person_id, RepresentativeGroup::kTeacher,
                   "一团", "2024-06-20"}),
              StatusIs(absl::StatusCode::kNotFound));
  auto bad = representatives_->Elect(
      admin_a_, {},
      {term.id, "x", RepresentativeGroup::kUnspecified, "", "2099-01-01"});
  for (const char* field :
       {"representative.person_id", "representative.group",
        "representative.delegation", "representative.elected_date"}) {
    EXPECT_THAT(bad, HasViolation(field)) << field;
  }
  EXPECT_EQ(CountRows("representatives"), 1);
}

TEST_P(CongressTest, CompositionCountsTheSeatedAgainstTheRules) {
  std::vector<CompositionRule> rules = {
      {CompositionMeasure::kGroup, RepresentativeGroup::kTeacher,
       CompositionBound::kAtLeast, 6000},
      {CompositionMeasure::kGroup, RepresentativeGroup::kManager,
       CompositionBound::kAtMost, 2000},
      {CompositionMeasure::kWomen, RepresentativeGroup::kUnspecified,
       CompositionBound::kAtLeast, 5000},
      {CompositionMeasure::kYoung, RepresentativeGroup::kUnspecified,
       CompositionBound::kAtLeast, 2000}};
  CongressTerm term = MustCreateTerm(rules);
  std::vector<Representative> seated;
  // Six teachers, of whom seq 10, 12, 14 are women and 10, 11 under 35 on
  // 2024-09-01; two managers (one a woman); two front-line men.
  for (int seq = 10; seq < 16; ++seq) {
    seated.push_back(MustElect(
        term, MustCreateMember(seq, seq < 12 ? "19950101" : "19800101")));
  }
  seated.push_back(MustElect(term, MustCreateMember(20),
                             RepresentativeGroup::kManager, "第二代表团"));
  seated.push_back(MustElect(term, MustCreateMember(21),
                             RepresentativeGroup::kManager, "第二代表团"));
  seated.push_back(MustElect(term, MustCreateMember(31),
                             RepresentativeGroup::kFrontline, "第二代表团"));
  seated.push_back(MustElect(term, MustCreateMember(33),
                             RepresentativeGroup::kFrontline, "第二代表团"));
  for (const Representative& r : seated)
    ASSERT_TRUE(representatives_->Review(admin_a_, r.id, true, "", "").ok());
  Representative waiting = MustElect(term, MustCreateMember(40));

  auto c = representatives_->GetComposition(viewer_a_, term.id);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->counts.seated, 10);
  EXPECT_EQ(c->counts.awaiting_review, 1);
  EXPECT_EQ(c->counts.women, 4);
  EXPECT_EQ(c->counts.young, 2);
  ASSERT_EQ(c->rules.size(), 4u);
  EXPECT_TRUE(c->rules[0].met);   // 6 of 10 teachers: 60%.
  EXPECT_TRUE(c->rules[1].met);   // 2 of 10 managers: 20%.
  EXPECT_FALSE(c->rules[2].met);  // 4 of 10 women, 50% asked.
  EXPECT_EQ(c->rules[2].count, 4);
  EXPECT_TRUE(c->rules[3].met);  // 2 of 10 young.
  EXPECT_FALSE(c->all_rules_met);
  EXPECT_THAT(c->counts.by_delegation,
              ElementsAre(std::pair<std::string, int>{"第一代表团", 6},
                          std::pair<std::string, int>{"第二代表团", 4}));

  // A woman replaces a front-line man: once qualified, the women's rule holds.
  auto replaced = representatives_->Replace(
      admin_a_, {}, seated.back().id, "2026-11-01", "调离本单位",
      Successor{MustCreateMember(42).person_id, RepresentativeGroup::kFrontline,
                "第二代表团"});
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  ASSERT_TRUE(replaced->successor.has_value());
  ASSERT_TRUE(
      representatives_->Review(admin_a_, replaced->successor->id, true, "", "")
          .ok());
  c = representatives_->GetComposition(viewer_a_, term.id);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->counts.seated, 10);
  EXPECT_TRUE(c->rules[2].met);
  EXPECT_TRUE(c->all_rules_met);
  (void)waiting;
}

TEST_P(CongressTest, ReplacementsKeepTheHistory) {
  CongressTerm term = MustCreateTerm();
  membership::Member leaving = MustCreateMember(1);
  Representative r = MustElect(term, leaving);
  membership::Member next = MustCreateMember(2);
  outbox::RequestKey key{"replace-1", "f", "ReplaceRepresentative"};
  auto done = representatives_->Replace(
      admin_a_, key, r.id, "2026-10-01", "退休",
      Successor{next.person_id, RepresentativeGroup::kTeacher, "第一代表团"});
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->ended.status, RepresentativeStatus::kEnded);
  EXPECT_EQ(done->ended.end_reason, "退休");
  ASSERT_TRUE(done->successor.has_value());
  EXPECT_EQ(done->ended.replaced_by_id, done->successor->id);
  EXPECT_EQ(done->successor->replaces_id, r.id);
  EXPECT_EQ(done->successor->status, RepresentativeStatus::kElected);
  EXPECT_EQ(FormatDate(done->successor->elected_date), "2026-10-01");

  auto again = representatives_->Replace(
      admin_a_, key, r.id, "2026-10-01", "退休",
      Successor{next.person_id, RepresentativeGroup::kTeacher, "第一代表团"});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->successor->id, done->successor->id);
  EXPECT_EQ(CountRows("representatives"), 2);

  EXPECT_THAT(representatives_->Replace(admin_a_, {}, r.id, "2026-10-01",
                                        "退休", std::nullopt),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(
      representatives_->Replace(
          admin_a_, {}, done->successor->id, "2026-10-02", "调离",
          Successor{next.person_id, RepresentativeGroup::kTeacher, "一团"}),
      HasViolation("successor.person_id"));
  // The one who left may be elected again later: the seat was freed.
  EXPECT_TRUE(representatives_
                  ->Elect(admin_a_, {},
                          {term.id, leaving.person_id,
                           RepresentativeGroup::kTeacher, "一团", "2026-11-01"})
                  .ok());
  auto all = representatives_->List(
      viewer_a_, term.id, RepresentativeStatus::kUnspecified, "", 0, "");
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->items.size(), 3u);
  auto ended = representatives_->List(viewer_a_, term.id,
                                      RepresentativeStatus::kEnded, "", 0, "");
  ASSERT_TRUE(ended.ok()) << ended.status();
  ASSERT_EQ(ended->items.size(), 1u);
  EXPECT_EQ(ended->items[0].id, r.id);
}

TEST_P(CongressTest, UpdatesKeepTheTermWholeAndRefuseStaleEtags) {
  CongressTerm term = MustCreateTerm();
  ASSERT_TRUE(congress_
                  ->CreateSession(admin_a_, {},
                                  {term.id, "2027-06-01", "2027-06-02", "", ""})
                  .ok());
  TermChange shorter{term.id, true, "2027-05-31"};
  EXPECT_THAT(congress_->UpdateTerm(admin_a_, shorter, ""),
              HasViolation("term.end_date"));  // Under three years, too.
  TermChange rules;
  rules.id = term.id;
  rules.rules_set = true;
  rules.composition_rules = {{CompositionMeasure::kWomen,
                              RepresentativeGroup::kUnspecified,
                              CompositionBound::kAtLeast, 5800}};
  rules.co_signers_set = true;
  rules.co_signers_required = 3;
  EXPECT_THAT(congress_->UpdateTerm(admin_a_, rules, "stale"),
              StatusIs(absl::StatusCode::kAborted));
  auto updated = congress_->UpdateTerm(admin_a_, rules, term.etag);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->co_signers_required, 3);
  ASSERT_EQ(updated->composition_rules.size(), 1u);
  EXPECT_EQ(updated->composition_rules[0].share_basis_points, 5800);
  EXPECT_NE(updated->etag, term.etag);
  TermChange longer{term.id, true, "2029-08-31"};
  auto extended = congress_->UpdateTerm(admin_a_, longer, updated->etag);
  ASSERT_TRUE(extended.ok()) << extended.status();
  EXPECT_EQ(FormatDate(extended->end_date), "2029-08-31");
  EXPECT_THAT(congress_->UpdateTerm(admin_b_, longer, ""),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(CongressTest, MembershipDownIsUnavailableAndWritesNothing) {
  CongressTerm term = MustCreateTerm();
  membership::Member m = MustCreateMember(1);
  membership_->Stop();
  EXPECT_THAT(representatives_->Elect(
                  admin_a_, {},
                  {term.id, m.person_id, RepresentativeGroup::kTeacher, "一团",
                   "2024-06-20"}),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(
      congress_->CreateTerm(admin_a_, {}, Term(4, "2027-09-01", "2030-08-31")),
      StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(CountRows("representatives"), 0);
  EXPECT_EQ(CountRows("congress_terms"), 1);
}

UNIONHUB_ON_BOTH_BACKENDS(CongressTest);

}  // namespace
}  // namespace unionhub::democracy
