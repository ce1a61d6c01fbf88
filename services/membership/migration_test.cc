// Migrations that change rows already there, run on rows written under the
// schema before them, on both backends.
#include <gtest/gtest.h>

#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"
#include "libs/sql/migrate.h"
#include "libs/sql/testing.h"
#include "membership_lib_migrations.h"

namespace unionhub::membership {
namespace {

class MigrationTest : public ::testing::TestWithParam<sql::Backend> {};

std::vector<sql::Migration> Before(int version) {
  std::vector<sql::Migration> out;
  for (const sql::Migration& m :
       outbox::WithPlatform(membership_lib_migrations())) {
    if (m.version < version) out.push_back(m);
  }
  return out;
}

absl::Status InsertMember(sql::Session& s, const char* id,
                          const char* id_number_index, bool holds) {
  return s
      .Execute(
          "INSERT INTO members (id, organisation_id, organisation_path, name, "
          "id_number_cipher, id_number_index, holder_index, sex, birth_date, "
          "employment_type, join_date, status, status_date, "
          "created_by_key_id, create_time, update_time, etag) VALUES (?, "
          "'00000000000000b2', '/00000000000000a1/00000000000000b2/', '张三', "
          "?, ?, ?, 1, '1985-03-12', 1, '2010-09-01', ?, '2010-09-01', 'k', "
          "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'e')",
          id, sql::Blob{"cipher"}, id_number_index,
          holds ? std::optional<std::string>(id_number_index) : std::nullopt,
          holds ? 1 : 3)
      .status();
}

// 0106: every existing membership gets the person of its ID number (the same
// for a transferred-out row and its continuation), and the model-worker
// archive gets the person of the member it was recorded for. 0107: persons
// with an ended membership are listed as former persons.
TEST_P(MigrationTest, PersonIdsAreGivenToExistingRows) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  ASSERT_TRUE(sql::Migrate(*t.db, Before(106)).ok());
  ASSERT_TRUE(t.db->Write([](sql::Session& s) -> absl::Status {
                    RETURN_IF_ERROR(InsertMember(s, "00000000000000e1",
                                                 "index-zhang", false));
                    RETURN_IF_ERROR(InsertMember(s, "00000000000000c1",
                                                 "index-zhang", true));
                    RETURN_IF_ERROR(
                        InsertMember(s, "00000000000000d1", "index-li", true));
                    return s
                        .Execute(
                            "INSERT INTO model_workers (id, member_id, level, "
                            "title, award_year, hardship_causes, notes, "
                            "create_time, update_time, etag) VALUES "
                            "('00000000000000f1', '00000000000000e1', 1, "
                            "'劳动模范', 2020, '', '', 't', 't', 'e')")
                        .status();
                  })
                  .ok());
  absl::Status migrated =
      sql::Migrate(*t.db, outbox::WithPlatform(membership_lib_migrations()));
  ASSERT_TRUE(migrated.ok()) << migrated;

  auto person_of = [&](const char* sql, const char* id) {
    std::string person;
    EXPECT_TRUE(t.db->Read([&](sql::Session& s) -> absl::Status {
                      ASSIGN_OR_RETURN(sql::Statement * st, s.Query(sql, id));
                      ASSIGN_OR_RETURN(bool row, st->Step());
                      if (row && !st->IsNull(0)) person = st->Text(0);
                      return absl::OkStatus();
                    })
                    .ok());
    return person;
  };
  const char* kMember = "SELECT person_id FROM members WHERE id = ?";
  std::string zhang = person_of(kMember, "00000000000000e1");
  EXPECT_EQ(zhang, "00000000000000c1");  // The lowest of the person's ids.
  EXPECT_EQ(person_of(kMember, "00000000000000c1"), zhang);
  EXPECT_EQ(person_of(kMember, "00000000000000d1"), "00000000000000d1");
  EXPECT_EQ(person_of("SELECT person_id FROM model_workers WHERE id = ?",
                      "00000000000000f1"),
            zhang);
  // 0107: a person with an ended membership is a former person, where a new
  // registration finds them; one who only holds is not.
  const char* kFormer =
      "SELECT person_id FROM former_persons WHERE id_number_index = ?";
  EXPECT_EQ(person_of(kFormer, "index-zhang"), zhang);
  EXPECT_EQ(person_of(kFormer, "index-li"), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return info.param == sql::Backend::kSqlite ? "sqlite"
                                                                      : "mysql";
                         });

}  // namespace
}  // namespace unionhub::membership
