// Hardship files on both backends, asking a real membership on loopback: the
// lifecycle from draft to exit, one open file per household, relapse, the
// queries officers use, and bad input, other tenants and membership down.
#include "services/welfare/hardship/hardship.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "services/welfare/testing.h"

namespace unionhub::welfare {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class HardshipTest : public WelfareTest {
 protected:
  void SetUp() override {
    WelfareTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    hardship_ = std::make_unique<Hardship>(db_.db.get(),
                                           membership_client_.get(), &clock_);
    head_a_ = membership_->MustCreateMember(school_a_, "王芳", 1);
    head_b_ = membership_->MustCreateMember(school_b_, "李强", 2);
  }

  NewHardshipFile FileFor(const membership::Member& head) {
    NewHardshipFile n;
    n.person_id = head.person_id;
    n.household_size = 3;
    n.monthly_income_per_capita_fen = 95000;  // 950 yuan.
    n.level = HardshipLevel::kDeep;
    n.causes = {HardshipCause::kIllness, HardshipCause::kChildEducation};
    n.situation = "配偶重病，子女在读";
    return n;
  }

  HardshipFile MustOpen(const auth::Caller& caller,
                        const membership::Member& head) {
    auto f = hardship_->Create(caller, {}, FileFor(head));
    EXPECT_TRUE(f.ok()) << f.status();
    return f.ok() ? *f : HardshipFile{};
  }

  // Opened today (2026-11-21), on publicity 11-22..11-28, approved 11-30.
  HardshipFile MustApprove(const auth::Caller& caller,
                           const membership::Member& head) {
    HardshipFile f = MustOpen(caller, head);
    auto on = hardship_->StartPublicity(caller, f.id, "2026-11-22",
                                        "2026-11-28", f.etag);
    EXPECT_TRUE(on.ok()) << on.status();
    SetToday("2026-11-30");
    auto approved = hardship_->Approve(caller, f.id, "2026-11-30", on->etag);
    EXPECT_TRUE(approved.ok()) << approved.status();
    return approved.ok() ? *approved : HardshipFile{};
  }

  std::vector<std::string> StepsOf(const std::string& file_id) {
    auto page = hardship_->ListSteps(federation_, file_id, 50, "");
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> steps;
    if (page.ok())
      for (const auto& s : page->items) steps.push_back(s.step);
    return steps;
  }

  std::unique_ptr<Hardship> hardship_;
  membership::Member head_a_, head_b_;
};

TEST_P(HardshipTest, AFileGoesFromDraftThroughPublicityToActive) {
  HardshipFile f = MustOpen(admin_a_, head_a_);
  EXPECT_EQ(f.status, HardshipFileStatus::kDraft);
  EXPECT_EQ(f.organisation_id, school_a_.id);
  EXPECT_EQ(f.member_id, head_a_.id);
  EXPECT_FALSE(f.relapse);
  EXPECT_THAT(f.causes, ElementsAre(HardshipCause::kIllness,
                                    HardshipCause::kChildEducation));

  auto on = hardship_->StartPublicity(admin_a_, f.id, "2026-11-22",
                                      "2026-11-28", f.etag);
  ASSERT_TRUE(on.ok()) << on.status();
  EXPECT_EQ(on->status, HardshipFileStatus::kPublicity);

  // Not while the window is open.
  SetToday("2026-11-28");
  EXPECT_THAT(hardship_->Approve(admin_a_, f.id, "2026-11-28", on->etag),
              HasViolation("approved_date"));
  // An objection inside the window blocks approval until answered.
  auto objection = hardship_->FileObjection(admin_a_, {}, f.id, "2026-11-25",
                                            "家中另有经营收入");
  ASSERT_TRUE(objection.ok()) << objection.status();
  SetToday("2026-11-30");
  auto refused = hardship_->Approve(admin_a_, f.id, "2026-11-30", "");
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(refused.status().message(), HasSubstr("not answered"));

  auto answered = hardship_->AnswerObjection(
      admin_a_, objection->id, "经核实为临时收入，不影响认定", "2026-11-29",
      /*upheld=*/false);
  ASSERT_TRUE(answered.ok()) << answered.status();
  EXPECT_EQ(answered->second.open_objections, 0);
  EXPECT_EQ(answered->second.status, HardshipFileStatus::kPublicity);

  auto approved = hardship_->Approve(admin_a_, f.id, "2026-11-30", "");
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->status, HardshipFileStatus::kActive);
  EXPECT_EQ(approved->last_check_date, absl::CivilDay(2026, 11, 30));
  EXPECT_EQ(approved->next_check_due_date, absl::CivilDay(2027, 11, 30));
  EXPECT_THAT(StepsOf(f.id),
              ElementsAre("opened", "publicity_started", "objection_filed",
                          "objection_answered", "approved"));
  EXPECT_EQ(CountRows("outbox_pending"), 5);
}

