#include "services/membership/demo.h"

#include "gtest/gtest.h"
#include "libs/base/status_macros.h"
#include "libs/sql/testing.h"

const std::vector<unionhub::sql::Migration>& membership_lib_migrations();

namespace unionhub::membership {
namespace {

class DemoTest : public ::testing::TestWithParam<sql::Backend> {};

int64_t Count(sql::Database& db, const char* table) {
  int64_t n = -1;
  (void)db.Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(sql::Statement * st,
                     s.Query(std::string("SELECT COUNT(*) FROM ") + table));
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) n = st->Int(0);
    return absl::OkStatus();
  });
  return n;
}

TEST_P(DemoTest, LoadsOnceWithTheSeedFigures) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  ASSERT_TRUE(
      sql::Migrate(*t.db, outbox::WithPlatform(membership_lib_migrations()))
          .ok());
  auto keys = *crypto::DataKeys::FromMaster(std::string(32, 'k'));
  const Clock& clock = Clock::System();
  MembershipService members(t.db.get(), &keys, &clock);
  Store store(&keys);
  CommitteeService committees(t.db.get(), &store, &clock);
  EnterpriseService enterprises(t.db.get(), &store, &clock);
  ModelWorkerService model_workers(t.db.get(), &store, &clock);
  ActivityService activities(t.db.get(), &store, &clock);
  DemoServices services{&members, &committees, &enterprises, &model_workers,
                        &activities};
  Organisation root = *members.EnsureRoot("市总工会");

  absl::Status loaded = LoadDemoData(services, root);
  ASSERT_TRUE(loaded.ok()) << loaded;
  int64_t member_count = Count(*t.db, "members"),
          events = Count(*t.db, "outbox_events");
  EXPECT_GE(member_count, 300);
  auth::Caller federation{"test", root.id, root.path,
                          auth::Role::kFederationAdmin, absl::InfiniteFuture()};
  auto stats = enterprises.Statistics(federation, "");
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->enterprises, 79);
  EXPECT_EQ(stats->application_rate().basis_points(),
            9512);  // 39 of 41: 95.1%.
  EXPECT_EQ(stats->founded, 10);
  EXPECT_GT(stats->membership_rate().basis_points(), 0);

  loaded = LoadDemoData(services, root);
  ASSERT_TRUE(loaded.ok()) << loaded;
  EXPECT_EQ(Count(*t.db, "members"), member_count);
  EXPECT_EQ(Count(*t.db, "outbox_events"),
            events);  // Nothing written the second time.
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub::membership
