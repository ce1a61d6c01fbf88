// Agenda, attendance and votes on both backends: the quorum of two thirds of
// ALL seated representatives (42 of 62 valid, 41 not), the pass rule of more
// than half of all of them (31 of 62 is no pass), one vote each, only by
// those present, and a closed vote that never changes.
#include "services/democracy/meetings/meetings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/democracy/testing.h"

namespace unionhub::democracy {
namespace {

using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class MeetingsTest : public DemocracyTest {
 protected:
  AgendaItem MustAddItem(const SeatedCongress& c,
                         std::string title = "《绩效工资分配方案》") {
    auto item = meetings_->AddItem(
        admin_a_, {}, {c.session.id, AgendaItemKind::kPlan, title, ""});
    EXPECT_TRUE(item.ok()) << item.status();
    return item.ok() ? *item : AgendaItem{};
  }
  // Casts `n` votes of `choice` by representatives from `first` on.
  void MustCast(const SeatedCongress& c, const Vote& vote, int first, int n,
                VoteChoice choice) {
    for (int i = first; i < first + n; ++i) {
      auto cast =
          meetings_->Cast(admin_a_, vote.id, c.representatives[i].id, choice);
      ASSERT_TRUE(cast.ok()) << i << ": " << cast.status();
    }
  }
};

TEST_P(MeetingsTest, AVoteNeedsTwoThirdsOfAllRepresentativesPresent) {
  SeatedCongress c = MustSeatCongress(62);
  ASSERT_EQ(c.representatives.size(), 62u);
  AgendaItem item = MustAddItem(c);
  EXPECT_EQ(item.position, 1);
  MustRecordPresent(c, 41);
  auto refused = meetings_->OpenVote(admin_a_, {}, item.id, "是否通过");
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("41 of 62")));
  EXPECT_THAT(refused.status().message(), HasSubstr("(42) needed"));
  EXPECT_EQ(CountRows("votes"), 0);

  // An excused representative still counts among all of them.
  auto excused = meetings_->RecordAttendance(
      admin_a_, c.session.id,
      {{c.representatives[61].id, AttendanceStatus::kExcused, "病假"}});
  ASSERT_TRUE(excused.ok()) << excused.status();
  EXPECT_EQ(excused->representatives, 62);
  EXPECT_EQ(excused->present, 41);
  EXPECT_EQ(excused->excused, 1);
  EXPECT_EQ(excused->absent, 20);
  EXPECT_FALSE(excused->quorum);

  auto quorum = meetings_->RecordAttendance(
      admin_a_, c.session.id,
      {{c.representatives[41].id, AttendanceStatus::kPresent, ""}});
  ASSERT_TRUE(quorum.ok()) << quorum.status();
  EXPECT_TRUE(quorum->quorum);
  auto vote = meetings_->OpenVote(admin_a_, {}, item.id, "是否通过");
  ASSERT_TRUE(vote.ok()) << vote.status();
  EXPECT_EQ(vote->representatives, 62);
  EXPECT_EQ(vote->present, 42);
}

TEST_P(MeetingsTest, HalfOfAllRepresentativesForIsNotAPass) {
  SeatedCongress c = MustSeatCongress(62);
  AgendaItem item = MustAddItem(c);
  MustRecordPresent(c, 50);
  auto vote = meetings_->OpenVote(admin_a_, {}, item.id, "是否通过");
  ASSERT_TRUE(vote.ok()) << vote.status();
  // 31 for and 19 against: a majority of those voting, half of all 62.
  MustCast(c, *vote, 0, 31, VoteChoice::kFor);
  MustCast(c, *vote, 31, 19, VoteChoice::kAgainst);
  auto open = meetings_->GetVote(viewer_a_, vote->id);
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(open->votes_for, 31);
  EXPECT_EQ(open->votes_against, 19);
  auto closed = meetings_->CloseVote(admin_a_, vote->id, "");
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->outcome, VoteOutcome::kRejected);
  EXPECT_TRUE(closed->resolution_text.empty());

  // Again with one more for: 32 of 62 passes, and the resolution is kept.
  auto second = meetings_->OpenVote(admin_a_, {}, item.id, "修改后是否通过");
  ASSERT_TRUE(second.ok()) << second.status();
  MustCast(c, *second, 0, 32, VoteChoice::kFor);
  MustCast(c, *second, 32, 18, VoteChoice::kAbstain);
  EXPECT_THAT(meetings_->CloseVote(admin_a_, second->id, ""),
              HasViolation("resolution_text"));
  auto passed =
      meetings_->CloseVote(admin_a_, second->id, "通过《绩效工资分配方案》");
  ASSERT_TRUE(passed.ok()) << passed.status();
  EXPECT_EQ(passed->outcome, VoteOutcome::kPassed);
  EXPECT_EQ(passed->votes_for, 32);
  EXPECT_EQ(passed->abstentions, 18);
  EXPECT_EQ(passed->resolution_text, "通过《绩效工资分配方案》");
}

