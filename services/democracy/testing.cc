#include "services/democracy/testing.h"

#include "absl/strings/str_cat.h"
#include "democracy_lib_migrations.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"

namespace unionhub::democracy {

void DemocracyTest::SetUp() {
  auto t = sql::CreateTestDatabase(GetParam());
  if (t.status().code() == absl::StatusCode::kNotFound)
    GTEST_SKIP() << t.status();
  ASSERT_TRUE(t.ok()) << t.status();
  db_ = std::move(*t);
  absl::Status migrated =
      sql::Migrate(*db_.db, outbox::WithPlatform(democracy_lib_migrations()));
  ASSERT_TRUE(migrated.ok()) << migrated;

  auto membership = membership::LoopbackMembership::Start();
  ASSERT_TRUE(membership.ok()) << membership.status();
  membership_ = *std::move(membership);
  membership_client_ =
      std::make_unique<clients::MembershipClient>(membership_->channel());
  using membership::OrganisationType;
  district_ = membership_->MustCreateOrganisation(
      membership_->root().id, "某区教育工会", OrganisationType::kIndustry);
  school_a_ = membership_->MustCreateOrganisation(
      district_.id, "第一中学工会", OrganisationType::kGrassroots);
  school_b_ = membership_->MustCreateOrganisation(
      district_.id, "第二中学工会", OrganisationType::kGrassroots);
  federation_ =
      membership_->CallerFor(membership_->root(), auth::Role::kFederationAdmin);
  district_admin_ = membership_->CallerFor(district_, auth::Role::kUnionAdmin);
  admin_a_ = membership_->CallerFor(school_a_, auth::Role::kUnionAdmin);
  admin_b_ = membership_->CallerFor(school_b_, auth::Role::kUnionAdmin);
  viewer_a_ = membership_->CallerFor(school_a_, auth::Role::kViewer);
  congress_ = std::make_unique<Congress>(db_.db.get(), membership_client_.get(),
                                         &clock_);
  representatives_ = std::make_unique<Representatives>(
      db_.db.get(), membership_client_.get(), &clock_);
  meetings_ = std::make_unique<Meetings>(db_.db.get(), &clock_);
}

int64_t DemocracyTest::CountRows(const char* table) {
  auto n = db_.db->Read([&](sql::Session& s) -> absl::StatusOr<int64_t> {
    ASSIGN_OR_RETURN(sql::Statement * st,
                     s.Query(absl::StrCat("SELECT COUNT(*) FROM ", table)));
    ASSIGN_OR_RETURN(bool row, st->Step());
    return row ? st->Int(0) : -1;
  });
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? *n : -1;
}

void DemocracyTest::SetToday(absl::string_view day) {
  absl::CivilDay d;
  ASSERT_TRUE(absl::ParseCivilTime(day, &d)) << day;
  clock_.Set(
      absl::FromCivil(absl::CivilSecond(d.year(), d.month(), d.day(), 10, 0, 0),
                      BeijingTime()));
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
