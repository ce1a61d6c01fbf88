// Proposals (提案) on both backends: the collection window, co-signers who
// must be seated representatives of the same term, triage and merging that
// keeps every author, departments and deadlines, a rating only after a reply
// and one re-opening, overdue lists, publication, the figures, other tenants.
#include "services/democracy/proposals/proposals.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/democracy/testing.h"

namespace unionhub::democracy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class ProposalsTest : public DemocracyTest {
 protected:
  void SetUp() override {
    DemocracyTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    proposals_ = std::make_unique<Proposals>(db_.db.get(),
                                             membership_client_.get(), &clock_);
    congress_seated_ = MustSeatCongress(6);
    reps_.clear();
    for (const Representative& r : congress_seated_.representatives)
      reps_.push_back(r.id);
    // 三届二次 on 2026-12-01, collecting proposals from 11-10 to 11-25.
    auto session =
        congress_->CreateSession(admin_a_, {},
                                 {congress_seated_.term.id, "2026-12-01",
                                  "2026-12-01", "2026-11-10", "2026-11-25"});
    ASSERT_TRUE(session.ok()) << session.status();
    session_ = *session;
  }

  NewProposal Form(int proposer, std::vector<int> co_signers,
                   std::string title = "关于改善教工食堂的建议") {
    NewProposal n{session_.id,
                  std::move(title),
                  "食堂菜品单一，建议增加窗口。",
                  reps_[proposer],
                  {}};
    for (int i : co_signers) n.co_signer_ids.push_back(reps_[i]);
    return n;
  }
  Proposal MustSubmit(int proposer, std::vector<int> co_signers) {
    auto p = proposals_->Submit(admin_a_, {}, Form(proposer, co_signers));
    EXPECT_TRUE(p.ok()) << p.status();
    return p.ok() ? *p : Proposal{};
  }

  std::unique_ptr<Proposals> proposals_;
  SeatedCongress congress_seated_;
  CongressSession session_;
  std::vector<std::string> reps_;
};

