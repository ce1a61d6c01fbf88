#include "services/membership/members.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/base/ids.h"
#include "libs/sql/testing.h"
#include "services/membership/testing.h"

namespace unionhub::membership {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::unionhub::testing::HasViolation;
using ::unionhub::testing::StatusIs;

using MembersTest = DistrictTest;

TEST_P(MembersTest, RegistersAMemberDerivingBirthAndSex) {
  auto admin_a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  NewMember n = NewMemberIn(school_a_, "张三", 1);  // Sequence 001: odd, male.
  auto m = members_->CreateMember(admin_a, {}, n);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->sex, Sex::kMale);
  EXPECT_EQ(m->birth_date, absl::CivilDay(1985, 3, 12));
  EXPECT_EQ(m->status, MemberStatus::kActive);
  auto got = members_->GetMember(admin_a, m->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->id_number, n.id_number);
  EXPECT_EQ(got->phone, n.phone);
  EXPECT_EQ(CountRows("outbox_pending"), 5);  // Root, 3 organisations, 1 member.
  EXPECT_EQ(CountRows("audit_log"), 5);
}

TEST_P(MembersTest, BadMemberInputWritesNothing) {
  auto admin_a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  int64_t events = CountRows("outbox_pending");
  NewMember n = NewMemberIn(school_a_, "张三", 1);
  n.id_number[17] = n.id_number[17] == '1' ? '2' : '1';  // Wrong check digit.
  n.join_date = "2027-01-01";                            // Future.
  n.phone = "12345";
  n.name = std::string(51 * 3, 'a');
  auto bad = members_->CreateMember(admin_a, {}, n);
  for (const char* field : {"member.id_number", "member.join_date",
                            "member.phone", "member.name"}) {
    EXPECT_THAT(bad, HasViolation(field));
  }

  NewMember wrong_sex = NewMemberIn(school_a_, "张三", 1);
  wrong_sex.sex = Sex::kFemale;
  EXPECT_THAT(members_->CreateMember(admin_a, {}, wrong_sex),
              HasViolation("member.sex"));
  NewMember non_utf8 =
      NewMemberIn(school_a_, "\xd5\xc5\xc8\xfd", 1);  // GBK 张三.
  EXPECT_THAT(members_->CreateMember(admin_a, {}, non_utf8),
              HasViolation("member.name"));
  NewMember at_district = NewMemberIn(district_, "张三", 1);
  EXPECT_THAT(members_->CreateMember(federation_, {}, at_district),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(CountRows("outbox_pending"), events);
  EXPECT_EQ(CountRows("members"), 0);
}

TEST_P(MembersTest, OneActiveMembershipPerPersonAcrossTenants) {
  auto admin_a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  auto admin_b = CallerFor(school_b_, auth::Role::kUnionAdmin);
  auto first =
      members_->CreateMember(admin_a, {}, NewMemberIn(school_a_, "张三", 1));
  ASSERT_TRUE(first.ok());
  auto second =
      members_->CreateMember(admin_b, {}, NewMemberIn(school_b_, "张三", 1));
  EXPECT_EQ(second.status().code(), absl::StatusCode::kAlreadyExists);
  // Nothing about where the person is registered.
  EXPECT_FALSE(absl::StrContains(second.status().message(), school_a_.id));
  EXPECT_FALSE(absl::StrContains(second.status().message(), first->id));
  // Once the first membership ends, the person may register again.
  ASSERT_TRUE(members_
                  ->ChangeMemberStatus(admin_a, first->id, MemberStatus::kLeft,
                                       "2026-06-30", "辞职", first->etag)
                  .ok());
  auto again =
      members_->CreateMember(admin_b, {}, NewMemberIn(school_b_, "张三", 1));
  ASSERT_TRUE(again.ok()) << again.status();
  // And the old one cannot be re-activated while the new one holds.
  EXPECT_EQ(members_
                ->ChangeMemberStatus(admin_a, first->id, MemberStatus::kActive,
                                     "2026-07-01", "", "")
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_P(MembersTest, RetriedCreateReturnsTheFirstResult) {
  auto admin_a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  outbox::RequestKey idem{"req-42", "fingerprint-1", "test.Method"};
  auto first =
      members_->CreateMember(admin_a, idem, NewMemberIn(school_a_, "张三", 1));
  auto retry =
      members_->CreateMember(admin_a, idem, NewMemberIn(school_a_, "张三", 1));
  ASSERT_TRUE(first.ok() && retry.ok()) << retry.status();
  EXPECT_EQ(first->id, retry->id);
  EXPECT_EQ(CountRows("members"), 1);
  outbox::RequestKey reused{"req-42", "fingerprint-2", "test.Method"};
  EXPECT_EQ(
      members_->CreateMember(admin_a, reused, NewMemberIn(school_a_, "李四", 3))
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_P(MembersTest, ListsMembersWithFiltersAndPages) {
  auto admin = CallerFor(district_, auth::Role::kUnionAdmin);
  ASSERT_TRUE(
      members_->CreateMember(admin, {}, NewMemberIn(school_a_, "张三", 1))
          .ok());
  ASSERT_TRUE(
      members_->CreateMember(admin, {}, NewMemberIn(school_a_, "张三丰", 3))
          .ok());
  NewMember agency = NewMemberIn(school_b_, "李四", 5);
  agency.employment_type = EmploymentType::kAgency;
  ASSERT_TRUE(members_->CreateMember(admin, {}, agency).ok());
  NewMember percent = NewMemberIn(school_b_, "100%_王", 7);
  ASSERT_TRUE(members_->CreateMember(admin, {}, percent).ok());

  MemberQuery q;
  q.include_descendants = true;
  q.page_size = 2;
  std::vector<std::string> names;
  do {
    auto page = members_->ListMembers(admin, q);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& m : page->items) names.push_back(m.name);
    q.page_token = page->next_page_token;
  } while (!q.page_token.empty());
  EXPECT_EQ(names.size(), 4u);

  MemberQuery by_name;
  by_name.include_descendants = true;
  by_name.name_prefix = "张三";
  auto page = members_->ListMembers(admin, by_name);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 2u);
  by_name.name_prefix = "100%";  // Wildcards in the prefix are literal.
  EXPECT_EQ(members_->ListMembers(admin, by_name)->items.size(), 1u);
  by_name.name_prefix = "10_";
  EXPECT_EQ(members_->ListMembers(admin, by_name)->items.size(), 0u);

  MemberQuery by_type;
  by_type.include_descendants = true;
  by_type.employment_type = EmploymentType::kAgency;
  EXPECT_EQ(members_->ListMembers(admin, by_type)->items.size(), 1u);

  MemberQuery by_id;
  by_id.include_descendants = true;
  by_id.id_number = agency.id_number;
  auto found = members_->ListMembers(admin, by_id);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].name, "李四");

  MemberQuery own_only;
  own_only.organisation_id = school_a_.id;
  EXPECT_EQ(members_->ListMembers(admin, own_only)->items.size(), 2u);
}

TEST_P(MembersTest, StatusChangesAreDatedHistory) {
  auto admin_a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  auto m =
      members_->CreateMember(admin_a, {}, NewMemberIn(school_a_, "张三", 1));
  ASSERT_TRUE(m.ok());
  auto retired = members_->ChangeMemberStatus(
      admin_a, m->id, MemberStatus::kRetired, "2025-07-01", "退休", m->etag);
  ASSERT_TRUE(retired.ok()) << retired.status();
  EXPECT_EQ(members_
                ->ChangeMemberStatus(admin_a, m->id, MemberStatus::kLeft,
                                     "2025-06-01", "", "")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);  // Before the last change.
  EXPECT_EQ(members_
                ->ChangeMemberStatus(admin_a, m->id, MemberStatus::kDeceased,
                                     "2026-03-01", "", m->etag)
                .status()
                .code(),
            absl::StatusCode::kAborted);  // Stale etag.
  ASSERT_TRUE(members_
                  ->ChangeMemberStatus(admin_a, m->id, MemberStatus::kDeceased,
                                       "2026-03-01", "病故", "")
                  .ok());
  EXPECT_EQ(members_
                ->ChangeMemberStatus(admin_a, m->id, MemberStatus::kActive,
                                     "2026-04-01", "", "")
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  auto history = members_->ListMemberStatusChanges(admin_a, m->id);
  ASSERT_TRUE(history.ok());
  std::vector<MemberStatus> to;
  for (const auto& c : *history) to.push_back(c.to_status);
  EXPECT_THAT(to, ElementsAre(MemberStatus::kActive, MemberStatus::kRetired,
                              MemberStatus::kDeceased));
}

TEST_P(MembersTest, TransferKeepsHistoryAndOneHolder) {
  auto admin_a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  auto district_admin = CallerFor(district_, auth::Role::kUnionAdmin);
  auto m =
      members_->CreateMember(admin_a, {}, NewMemberIn(school_a_, "张三", 1));
  ASSERT_TRUE(m.ok());
  // A school admin does not hold the receiving union.
  EXPECT_EQ(members_
                ->TransferMember(admin_a, {}, m->id, school_b_.id, "2026-09-01",
                                 "", "")
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  outbox::RequestKey idem{"t-1", "fp", "test.Method"};
  auto t = members_->TransferMember(district_admin, idem, m->id, school_b_.id,
                                    "2026-09-01", "调动", m->etag);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->previous.status, MemberStatus::kTransferredOut);
  EXPECT_EQ(t->previous.transferred_to_member_id, t->member.id);
  EXPECT_EQ(t->member.transferred_from_member_id, m->id);
  EXPECT_EQ(t->member.organisation_id, school_b_.id);
  EXPECT_EQ(t->member.join_date, m->join_date);  // Membership years carry over.
  auto retry = members_->TransferMember(
      district_admin, idem, m->id, school_b_.id, "2026-09-01", "调动", m->etag);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->member.id, t->member.id);
  // Still one holder: a new registration of the same person is refused.
  EXPECT_EQ(
      members_
          ->CreateMember(district_admin, {}, NewMemberIn(school_a_, "张三", 1))
          .status()
          .code(),
      absl::StatusCode::kAlreadyExists);
  auto history = members_->ListMemberStatusChanges(
      CallerFor(school_b_, auth::Role::kUnionAdmin), t->member.id);
  ASSERT_TRUE(history.ok()) << history.status();
  std::vector<MemberStatus> to;
  for (const auto& c : *history) to.push_back(c.to_status);
  EXPECT_THAT(to,
              ElementsAre(MemberStatus::kActive, MemberStatus::kTransferredOut,
                          MemberStatus::kActive));
}

std::vector<RosterRow> Rows(const std::vector<NewMember>& members) {
  std::vector<RosterRow> rows;
  for (size_t i = 0; i < members.size(); ++i) {
    rows.push_back({static_cast<int64_t>(i + 2), members[i], {}});
  }
  return rows;
}

// One person, one person_id: kept through a transfer and a later
// re-registration, found by list, different for another ID number, given to
// imported members too, and telling nothing of the ID number.
TEST_P(MembersTest, APersonKeepsOnePersonIdThroughTheirMemberships) {
  auto admin = CallerFor(district_, auth::Role::kUnionAdmin);
  auto first =
      members_->CreateMember(admin, {}, NewMemberIn(school_a_, "张三", 1));
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(IsValidId(first->person_id)) << first->person_id;
  EXPECT_NE(first->person_id, first->id);
  EXPECT_FALSE(absl::StrContains(first->id_number, first->person_id));
  auto moved = members_->TransferMember(admin, {}, first->id, school_b_.id,
                                        "2026-09-01", "调动", first->etag);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->member.person_id, first->person_id);
  EXPECT_EQ(moved->previous.person_id, first->person_id);
  auto left =
      members_->ChangeMemberStatus(admin, moved->member.id, MemberStatus::kLeft,
                                   "2026-10-01", "离职", moved->member.etag);
  ASSERT_TRUE(left.ok()) << left.status();
  auto again =
      members_->CreateMember(admin, {}, NewMemberIn(school_a_, "张三", 1));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->person_id, first->person_id);
  auto other =
      members_->CreateMember(admin, {}, NewMemberIn(school_a_, "李四", 2));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->person_id, first->person_id);

  MemberQuery q;
  q.organisation_id = district_.id;
  q.include_descendants = true;
  q.person_id = first->person_id;
  auto memberships = members_->ListMembers(admin, q);
  ASSERT_TRUE(memberships.ok()) << memberships.status();
  EXPECT_EQ(memberships->items.size(), 3u);  // Out, left, and now.
  for (const Member& m : memberships->items)
    EXPECT_EQ(m.person_id, first->person_id);
  q.person_id = "not an id";
  EXPECT_EQ(members_->ListMembers(admin, q).status().code(),
            absl::StatusCode::kInvalidArgument);

  ImportOptions options;
  options.organisation_id = school_b_.id;
  auto imported = members_->ImportMembers(
      admin, {}, options, Rows({NewMemberIn(school_b_, "王五", 3)}));
  ASSERT_TRUE(imported.ok() && imported->committed);
  MemberQuery by_name;
  by_name.organisation_id = school_b_.id;
  by_name.name_prefix = "王五";
  auto wang = members_->ListMembers(admin, by_name);
  ASSERT_TRUE(wang.ok());
  ASSERT_EQ(wang->items.size(), 1u);
  EXPECT_TRUE(IsValidId(wang->items[0].person_id));
  EXPECT_NE(wang->items[0].person_id, first->person_id);

  // A roster that registers someone who had left keeps their person too.
  ASSERT_TRUE(members_
                  ->ChangeMemberStatus(admin, other->id, MemberStatus::kLeft,
                                       "2026-10-01", "离职", other->etag)
                  .ok());
  auto back = members_->ImportMembers(
      admin, {}, options, Rows({NewMemberIn(school_b_, "李四", 2)}));
  ASSERT_TRUE(back.ok() && back->committed);
  by_name.name_prefix = "李四";
  auto li = members_->ListMembers(admin, by_name);
  ASSERT_TRUE(li.ok());
  ASSERT_EQ(li->items.size(), 1u);
  EXPECT_EQ(li->items[0].person_id, other->person_id);
}

