// Democratic evaluation on both backends: one ballot per seated
// representative rating every leader, results only after closing, other
// tenants, and a search of every table for anything that links a ballot to
// its voter.
#include "services/democracy/evaluations/evaluations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "libs/base/status_macros.h"
#include "services/democracy/testing.h"

namespace unionhub::democracy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

using R = EvaluationRating;

class EvaluationsTest : public DemocracyTest {
 protected:
  void SetUp() override {
    DemocracyTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    evaluations_ = std::make_unique<Evaluations>(db_.db.get(), &clock_);
  }

  EvaluationRound MustOpenRound(const SeatedCongress& c) {
    auto r = evaluations_->Create(admin_a_, {},
                                  {c.session.id,
                                   "2026年度校级领导民主测评",
                                   {{"王校长", "校长"},
                                    {"李书记", "党支部书记"},
                                    {"赵副校长", "副校长"}}});
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : EvaluationRound{};
  }

  // Every table and its columns, as the database lists them.
  std::map<std::string, std::vector<std::string>> Schema() {
    auto schema = db_.db->Read(
        [&](sql::Session& s)
            -> absl::StatusOr<std::map<std::string, std::vector<std::string>>> {
          const bool sqlite = s.backend() == sql::Backend::kSqlite;
          std::vector<std::string> tables;
          {
            ASSIGN_OR_RETURN(
                sql::Statement * st,
                s.Query(sqlite ? "SELECT name FROM sqlite_master WHERE type = "
                                 "'table' AND name NOT LIKE 'sqlite_%'"
                               : "SELECT table_name FROM "
                                 "information_schema.tables WHERE "
                                 "table_schema = DATABASE()"));
            while (true) {
              ASSIGN_OR_RETURN(bool row, st->Step());
              if (!row) break;
              tables.push_back(st->Text(0));
            }
          }
          std::map<std::string, std::vector<std::string>> out;
          for (const std::string& table : tables) {
            ASSIGN_OR_RETURN(
                sql::Statement * st,
                s.Query(sqlite ? "SELECT name FROM pragma_table_info(?)"
                               : "SELECT column_name FROM "
                                 "information_schema.columns WHERE "
                                 "table_schema = DATABASE() AND table_name = "
                                 "? ORDER BY ordinal_position",
                        table));
            while (true) {
              ASSIGN_OR_RETURN(bool row, st->Step());
              if (!row) break;
              out[table].push_back(st->Text(0));
            }
          }
          return out;
        });
    EXPECT_TRUE(schema.ok()) << schema.status();
    return schema.ok() ? *std::move(schema)
                       : std::map<std::string, std::vector<std::string>>{};
  }

  // Every row of `table`, each column as its stored text (or bytes).
  std::vector<std::vector<std::string>> Rows(
      const std::string& table, const std::vector<std::string>& columns) {
    auto rows = db_.db->Read(
        [&](sql::Session& s)
            -> absl::StatusOr<std::vector<std::vector<std::string>>> {
          ASSIGN_OR_RETURN(
              sql::Statement * st,
              s.Query(absl::StrCat("SELECT ", absl::StrJoin(columns, ", "),
                                   " FROM ", table)));
          std::vector<std::vector<std::string>> out;
          while (true) {
            ASSIGN_OR_RETURN(bool row, st->Step());
            if (!row) break;
            std::vector<std::string> values;
            for (size_t i = 0; i < columns.size(); ++i)
              values.push_back(st->IsNull(i) ? "" : st->Text(i));
            out.push_back(std::move(values));
          }
          return out;
        });
    EXPECT_TRUE(rows.ok()) << table << ": " << rows.status();
    return rows.ok() ? *std::move(rows)
                     : std::vector<std::vector<std::string>>{};
  }

  std::unique_ptr<Evaluations> evaluations_;
};

