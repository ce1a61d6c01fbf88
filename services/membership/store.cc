#include "services/membership/store.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::membership {
namespace {

constexpr char kIdNumberContext[] = "member.id_number";
constexpr char kPhoneContext[] = "member.phone";

constexpr char kOrganisationColumns[] =
    "id, parent_id, name, type, path, state, create_time, update_time, etag";
constexpr char kMemberColumns[] =
    "id, organisation_id, organisation_path, name, id_number_cipher, "
    "phone_cipher, "
    "sex, birth_date, employment_type, join_date, status, status_date, "
    "transferred_from_member_id, transferred_to_member_id, created_by_key_id, "
    "create_time, update_time, etag, person_id";

using sql::NullIfEmpty;

absl::StatusOr<Organisation> ReadOrganisation(sql::Statement& st) {
  Organisation o;
  o.id = st.Text(0);
  o.parent_id = st.IsNull(1) ? "" : st.Text(1);
  o.name = st.Text(2);
  o.type = static_cast<OrganisationType>(st.Int(3));
  o.path = st.Text(4);
  o.state = static_cast<OrganisationState>(st.Int(5));
  ASSIGN_OR_RETURN(o.create_time, st.Timestamp(6));
  ASSIGN_OR_RETURN(o.update_time, st.Timestamp(7));
  o.etag = st.Text(8);
  return o;
}

// LIKE pattern for names starting with `prefix`, escaped with '!': backslash
// escapes mean different things to MySQL and SQLite string literals.
std::string LikePrefix(absl::string_view prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '!') out.push_back('!');
    out.push_back(c);
  }
  return out + "%";
}

// The holder_index column: the keyed hash while the membership is held, else
// NULL.
std::optional<std::string> HolderIndex(const Member& m,
                                       const std::string& index) {
  return HoldsMembership(m.status) ? std::optional<std::string>(index)
                                   : std::nullopt;
}

// A unique-key violation on writing a member can only be holder_index (ids are
// 64 random bits): the person holds another membership.
absl::StatusOr<bool> HolderConflict(const absl::Status& written) {
  if (written.code() == absl::StatusCode::kAlreadyExists) return false;
  RETURN_IF_ERROR(written);
  return true;
}

}  // namespace

std::string Store::IdNumberIndex(absl::string_view id_number) const {
  return keys_->BlindIndex(id_number, kIdNumberContext);
}

absl::StatusOr<std::optional<Organisation>> Store::FindOrganisation(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kOrganisationColumns,
                                        " FROM organisations WHERE id = ?"),
                           id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return ReadOrganisation(*st);
}

absl::StatusOr<std::optional<Organisation>> Store::FindRoot(sql::Session& s) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kOrganisationColumns,
                           " FROM organisations WHERE parent_id IS NULL")));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return ReadOrganisation(*st);
}

absl::Status Store::InsertOrganisation(sql::Session& s, const Organisation& o) {
  return s
      .Execute(absl::StrCat("INSERT INTO organisations (", kOrganisationColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               o.id, NullIfEmpty(o.parent_id), o.name, static_cast<int>(o.type),
               o.path, static_cast<int>(o.state),
               FormatTimestamp(o.create_time), FormatTimestamp(o.update_time),
               o.etag)
      .status();
}

absl::Status Store::UpdateOrganisation(sql::Session& s, const Organisation& o) {
  return s
      .Execute(
          "UPDATE organisations SET name = ?, state = ?, update_time = ?, "
          "etag = ? WHERE id = ?",
          o.name, static_cast<int>(o.state), FormatTimestamp(o.update_time),
          o.etag, o.id)
      .status();
}

absl::StatusOr<std::vector<Organisation>> Store::ListOrganisations(
    sql::Session& s, const OrganisationFilter& f) {
  std::string sql = absl::StrCat("SELECT ", kOrganisationColumns,
                                 " FROM organisations WHERE path > ? AND ");
  sql += f.under_path.empty() ? "parent_id = ?" : "path LIKE ? AND path <> ?";
  if (!f.include_closed) absl::StrAppend(&sql, " AND state = 1");
  sql += " ORDER BY path LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  if (f.under_path.empty()) {
    st->Bind(f.after_path, f.parent_id, f.limit);
  } else {
    st->Bind(f.after_path, f.under_path + "%", f.under_path, f.limit);
  }
  std::vector<Organisation> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(out.emplace_back(), ReadOrganisation(*st));
  }
}

absl::StatusOr<bool> Store::HasActiveChildren(sql::Session& s,
                                              absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT 1 FROM organisations WHERE parent_id = ? AND "
              "state = 1 LIMIT 1",
              id));
  return st->Step();
}

