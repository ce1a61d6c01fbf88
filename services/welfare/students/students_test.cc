// 金秋助学 on both backends, asking a real membership on loopback: a member's
// child recorded with its name encrypted and masked for viewers; an award per
// school year as an aid application, re-verified before it is paid, at most
// one per school year and four in all; the awards due for re-verification and
// the year's figures.
#include "services/welfare/students/students.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/welfare/aid/applications.h"
#include "services/welfare/aid/campaigns.h"
#include "services/welfare/aid/funds.h"
#include "services/welfare/convert.h"
#include "services/welfare/hardship/hardship.h"
#include "services/welfare/testing.h"

namespace unionhub::welfare {
namespace {

using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class StudentTest : public WelfareTest {
 protected:
  void SetUp() override {
    WelfareTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto keys = crypto::DataKeys::FromMaster(std::string(32, 'k'));
    ASSERT_TRUE(keys.ok());
    keys_ = std::make_unique<crypto::DataKeys>(*keys);
    hardship_ = std::make_unique<Hardship>(db_.db.get(),
                                           membership_client_.get(), &clock_);
    funds_ = std::make_unique<Funds>(db_.db.get(), membership_client_.get(),
                                     &clock_);
    campaigns_ = std::make_unique<Campaigns>(db_.db.get(),
                                             membership_client_.get(), &clock_);
    applications_ = std::make_unique<AidApplications>(
        db_.db.get(), membership_client_.get(), &clock_);
    students_ = std::make_unique<Students>(
        db_.db.get(), membership_client_.get(), keys_.get(), &clock_);
    approver_ =
        membership_->CallerFor(district_, auth::Role::kUnionAdmin, "-approver");
    parent_ = membership_->MustCreateMember(school_a_, "王芳", 1);
    // The household's file: opened 11-21, publicity to 11-28, approved 11-30.
    auto f = hardship_->Create(admin_a_, {},
                               {parent_.person_id,
                                3,
                                95000,
                                HardshipLevel::kRelative,
                                {HardshipCause::kChildEducation},
                                ""});
    ASSERT_TRUE(f.ok()) << f.status();
    file_id_ = f->id;
    ASSERT_TRUE(
        hardship_
            ->StartPublicity(admin_a_, f->id, "2026-11-21", "2026-11-28", "")
            .ok());
    SetToday("2026-11-30");
    ASSERT_TRUE(hardship_->Approve(admin_a_, f->id, "2026-11-30", "").ok());
    auto s = students_->Create(admin_a_, {},
                               {parent_.person_id, "张小明", "市第一中学",
                                StudentLevel::kHighSchool, 2026});
    ASSERT_TRUE(s.ok()) << s.status();
    student_ = *s;
  }

  // The district's 金秋助学 of `year`, from 12-01 to 12-31 (the clock is
  // moved to its first day), 2,000 to 5,000 yuan.
  Campaign GoldenAutumn(int year) {
    SetToday(absl::StrCat(year, "-12-01"));
    auto fund = funds_->Create(district_admin_, {},
                               {district_.id, year, "金秋助学", 10'000'000});
    EXPECT_TRUE(fund.ok()) << fund.status();
    NewCampaign n;
    n.name = absl::StrCat(year, "年金秋助学");
    n.kind = CampaignKind::kStudentAid;
    n.start_date = absl::StrCat(year, "-12-01");
    n.end_date = absl::StrCat(year, "-12-31");
    n.fund_id = fund.ok() ? fund->id : "";
    n.eligibility = Eligibility::kHardshipFile;
    n.eligible_levels = {HardshipLevel::kDeep, HardshipLevel::kRelative};
    n.min_amount_fen = 200000;
    n.max_amount_fen = 500000;
    n.cap_per_person_fen = 1000000;
    auto c = campaigns_->Create(district_admin_, {}, n);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *c : Campaign{};
  }

  absl::StatusOr<AidApplication> ApplyFor(const Campaign& c, const Student& s) {
    return applications_->Create(admin_a_, {},
                                 {c.id, s.person_id, 300000, "金秋助学", s.id});
  }

  // Applied by the school, reviewed and approved by the district.
  AidApplication MustApprove(const Campaign& c, const Student& s) {
    auto a = ApplyFor(c, s);
    EXPECT_TRUE(a.ok()) << a.status();
    if (!a.ok()) return {};
    EXPECT_TRUE(applications_->Review(district_admin_, a->id, "属实", "").ok());
    auto approved = applications_->Approve(approver_, a->id, 0, "同意", "");
    EXPECT_TRUE(approved.ok()) << approved.status();
    return approved.ok() ? *approved : AidApplication{};
  }

  // Verified by the school and paid by the district.
  void MustVerifyAndPay(const AidApplication& a) {
    auto verified =
        applications_->VerifyStudent(admin_a_, a.id, "", "在读证明");
    ASSERT_TRUE(verified.ok()) << verified.status();
    auto paid = applications_->Pay(district_admin_, {}, a.id,
                                   FormatDate(clock_.Today()));
    ASSERT_TRUE(paid.ok()) << paid.status();
  }

  std::unique_ptr<crypto::DataKeys> keys_;
  std::unique_ptr<Hardship> hardship_;
  std::unique_ptr<Funds> funds_;
  std::unique_ptr<Campaigns> campaigns_;
  std::unique_ptr<AidApplications> applications_;
  std::unique_ptr<Students> students_;
  auth::Caller approver_;
  membership::Member parent_;
  std::string file_id_;
  Student student_;
};

TEST_P(StudentTest, AnAwardIsReverifiedEachSchoolYearBeforeItIsPaid) {
  Campaign first = GoldenAutumn(2026);
  AidApplication a = MustApprove(first, student_);
  EXPECT_EQ(a.student_id, student_.id);
  EXPECT_EQ(a.school_year, 2026);
  EXPECT_THAT(
      applications_->Pay(district_admin_, {}, a.id, FormatDate(clock_.Today())),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("VerifyStudentAward")));
  auto due = students_->ListAwards(admin_a_, {"", 2026, true, 10, ""});
  ASSERT_TRUE(due.ok()) << due.status();
  ASSERT_EQ(due->items.size(), 1u);
  EXPECT_EQ(due->items[0].year_of_support, 1);
  EXPECT_THAT(applications_->VerifyStudent(admin_a_, a.id, "", ""),
              HasViolation("note"));
  MustVerifyAndPay(a);
  due = students_->ListAwards(admin_a_, {"", 2026, true, 10, ""});
  ASSERT_TRUE(due.ok()) << due.status();
  EXPECT_TRUE(due->items.empty());
  auto s = students_->Get(admin_a_, student_.id);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->years_supported, 1);
  EXPECT_EQ(s->paid_fen, 300000);

