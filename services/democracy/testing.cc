#include "services/democracy/testing.h"

#include "absl/strings/str_cat.h"
#include "democracy_lib_migrations.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"

namespace unionhub::democracy {

DemocracyTest::DemocracyTest()
    : BesideMembershipTest(outbox::WithPlatform(democracy_lib_migrations())) {}

void DemocracyTest::SetUp() {
  BesideMembershipTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  congress_ = std::make_unique<Congress>(db_.db.get(), membership_client_.get(),
                                         &clock_);
  representatives_ = std::make_unique<Representatives>(
      db_.db.get(), membership_client_.get(), &clock_);
  meetings_ = std::make_unique<Meetings>(db_.db.get(), &clock_);
}

membership::Member DemocracyTest::MustCreateMember(int seq,
                                                   absl::string_view birth) {
  return membership_->MustCreateMember(school_a_, absl::StrCat("代表", seq),
                                       seq, birth);
}

CongressTerm DemocracyTest::MustCreateTerm(std::vector<CompositionRule> rules) {
  NewTerm n;
  n.organisation_id = school_a_.id;
  n.kind = CongressKind::kTeachers;
  n.number = 3;
  n.start_date = "2024-09-01";
  n.end_date = "2027-08-31";
  n.composition_rules = std::move(rules);
  auto t = congress_->CreateTerm(admin_a_, {}, n);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : CongressTerm{};
}

Representative DemocracyTest::MustElect(const CongressTerm& term,
                                        const membership::Member& member,
                                        RepresentativeGroup group,
                                        absl::string_view delegation) {
  NewRepresentative n{term.id, member.person_id, group, std::string(delegation),
                      "2024-06-20"};
  auto r = representatives_->Elect(admin_a_, {}, n);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Representative{};
}

SeatedCongress DemocracyTest::MustSeatCongress(int n, int first_seq) {
  SeatedCongress c;
  c.term = MustCreateTerm();
  for (int i = 0; i < n; ++i) {
    Representative r = MustElect(c.term, MustCreateMember(first_seq + i));
    auto seated = representatives_->Review(admin_a_, r.id, true, "", "");
    EXPECT_TRUE(seated.ok()) << seated.status();
    if (seated.ok()) c.representatives.push_back(*seated);
  }
  auto reviewed = representatives_->CompleteReview(
      admin_a_, c.term.id, "2024-08-30", "代表资格均有效", "");
  EXPECT_TRUE(reviewed.ok()) << reviewed.status();
  if (reviewed.ok()) c.term = *reviewed;
  std::string today = FormatDate(clock_.Today());
  auto session =
      congress_->CreateSession(admin_a_, {}, {c.term.id, today, today, "", ""});
  EXPECT_TRUE(session.ok()) << session.status();
  if (!session.ok()) return c;
  auto open = congress_->OpenSession(admin_a_, session->id, "");
  EXPECT_TRUE(open.ok()) << open.status();
  if (open.ok()) c.session = *open;
  return c;
}

void DemocracyTest::MustRecordPresent(const SeatedCongress& c, int present) {
  std::vector<Attendance> entries;
  for (int i = 0; i < present; ++i)
    entries.push_back(
        {c.representatives[i].id, AttendanceStatus::kPresent, ""});
  auto recorded = meetings_->RecordAttendance(admin_a_, c.session.id, entries);
  EXPECT_TRUE(recorded.ok()) << recorded.status();
}

}  // namespace unionhub::democracy