absl::StatusOr<bool> Store::SiblingNameTaken(sql::Session& s,
                                             absl::string_view parent_id,
                                             absl::string_view name,
                                             absl::string_view except_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT 1 FROM organisations WHERE parent_id = ? AND "
              "name = ? AND state = 1 AND id <> ? LIMIT 1",
              parent_id, name, except_id));
  return st->Step();
}

absl::StatusOr<Member> Store::ReadMember(sql::Statement& st) {
  Member m;
  m.id = st.Text(0);
  m.organisation_id = st.Text(1);
  m.organisation_path = st.Text(2);
  m.name = st.Text(3);
  ASSIGN_OR_RETURN(m.id_number, keys_->Decrypt(st.Text(4), kIdNumberContext));
  if (!st.IsNull(5)) {
    ASSIGN_OR_RETURN(m.phone, keys_->Decrypt(st.Text(5), kPhoneContext));
  }
  m.sex = static_cast<Sex>(st.Int(6));
  ASSIGN_OR_RETURN(m.birth_date, st.Date(7));
  m.employment_type = static_cast<EmploymentType>(st.Int(8));
  ASSIGN_OR_RETURN(m.join_date, st.Date(9));
  m.status = static_cast<MemberStatus>(st.Int(10));
  ASSIGN_OR_RETURN(m.status_date, st.Date(11));
  m.transferred_from_member_id = st.IsNull(12) ? "" : st.Text(12);
  m.transferred_to_member_id = st.IsNull(13) ? "" : st.Text(13);
  m.created_by_key_id = st.Text(14);
  ASSIGN_OR_RETURN(m.create_time, st.Timestamp(15));
  ASSIGN_OR_RETURN(m.update_time, st.Timestamp(16));
  m.etag = st.Text(17);
  m.person_id = st.IsNull(18) ? "" : st.Text(18);
  return m;
}

absl::StatusOr<std::optional<Member>> Store::FindMember(sql::Session& s,
                                                        absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kMemberColumns,
                                        " FROM members WHERE id = ?"),
                           id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return ReadMember(*st);
}

void Store::BindMember(sql::Statement& st, int first, const Member& m,
                       const std::string& index) {
  int i = first;
  st.BindText(i++, m.id);
  st.BindText(i++, m.organisation_id);
  st.BindText(i++, m.organisation_path);
  st.BindText(i++, m.name);
  st.BindBlob(i++, keys_->Encrypt(m.id_number, kIdNumberContext));
  if (m.phone.empty()) {
    st.BindNull(i++);
  } else {
    st.BindBlob(i++, keys_->Encrypt(m.phone, kPhoneContext));
  }
  st.BindInt(i++, static_cast<int>(m.sex));
  st.BindText(i++, FormatDate(m.birth_date));
  st.BindInt(i++, static_cast<int>(m.employment_type));
  st.BindText(i++, FormatDate(m.join_date));
  st.BindInt(i++, static_cast<int>(m.status));
  st.BindText(i++, FormatDate(m.status_date));
  auto text_or_null = [&](const std::string& v) {
    if (v.empty()) {
      st.BindNull(i++);
    } else {
      st.BindText(i++, v);
    }
  };
  text_or_null(m.transferred_from_member_id);
  text_or_null(m.transferred_to_member_id);
  st.BindText(i++, m.created_by_key_id);
  st.BindText(i++, FormatTimestamp(m.create_time));
  st.BindText(i++, FormatTimestamp(m.update_time));
  st.BindText(i++, m.etag);
  st.BindText(i++, m.person_id);
  st.BindText(i++, index);
  text_or_null(HoldsMembership(m.status) ? index : std::string());
}

namespace {

constexpr int kInsertColumns =
    21;  // kMemberColumns, id_number_index, holder_index.

// INSERT INTO members (...) VALUES (?, ...), ... for `rows` rows.
std::string InsertMembersSql(int rows) {
  std::string one = "(?";
  for (int c = 1; c < kInsertColumns; ++c) one += ", ?";
  one += ")";
  std::string sql =
      absl::StrCat("INSERT INTO members (", kMemberColumns,
                   ", id_number_index, holder_index) VALUES ", one);
  for (int r = 1; r < rows; ++r) absl::StrAppend(&sql, ", ", one);
  return sql;
}

}  // namespace