TEST_P(MembersTest, ImportIsAllOrNothingByDefault) {
  auto admin = CallerFor(school_a_, auth::Role::kUnionAdmin);
  NewMember bad = NewMemberIn(school_a_, "坏行", 5);
  bad.id_number[17] = bad.id_number[17] == '1' ? '2' : '1';
  NewMember twice = NewMemberIn(school_a_, "重复", 1);
  int64_t events = CountRows("outbox_pending");
  ImportOptions options;
  options.organisation_id = school_a_.id;
  auto report = members_->ImportMembers(
      admin, {"imp-1", "fp", "test.Method"}, options,
      Rows({NewMemberIn(school_a_, "张三", 1),
            NewMemberIn(school_a_, "李四", 3), bad, twice}));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->rows_read, 4);
  EXPECT_EQ(report->rows_imported, 0);
  EXPECT_EQ(report->rows_rejected, 2);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 4);
  EXPECT_EQ(report->errors[0].field, "id_number");
  EXPECT_EQ(report->errors[1].row, 5);
  EXPECT_THAT(report->errors[1].description, HasSubstr("row 2"));
  EXPECT_EQ(CountRows("members"), 0);
  EXPECT_EQ(CountRows("outbox_pending"), events);
}

TEST_P(MembersTest, ImportOfValidRowsSkipsTheBadAndIsIdempotent) {
  auto admin = CallerFor(district_, auth::Role::kUnionAdmin);
  ASSERT_TRUE(
      members_->CreateMember(admin, {}, NewMemberIn(school_b_, "已在册", 7))
          .ok());
  NewMember elsewhere =
      NewMemberIn(school_a_, "已在册", 7);  // Holds a membership already.
  NewMember foreign = NewMemberIn(school_a_, "外单位", 9);
  foreign.organisation_id =
      "0123456789abcdef";  // No such union in the subtree.
  ImportOptions options;
  options.organisation_id = school_a_.id;
  options.all_or_nothing = false;
  auto rows = Rows({NewMemberIn(school_a_, "张三", 1), elsewhere, foreign,
                    NewMemberIn(school_b_, "李四", 3)});
  auto report = members_->ImportMembers(admin, {"imp-2", "fp", "test.Method"},
                                        options, rows);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->rows_imported, 2);
  EXPECT_EQ(report->rows_rejected, 2);
  EXPECT_EQ(CountRows("members"), 3);
  ASSERT_EQ(report->errors.size(), 2u);
  // The retry answers what the first run answered, in full: the rejected rows
  // and why included, though the rows are not checked again.
  auto retry = members_->ImportMembers(admin, {"imp-2", "fp", "test.Method"},
                                       options, rows);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->committed);
  EXPECT_EQ(retry->rows_read, 4);
  EXPECT_EQ(retry->rows_imported, 2);
  EXPECT_EQ(retry->rows_rejected, 2);
  ASSERT_EQ(retry->errors.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(retry->errors[i].row, report->errors[i].row);
    EXPECT_EQ(retry->errors[i].field, report->errors[i].field);
    EXPECT_EQ(retry->errors[i].description, report->errors[i].description);
  }
  EXPECT_EQ(CountRows("members"), 3);  // Nothing twice.
  MemberQuery q;
  q.organisation_id = school_a_.id;
  EXPECT_EQ(members_->ListMembers(admin, q)->items.size(), 1u);
}