TEST_P(HardshipTest, AFileKeptOnPaperKeepsItsDates) {
  NewHardshipFile paper = FileFor(head_a_);
  paper.opened_date = "2025-03-01";
  auto f = hardship_->Create(admin_a_, {}, paper);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->opened_date, absl::CivilDay(2025, 3, 1));
  ASSERT_TRUE(
      hardship_->StartPublicity(admin_a_, f->id, "2025-03-02", "2025-03-08", "")
          .ok());
  auto approved = hardship_->Approve(admin_a_, f->id, "2025-03-10", "");
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->next_check_due_date, absl::CivilDay(2026, 3, 10));
  paper = FileFor(head_b_);
  paper.opened_date = "2026-12-01";  // Not yet.
  EXPECT_THAT(hardship_->Create(admin_b_, {}, paper),
              HasViolation("file.opened_date"));
}

TEST_P(HardshipTest, AnUpheldObjectionSendsTheFileBackToDraft) {
  HardshipFile f = MustOpen(admin_a_, head_a_);
  auto on = hardship_->StartPublicity(admin_a_, f.id, "2026-11-21",
                                      "2026-11-27", f.etag);
  ASSERT_TRUE(on.ok()) << on.status();
  auto objection = hardship_->FileObjection(admin_a_, {}, f.id, "2026-11-21",
                                            "收入填报有误");
  ASSERT_TRUE(objection.ok()) << objection.status();
  auto answered = hardship_->AnswerObjection(admin_a_, objection->id,
                                             "属实，重新核定", "2026-11-21",
                                             /*upheld=*/true);
  ASSERT_TRUE(answered.ok()) << answered.status();
  EXPECT_EQ(answered->second.status, HardshipFileStatus::kDraft);
  EXPECT_FALSE(answered->second.publicity_end_date.has_value());
  // Answered once only.
  EXPECT_THAT(hardship_->AnswerObjection(admin_a_, objection->id, "再答",
                                         "2026-11-21", false),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_P(HardshipTest, ObjectionsAndWindowsMustFitTheirDates) {
  HardshipFile f = MustOpen(admin_a_, head_a_);
  EXPECT_THAT(hardship_->StartPublicity(admin_a_, f.id, "2026-11-28",
                                        "2026-11-22", f.etag),
              HasViolation("end_date"));
  EXPECT_THAT(hardship_->StartPublicity(admin_a_, f.id, "2026-11-22",
                                        "2027-01-22", f.etag),
              HasViolation("end_date"));
  EXPECT_THAT(hardship_->StartPublicity(admin_a_, f.id, "2026-11-20",
                                        "2026-11-25", f.etag),
              HasViolation("start_date"));  // Before the file was opened.
  auto on = hardship_->StartPublicity(admin_a_, f.id, "2026-11-22",
                                      "2026-11-28", f.etag);
  ASSERT_TRUE(on.ok()) << on.status();
  SetToday("2026-12-05");
  EXPECT_THAT(hardship_->FileObjection(admin_a_, {}, f.id, "2026-12-01", "x"),
              HasViolation("filed_date"));  // After the window.
  EXPECT_THAT(hardship_->FileObjection(admin_a_, {}, f.id, "2026-12-06", "x"),
              HasViolation("filed_date"));  // In the future.
  EXPECT_THAT(hardship_->FileObjection(admin_a_, {}, f.id, "2026-11-23", ""),
              HasViolation("content"));
  EXPECT_EQ(CountRows("hardship_objections"), 0);
}

TEST_P(HardshipTest, BadInputNamesTheFieldAndWritesNothing) {
  NewHardshipFile n = FileFor(head_a_);
  n.household_size = 0;
  n.monthly_income_per_capita_fen = -1;
  n.level = HardshipLevel::kUnspecified;
  n.causes = {HardshipCause::kIllness, HardshipCause::kIllness};
  n.situation = std::string(501, 'x');
  auto bad = hardship_->Create(admin_a_, {}, n);
  EXPECT_THAT(bad, HasViolation("file.household_size"));
  EXPECT_THAT(bad, HasViolation("file.monthly_income_per_capita_fen"));
  EXPECT_THAT(bad, HasViolation("file.level"));
  EXPECT_THAT(bad, HasViolation("file.causes"));
  EXPECT_THAT(bad, HasViolation("file.situation"));

  n = FileFor(head_a_);
  n.causes.clear();
  EXPECT_THAT(hardship_->Create(admin_a_, {}, n), HasViolation("file.causes"));
  n = FileFor(head_a_);
  n.monthly_income_per_capita_fen = int64_t{1} << 60;
  EXPECT_THAT(hardship_->Create(admin_a_, {}, n),
              HasViolation("file.monthly_income_per_capita_fen"));
  n = FileFor(head_a_);
  n.person_id = "not-an-id";
  EXPECT_THAT(hardship_->Create(admin_a_, {}, n),
              HasViolation("file.person_id"));
  n.person_id = "0123456789abcdef";  // Nobody.
  EXPECT_THAT(hardship_->Create(admin_a_, {}, n),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(CountRows("hardship_files"), 0);
  EXPECT_EQ(CountRows("outbox_pending"), 0);
}

TEST_P(HardshipTest, OneOpenFilePerHouseholdAndRelapseIsFlagged) {
  HardshipFile first = MustApprove(admin_a_, head_a_);
  auto second = hardship_->Create(admin_a_, {}, FileFor(head_a_));
  EXPECT_THAT(second, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(second.status().message(), HasSubstr(first.id));

  SetToday("2027-03-01");
  auto exited =
      hardship_->Exit(admin_a_, first.id, "2027-02-28", "子女就业", first.etag);
  ASSERT_TRUE(exited.ok()) << exited.status();
  EXPECT_EQ(exited->status, HardshipFileStatus::kExited);
  EXPECT_FALSE(exited->next_check_due_date.has_value());

  // Back within two years: 返困, linked to the file it follows.
  SetToday("2028-06-01");
  auto again = hardship_->Create(admin_a_, {}, FileFor(head_a_));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->relapse);
  EXPECT_EQ(again->previous_file_id, first.id);
}

TEST_P(HardshipTest, AHouseholdBackAfterTwoYearsIsNoRelapse) {
  HardshipFile first = MustApprove(admin_a_, head_a_);
  ASSERT_TRUE(
      hardship_->Exit(admin_a_, first.id, "2026-11-30", "病愈复工", "").ok());
  SetToday("2028-12-01");
  auto again = hardship_->Create(admin_a_, {}, FileFor(head_a_));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->relapse);
}

TEST_P(HardshipTest, ConcurrentOpeningsForOneHouseholdMakeOneFile) {
  constexpr int kTries = 8;
  std::vector<absl::StatusCode> codes(kTries);
  std::vector<std::thread> threads;
  for (int i = 0; i < kTries; ++i) {
    threads.emplace_back([&, i] {
      codes[i] =
          hardship_->Create(admin_a_, {}, FileFor(head_a_)).status().code();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(codes.begin(), codes.end(), absl::StatusCode::kOk), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(),
                       absl::StatusCode::kFailedPrecondition),
            kTries - 1);
  EXPECT_EQ(CountRows("hardship_files"), 1);
}

TEST_P(HardshipTest, ARetriedCreateReturnsTheFirstFile) {
  outbox::RequestKey key{"open-1", "fp", "test.Method"};
  auto first = hardship_->Create(admin_a_, key, FileFor(head_a_));
  auto retry = hardship_->Create(admin_a_, key, FileFor(head_a_));
  ASSERT_TRUE(first.ok() && retry.ok()) << retry.status();
  EXPECT_EQ(first->id, retry->id);
  EXPECT_EQ(CountRows("hardship_files"), 1);
}

TEST_P(HardshipTest, OtherUnionsSeeNothing) {
  HardshipFile f = MustOpen(admin_a_, head_a_);
  EXPECT_THAT(hardship_->Get(admin_b_, f.id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      hardship_->StartPublicity(admin_b_, f.id, "2026-11-22", "2026-11-28", ""),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(hardship_->ListSteps(admin_b_, f.id, 10, ""),
              StatusIs(absl::StatusCode::kNotFound));
  // School B cannot open a file for A's member: membership does not show them.
  EXPECT_THAT(hardship_->Create(admin_b_, {}, FileFor(head_a_)),
              StatusIs(absl::StatusCode::kNotFound));
  // Lists hold only the caller's subtree.
  auto b_list = hardship_->List(admin_b_, {});
  ASSERT_TRUE(b_list.ok()) << b_list.status();
  EXPECT_TRUE(b_list->items.empty());
  HardshipFileQuery of_a;
  of_a.organisation_id = school_a_.id;
  EXPECT_THAT(hardship_->List(admin_b_, of_a),
              StatusIs(absl::StatusCode::kNotFound));
  // The district sees both schools' files.
  MustOpen(admin_b_, head_b_);
  auto district = hardship_->List(district_admin_, {});
  ASSERT_TRUE(district.ok()) << district.status();
  EXPECT_EQ(district->items.size(), 2u);
  auto a_only = hardship_->List(district_admin_, of_a);
  ASSERT_TRUE(a_only.ok()) << a_only.status();
  ASSERT_EQ(a_only->items.size(), 1u);
  EXPECT_EQ(a_only->items[0].id, f.id);
}

TEST_P(HardshipTest, OverdueRechecksAreListedUntilRechecked) {
  HardshipFile f = MustApprove(admin_a_, head_a_);
  HardshipFileQuery overdue;
  overdue.only_recheck_overdue = true;
  SetToday("2027-11-30");  // Due today: not yet overdue.
  auto page = hardship_->List(admin_a_, overdue);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_TRUE(page->items.empty());
  SetToday("2027-12-01");
  page = hardship_->List(admin_a_, overdue);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 1u);

  HardshipRecheck finding{"2027-12-01", HardshipLevel::kRelative, 130000,
                          "配偶病情好转"};
  auto rechecked = hardship_->Recheck(admin_a_, f.id, finding, "");
  ASSERT_TRUE(rechecked.ok()) << rechecked.status();
  EXPECT_EQ(rechecked->level, HardshipLevel::kRelative);
  EXPECT_EQ(rechecked->next_check_due_date, absl::CivilDay(2028, 12, 1));
  page = hardship_->List(admin_a_, overdue);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_TRUE(page->items.empty());
  // A check dated before the last one is refused.
  finding.check_date = "2027-01-01";
  EXPECT_THAT(hardship_->Recheck(admin_a_, f.id, finding, ""),
              HasViolation("check_date"));
}

TEST_P(HardshipTest, FilesAreFoundByLevelAndCause) {
  MustOpen(admin_a_, head_a_);  // Deep; illness and education.
  NewHardshipFile other = FileFor(head_b_);
  other.level = HardshipLevel::kAccident;
  other.causes = {HardshipCause::kDisaster};
  ASSERT_TRUE(hardship_->Create(admin_b_, {}, other).ok());
  HardshipFileQuery q;
  q.cause = HardshipCause::kChildEducation;
  auto page = hardship_->List(district_admin_, q);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].person_id, head_a_.person_id);
  q = {};
  q.level = HardshipLevel::kAccident;
  page = hardship_->List(district_admin_, q);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].person_id, head_b_.person_id);
}

TEST_P(HardshipTest, AStaleEtagIsRefused) {
  HardshipFile f = MustOpen(admin_a_, head_a_);
  HardshipFilePatch patch;
  patch.household_size = 4;
  auto updated = hardship_->Update(admin_a_, f.id, patch, f.etag);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->household_size, 4);
  EXPECT_THAT(hardship_->Update(admin_a_, f.id, patch, f.etag),
              StatusIs(absl::StatusCode::kAborted));
}

TEST_P(HardshipTest, MembershipDownIsUnavailableAndWritesNothing) {
  membership_->Stop();
  auto made = hardship_->Create(admin_a_, {}, FileFor(head_a_));
  EXPECT_THAT(made, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(made.status().message(), HasSubstr("membership"));
  EXPECT_EQ(CountRows("hardship_files"), 0);
}

UNIONHUB_ON_BOTH_BACKENDS(HardshipTest);

}  // namespace
}  // namespace unionhub::welfare