  // The next school year is verified again: by then the household has left
  // hardship, so the award cannot be verified nor paid.
  Campaign second = GoldenAutumn(2027);
  AidApplication b = MustApprove(second, student_);
  auto awards =
      students_->ListAwards(district_admin_, {"", 2027, false, 10, ""});
  ASSERT_TRUE(awards.ok()) << awards.status();
  ASSERT_EQ(awards->items.size(), 1u);
  EXPECT_EQ(awards->items[0].year_of_support, 2);
  ASSERT_TRUE(
      hardship_->Exit(admin_a_, file_id_, "2027-12-01", "子女毕业就业", "")
          .ok());
  EXPECT_THAT(applications_->VerifyStudent(admin_a_, b.id, "", "在读证明"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("hardship file")));
  EXPECT_THAT(
      applications_->Pay(district_admin_, {}, b.id, FormatDate(clock_.Today())),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  auto steps = applications_->ListSteps(admin_a_, a.id, 10, "");
  ASSERT_TRUE(steps.ok()) << steps.status();
  ASSERT_EQ(steps->items.size(), 5u);
  EXPECT_EQ(steps->items[3].step, "student_verified");
  EXPECT_EQ(steps->items[3].note, "在读证明");
}

TEST_P(StudentTest, OneAwardPerSchoolYearAndFourYearsAtMost) {
  for (int year = 2026; year < 2030; ++year) {
    Campaign c = GoldenAutumn(year);
    AidApplication a = MustApprove(c, student_);
    if (year == 2026) {
      EXPECT_THAT(ApplyFor(c, student_),
                  StatusIs(absl::StatusCode::kFailedPrecondition,
                           HasSubstr("school year 2026 already")));
    }
    MustVerifyAndPay(a);
    if (HasFatalFailure()) return;
  }
  Campaign fifth = GoldenAutumn(2030);
  EXPECT_THAT(ApplyFor(fifth, student_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("4 school years")));
  auto several = students_->List(district_admin_, {"", "", 4, 10, ""});
  ASSERT_TRUE(several.ok()) << several.status();
  ASSERT_EQ(several->items.size(), 1u);
  EXPECT_EQ(several->items[0].paid_fen, 4 * 300000);

  auto figures = students_->Summarize(federation_, "", 2029);
  ASSERT_TRUE(figures.ok()) << figures.status();
  EXPECT_EQ(figures->students_awarded, 1);
  EXPECT_EQ(figures->students_paid, 1);
  EXPECT_EQ(figures->paid_fen, 300000);
  EXPECT_EQ(figures->students_paid_in_four_years, 1);
  EXPECT_EQ(figures->paid_fen_in_four_years, 4 * 300000);
  EXPECT_EQ(figures->students_paid_several_years, 1);
  figures = students_->Summarize(admin_b_, "", 2029);
  ASSERT_TRUE(figures.ok()) << figures.status();
  EXPECT_EQ(figures->students_paid_in_four_years, 0);
}

TEST_P(StudentTest, NamesAreEncryptedAtRestAndMaskedForViewers) {
  EXPECT_EQ(ToProto(student_, PersonalDataFor(admin_a_)).name(), "张小明");
  EXPECT_EQ(ToProto(student_, PersonalDataFor(viewer_a_)).name(), "张**");
  EXPECT_EQ(MaskName("Li"), "L*");
  auto raw = db_.db->Read([&](sql::Session& s) -> absl::StatusOr<std::string> {
    std::string all;
    for (const char* query : {"SELECT name_cipher, school FROM students",
                              "SELECT payload, type FROM outbox_pending",
                              "SELECT detail, action FROM audit_log"}) {
      ASSIGN_OR_RETURN(sql::Statement * st, s.Query(query));
      while (true) {
        ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        all += st->Text(0) + st->Text(1);
      }
    }
    return all;
  });
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_THAT(*raw, ::testing::Not(HasSubstr("小明")));
  EXPECT_THAT(*raw, HasSubstr("市第一中学"));
}

TEST_P(StudentTest, BadInputNamesItsFieldAndWritesNothing) {
  const int64_t before = CountRows("students");
  NewStudent n{parent_.person_id, "", std::string(201, 'x'),
               StudentLevel::kUnspecified, 2031};
  auto made = students_->Create(admin_a_, {}, n);
  EXPECT_THAT(made, HasViolation("student.name"));
  EXPECT_THAT(made, HasViolation("student.school"));
  EXPECT_THAT(made, HasViolation("student.level"));
  EXPECT_THAT(made, HasViolation("student.admission_year"));
  EXPECT_THAT(students_->Create(
                  admin_a_, {},
                  {"nothex", "李四", "一中", StudentLevel::kHighSchool, 2025}),
              HasViolation("student.person_id"));
  // Another union's member is not the school's to record.
  membership::Member elsewhere =
      membership_->MustCreateMember(school_b_, "李强", 2);
  EXPECT_FALSE(students_
                   ->Create(admin_a_, {},
                            {elsewhere.person_id, "李四", "一中",
                             StudentLevel::kHighSchool, 2025})
                   .ok());
  EXPECT_EQ(CountRows("students"), before);

  // Awards name their student, in 金秋助学 campaigns only.
  Campaign c = GoldenAutumn(2026);
  const int64_t applications = CountRows("aid_applications");
  EXPECT_THAT(applications_->Create(
                  admin_a_, {}, {c.id, parent_.person_id, 300000, "助学", ""}),
              HasViolation("application.student_id"));
  EXPECT_THAT(applications_->Create(admin_a_, {},
                                    {c.id, parent_.person_id, 300000, "助学",
                                     "0123456789abcdef"}),
              HasViolation("application.student_id"));
  EXPECT_EQ(CountRows("aid_applications"), applications);
}

TEST_P(StudentTest, OtherUnionsSeeAndChangeNoStudent) {
  EXPECT_THAT(students_->Get(admin_b_, student_.id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      students_->Update(admin_b_, student_.id,
                        {std::string("李四"), {}, {}, {}}, student_.etag),
      StatusIs(absl::StatusCode::kNotFound));
  auto listed = students_->List(admin_b_, {});
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_TRUE(listed->items.empty());
  // The district above sees it; the school corrects it, with its etag.
  EXPECT_TRUE(students_->Get(district_admin_, student_.id).ok());
  auto moved =
      students_->Update(admin_a_, student_.id,
                        {{}, std::string("省实验中学"), {}, {}}, student_.etag);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->school, "省实验中学");
  EXPECT_EQ(moved->name, "张小明");
  EXPECT_THAT(
      students_->Update(admin_a_, student_.id,
                        {{}, std::string("又一中"), {}, {}}, student_.etag),
      StatusIs(absl::StatusCode::kAborted));
}

INSTANTIATE_TEST_SUITE_P(Backends, StudentTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub::welfare