TEST_P(MembersTest, TransactionsRunAgainGiveTheAnswerAndRowsOfOne) {
  sql::Database& db = *db_.db;
  auto admin = CallerFor(district_, auth::Role::kUnionAdmin);
  const int64_t events = CountRows("outbox_pending");
  const int64_t audits = CountRows("audit_log");
  sql::DeadlockBeforeCommit(db, 2);  // two attempts die, the third commits
  auto created = members_->CreateMember(admin, {"c-1", "fp", "test.Method"},
                                        NewMemberIn(school_a_, "张三", 1));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(CountRows("members"), 1);
  EXPECT_EQ(CountRows("outbox_pending"), events + 1);
  EXPECT_EQ(CountRows("audit_log"), audits + 1);

  // Rows refused while writing are reported once, not once per attempt.
  ASSERT_TRUE(
      members_->CreateMember(admin, {}, NewMemberIn(school_b_, "已在册", 7))
          .ok());
  NewMember foreign = NewMemberIn(school_a_, "外单位", 9);
  foreign.organisation_id = "0123456789abcdef";  // No such union.
  ImportOptions options;
  options.organisation_id = school_a_.id;
  options.all_or_nothing = false;
  auto rows = Rows({NewMemberIn(school_a_, "李四", 2),
                    NewMemberIn(school_a_, "已在册", 7), foreign,
                    NewMemberIn(school_b_, "王五", 3)});
  sql::DeadlockBeforeCommit(db, 2);
  auto report = members_->ImportMembers(admin, {"imp-r", "fp", "test.Method"},
                                        options, rows);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->rows_imported, 2);
  EXPECT_EQ(report->rows_rejected, 2);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 3);
  EXPECT_EQ(report->errors[0].field, "id_number");
  EXPECT_EQ(report->errors[1].row, 4);
  EXPECT_EQ(report->errors[1].field, "organisation_id");
  EXPECT_EQ(CountRows("members"), 4);

  sql::DeadlockBeforeCommit(db, 1);
  auto moved = members_->TransferMember(admin, {"t-1", "fp", "test.Method"},
                                        created->id, school_b_.id, "2026-09-01",
                                        "调动", created->etag);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(CountRows("members"), 5);
  auto history = members_->ListMemberStatusChanges(admin, moved->member.id);
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_EQ(history->size(), 3u);  // joined, transferred out, joined there
  db.SetFaultHook(nullptr);
}

