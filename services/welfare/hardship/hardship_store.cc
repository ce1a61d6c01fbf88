#include "services/welfare/hardship/hardship_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::welfare {
namespace {

using sql::DateOrNull;
using sql::NullIfEmpty;

constexpr char kFileColumns[] =
    "id, organisation_id, organisation_path, person_id, member_id, "
    "household_size, monthly_income_per_capita_fen, level, cause_mask, "
    "situation, status, publicity_start_date, publicity_end_date, "
    "approved_date, last_check_date, next_check_due_date, exit_date, "
    "exit_reason, relapse, previous_file_id, open_objections, opened_date, "
    "create_time, update_time, etag";

// The person's column while the file holds its household.
std::optional<std::string> OpenPerson(const HardshipFile& f) {
  return f.open() ? std::optional<std::string>(f.person_id) : std::nullopt;
}

absl::StatusOr<HardshipFile> ReadFile(sql::Statement& st) {
  HardshipFile f;
  f.id = st.Text(0);
  f.organisation_id = st.Text(1);
  f.organisation_path = st.Text(2);
  f.person_id = st.Text(3);
  f.member_id = st.Text(4);
  f.household_size = static_cast<int>(st.Int(5));
  f.monthly_income_per_capita_fen = st.Int(6);
  f.level = static_cast<HardshipLevel>(st.Int(7));
  f.causes = ValuesOf(st.Int(8), HardshipCause::kOther);
  f.situation = st.Text(9);
  f.status = static_cast<HardshipFileStatus>(st.Int(10));
  ASSIGN_OR_RETURN(f.publicity_start_date, st.OptionalDate(11));
  ASSIGN_OR_RETURN(f.publicity_end_date, st.OptionalDate(12));
  ASSIGN_OR_RETURN(f.approved_date, st.OptionalDate(13));
  ASSIGN_OR_RETURN(f.last_check_date, st.OptionalDate(14));
  ASSIGN_OR_RETURN(f.next_check_due_date, st.OptionalDate(15));
  ASSIGN_OR_RETURN(f.exit_date, st.OptionalDate(16));
  f.exit_reason = st.Text(17);
  f.relapse = st.Int(18) != 0;
  f.previous_file_id = st.IsNull(19) ? "" : st.Text(19);
  f.open_objections = static_cast<int>(st.Int(20));
  ASSIGN_OR_RETURN(f.opened_date, st.Date(21));
  ASSIGN_OR_RETURN(f.create_time, st.Timestamp(22));
  ASSIGN_OR_RETURN(f.update_time, st.Timestamp(23));
  f.etag = st.Text(24);
  return f;
}

constexpr char kObjectionColumns[] =
    "id, file_id, organisation_path, filed_date, content, answer, "
    "answered_date, upheld, create_time";

absl::StatusOr<HardshipObjection> ReadObjection(sql::Statement& st) {
  HardshipObjection o;
  o.id = st.Text(0);
  o.file_id = st.Text(1);
  o.organisation_path = st.Text(2);
  ASSIGN_OR_RETURN(o.filed_date, st.Date(3));
  o.content = st.Text(4);
  o.answer = st.Text(5);
  ASSIGN_OR_RETURN(o.answered_date, st.OptionalDate(6));
  o.upheld = st.Int(7) != 0;
  ASSIGN_OR_RETURN(o.create_time, st.Timestamp(8));
  return o;
}

}  // namespace

absl::StatusOr<std::optional<HardshipFile>> HardshipStore::Find(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kFileColumns,
                                        " FROM hardship_files WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, ReadFile);
}

absl::Status HardshipStore::Insert(sql::Session& s, const HardshipFile& f) {
  return s
      .Execute(absl::StrCat(
                   "INSERT INTO hardship_files (", kFileColumns,
                   ", open_person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               f.id, f.organisation_id, f.organisation_path, f.person_id,
               f.member_id, f.household_size, f.monthly_income_per_capita_fen,
               static_cast<int>(f.level), MaskOf(f.causes), f.situation,
               static_cast<int>(f.status), DateOrNull(f.publicity_start_date),
               DateOrNull(f.publicity_end_date), DateOrNull(f.approved_date),
               DateOrNull(f.last_check_date), DateOrNull(f.next_check_due_date),
               DateOrNull(f.exit_date), f.exit_reason, f.relapse,
               NullIfEmpty(f.previous_file_id), f.open_objections,
               FormatDate(f.opened_date), FormatTimestamp(f.create_time),
               FormatTimestamp(f.update_time), f.etag, OpenPerson(f))
      .status();
}

absl::Status HardshipStore::Update(sql::Session& s, const HardshipFile& f) {
  return s
      .Execute(
          "UPDATE hardship_files SET household_size = ?, "
          "monthly_income_per_capita_fen = ?, level = ?, cause_mask = ?, "
          "situation = ?, status = ?, publicity_start_date = ?, "
          "publicity_end_date = ?, approved_date = ?, last_check_date = ?, "
          "next_check_due_date = ?, exit_date = ?, exit_reason = ?, "
          "open_objections = ?, open_person_id = ?, update_time = ?, etag = ? "
          "WHERE id = ?",
          f.household_size, f.monthly_income_per_capita_fen,
          static_cast<int>(f.level), MaskOf(f.causes), f.situation,
          static_cast<int>(f.status), DateOrNull(f.publicity_start_date),
          DateOrNull(f.publicity_end_date), DateOrNull(f.approved_date),
          DateOrNull(f.last_check_date), DateOrNull(f.next_check_due_date),
          DateOrNull(f.exit_date), f.exit_reason, f.open_objections,
          OpenPerson(f), FormatTimestamp(f.update_time), f.etag, f.id)
      .status();
}

absl::StatusOr<std::vector<HardshipFile>> HardshipStore::List(
    sql::Session& s, const HardshipFileFilter& f) {
  std::string sql = absl::StrCat("SELECT ", kFileColumns,
                                 " FROM hardship_files WHERE "
                                 "organisation_path LIKE ?");
  if (f.status != HardshipFileStatus::kUnspecified) sql += " AND status = ?";
  if (f.level != HardshipLevel::kUnspecified) sql += " AND level = ?";
  if (f.cause != HardshipCause::kUnspecified)
    sql += " AND (cause_mask & ?) <> 0";
  if (f.recheck_due_before) {
    sql += " AND status = ? AND next_check_due_date < ?";
  }
  if (!f.person_id.empty()) sql += " AND person_id = ?";
  if (f.not_helped_in_year != 0) {
    sql +=
        " AND status = ? AND NOT EXISTS (SELECT 1 FROM aid_payments p WHERE "
        "p.person_id = hardship_files.person_id AND p.paid_year = ?)";
  }
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (f.status != HardshipFileStatus::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.status));
  if (f.level != HardshipLevel::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.level));
  if (f.cause != HardshipCause::kUnspecified)
    st->BindInt(++i, MaskOf(std::vector<HardshipCause>{f.cause}));
  if (f.recheck_due_before) {
    st->BindInt(++i, static_cast<int>(HardshipFileStatus::kActive));
    st->BindText(++i, FormatDate(*f.recheck_due_before));
  }
  if (!f.person_id.empty()) st->BindText(++i, f.person_id);
  if (f.not_helped_in_year != 0) {
    st->BindInt(++i, static_cast<int>(HardshipFileStatus::kActive));
    st->BindInt(++i, f.not_helped_in_year);
  }
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  st->BindInt(++i, f.limit);
  return sql::ReadRows<HardshipFile>(*st, ReadFile);
}

