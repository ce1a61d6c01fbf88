// Disclosure completeness on both backends: a catalogue line's periods fall
// due with the day, each counted once as on time, late or missing by its
// first disclosure; a late item moves its period from missing to late; the
// passing of a due date is counted by the lease holder with no event; and a
// rebuild on the same day equals the incremental model.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/rpc/proto_time.h"
#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/reporting/database_test.h"
#include "services/reporting/feeds/follower.h"
#include "services/reporting/read_model/read_model.h"
#include "unionhub/democracy/v1/disclosure.pb.h"

namespace unionhub::reporting {
namespace {

using testing::IsOkAndHolds;

namespace dv1 = democracy::v1;

constexpr char kDistrict[] = "00000000000000a1";
constexpr char kSchool[] = "00000000000000b2";
constexpr char kSchoolPath[] = "/00000000000000a1/00000000000000b2/";

class DisclosureDuesTest : public ReportingDatabaseTest {
 protected:
  template <typename T>
  void Add(const T& payload) {
    events::v1::Event e;
    e.set_sequence(static_cast<int64_t>(events_.size()) + 1);
    e.set_type("democracy.disclosure.changed");
    e.set_organisation_path(kSchoolPath);
    e.mutable_payload()->PackFrom(payload);
    events_.Add(std::move(e));
  }

  // A catalogue line added at noon in Beijing on `added`.
  std::string Line(dv1::DisclosureFrequency frequency, int grace_days,
                   absl::CivilDay added) {
    dv1::DisclosureCatalogueEntry e;
    e.set_id(absl::StrCat("c", events_.size() + 100000000000000));
    e.set_organisation_id(kSchool);
    e.set_title("学校财务收支情况");
    e.set_frequency(frequency);
    e.set_grace_days(grace_days);
    *e.mutable_create_time() = rpc::ToProtoTime(
        absl::FromCivil(absl::CivilSecond(added) + 12 * 3600, BeijingTime()));
    Add(e);
    return e.id();
  }

  void Item(const std::string& line, absl::string_view period,
            absl::string_view day) {
    dv1::DisclosureItem i;
    i.set_id(absl::StrCat("i", events_.size() + 100000000000000));
    i.set_organisation_id(kSchool);
    i.set_catalogue_entry_id(line);
    i.set_period(std::string(period));
    i.set_publicity_start_date(std::string(day));
    Add(i);
  }

  // Applies the events from `first` (0-based) on `today`.
  void Apply(absl::CivilDay today, int first = 0) {
    google::protobuf::RepeatedPtrField<events::v1::Event> page(
        events_.begin() + first, events_.end());
    ASSERT_TRUE(db_.db
                    ->Write([&](sql::Session& s) {
                      return ApplyEvents(s, page, today);
                    })
                    .ok());
    applied_ = events_.size();
  }
  void ApplyNew(absl::CivilDay today) { Apply(today, applied_); }

  absl::StatusOr<int> CountDues(absl::CivilDay today) {
    return db_.db->Write(
        [&](sql::Session& s) { return CountDuesThrough(s, today); });
  }

  std::vector<std::string> Table() {
    auto rows = FigureTableText(*db_.db);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.value_or(std::vector<std::string>{});
  }

  // The figure of `code` for `org` (subtree scope) in `period` (YYYY or
  // YYYYMM), 0 when there is no row.
  int64_t Figure(absl::string_view org, absl::string_view code, int period) {
    const std::string prefix = absl::StrCat(org, " ", code, " 1 ", period, " ");
    for (const std::string& row : Table()) {
      if (absl::StartsWith(row, prefix)) {
        int64_t v = 0;
        EXPECT_TRUE(absl::SimpleAtoi(row.substr(prefix.size()), &v));
        return v;
      }
    }
    return 0;
  }

  // due, on time, late, missing for the school in `year`.
  std::vector<int64_t> Dues(int year, absl::string_view org = kSchool) {
    return {Figure(org, "disclosure.due", year),
            Figure(org, "disclosure.on_time", year),
            Figure(org, "disclosure.late", year),
            Figure(org, "disclosure.missing", year)};
  }

