#include "services/membership/testing.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"
#include "libs/testing/id_numbers.h"
#include "membership_lib_migrations.h"

namespace unionhub::membership {

void MembershipTest::SetUp() {
  auto t = sql::CreateTestDatabase(GetParam());
  if (t.status().code() == absl::StatusCode::kNotFound)
    GTEST_SKIP() << t.status();
  ASSERT_TRUE(t.ok()) << t.status();
  db_ = std::move(*t);
  absl::Status migrated =
      sql::Migrate(*db_.db, outbox::WithPlatform(membership_lib_migrations()));
  ASSERT_TRUE(migrated.ok()) << migrated;
  organisations_ =
      std::make_unique<Organisations>(db_.db.get(), &store_, &clock_);
  members_ = std::make_unique<Members>(db_.db.get(), &store_, &clock_);
  auto root = organisations_->EnsureRoot("某市总工会");
  ASSERT_TRUE(root.ok()) << root.status();
  root_ = *root;
  federation_ = CallerFor(root_, auth::Role::kFederationAdmin);
}

void DistrictTest::SetUp() {
  MembershipTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  district_ = MustCreateOrganisation(root_.id, "某区教育工会",
                                     OrganisationType::kIndustry);
  school_a_ = MustCreateOrganisation(district_.id, "第一中学工会",
                                     OrganisationType::kGrassroots);
  school_b_ = MustCreateOrganisation(district_.id, "第二中学工会",
                                     OrganisationType::kGrassroots);
}

auth::Caller MembershipTest::CallerFor(const Organisation& org,
                                       auth::Role role) const {
  auth::Caller c;
  c.key_id = absl::StrCat("key-", org.id);
  c.organisation_id = org.id;
  c.organisation_path = org.path;
  c.role = role;
  c.expires = absl::InfiniteFuture();
  return c;
}

Organisation MembershipTest::MustCreateOrganisation(
    const std::string& parent_id, const std::string& name,
    OrganisationType type) {
  auto o = organisations_->CreateOrganisation(federation_, {},
                                              {parent_id, name, type});
  EXPECT_TRUE(o.ok()) << o.status();
  return o.ok() ? *o : Organisation{};
}

NewMember MembershipTest::NewMemberIn(const Organisation& org,
                                      const std::string& name, int seq,
                                      absl::string_view birth) const {
  NewMember n;
  n.organisation_id = org.id;
  n.name = name;
  n.id_number = MakeIdNumber(birth, seq);
  n.phone = "13812345678";
  n.employment_type = EmploymentType::kStaff;
  n.join_date = "2010-09-01";
  return n;
}

int64_t MembershipTest::CountRows(const char* table) {
  int64_t n = -1;
  EXPECT_TRUE(db_.db
                  ->Read([&](sql::Session& s) -> absl::Status {
                    ASSIGN_OR_RETURN(
                        sql::Statement * st,
                        s.Query(absl::StrCat("SELECT COUNT(*) FROM ", table)));
                    ASSIGN_OR_RETURN(bool row, st->Step());
                    n = row ? st->Int(0) : -1;
                    return absl::OkStatus();
                  })
                  .ok());
  return n;
}

std::string MembershipTest::MakeIdNumber(absl::string_view birth, int seq) {
  return testing::MakeIdNumber(seq, birth);
}

absl::StatusOr<std::unique_ptr<LoopbackMembership>>
LoopbackMembership::Start() {
  std::unique_ptr<LoopbackMembership> m(new LoopbackMembership());
  ASSIGN_OR_RETURN(m->db_, sql::CreateTestDatabase(sql::Backend::kSqlite));
  RETURN_IF_ERROR(sql::Migrate(
      *m->db_.db, outbox::WithPlatform(membership_lib_migrations())));
  const Clock& clock = Clock::System();
  m->organisations_ =
      std::make_unique<Organisations>(m->db_.db.get(), &m->store_, &clock);
  m->members_ = std::make_unique<Members>(m->db_.db.get(), &m->store_, &clock);
  m->model_workers_ =
      std::make_unique<ModelWorkers>(m->db_.db.get(), &m->store_, &clock);
  ASSIGN_OR_RETURN(m->root_, m->organisations_->EnsureRoot("某市总工会"));
  m->serving_ = std::make_unique<rpc::Serving>(&m->verifier_, &clock);
  m->organisation_handler_ = std::make_unique<OrganisationHandler>(
      m->organisations_.get(), m->serving_->env());
  m->member_handler_ =
      std::make_unique<MemberHandler>(m->members_.get(), m->serving_->env());
  ASSIGN_OR_RETURN(m->server_,
                   rpc::Server::Start("127.0.0.1:0",
                                      {m->organisation_handler_.get(),
                                       m->member_handler_.get()},
                                      m->db_.db.get()));
  m->channel_ =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", m->server_->port()),
                          grpc::InsecureChannelCredentials());
  return m;
}