absl::StatusOr<std::optional<HardshipFile>> HardshipStore::FindOpen(
    sql::Session& s, absl::string_view person_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kFileColumns,
                           " FROM hardship_files WHERE open_person_id = ?"),
              person_id));
  return sql::ReadOne(*st, ReadFile);
}

absl::StatusOr<std::optional<HardshipFile>> HardshipStore::FindExitSince(
    sql::Session& s, absl::string_view person_id, absl::CivilDay since) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kFileColumns,
                           " FROM hardship_files WHERE person_id = ? AND "
                           "status = ? AND exit_date >= ? "
                           "ORDER BY exit_date DESC, id DESC LIMIT 1"),
              person_id, static_cast<int>(HardshipFileStatus::kExited),
              FormatDate(since)));
  return sql::ReadOne(*st, ReadFile);
}

absl::StatusOr<std::optional<HardshipObjection>> HardshipStore::FindObjection(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kObjectionColumns,
                           " FROM hardship_objections WHERE id = ?"),
              id));
  return sql::ReadOne(*st, ReadObjection);
}

absl::Status HardshipStore::InsertObjection(sql::Session& s,
                                            const HardshipObjection& o) {
  return s
      .Execute(
          absl::StrCat("INSERT INTO hardship_objections (", kObjectionColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          o.id, o.file_id, o.organisation_path, FormatDate(o.filed_date),
          o.content, o.answer, DateOrNull(o.answered_date), o.upheld,
          FormatTimestamp(o.create_time))
      .status();
}

absl::Status HardshipStore::UpdateObjection(sql::Session& s,
                                            const HardshipObjection& o) {
  return s
      .Execute(
          "UPDATE hardship_objections SET answer = ?, answered_date = ?, "
          "upheld = ? WHERE id = ?",
          o.answer, DateOrNull(o.answered_date), o.upheld, o.id)
      .status();
}

absl::StatusOr<std::vector<HardshipObjection>> HardshipStore::ListObjections(
    sql::Session& s, absl::string_view file_id, absl::string_view after_id,
    int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kObjectionColumns,
                           " FROM hardship_objections WHERE file_id = ? AND "
                           "id > ? ORDER BY id LIMIT ?"),
              file_id, after_id, limit));
  return sql::ReadRows<HardshipObjection>(*st, ReadObjection);
}

absl::Status HardshipStore::AppendStep(sql::Session& s, HardshipFileStep step) {
  return s
      .Execute(
          "INSERT INTO hardship_file_steps (file_id, id, step, step_date, "
          "note, key_id, record_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
          step.file_id, NewId(), step.step, FormatDate(step.date), step.note,
          step.key_id, FormatTimestamp(step.record_time))
      .status();
}

absl::StatusOr<std::vector<HardshipFileStep>> HardshipStore::ListSteps(
    sql::Session& s, absl::string_view file_id, absl::string_view after_id,
    int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT file_id, id, step, step_date, note, key_id, "
              "record_time FROM hardship_file_steps WHERE file_id = ? AND "
              "id > ? ORDER BY id LIMIT ?",
              file_id, after_id, limit));
  return sql::ReadRows<HardshipFileStep>(
      *st, [](sql::Statement& st) -> absl::StatusOr<HardshipFileStep> {
        HardshipFileStep step;
        step.file_id = st.Text(0);
        step.id = st.Text(1);
        step.step = st.Text(2);
        ASSIGN_OR_RETURN(step.date, st.Date(3));
        step.note = st.Text(4);
        step.key_id = st.Text(5);
        ASSIGN_OR_RETURN(step.record_time, st.Timestamp(6));
        return step;
      });
}

}  // namespace unionhub::welfare
