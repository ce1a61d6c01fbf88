#include "services/reporting/testing.h"

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"
#include "reporting_lib_migrations.h"
#include "services/reporting/read_model/read_model.h"

namespace unionhub::reporting {

void ReportingTest::SetUp() {
  DistrictTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  auto made = sql::CreateTestDatabase(GetParam());
  ASSERT_TRUE(made.ok()) << made.status();
  reporting_ = *std::move(made);
  ASSERT_TRUE(sql::Migrate(*reporting_.db,
                           outbox::WithPlatform(reporting_lib_migrations()))
                  .ok());
  feed_ = std::make_unique<outbox::DatabaseFeedSource>(db_.db.get());
  admin_a_ = CallerFor(school_a_, auth::Role::kUnionAdmin);
  admin_b_ = CallerFor(school_b_, auth::Role::kUnionAdmin);
  district_admin_ = CallerFor(district_, auth::Role::kUnionAdmin);
}

void ReportingTest::CatchUp(int page_size) {
  outbox::FeedConsumerOptions o;
  o.feed = "membership";
  o.page_size = page_size;
  auto consumer = outbox::FeedConsumer::ForPages(
      reporting_.db.get(), feed_.get(), ApplyEventsOn(Clock::System()), o);
  while (true) {
    auto applied = consumer->PollOnce();
    ASSERT_TRUE(applied.ok()) << applied.status();
    if (*applied == 0) break;
  }
}

membership::Member ReportingTest::MustJoin(const membership::Organisation& org,
                                           int seq, absl::string_view join_date,
                                           membership::EmploymentType type) {
  membership::NewMember n = NewMemberIn(org, absl::StrCat("会员", seq), seq);
  n.join_date = std::string(join_date);
  n.employment_type = type;
  auto m =
      members_->CreateMember(CallerFor(org, auth::Role::kUnionAdmin), {}, n);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.value_or(membership::Member{});
}

std::vector<std::string> ReportingTest::FigureTable() {
  auto rows = FigureTableText(*reporting_.db);
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.value_or(std::vector<std::string>{});
}

}  // namespace unionhub::reporting