  google::protobuf::RepeatedPtrField<events::v1::Event> events_;
  int applied_ = 0;
};

using Counts = std::vector<int64_t>;

TEST_P(DisclosureDuesTest, EachPeriodDueCountsOnceByItsFirstDisclosure) {
  // Quarterly finances, due 15 days after each quarter, from 10 January:
  // 2025-Q4 (due 01-15) is missing, Q1 (04-15) on time though disclosed
  // twice, Q2 (07-15) late. Q3 is due on 10-15, after today.
  std::string line = Line(dv1::DISCLOSURE_FREQUENCY_QUARTERLY, 15,
                          absl::CivilDay(2026, 1, 10));
  Item(line, "2026-Q1", "2026-04-10");
  Item(line, "2026-Q1", "2026-05-01");
  Item(line, "2026-Q2", "2026-07-20");
  Apply(absl::CivilDay(2026, 8, 1));
  EXPECT_EQ(Dues(2026), (Counts{3, 1, 1, 1}));
  EXPECT_EQ(Figure(kSchool, "disclosure.due", 202601), 1);
  EXPECT_EQ(Figure(kSchool, "disclosure.missing", 202601), 1);
  EXPECT_EQ(Figure(kSchool, "disclosure.on_time", 202604), 1);
  EXPECT_EQ(Figure(kSchool, "disclosure.late", 202607), 1);
  EXPECT_EQ(Figure(kSchool, "disclosure.published", 2026), 3);
  // Rolled up the tree.
  EXPECT_EQ(Dues(2026, kDistrict), (Counts{3, 1, 1, 1}));
  EXPECT_EQ(Dues(2025), (Counts{0, 0, 0, 0}));

  // The same events again (a replay) change nothing.
  const std::vector<std::string> before = Table();
  Apply(absl::CivilDay(2026, 8, 1));
  EXPECT_EQ(Table(), before);

  // 2025-Q4 disclosed at last: late, no longer missing.
  Item(line, "2025-Q4", "2026-08-03");
  ApplyNew(absl::CivilDay(2026, 8, 3));
  EXPECT_EQ(Dues(2026), (Counts{3, 1, 2, 0}));
}

TEST_P(DisclosureDuesTest, ADueDatePassingCountsWithNoEvent) {
  std::string line = Line(dv1::DISCLOSURE_FREQUENCY_QUARTERLY, 15,
                          absl::CivilDay(2026, 1, 10));
  Item(line, "2026-Q3", "2026-10-09");
  Apply(absl::CivilDay(2026, 10, 14));
  EXPECT_EQ(Dues(2026), (Counts{3, 0, 0, 3}));
  // Nothing more is due on the 14th; on the 15th Q3 is, disclosed on time.
  EXPECT_THAT(CountDues(absl::CivilDay(2026, 10, 14)), IsOkAndHolds(0));
  EXPECT_THAT(CountDues(absl::CivilDay(2026, 10, 15)), IsOkAndHolds(1));
  EXPECT_EQ(Dues(2026), (Counts{4, 1, 0, 3}));
  EXPECT_THAT(CountDues(absl::CivilDay(2026, 10, 15)), IsOkAndHolds(0));
  // Q4 falls due in the next year.
  EXPECT_THAT(CountDues(absl::CivilDay(2027, 1, 15)), IsOkAndHolds(1));
  EXPECT_EQ(Dues(2026), (Counts{4, 1, 0, 3}));
  EXPECT_EQ(Dues(2027), (Counts{1, 0, 0, 1}));

  // A rebuild on the same day equals the model counted day by day.
  const std::vector<std::string> incremental = Table();
  ASSERT_TRUE(ClearReadModel(*db_.db).ok());
  EXPECT_TRUE(Table().empty());
  Apply(absl::CivilDay(2027, 1, 15));
  EXPECT_EQ(Table(), incremental);
}

TEST_P(DisclosureDuesTest, OnlyScheduledLinesFallDue) {
  std::string per_event =
      Line(dv1::DISCLOSURE_FREQUENCY_PER_EVENT, 0, absl::CivilDay(2026, 1, 1));
  Item(per_event, "", "2026-03-01");
  // A yearly line added in March: 2025's report (due 03-31 with 90 days'
  // grace) is the first it owes.
  Line(dv1::DISCLOSURE_FREQUENCY_YEARLY, 90, absl::CivilDay(2026, 3, 1));
  Apply(absl::CivilDay(2026, 12, 31));
  EXPECT_EQ(Dues(2026), (Counts{1, 0, 0, 1}));
  EXPECT_EQ(Figure(kSchool, "disclosure.published", 2026), 1);
}

TEST_P(DisclosureDuesTest, TheLeaseHolderCountsANewDaysDues) {
  Line(dv1::DISCLOSURE_FREQUENCY_MONTHLY, 0, absl::CivilDay(2026, 1, 10));
  FakeClock clock(
      absl::FromCivil(absl::CivilSecond(2026, 3, 1, 12, 0, 0), BeijingTime()));
  Apply(clock.Today());
  EXPECT_EQ(Dues(2026), (Counts{2, 0, 0, 2}));  // January and February.

  clock.Advance(absl::Hours(24 * 31));  // 1 April: March is due too.
  FollowerOptions o;
  o.replica = "test";
  o.renew_every = absl::Milliseconds(20);
  FeedFollower follower(db_.db.get(), {}, o, clock);
  follower.Start();
  for (int i = 0; i < 500 && Dues(2026)[0] != 3; ++i)
    absl::SleepFor(absl::Milliseconds(10));
  follower.Stop();
  EXPECT_EQ(Dues(2026), (Counts{3, 0, 0, 3}));

  // CatchUp (the rebuild command) counts them too.
  clock.Advance(absl::Hours(24 * 30));  // 1 May.
  EXPECT_THAT(follower.CatchUp(), IsOkAndHolds(0));
  EXPECT_EQ(Dues(2026), (Counts{4, 0, 0, 4}));
}

UNIONHUB_ON_BOTH_BACKENDS(DisclosureDuesTest);

}  // namespace
}  // namespace unionhub::reporting