TEST_P(MembersTest, ACallWhoseCommitWasLostIsRetriedByItsRequestId) {
  sql::Database& db = *db_.db;
  auto admin = CallerFor(district_, auth::Role::kUnionAdmin);
  int seq = 20;
  for (bool applied : {false, true}) {
    outbox::RequestKey idem{applied ? "after" : "before", "fp", "test.Method"};
    NewMember person = NewMemberIn(school_a_, "张三", ++seq);
    sql::LoseCommit(db, 1, applied);
    auto first = members_->CreateMember(admin, idem, person);
    EXPECT_EQ(first.status().code(), absl::StatusCode::kUnavailable);
    db.SetFaultHook(nullptr);
    auto retry = members_->CreateMember(admin, idem, person);
    ASSERT_TRUE(retry.ok()) << retry.status();

    ImportOptions options;
    options.organisation_id = school_a_.id;
    auto rows = Rows({NewMemberIn(school_a_, "李四", ++seq)});
    outbox::RequestKey import_idem{applied ? "import-after" : "import-before",
                                   "fp", "test.Method"};
    sql::LoseCommit(db, 1, applied);
    EXPECT_EQ(members_->ImportMembers(admin, import_idem, options, rows)
                  .status()
                  .code(),
              absl::StatusCode::kUnavailable);
    db.SetFaultHook(nullptr);
    auto report = members_->ImportMembers(admin, import_idem, options, rows);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->committed);
    EXPECT_EQ(report->rows_imported, 1);
  }
  EXPECT_EQ(CountRows("members"), 4);  // each person once
}

