// What each kind of record contributes, from its state alone: the dates it
// counts on, what ends a stock, and what a later state replaces.
#include "services/reporting/projection/projection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "libs/testing/matchers.h"
#include "unionhub/democracy/v1/contracts.pb.h"
#include "unionhub/democracy/v1/representatives.pb.h"
#include "unionhub/membership/v1/organisations.pb.h"
#include "unionhub/welfare/v1/applications.pb.h"
#include "unionhub/welfare/v1/cases.pb.h"
#include "unionhub/welfare/v1/hardship.pb.h"

namespace unionhub::reporting {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::StatusIs;

constexpr char kSchool[] = "/00000000000000a1/00000000000000b2/";

class FakeContext final : public ProjectionContext {
 public:
  absl::StatusOr<std::string> PathOf(const std::string& id) override {
    auto it = paths.find(id);
    return it == paths.end() ? "" : it->second;
  }
  absl::StatusOr<std::vector<Entry>> EntriesOf(const std::string&) override {
    return std::vector<Entry>{};
  }
  std::map<std::string, std::string> paths;
};

template <typename T>
events::v1::Event EventOf(const T& payload, std::string path = kSchool) {
  events::v1::Event e;
  e.set_type("test.record.changed");
  e.set_organisation_path(std::move(path));
  e.mutable_payload()->PackFrom(payload);
  return e;
}

// The entries of the event's only record, as "code month value".
std::vector<std::string> EntriesOf(const events::v1::Event& e,
                                   FakeContext& context) {
  auto projected = Project(e, context);
  EXPECT_TRUE(projected.ok()) << projected.status();
  if (!projected.ok() || projected->contributions.size() != 1) return {"?"};
  std::vector<std::string> out;
  for (const Entry& entry : projected->contributions[0].entries)
    out.push_back(absl::StrCat(entry.code, " ", entry.month, " ", entry.value));
  return out;
}

TEST(ProjectionTest, AContractIsInForceThroughItsLastDay) {
  FakeContext context;
  democracy::v1::CollectiveContract c;
  c.set_id("c1");
  c.set_status(democracy::v1::CONTRACT_STATUS_APPROVED);
  c.set_start_date("2025-07-01");
  c.set_approved_date("2025-06-20");
  c.set_end_date("2027-06-30");
  c.set_workers_covered(85);
  EXPECT_THAT(
      EntriesOf(EventOf(c), context),
      ElementsAre("contracts.in_force 202507 1", "contracts.in_force 202707 -1",
                  "contracts.workers_covered 202507 85",
                  "contracts.workers_covered 202707 -85"));
  c.set_status(democracy::v1::CONTRACT_STATUS_DRAFT);
  EXPECT_THAT(EntriesOf(EventOf(c), context), IsEmpty());
}

TEST(ProjectionTest, ARepresentativeSitsFromElectionUntilTheSeatEnds) {
  FakeContext context;
  democracy::v1::Representative r;
  r.set_id("r1");
  r.set_woman(true);
  r.set_age_band(democracy::v1::AGE_BAND_UNDER_35);
  r.set_group(democracy::v1::REPRESENTATIVE_GROUP_TEACHER);
  r.set_elected_date("2024-03-10");
  r.set_status(democracy::v1::REPRESENTATIVE_STATUS_ENDED);
  r.set_end_date("2026-02-01");
  EXPECT_THAT(
      EntriesOf(EventOf(r), context),
      ElementsAre(
          "representatives.frontline 202403 1",
          "representatives.frontline 202602 -1",
          "representatives.seated 202403 1", "representatives.seated 202602 -1",
          "representatives.women 202403 1", "representatives.women 202602 -1",
          "representatives.young 202403 1", "representatives.young 202602 -1"));
  // Disqualified at review: never held a seat.
  r.set_status(democracy::v1::REPRESENTATIVE_STATUS_DISQUALIFIED);
  EXPECT_THAT(EntriesOf(EventOf(r), context), IsEmpty());
}

TEST(ProjectionTest, AHardshipFileCountsFromApprovalUntilExit) {
  FakeContext context;
  welfare::v1::HardshipFile f;
  f.set_id("f1");
  f.set_level(welfare::v1::HARDSHIP_LEVEL_DEEP);
  f.set_status(welfare::v1::HARDSHIP_FILE_STATUS_PUBLICITY);
  f.set_approved_date("");
  EXPECT_THAT(EntriesOf(EventOf(f), context), IsEmpty());
  f.set_status(welfare::v1::HARDSHIP_FILE_STATUS_EXITED);
  f.set_approved_date("2025-01-20");
  f.set_exit_date("2026-05-31");
  EXPECT_THAT(EntriesOf(EventOf(f), context),
              ElementsAre("hardship.deep 202501 1", "hardship.deep 202605 -1",
                          "hardship.opened 202501 1"));
}

TEST(ProjectionTest, AHardshipFileCountsOnceUnderEachCauseItNames) {
  FakeContext context;
  welfare::v1::HardshipFile f;
  f.set_id("f2");
  f.set_level(welfare::v1::HARDSHIP_LEVEL_RELATIVE);
  f.set_status(welfare::v1::HARDSHIP_FILE_STATUS_ACTIVE);
  f.set_approved_date("2026-03-02");
  f.add_causes(welfare::v1::HARDSHIP_CAUSE_ILLNESS);
  f.add_causes(welfare::v1::HARDSHIP_CAUSE_CHILD_EDUCATION);
  f.add_causes(welfare::v1::HARDSHIP_CAUSE_ILLNESS);  // Named twice.
  EXPECT_THAT(
      EntriesOf(EventOf(f), context),
      ElementsAre("hardship.cause.child_education 202603 1",
                  "hardship.cause.illness 202603 1", "hardship.opened 202603 1",
                  "hardship.relative 202603 1"));
}

TEST(ProjectionTest, ACaseCountsWhenReceivedAndWhenResolved) {
  FakeContext context;
  welfare::v1::Case c;
  c.set_id("k1");
  c.set_kind(welfare::v1::CASE_KIND_RIGHTS);
  c.set_received_date("2026-03-02");
  c.set_status(welfare::v1::CASE_STATUS_RESOLVED);
  c.set_resolved_date("2026-05-10");
  c.set_resolved_late(true);
  c.set_money_recovered_fen(1'250'000);
  EXPECT_THAT(
      EntriesOf(EventOf(c), context),
      ElementsAre("cases.money_recovered_fen 202605 1250000",
                  "cases.resolved 202605 1", "cases.rights_received 202603 1"));
}

TEST(ProjectionTest, APaymentWaitsForTheRecipientsUnion) {
  FakeContext context;
  welfare::v1::AidPayment p;
  p.set_id("p1");
  p.set_campaign_kind(welfare::v1::CAMPAIGN_KIND_STUDENT_AID);
  p.set_amount_fen(200'000);
  p.set_paid_date("2026-08-28");
  p.set_recipient_organisation_id("00000000000000c3");
  EXPECT_THAT(Project(EventOf(p), context),
              StatusIs(absl::StatusCode::kUnavailable));
  context.paths["00000000000000c3"] = "/00000000000000a1/00000000000000c3/";
  auto projected = Project(EventOf(p), context);
  ASSERT_TRUE(projected.ok()) << projected.status();
  std::vector<std::string> entries;
  for (const Entry& e : projected->contributions.at(0).entries)
    entries.push_back(absl::StrCat(e.code, " ", e.path, " ", e.value));
  EXPECT_THAT(
      entries,
      ElementsAre("aid.fen " + std::string(kSchool) + " 200000",
                  "aid.people /00000000000000a1/00000000000000c3/ 1",
                  "aid.student_aid.fen " + std::string(kSchool) + " 200000",
                  "aid.student_aid.people "
                  "/00000000000000a1/00000000000000c3/ 1"));
}

TEST(ProjectionTest, AReversedPaymentCountsNoMore) {
  FakeContext context;
  welfare::v1::AidPayment p;
  p.set_id("p1");
  p.set_amount_fen(80'000);
  p.set_paid_date("2026-01-20");
  p.set_reversed_date("2026-02-03");
  EXPECT_THAT(EntriesOf(EventOf(p), context), IsEmpty());
}

TEST(ProjectionTest, AClosedGrassrootsUnionStopsCountingAndIsRemembered) {
  FakeContext context;
  membership::v1::Organisation o;
  o.set_id("00000000000000b2");
  o.set_parent_id("00000000000000a1");
  o.set_path(kSchool);
  o.set_name("第一中学工会");
  o.set_type(membership::v1::ORGANISATION_TYPE_GRASSROOTS);
  o.mutable_create_time()->set_seconds(1'735'700'000);  // 2025-01-01 Beijing.
  o.set_state(membership::v1::ORGANISATION_STATE_CLOSED);
  o.mutable_update_time()->set_seconds(1'780'000'000);  // 2026-05-28.
  auto projected = Project(EventOf(o), context);
  ASSERT_TRUE(projected.ok()) << projected.status();
  ASSERT_TRUE(projected->organisation.has_value());
  EXPECT_TRUE(projected->organisation->closed);
  EXPECT_EQ(projected->organisation->path, kSchool);
  EXPECT_THAT(EntriesOf(EventOf(o), context),
              ElementsAre("organisations.grassroots 202501 1",
                          "organisations.grassroots 202605 -1"));
}

TEST(ProjectionTest, OtherEventsChangeNoFigure) {
  FakeContext context;
  welfare::v1::AidApplicationStep step;  // Not a record reporting counts.
  auto projected = Project(EventOf(step), context);
  ASSERT_TRUE(projected.ok());
  EXPECT_THAT(projected->contributions, IsEmpty());
}

TEST(ProjectionTest, NormaliseSumsAndDropsWhatCancels) {
  EXPECT_THAT(Normalise({{"b", "/1/", 202601, 1},
                         {"a", "/1/", 202601, 2},
                         {"b", "/1/", 202601, -1},
                         {"a", "/1/", 202601, 3}}),
              ElementsAre(Entry{"a", "/1/", 202601, 5}));
}

}  // namespace
}  // namespace unionhub::reporting