TEST_P(EvaluationsTest, OneBallotEachAndResultsOnlyAfterClosing) {
  SeatedCongress c = MustSeatCongress(5);
  EvaluationRound round = MustOpenRound(c);
  const auto& reps = c.representatives;
  EXPECT_THAT(evaluations_->Results(admin_a_, round.id),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_TRUE(evaluations_
                  ->Cast(admin_a_, round.id, reps[0].id,
                         {R::kExcellent, R::kCompetent, R::kExcellent})
                  .ok());
  EXPECT_THAT(
      evaluations_->Cast(admin_a_, round.id, reps[0].id,
                         {R::kIncompetent, R::kIncompetent, R::kIncompetent}),
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(
      evaluations_->Cast(admin_a_, round.id, reps[1].id, {R::kExcellent}),
      HasViolation("ratings"));
  EXPECT_THAT(
      evaluations_->Cast(admin_a_, round.id, reps[1].id,
                         {R::kExcellent, R::kUnspecified, R::kExcellent}),
      HasViolation("ratings[1]"));
  Representative waiting = MustElect(c.term, MustCreateMember(900));
  EXPECT_THAT(evaluations_->Cast(admin_a_, round.id, waiting.id,
                                 {R::kExcellent, R::kExcellent, R::kExcellent}),
              HasViolation("representative_id"));
  EXPECT_THAT(evaluations_->Cast(admin_b_, round.id, reps[1].id,
                                 {R::kExcellent, R::kExcellent, R::kExcellent}),
              StatusIs(absl::StatusCode::kNotFound));
  auto second = evaluations_->Cast(
      admin_a_, round.id, reps[1].id,
      {R::kCompetent, R::kBasicallyCompetent, R::kExcellent});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, 2);
  ASSERT_TRUE(evaluations_
                  ->Cast(admin_a_, round.id, reps[2].id,
                         {R::kExcellent, R::kIncompetent, R::kCompetent})
                  .ok());
  auto open = evaluations_->Get(viewer_a_, round.id);
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(open->ballots, 3);

  auto closed = evaluations_->Close(admin_a_, round.id);
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->eligible, 5);
  EXPECT_THAT(evaluations_->Cast(admin_a_, round.id, reps[3].id,
                                 {R::kExcellent, R::kExcellent, R::kExcellent}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  auto results = evaluations_->Results(viewer_a_, round.id);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->second.size(), 3u);
  auto counts = [&](int leader) {
    const int* c = results->second[leader].counts;
    return std::vector<int>(c + 1, c + 5);
  };
  EXPECT_THAT(counts(0), ElementsAre(2, 1, 0, 0));
  EXPECT_THAT(counts(1), ElementsAre(0, 1, 1, 1));
  EXPECT_THAT(counts(2), ElementsAre(2, 1, 0, 0));
  EXPECT_EQ(results->second[1].leader.name, "李书记");
  EXPECT_THAT(evaluations_->Results(admin_b_, round.id),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(EvaluationsTest, NothingStoredLinksABallotToItsVoter) {
  SeatedCongress c = MustSeatCongress(4);
  EvaluationRound round = MustOpenRound(c);
  const int64_t tallies_before = CountRows("evaluation_tallies");
  EXPECT_EQ(tallies_before, 3 * 4);  // Every leader and rating, at opening.
  std::set<std::string> voters;
  const std::vector<std::vector<R>> ballots = {
      {R::kExcellent, R::kExcellent, R::kExcellent},
      {R::kIncompetent, R::kCompetent, R::kBasicallyCompetent},
      {R::kBasicallyCompetent, R::kIncompetent, R::kCompetent}};
  for (size_t i = 0; i < ballots.size(); ++i) {
    const Representative& r = c.representatives[i];
    clock_.Advance(absl::Minutes(1));
    ASSERT_TRUE(evaluations_->Cast(admin_a_, round.id, r.id, ballots[i]).ok());
    voters.insert(r.id);
    voters.insert(r.person_id);
  }
  EXPECT_EQ(CountRows("evaluation_tallies"), tallies_before);

  std::map<std::string, std::vector<std::string>> schema = Schema();
  ASSERT_TRUE(schema.count("evaluation_tallies"));
  // The counts hold no voter, no time and no order of arrival.
  EXPECT_THAT(schema["evaluation_tallies"],
              ElementsAre("round_id", "position", "rating", "ballots"));
  EXPECT_THAT(schema["evaluation_voters"],
              ElementsAre("round_id", "representative_id"));
  int voter_rows = 0;
  for (const auto& [table, columns] : schema) {
    for (const std::vector<std::string>& row : Rows(table, columns)) {
      bool names_voter = false, names_round = false;
      for (const std::string& value : row) {
        for (const std::string& v : voters)
          names_voter = names_voter || absl::StrContains(value, v);
        names_round = names_round || absl::StrContains(value, round.id);
      }
      if (!names_voter || !names_round) continue;
      // Only "this representative has voted in this round", with nothing
      // beside it.
      EXPECT_EQ(table, "evaluation_voters")
          << "a row of " << table << " names a voter and the round";
      ++voter_rows;
    }
  }
  EXPECT_EQ(voter_rows, 3);
  // The call takes no request_id: no fingerprint of a ballot is kept.
  EXPECT_EQ(CountRows("idempotency_keys"), 0);
}

UNIONHUB_ON_BOTH_BACKENDS(EvaluationsTest);

}  // namespace
}  // namespace unionhub::democracy
