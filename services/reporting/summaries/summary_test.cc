// The work summary: amounts and rates as officers write them; a draft whose
// every figure is cited; versions saved as the officer edits, with figures
// that changed since flagged; on both backends.
#include "services/reporting/summaries/summary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "absl/strings/match.h"
#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/reporting/summaries/work_summaries.h"
#include "services/reporting/testing.h"

namespace unionhub::reporting {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

TEST(SummaryTextTest, AmountsAndRatesAsOfficersWriteThem) {
  EXPECT_EQ(Yuan(80'000), "800元");
  EXPECT_EQ(Yuan(1'234), "12.34元");
  EXPECT_EQ(Yuan(3'600'000), "3.6万元");
  EXPECT_EQ(Yuan(1'000'000), "1万元");
  EXPECT_EQ(Yuan(12'345'678), "12.35万元");  // 123,456.78 yuan.
  EXPECT_EQ(Percent({11, 12}), "91.7%");
  EXPECT_EQ(Percent({1, 3}), "33.3%");
  EXPECT_EQ(Percent({2, 3}), "66.7%");
  EXPECT_EQ(Percent({5, 0}), "—");
}

TEST(SummaryTextTest, SentencesWithNothingToSayAreLeftOut) {
  WorkSummary w = DraftSummary(
      "某校工会", 2026, [](const std::string&, bool) { return Value{}; });
  std::vector<std::string> codes;
  for (const SummarySection& s : w.sections) {
    codes.push_back(s.code);
    for (const SummarySentence& sentence : s.sentences)
      EXPECT_TRUE(sentence.figures.empty()) << sentence.text;
  }
  EXPECT_THAT(codes, ElementsAre("opening", "organisation", "democracy",
                                 "rights", "achievement", "culture", "self",
                                 "shortcomings", "plans"));
  EXPECT_TRUE(w.sections[7].left_for_officer);
  EXPECT_TRUE(w.sections[8].left_for_officer);
}

TEST(SummaryTextTest, DisclosureSaysWhatWasDueAndWhatWasOnTime) {
  const std::map<std::string, Value> figures = {
      {"disclosure.published", {9, 0}},
      {"disclosure.due", {6, 0}},
      {"disclosure.on_time", {5, 0}},
      {"disclosure.late", {1, 0}},
      {"rate.disclosure_on_time", {5, 6}}};
  WorkSummary w = DraftSummary(
      "某校工会", 2026, [&](const std::string& code, bool previous) {
        auto it = figures.find(code);
        return previous || it == figures.end() ? Value{} : it->second;
      });
  std::string text;
  for (const SummarySentence& s : w.sections[2].sentences)
    if (absl::StrContains(s.text, "公开")) text = s.text;
  EXPECT_EQ(text,
            "推进校务（厂务）公开，公开事项9项，公开目录应公开6期，按时公开5期"
            "、逾期公开1期，按时公开率83.3%。");
}

class WorkSummaryTest : public ReportingTest {
 protected:
  void SetUp() override {
    ReportingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    summaries_ = std::make_unique<WorkSummaries>(reporting_.db.get(), &clock_);
  }

  static const SummarySentence* Citing(const WorkSummary& w,
                                       const std::string& code) {
    for (const SummarySection& s : w.sections)
      for (const SummarySentence& sentence : s.sentences)
        for (const CitedFigure& f : sentence.figures)
          if (f.code == code) return &sentence;
    return nullptr;
  }

  std::unique_ptr<WorkSummaries> summaries_;
};

TEST_P(WorkSummaryTest, TheDraftCitesEveryFigureItWrites) {
  MustJoin(school_a_, 1, "2010-09-01");
  MustJoin(school_a_, 2, "2012-09-01");
  MustJoin(school_a_, 4, "2026-03-01");
  CatchUp();
  auto draft = summaries_->Draft(admin_a_, "", 2026);
  ASSERT_TRUE(draft.ok()) << draft.status();
  EXPECT_EQ(draft->version, 0);
  const SummarySentence* members = Citing(*draft, "members.active");
  ASSERT_NE(members, nullptr);
  EXPECT_THAT(members->text,
              HasSubstr("共有会员3人（上年2人），其中女会员2人"));
  for (const SummarySection& s : draft->sections) {
    for (const SummarySentence& sentence : s.sentences) {
      for (const CitedFigure& f : sentence.figures) {
        EXPECT_TRUE(absl::StrContains(sentence.text, f.text))
            << f.code << " " << f.text << " in " << sentence.text;
        EXPECT_NE(FindIndicator(f.code), nullptr) << f.code;
      }
    }
  }
  const CitedFigure& first = members->figures[0];
  EXPECT_EQ(first.code, "members.active");
  EXPECT_EQ(first.value.value, 3);
  EXPECT_EQ(first.year, 2026);
  EXPECT_EQ(members->figures[1].year, 2025);
  std::string md = ToMarkdown(*draft);
  EXPECT_THAT(md, HasSubstr("# 第一中学工会2026年工作总结"));
  EXPECT_THAT(md, HasSubstr("## 一、组织建设"));
  EXPECT_THAT(md, HasSubstr("共有会员**3人**（上年**2人**）"));
  EXPECT_THAT(md, HasSubstr("## 八、下年打算"));
}

TEST_P(WorkSummaryTest, VersionsKeepTheOfficersTextAndFlagChangedFigures) {
  MustJoin(school_a_, 1, "2010-09-01");
  CatchUp();
  auto draft = summaries_->Draft(admin_a_, "", 2026);
  ASSERT_TRUE(draft.ok()) << draft.status();
  std::vector<SummarySection> edited = draft->sections;
  edited[7].sentences = {{"个别活动参与面不广。", {}}};
  edited[7].left_for_officer = false;
  auto v1 = summaries_->Save(admin_a_, "", 2026, edited, 0);
  ASSERT_TRUE(v1.ok()) << v1.status();
  EXPECT_EQ(v1->version, 1);
  auto read = summaries_->Get(admin_a_, "", 2026, 0);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_FALSE(read->figures_changed);
  EXPECT_EQ(read->sections[7].sentences[0].text, "个别活动参与面不广。");

  // A member joins after the draft: the saved text's figure is now stale.
  MustJoin(school_a_, 3, "2026-06-01");
  CatchUp();
  read = summaries_->Get(admin_a_, "", 2026, 1);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(read->figures_changed);
  const CitedFigure& members = Citing(*read, "members.active")->figures[0];
  EXPECT_TRUE(members.changed);
  EXPECT_EQ(members.value.value, 1);
  EXPECT_EQ(members.current.value, 2);

  // Saving over an older version is refused; over the latest, a new one.
  EXPECT_THAT(summaries_->Save(admin_a_, "", 2026, edited, 0),
              StatusIs(absl::StatusCode::kAborted));
  auto v2 = summaries_->Save(admin_a_, "", 2026, edited, 1);
  ASSERT_TRUE(v2.ok()) << v2.status();
  auto versions = summaries_->ListVersions(admin_a_, "", 2026);
  ASSERT_TRUE(versions.ok()) << versions.status();
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 2);
  EXPECT_EQ((*versions)[0].key_id, admin_a_.key_id);
}

TEST_P(WorkSummaryTest, OnlyTheUnionWritesItsOwnAndBadTextNamesItsField) {
  CatchUp();
  auto draft = summaries_->Draft(admin_a_, "", 2026);
  ASSERT_TRUE(draft.ok()) << draft.status();
  EXPECT_THAT(
      summaries_->Save(admin_b_, school_a_.id, 2026, draft->sections, 0),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      summaries_->Save(district_admin_, school_a_.id, 2026, draft->sections, 0),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(summaries_->Draft(admin_b_, school_a_.id, 2026),
              StatusIs(absl::StatusCode::kNotFound));
  std::vector<SummarySection> bad = draft->sections;
  bad[0].sentences[0].text = std::string(2001, 'x');
  EXPECT_THAT(summaries_->Save(admin_a_, "", 2026, bad, 0),
              HasViolation("sections[0].sentences[0].text"));
  bad = draft->sections;
  bad[0].sentences[0].figures = {{"no.such", true, 2026, {}, "1", {}, false}};
  EXPECT_THAT(
      summaries_->Save(admin_a_, "", 2026, bad, 0),
      HasViolation("sections[0].sentences[0].figures[0].indicator_code"));
  EXPECT_THAT(summaries_->Get(admin_a_, "", 2026, 0),
              StatusIs(absl::StatusCode::kNotFound));
}

UNIONHUB_ON_BOTH_BACKENDS(WorkSummaryTest);

}  // namespace
}  // namespace unionhub::reporting