LoopbackMembership::~LoopbackMembership() { Stop(); }

void LoopbackMembership::Stop() {
  if (server_) server_->Shutdown(absl::ZeroDuration());
}

void LoopbackMembership::MustRecordModelWorker(const Member& member) {
  NewModelWorker n;
  n.member_id = member.id;
  n.level = ModelWorkerLevel::kCity;
  n.title = "市劳动模范";
  n.award_year = 2020;
  auto made = model_workers_->Create(
      CallerFor(root_, auth::Role::kFederationAdmin), {}, n);
  EXPECT_TRUE(made.ok()) << made.status();
}

auth::Caller LoopbackMembership::CallerFor(const Organisation& org,
                                           auth::Role role,
                                           absl::string_view key) const {
  auth::Caller c;
  c.key_id = absl::StrCat("key-", org.id, "-", auth::RoleName(role), key);
  c.organisation_id = org.id;
  c.organisation_path = org.path;
  c.role = role;
  c.expires = absl::Now() + absl::Hours(1);
  c.token = gateway_.Sign(c);
  return c;
}

Organisation LoopbackMembership::MustCreateOrganisation(
    const std::string& parent_id, const std::string& name,
    OrganisationType type) {
  auto o = organisations_->CreateOrganisation(
      CallerFor(root_, auth::Role::kFederationAdmin), {},
      {parent_id, name, type});
  EXPECT_TRUE(o.ok()) << o.status();
  return o.ok() ? *o : Organisation{};
}

Member LoopbackMembership::MustCreateMember(const Organisation& org,
                                            const std::string& name, int seq,
                                            absl::string_view birth) {
  NewMember n;
  n.organisation_id = org.id;
  n.name = name;
  n.id_number = testing::MakeIdNumber(seq, birth);
  n.phone = "13812345678";
  n.employment_type = EmploymentType::kStaff;
  n.join_date = "2010-09-01";
  auto m = members_->CreateMember(
      CallerFor(root_, auth::Role::kFederationAdmin), {}, n);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? *m : Member{};
}

void BesideMembershipTest::SetUp() {
  auto t = sql::CreateTestDatabase(GetParam());
  if (t.status().code() == absl::StatusCode::kNotFound)
    GTEST_SKIP() << t.status();
  ASSERT_TRUE(t.ok()) << t.status();
  db_ = std::move(*t);
  absl::Status migrated = sql::Migrate(*db_.db, migrations_);
  ASSERT_TRUE(migrated.ok()) << migrated;

  auto membership = LoopbackMembership::Start();
  ASSERT_TRUE(membership.ok()) << membership.status();
  membership_ = *std::move(membership);
  membership_client_ =
      std::make_unique<clients::MembershipClient>(membership_->channel());
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
}

int64_t BesideMembershipTest::CountRows(const char* table) {
  auto n = db_.db->Read([&](sql::Session& s) -> absl::StatusOr<int64_t> {
    ASSIGN_OR_RETURN(sql::Statement * st,
                     s.Query(absl::StrCat("SELECT COUNT(*) FROM ", table)));
    ASSIGN_OR_RETURN(bool row, st->Step());
    return row ? st->Int(0) : -1;
  });
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? *n : -1;
}

void BesideMembershipTest::SetToday(absl::string_view day) {
  absl::CivilDay d;
  ASSERT_TRUE(absl::ParseCivilTime(day, &d)) << day;
  clock_.Set(
      absl::FromCivil(absl::CivilSecond(d.year(), d.month(), d.day(), 10, 0, 0),
                      BeijingTime()));
}

}  // namespace unionhub::membership