TEST_P(ProposalsTest, SubmittedInTheWindowWithCoSignersOfTheSameTerm) {
  Proposal first = MustSubmit(0, {1, 2});
  EXPECT_EQ(first.number, 1);
  EXPECT_THAT(first.author_ids, ElementsAre(reps_[0]));
  EXPECT_EQ(MustSubmit(3, {4, 5}).number, 2);

  EXPECT_THAT(proposals_->Submit(admin_a_, {}, Form(0, {1})),
              HasViolation("proposal.co_signer_ids"));
  auto twice = proposals_->Submit(admin_a_, {}, Form(0, {1, 1, 0}));
  EXPECT_THAT(twice, HasViolation("proposal.co_signer_ids[1]"));
  EXPECT_THAT(twice, HasViolation("proposal.co_signer_ids[2]"));
  // A representative awaiting review is not seated; a vote id is nobody.
  Representative waiting =
      MustElect(congress_seated_.term, MustCreateMember(900));
  NewProposal unseated = Form(0, {1});
  unseated.co_signer_ids.push_back(waiting.id);
  EXPECT_THAT(proposals_->Submit(admin_a_, {}, unseated),
              HasViolation("proposal.co_signer_ids[1]"));
  NewProposal stranger = Form(0, {1, 2});
  stranger.proposer_id = session_.id;
  EXPECT_THAT(proposals_->Submit(admin_a_, {}, stranger),
              HasViolation("proposal.proposer_id"));
  NewProposal empty = Form(0, {1, 2}, "");
  empty.content = std::string(4001, 'x');
  auto bad = proposals_->Submit(admin_a_, {}, empty);
  EXPECT_THAT(bad, HasViolation("proposal.title"));
  EXPECT_THAT(bad, HasViolation("proposal.content"));
  EXPECT_EQ(CountRows("proposals"), 2);

  SetToday("2026-11-26");
  EXPECT_THAT(proposals_->Submit(admin_a_, {}, Form(0, {1, 2})),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("from 2026-11-10 to 2026-11-25")));
  // Other tenants see nothing of it.
  EXPECT_THAT(proposals_->Get(admin_b_, first.id),
              StatusIs(absl::StatusCode::kNotFound));
  SetToday("2026-11-21");
  EXPECT_THAT(proposals_->Submit(admin_b_, {}, Form(0, {1, 2})),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(ProposalsTest, TriageAndMergingKeepEveryAuthor) {
  Proposal p1 = MustSubmit(0, {1, 2});
  Proposal p2 = MustSubmit(1, {2, 3});
  Proposal p3 = MustSubmit(2, {3, 4});
  Proposal p4 = MustSubmit(3, {0, 5});
  Proposal p5 = MustSubmit(4, {5, 0});

  EXPECT_THAT(
      proposals_->Triage(admin_a_, p3.id, TriageOutcome::kReject, "", ""),
      HasViolation("reason"));
  ASSERT_TRUE(proposals_
                  ->Triage(admin_a_, p3.id, TriageOutcome::kReject,
                           "属于个人诉求，不予立案", "")
                  .ok());
  ASSERT_TRUE(proposals_
                  ->Triage(admin_a_, p2.id, TriageOutcome::kSuggestion,
                           "转后勤处参考", "")
                  .ok());
  ASSERT_TRUE(
      proposals_->Triage(admin_a_, p1.id, TriageOutcome::kAccept, "", "").ok());
  EXPECT_THAT(
      proposals_->Triage(admin_a_, p1.id, TriageOutcome::kAccept, "", ""),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(proposals_->Merge(admin_a_, p1.id, {p3.id}),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  auto merged = proposals_->Merge(admin_a_, p1.id, {p4.id, p5.id});
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(merged->author_ids, ElementsAre(reps_[0], reps_[3], reps_[4]));
  EXPECT_THAT(merged->co_signer_ids, ElementsAre(reps_[1], reps_[2], reps_[5]));
  auto gone = proposals_->Get(viewer_a_, p4.id);
  ASSERT_TRUE(gone.ok()) << gone.status();
  EXPECT_EQ(gone->status, ProposalStatus::kMerged);
  EXPECT_EQ(gone->merged_into_id, p1.id);
  EXPECT_THAT(proposals_->Merge(admin_a_, p1.id, {p1.id}),
              HasViolation("ids[0]"));

  auto f = proposals_->Summarize(viewer_a_, session_.id);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->received, 5);
  EXPECT_EQ(f->accepted, 1);
  EXPECT_EQ(f->suggestions, 1);
  EXPECT_EQ(f->rejected, 1);
  EXPECT_EQ(f->merged, 2);
  EXPECT_EQ(f->awaiting_triage, 0);
}

TEST_P(ProposalsTest, RepliesAreRatedOnceReopenedAndPublished) {
  Proposal p = MustSubmit(0, {1, 2});
  Proposal late = MustSubmit(3, {4, 5});
  for (const Proposal& x : {p, late}) {
    ASSERT_TRUE(
        proposals_->Triage(admin_a_, x.id, TriageOutcome::kAccept, "", "")
            .ok());
  }
  ASSERT_TRUE(
      proposals_->SetDepartments(admin_a_, school_a_.id, {"教务处", "总务处"})
          .ok());
  EXPECT_THAT(proposals_->Assign(admin_a_, p.id, "食堂", "2026-12-15", ""),
              HasViolation("department"));
  EXPECT_THAT(proposals_->Assign(admin_a_, p.id, "总务处", "2026-11-01", ""),
              HasViolation("reply_deadline"));
  ASSERT_TRUE(
      proposals_->Assign(admin_a_, p.id, "总务处", "2026-11-30", "").ok());
  ASSERT_TRUE(
      proposals_->Assign(admin_a_, late.id, "教务处", "2026-11-25", "").ok());
  EXPECT_THAT(
      proposals_->Rate(admin_a_, p.id, ProposalRating::kSatisfied, "", "", ""),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no reply")));

  // Replied after its deadline: late.
  SetToday("2026-12-02");
  auto overdue = proposals_->List(viewer_a_, session_.id,
                                  ProposalStatus::kUnspecified, true, 0, "");
  ASSERT_TRUE(overdue.ok()) << overdue.status();
  ASSERT_EQ(overdue->items.size(), 2u);
  auto replied =
      proposals_->Reply(admin_a_, p.id, "已增设两个窗口。", "2026-12-02", "");
  ASSERT_TRUE(replied.ok()) << replied.status();
  EXPECT_FALSE(replied->replied_on_time);
  // 不满意 re-opens it once, due anew.
  EXPECT_THAT(proposals_->Rate(admin_a_, p.id, ProposalRating::kUnsatisfied, "",
                               "", ""),
              HasViolation("new_reply_deadline"));
  auto reopened = proposals_->Rate(admin_a_, p.id, ProposalRating::kUnsatisfied,
                                   "窗口仍不够", "2026-12-20", "");
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(reopened->status, ProposalStatus::kAssigned);
  EXPECT_TRUE(reopened->reopened);
  ASSERT_TRUE(
      proposals_->Reply(admin_a_, p.id, "再增设一个窗口。", "2026-12-02", "")
          .ok());
  auto rated = proposals_->Rate(admin_a_, p.id, ProposalRating::kUnsatisfied,
                                "", "", "");
  ASSERT_TRUE(rated.ok()) << rated.status();
  EXPECT_EQ(rated->status, ProposalStatus::kRated);  // No second re-opening.
  EXPECT_EQ(rated->rating, ProposalRating::kUnsatisfied);

  auto steps = proposals_->ListSteps(viewer_a_, p.id);
  ASSERT_TRUE(steps.ok()) << steps.status();
  std::vector<std::string> actions;
  for (const ProposalStep& s : *steps) actions.push_back(s.action);
  EXPECT_THAT(actions, ElementsAre("submitted", "accepted", "assigned",
                                   "replied", "reopened", "replied", "rated"));

  ASSERT_TRUE(
      proposals_->Reply(admin_a_, late.id, "已调整排课。", "2026-12-02", "")
          .ok());
  ASSERT_TRUE(proposals_
                  ->Rate(admin_a_, late.id, ProposalRating::kBasicallySatisfied,
                         "", "", "")
                  .ok());
  auto f = proposals_->Summarize(viewer_a_, session_.id);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->replied, 2);
  EXPECT_EQ(f->replied_on_time, 1);  // The re-opened one's last reply.
  EXPECT_EQ(f->rated, 2);
  EXPECT_EQ(f->basically_satisfied, 1);
  EXPECT_EQ(f->unsatisfied, 1);
  EXPECT_EQ(f->overdue, 0);

  auto published = proposals_->Publish(admin_a_, session_.id, "2026-12-02");
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(*published, 2);
  EXPECT_EQ(*proposals_->Publish(admin_a_, session_.id, "2026-12-02"), 0);
  EXPECT_THAT(proposals_->Publish(admin_b_, session_.id, "2026-12-02"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(proposals_->SetDepartments(admin_b_, school_a_.id, {"教务处"}),
              StatusIs(absl::StatusCode::kNotFound));
}

UNIONHUB_ON_BOTH_BACKENDS(ProposalsTest);

}  // namespace
}  // namespace unionhub::democracy