absl::Status Store::AssignPersons(sql::Session& s,
                                  const std::vector<Member*>& members,
                                  const std::vector<std::string>& indexes) {
  absl::flat_hash_map<absl::string_view, std::vector<Member*>> unassigned;
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i]->person_id.empty())
      unassigned[indexes[i]].push_back(members[i]);
  }
  std::vector<absl::string_view> lookups;
  if (!unassigned.empty()) {
    // Until someone leaves there is nobody to look up (a first roster load).
    ASSIGN_OR_RETURN(sql::Statement * any,
                     s.Query("SELECT 1 FROM former_persons LIMIT 1"));
    ASSIGN_OR_RETURN(bool someone_left, any->Step());
    if (someone_left) {
      lookups.reserve(unassigned.size());
      for (const auto& [index, people] : unassigned) lookups.push_back(index);
    }
  }
  // A person seen before either holds a membership now, and then the insert
  // meets holder_index and is refused, or has ended one and is in
  // former_persons.
  for (size_t start = 0; start < lookups.size(); start += kLookupBatch) {
    size_t end = std::min(lookups.size(), start + kLookupBatch);
    std::string sql =
        "SELECT id_number_index, person_id FROM former_persons WHERE "
        "id_number_index IN (?";
    for (size_t i = start + 1; i < end; ++i) sql += ", ?";
    sql += ")";
    ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
    for (size_t i = start; i < end; ++i)
      st->BindText(i - start + 1, lookups[i]);
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      auto found = unassigned.find(st->Text(0));
      if (found == unassigned.end()) continue;
      std::string person_id = st->Text(1);
      for (Member* m : found->second) m->person_id = person_id;
    }
  }
  // The rest are seen for the first time. (Two first registrations of one
  // person cannot both commit: only one may hold the membership.)
  for (auto& [index, people] : unassigned) {
    if (!people.front()->person_id.empty()) continue;
    std::string person_id = NewId();
    for (Member* m : people) m->person_id = person_id;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> Store::InsertMember(sql::Session& s, Member& m) {
  std::string index = IdNumberIndex(m.id_number);
  RETURN_IF_ERROR(AssignPersons(s, {&m}, {index}));
  return InsertOne(s, m, index);
}

absl::StatusOr<bool> Store::InsertOne(sql::Session& s, const Member& m,
                                      const std::string& id_number_index) {
  static const std::string* sql = new std::string(InsertMembersSql(1));
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(*sql));
  BindMember(*st, 1, m, id_number_index);
  return HolderConflict(st->Execute().status());
}

absl::StatusOr<std::vector<bool>> Store::InsertMembers(
    sql::Session& s, const std::vector<Member*>& members) {
  std::vector<std::string> indexes;
  indexes.reserve(members.size());
  for (const Member* m : members)
    indexes.push_back(IdNumberIndex(m->id_number));
  RETURN_IF_ERROR(AssignPersons(s, members, indexes));
  static const std::string* insert_batch =
      new std::string(InsertMembersSql(kInsertBatch));
  std::vector<bool> written(members.size(), false);
  // MySQL pays a network round trip per statement, so rows go kInsertBatch at a
  // time. In-process SQLite has no round trip to save, and a multi-row INSERT
  // would make it keep a statement journal: one row per statement is cheapest
  // there.
  bool batched = s.backend() == sql::Backend::kMysql;
  for (size_t start = 0; start < members.size(); start += kInsertBatch) {
    size_t end = std::min(members.size(), start + kInsertBatch);
    if (batched && end - start == static_cast<size_t>(kInsertBatch)) {
      ASSIGN_OR_RETURN(sql::Statement * insert, s.Prepare(*insert_batch));
      for (size_t i = start; i < end; ++i) {
        BindMember(*insert, 1 + (i - start) * kInsertColumns, *members[i],
                   indexes[i]);
      }
      // A conflict undoes the whole statement; the rows are then tried one by
      // one.
      absl::Status batch = insert->Execute().status();
      if (batch.ok()) {
        std::fill(written.begin() + start, written.begin() + end, true);
        continue;
      }
      if (batch.code() != absl::StatusCode::kAlreadyExists) return batch;
    }
    for (size_t i = start; i < end; ++i) {
      ASSIGN_OR_RETURN(bool ok, InsertOne(s, *members[i], indexes[i]));
      written[i] = ok;
    }
  }
  return written;
}

absl::StatusOr<bool> Store::UpdateMember(sql::Session& s, const Member& m) {
  std::optional<std::string> phone;
  if (!m.phone.empty()) phone = keys_->Encrypt(m.phone, kPhoneContext);
  const std::string index = IdNumberIndex(m.id_number);
  if (!HoldsMembership(m.status)) {
    // The person may register again later: keep their id where a registration
    // looks (AssignPersons).
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO former_persons (id_number_index, person_id) "
                  "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM former_persons "
                  "WHERE id_number_index = ?)",
                  index, m.person_id, index)
            .status());
  }
  return HolderConflict(
      s.Execute(
           "UPDATE members SET organisation_id = ?, organisation_path = ?, "
           "name = ?, phone_cipher = ?, employment_type = ?, status = ?, "
           "status_date = ?, transferred_to_member_id = ?, update_time = ?, "
           "etag = ?, holder_index = ? WHERE id = ?",
           m.organisation_id, m.organisation_path, m.name,
           phone ? std::optional<sql::Blob>(sql::Blob{*phone}) : std::nullopt,
           static_cast<int>(m.employment_type), static_cast<int>(m.status),
           FormatDate(m.status_date), NullIfEmpty(m.transferred_to_member_id),
           FormatTimestamp(m.update_time), m.etag, HolderIndex(m, index), m.id)
          .status());
}