TEST_P(MembersTest, ImportValidateOnlyWritesNothing) {
  ImportOptions options;
  options.organisation_id = school_a_.id;
  options.validate_only = true;
  auto report = members_->ImportMembers(
      federation_, {}, options, Rows({NewMemberIn(school_a_, "张三", 1)}));
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->rows_rejected, 0);
  EXPECT_EQ(CountRows("members"), 0);
}

TEST_P(MembersTest, ImportAnnouncesMembersInBatchedEvents) {
  std::vector<NewMember> people;
  for (int i = 0; i < 1200; ++i) {
    people.push_back(NewMemberIn(school_a_, "批量", 2 * (i % 500) + 1,
                                 absl::StrFormat("19%02d0312", 80 + i / 500)));
  }
  ImportOptions options;
  options.organisation_id = school_a_.id;
  int64_t events = CountRows("outbox_pending");
  auto report = members_->ImportMembers(federation_, {}, options, Rows(people));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->rows_imported, 1200);
  EXPECT_EQ(CountRows("outbox_pending") - events, 3);  // 500 + 500 + 200.
  EXPECT_EQ(CountRows("audit_log") - events, 3);
}

TEST_P(MembersTest, PersonalDataIsNotInTheDatabaseFile) {
  if (GetParam() != sql::Backend::kSqlite)
    GTEST_SKIP() << "greps the SQLite file";
  NewMember n = NewMemberIn(school_a_, "张三", 1);
  n.phone = "13987654321";
  ASSERT_TRUE(members_->CreateMember(federation_, {}, n).ok());
  db_.db.reset();  // Close, so WAL content is checkpointed into the file.
  std::string path = db_.url.substr(std::string("sqlite://").size());
  std::string contents;
  for (const std::string& file : {path, path + "-wal"}) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    contents += buffer.str();
  }
  ASSERT_TRUE(absl::StrContains(contents, "张三"));  // The grep does work...
  EXPECT_FALSE(
      absl::StrContains(contents, n.id_number));  // ...and finds no ID number,
  EXPECT_FALSE(absl::StrContains(contents, "13987654321"));  // nor the phone.
}

UNIONHUB_ON_BOTH_BACKENDS(MembersTest);

}  // namespace
}  // namespace unionhub::membership
