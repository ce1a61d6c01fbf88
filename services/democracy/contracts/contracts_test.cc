// Collective contracts on both backends: approval only by a closed, passed
// congress vote on a contract, in force for its term, expiry reminders,
// renewal that keeps the history, bad input and other tenants.
#include "services/democracy/contracts/contracts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/democracy/testing.h"

namespace unionhub::democracy {
namespace {

using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class ContractsTest : public DemocracyTest {
 protected:
  void SetUp() override {
    DemocracyTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    contracts_ = std::make_unique<Contracts>(db_.db.get(),
                                             membership_client_.get(), &clock_);
    congress_seated_ = MustSeatCongress(3);
    MustRecordPresent(congress_seated_, 3);
  }

  NewContract Draft(std::string start = "2024-01-01",
                    std::string end = "2026-12-31") {
    return {school_a_.id,
            ContractKind::kComprehensive,
            "第一中学",
            {"2024—2026年度集体合同", std::move(start), std::move(end), 120}};
  }

  // A vote on an agenda item of `kind`, opened and closed with `votes_for`.
  Vote MustVote(AgendaItemKind kind, int votes_for) {
    auto item = meetings_->AddItem(
        admin_a_, {}, {congress_seated_.session.id, kind, "集体合同草案", ""});
    EXPECT_TRUE(item.ok()) << item.status();
    auto vote = meetings_->OpenVote(admin_a_, {}, item->id, "是否通过");
    EXPECT_TRUE(vote.ok()) << vote.status();
    for (int i = 0; i < votes_for; ++i) {
      EXPECT_TRUE(meetings_
                      ->Cast(admin_a_, vote->id,
                             congress_seated_.representatives[i].id,
                             VoteChoice::kFor)
                      .ok());
    }
    auto closed = meetings_->CloseVote(admin_a_, vote->id, "通过集体合同");
    EXPECT_TRUE(closed.ok()) << closed.status();
    return closed.ok() ? *closed : Vote{};
  }

  std::unique_ptr<Contracts> contracts_;
  SeatedCongress congress_seated_;
};

TEST_P(ContractsTest, ApprovedOnlyByAPassedCongressVoteOnAContract) {
  auto draft = contracts_->Create(admin_a_, {}, Draft());
  ASSERT_TRUE(draft.ok()) << draft.status();
  EXPECT_EQ(draft->status, ContractStatus::kDraft);
  EXPECT_FALSE(draft->InForceOn(clock_.Today()));

  Vote rejected = MustVote(AgendaItemKind::kCollectiveContract, 1);
  EXPECT_THAT(contracts_->Approve(admin_a_, draft->id, rejected.id, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("closed and passed")));
  Vote on_a_plan = MustVote(AgendaItemKind::kPlan, 3);
  EXPECT_THAT(contracts_->Approve(admin_a_, draft->id, on_a_plan.id, ""),
              HasViolation("vote_id"));
  Vote passed = MustVote(AgendaItemKind::kCollectiveContract, 2);
  EXPECT_THAT(contracts_->Approve(admin_b_, draft->id, passed.id, ""),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(contracts_->Approve(admin_a_, draft->id, passed.id, "stale"),
              StatusIs(absl::StatusCode::kAborted));
  auto approved = contracts_->Approve(admin_a_, draft->id, passed.id, "");
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->approval_vote_id, passed.id);
  EXPECT_EQ(FormatDate(*approved->approved_date), "2026-11-21");
  EXPECT_TRUE(approved->InForceOn(clock_.Today()));
  EXPECT_THAT(contracts_->Approve(admin_a_, draft->id, passed.id, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  auto in_force =
      contracts_->List(viewer_a_, "", ContractKind::kUnspecified, true, 0, "");
  ASSERT_TRUE(in_force.ok()) << in_force.status();
  ASSERT_EQ(in_force->items.size(), 1u);
  EXPECT_EQ(in_force->items[0].workers_covered, 120);
  auto theirs =
      contracts_->List(admin_b_, "", ContractKind::kUnspecified, false, 0, "");
  ASSERT_TRUE(theirs.ok()) << theirs.status();
  EXPECT_TRUE(theirs->items.empty());
}

TEST_P(ContractsTest, EndingContractsAreRemindedAndRenewalsKeepTheHistory) {
  auto draft = contracts_->Create(admin_a_, {}, Draft());
  ASSERT_TRUE(draft.ok()) << draft.status();
  Vote passed = MustVote(AgendaItemKind::kCollectiveContract, 3);
  ASSERT_TRUE(contracts_->Approve(admin_a_, draft->id, passed.id, "").ok());

  auto soon = contracts_->Expiring(viewer_a_, "", 60);  // To 2027-01-20.
  ASSERT_TRUE(soon.ok()) << soon.status();
  ASSERT_EQ(soon->size(), 1u);
  auto later = contracts_->Expiring(viewer_a_, "", 30);  // To 2026-12-21.
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_TRUE(later->empty());
  EXPECT_THAT(contracts_->Expiring(viewer_a_, "", 0),
              HasViolation("within_days"));

  outbox::RequestKey key{"renew-1", "f", "RenewCollectiveContract"};
  ContractTerms terms{"2027—2029年度集体合同", "2027-01-01", "2029-12-31", 130};
  auto renewed = contracts_->Renew(admin_a_, key, draft->id, terms);
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_EQ(renewed->first.previous_contract_id, draft->id);
  EXPECT_EQ(renewed->second.renewed_by_id, renewed->first.id);
  EXPECT_EQ(renewed->first.status, ContractStatus::kDraft);
  EXPECT_EQ(renewed->first.kind, ContractKind::kComprehensive);
  auto again = contracts_->Renew(admin_a_, key, draft->id, terms);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->first.id, renewed->first.id);
  EXPECT_THAT(contracts_->Renew(admin_a_, {}, draft->id, terms),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(contracts_->Renew(admin_a_, {}, renewed->first.id, terms),
              StatusIs(absl::StatusCode::kFailedPrecondition));  // A draft.
  soon = contracts_->Expiring(viewer_a_, "", 60);
  ASSERT_TRUE(soon.ok()) << soon.status();
  EXPECT_TRUE(soon->empty());  // Renewed: no longer a reminder.
  EXPECT_EQ(CountRows("collective_contracts"), 2);
}

TEST_P(ContractsTest, BadInputNamesTheFieldAndWritesNothing) {
  NewContract n = Draft("2026-01-01", "2025-12-31");
  n.kind = ContractKind::kUnspecified;
  n.employer = "";
  n.terms.workers_covered = 0;
  auto bad = contracts_->Create(admin_a_, {}, n);
  for (const char* field : {"contract.kind", "contract.employer",
                            "contract.end_date", "contract.workers_covered"}) {
    EXPECT_THAT(bad, HasViolation(field)) << field;
  }
  EXPECT_THAT(
      contracts_->Create(admin_a_, {}, Draft("2024-01-01", "2029-01-01")),
      HasViolation("contract.end_date"));  // Five years or more.
  EXPECT_THAT(contracts_->Create(admin_b_, {}, Draft()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(CountRows("collective_contracts"), 0);
}

UNIONHUB_ON_BOTH_BACKENDS(ContractsTest);

}  // namespace
}  // namespace unionhub::democracy