absl::StatusOr<std::vector<Member>> Store::ListMembers(sql::Session& s,
                                                       const MemberFilter& f) {
  // Filters are appended in a fixed order, so each combination is one cached
  // statement.
  std::string sql =
      absl::StrCat("SELECT ", kMemberColumns, " FROM members WHERE ");
  sql +=
      f.under_path.empty() ? "organisation_id = ?" : "organisation_path LIKE ?";
  if (f.status != MemberStatus::kUnspecified) sql += " AND status = ?";
  if (f.employment_type != EmploymentType::kUnspecified) {
    sql += " AND employment_type = ?";
  }
  if (!f.name_prefix.empty()) sql += " AND name LIKE ? ESCAPE '!'";
  if (!f.id_number_index.empty()) sql += " AND id_number_index = ?";
  if (!f.person_id.empty()) sql += " AND person_id = ?";
  if (f.only_model_workers) {
    sql +=
        " AND EXISTS (SELECT 1 FROM model_workers w WHERE w.person_id = "
        "members.person_id)";
  }
  if (!f.after_id.empty()) sql += " AND (name > ? OR (name = ? AND id > ?))";
  sql += " ORDER BY name, id LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  if (f.under_path.empty()) {
    st->BindText(++i, f.organisation_id);
  } else {
    st->BindText(++i, f.under_path + "%");
  }
  if (f.status != MemberStatus::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.status));
  if (f.employment_type != EmploymentType::kUnspecified) {
    st->BindInt(++i, static_cast<int>(f.employment_type));
  }
  if (!f.name_prefix.empty()) st->BindText(++i, LikePrefix(f.name_prefix));
  if (!f.id_number_index.empty()) st->BindText(++i, f.id_number_index);
  if (!f.person_id.empty()) st->BindText(++i, f.person_id);
  if (!f.after_id.empty()) {
    st->BindText(++i, f.after_name);
    st->BindText(++i, f.after_name);
    st->BindText(++i, f.after_id);
  }
  st->BindInt(++i, f.limit);
  std::vector<Member> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(out.emplace_back(), ReadMember(*st));
  }
}

absl::StatusOr<int64_t> Store::CountHolders(sql::Session& s,
                                            absl::string_view organisation_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(*) FROM members WHERE organisation_id = ? "
              "AND status IN (1, 2)",
              organisation_id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

absl::Status Store::InsertImport(sql::Session& s, absl::string_view id,
                                 int64_t rows_read, int64_t rows_imported,
                                 int64_t rows_rejected,
                                 absl::string_view created_at) {
  return s
      .Execute(
          "INSERT INTO member_imports (id, rows_read, rows_imported, "
          "rows_rejected, created_at) VALUES (?, ?, ?, ?, ?)",
          id, rows_read, rows_imported, rows_rejected, created_at)
      .status();
}

absl::Status Store::InsertStatusChange(sql::Session& s,
                                       const MemberStatusChange& c) {
  return s
      .Execute(
          "INSERT INTO member_status_changes (id, member_id, from_status, "
          "to_status, effective_date, reason, organisation_id, actor_key_id, "
          "record_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          NewId(), c.member_id, static_cast<int>(c.from_status),
          static_cast<int>(c.to_status), FormatDate(c.effective_date), c.reason,
          c.organisation_id, c.actor_key_id, FormatTimestamp(c.record_time))
      .status();
}

absl::StatusOr<std::vector<MemberStatusChange>> Store::ListStatusChanges(
    sql::Session& s, absl::string_view member_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT member_id, from_status, to_status, effective_date, "
              "reason, organisation_id, actor_key_id, record_time FROM "
              "member_status_changes WHERE member_id = ? ORDER BY "
              "effective_date, record_time, id",
              member_id));
  std::vector<MemberStatusChange> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    MemberStatusChange& c = out.emplace_back();
    c.member_id = st->Text(0);
    c.from_status = static_cast<MemberStatus>(st->Int(1));
    c.to_status = static_cast<MemberStatus>(st->Int(2));
    ASSIGN_OR_RETURN(c.effective_date, st->Date(3));
    c.reason = st->Text(4);
    c.organisation_id = st->Text(5);
    c.actor_key_id = st->Text(6);
    ASSIGN_OR_RETURN(c.record_time, st->Timestamp(7));
  }
}

}  // namespace unionhub::membership
