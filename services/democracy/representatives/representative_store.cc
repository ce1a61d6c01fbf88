#include "services/democracy/representatives/representative_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::democracy {
namespace {

constexpr char kColumns[] =
    "id, term_id, organisation_id, organisation_path, person_id, group_kind, "
    "woman, age_band, delegation, elected_date, status, review_note, "
    "replaces_id, replaced_by_id, end_date, end_reason, create_time, etag";

absl::StatusOr<Representative> Read(sql::Statement& st) {
  Representative r;
  r.id = st.Text(0);
  r.term_id = st.Text(1);
  r.organisation_id = st.Text(2);
  r.organisation_path = st.Text(3);
  r.person_id = st.Text(4);
  r.group = static_cast<RepresentativeGroup>(st.Int(5));
  r.woman = st.Int(6) != 0;
  r.age_band = static_cast<AgeBand>(st.Int(7));
  r.delegation = st.Text(8);
  ASSIGN_OR_RETURN(r.elected_date, st.Date(9));
  r.status = static_cast<RepresentativeStatus>(st.Int(10));
  r.review_note = st.Text(11);
  r.replaces_id = st.Text(12);
  r.replaced_by_id = st.Text(13);
  ASSIGN_OR_RETURN(r.end_date, st.OptionalDate(14));
  r.end_reason = st.Text(15);
  ASSIGN_OR_RETURN(r.create_time, st.Timestamp(16));
  r.etag = st.Text(17);
  return r;
}

std::optional<std::string> SeatOf(const Representative& r) {
  if (!r.holds_seat()) return std::nullopt;
  return r.person_id;
}

}  // namespace

absl::StatusOr<std::optional<Representative>> RepresentativeStore::Find(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kColumns,
                                        " FROM representatives WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, Read);
}

absl::Status RepresentativeStore::Insert(sql::Session& s,
                                         const Representative& r) {
  return s
      .Execute(absl::StrCat("INSERT INTO representatives (", kColumns,
                            ", seat_person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               r.id, r.term_id, r.organisation_id, r.organisation_path,
               r.person_id, static_cast<int>(r.group), r.woman ? 1 : 0,
               static_cast<int>(r.age_band), r.delegation,
               FormatDate(r.elected_date), static_cast<int>(r.status),
               r.review_note, r.replaces_id, r.replaced_by_id,
               sql::DateOrNull(r.end_date), r.end_reason,
               FormatTimestamp(r.create_time), r.etag, SeatOf(r))
      .status();
}

absl::Status RepresentativeStore::Update(sql::Session& s,
                                         const Representative& r) {
  return s
      .Execute(
          "UPDATE representatives SET status = ?, review_note = ?, "
          "replaced_by_id = ?, end_date = ?, end_reason = ?, "
          "seat_person_id = ?, etag = ? WHERE id = ?",
          static_cast<int>(r.status), r.review_note, r.replaced_by_id,
          sql::DateOrNull(r.end_date), r.end_reason, SeatOf(r), r.etag, r.id)
      .status();
}

absl::StatusOr<std::vector<Representative>> RepresentativeStore::List(
    sql::Session& s, absl::string_view term_id, RepresentativeStatus status,
    absl::string_view delegation, absl::string_view after_id, int limit) {
  const bool with_status = status != RepresentativeStatus::kUnspecified;
  std::string sql = absl::StrCat("SELECT ", kColumns,
                                 " FROM representatives WHERE term_id = ?");
  if (with_status) sql += " AND status = ?";
  if (!delegation.empty()) sql += " AND delegation = ?";
  if (!after_id.empty()) sql += " AND id > ?";
  sql += " ORDER BY id LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, term_id);
  if (with_status) st->BindInt(++i, static_cast<int>(status));
  if (!delegation.empty()) st->BindText(++i, delegation);
  if (!after_id.empty()) st->BindText(++i, after_id);
  st->BindInt(++i, limit);
  return sql::ReadRows<Representative>(*st, Read);
}

absl::StatusOr<int64_t> RepresentativeStore::Count(
    sql::Session& s, absl::string_view term_id, RepresentativeStatus status) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT COUNT(*) FROM representatives WHERE "
                           "term_id = ? AND status = ?",
                           term_id, static_cast<int>(status)));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

absl::StatusOr<CompositionCounts> RepresentativeStore::Counts(
    sql::Session& s, absl::string_view term_id) {
  CompositionCounts c;
  const int seated = static_cast<int>(RepresentativeStatus::kQualified);
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT group_kind, age_band, woman, delegation, COUNT(*) FROM "
              "representatives WHERE term_id = ? AND status = ? GROUP BY "
              "group_kind, age_band, woman, delegation ORDER BY delegation",
              term_id, seated));
  std::map<int, int> groups, bands;
  std::map<std::string, int> delegations;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    int n = static_cast<int>(st->Int(4));
    c.seated += n;
    groups[static_cast<int>(st->Int(0))] += n;
    int band = static_cast<int>(st->Int(1));
    bands[band] += n;
    if (band == static_cast<int>(AgeBand::kUnder35)) c.young += n;
    if (st->Int(2) != 0) c.women += n;
    delegations[st->Text(3)] += n;
  }
  for (const auto& [g, n] : groups)
    c.by_group.emplace_back(static_cast<RepresentativeGroup>(g), n);
  for (const auto& [b, n] : bands)
    c.by_age_band.emplace_back(static_cast<AgeBand>(b), n);
  for (const auto& [d, n] : delegations) c.by_delegation.emplace_back(d, n);
  ASSIGN_OR_RETURN(int64_t awaiting,
                   Count(s, term_id, RepresentativeStatus::kElected));
  c.awaiting_review = static_cast<int>(awaiting);
  return c;
}

}  // namespace unionhub::democracy