TEST_P(MeetingsTest, OneVoteEachOnlyByThosePresentAndClosedVotesNeverChange) {
  SeatedCongress c = MustSeatCongress(6);
  AgendaItem item = MustAddItem(c);
  MustRecordPresent(c, 5);
  auto vote = meetings_->OpenVote(admin_a_, {}, item.id, "是否通过");
  ASSERT_TRUE(vote.ok()) << vote.status();
  EXPECT_THAT(meetings_->OpenVote(admin_a_, {}, item.id, "再次"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  const std::string first = c.representatives[0].id;
  ASSERT_TRUE(
      meetings_->Cast(admin_a_, vote->id, first, VoteChoice::kFor).ok());
  EXPECT_THAT(meetings_->Cast(admin_a_, vote->id, first, VoteChoice::kAgainst),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // The same vote again is a retry: it answers as the first did and counts
  // once.
  const std::string second = c.representatives[1].id;
  ASSERT_TRUE(
      meetings_->Cast(admin_a_, vote->id, second, VoteChoice::kFor).ok());
  const int64_t events = CountRows("outbox_pending");
  ASSERT_TRUE(
      meetings_->Cast(admin_a_, vote->id, second, VoteChoice::kFor).ok());
  EXPECT_EQ(CountRows("outbox_pending"), events);
  // Not present.
  EXPECT_THAT(meetings_->Cast(admin_a_, vote->id, c.representatives[5].id,
                              VoteChoice::kFor),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("not recorded present")));
  // Not a representative of this term at all.
  EXPECT_THAT(meetings_->Cast(admin_a_, vote->id, vote->id, VoteChoice::kFor),
              HasViolation("representative_id"));
  EXPECT_THAT(
      meetings_->Cast(admin_a_, vote->id, first, VoteChoice::kUnspecified),
      HasViolation("choice"));
  EXPECT_THAT(meetings_->ListBallots(viewer_a_, vote->id, 0, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(meetings_->Cast(admin_b_, vote->id, c.representatives[2].id,
                              VoteChoice::kFor),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      congress_->CloseSession(admin_a_, c.session.id, ""),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("still open")));

  auto closed = meetings_->CloseVote(admin_a_, vote->id, "通过");
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->outcome, VoteOutcome::kRejected);  // 2 of 6.
  // A retry arriving after the close still gets its first answer.
  EXPECT_TRUE(
      meetings_->Cast(admin_a_, vote->id, second, VoteChoice::kFor).ok());
  EXPECT_THAT(
      meetings_->Cast(admin_a_, vote->id, c.representatives[2].id,
                      VoteChoice::kFor),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));
  EXPECT_THAT(meetings_->CloseVote(admin_a_, vote->id, "通过"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  auto again = meetings_->GetVote(viewer_a_, vote->id);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->votes_for, 2);
  EXPECT_EQ(again->outcome, VoteOutcome::kRejected);
  auto ballots = meetings_->ListBallots(viewer_a_, vote->id, 1, "");
  ASSERT_TRUE(ballots.ok()) << ballots.status();
  ASSERT_EQ(ballots->items.size(), 1u);
  EXPECT_FALSE(ballots->next_page_token.empty());
  EXPECT_EQ(CountRows("ballots"), 2);
  EXPECT_TRUE(congress_->CloseSession(admin_a_, c.session.id, "").ok());
  EXPECT_THAT(
      meetings_->AddItem(admin_a_, {},
                         {c.session.id, AgendaItemKind::kOther, "补充", ""}),
      StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_P(MeetingsTest, AttendanceIsForSeatedRepresentativesOfTheTerm) {
  SeatedCongress c = MustSeatCongress(3);
  auto bad = meetings_->RecordAttendance(
      admin_a_, c.session.id,
      {{c.representatives[0].id, AttendanceStatus::kPresent, ""},
       {c.representatives[0].id, AttendanceStatus::kUnspecified, ""},
       {"nope", AttendanceStatus::kPresent, std::string(201, 'x')}});
  for (const char* field :
       {"entries[1].representative_id", "entries[1].status",
        "entries[2].representative_id", "entries[2].note"}) {
    EXPECT_THAT(bad, HasViolation(field)) << field;
  }
  Representative waiting = MustElect(c.term, MustCreateMember(900));
  EXPECT_THAT(meetings_->RecordAttendance(
                  admin_a_, c.session.id,
                  {{c.representatives[0].id, AttendanceStatus::kPresent, ""},
                   {waiting.id, AttendanceStatus::kPresent, ""}}),
              HasViolation("entries[1].representative_id"));
  EXPECT_EQ(CountRows("attendance"), 0);  // Nothing half-written.
  EXPECT_THAT(meetings_->RecordAttendance(
                  admin_b_, c.session.id,
                  {{c.representatives[0].id, AttendanceStatus::kPresent, ""}}),
              StatusIs(absl::StatusCode::kNotFound));
  // Recording again replaces the entry.
  ASSERT_TRUE(meetings_
                  ->RecordAttendance(admin_a_, c.session.id,
                                     {{c.representatives[0].id,
                                       AttendanceStatus::kPresent, ""}})
                  .ok());
  auto now = meetings_->RecordAttendance(
      admin_a_, c.session.id,
      {{c.representatives[0].id, AttendanceStatus::kExcused, "出差"}});
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(now->present, 0);
  EXPECT_EQ(now->excused, 1);
  auto got = meetings_->GetAttendance(viewer_a_, c.session.id);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->first.size(), 1u);
  EXPECT_EQ(got->first[0].note, "出差");
}

TEST_P(MeetingsTest, AVoteSurvivesDeadlocksAndLostAnswersOnce) {
  SeatedCongress c = MustSeatCongress(3);
  AgendaItem item = MustAddItem(c);
  MustRecordPresent(c, 3);
  auto vote = meetings_->OpenVote(admin_a_, {}, item.id, "是否通过");
  ASSERT_TRUE(vote.ok()) << vote.status();
  const int64_t events = CountRows("outbox_pending");

  // Chosen as a deadlock victim twice: run again, counted once.
  sql::DeadlockBeforeCommit(*db_.db, 2);
  ASSERT_TRUE(
      meetings_
          ->Cast(admin_a_, vote->id, c.representatives[0].id, VoteChoice::kFor)
          .ok());
  // The answer lost after the server committed: the client's retry of the
  // same vote answers as the first did.
  sql::LoseCommit(*db_.db, 1, /*applied=*/true);
  EXPECT_THAT(meetings_->Cast(admin_a_, vote->id, c.representatives[1].id,
                              VoteChoice::kAgainst),
              StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_TRUE(meetings_
                  ->Cast(admin_a_, vote->id, c.representatives[1].id,
                         VoteChoice::kAgainst)
                  .ok());
  // Lost before the server committed: nothing stays, and the retry counts.
  sql::LoseCommit(*db_.db, 1, /*applied=*/false);
  EXPECT_THAT(meetings_->Cast(admin_a_, vote->id, c.representatives[2].id,
                              VoteChoice::kFor),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(CountRows("ballots"), 2);
  ASSERT_TRUE(
      meetings_
          ->Cast(admin_a_, vote->id, c.representatives[2].id, VoteChoice::kFor)
          .ok());
  EXPECT_EQ(CountRows("ballots"), 3);
  EXPECT_EQ(CountRows("outbox_pending"), events + 3);
  auto counted = meetings_->GetVote(viewer_a_, vote->id);
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(counted->votes_for, 2);
  EXPECT_EQ(counted->votes_against, 1);
}

UNIONHUB_ON_BOTH_BACKENDS(MeetingsTest);

}  // namespace
}  // namespace unionhub::democracy
