#include "services/democracy/disclosure/disclosure_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::democracy {
namespace {

constexpr char kEntryColumns[] =
    "id, organisation_id, organisation_path, category, title, frequency, "
    "grace_days, create_time";

absl::StatusOr<DisclosureCatalogueEntry> ReadEntry(sql::Statement& st) {
  DisclosureCatalogueEntry e;
  e.id = st.Text(0);
  e.organisation_id = st.Text(1);
  e.organisation_path = st.Text(2);
  e.category = static_cast<DisclosureCategory>(st.Int(3));
  e.title = st.Text(4);
  e.frequency = static_cast<DisclosureFrequency>(st.Int(5));
  e.grace_days = static_cast<int>(st.Int(6));
  ASSIGN_OR_RETURN(e.create_time, st.Timestamp(7));
  return e;
}

constexpr char kItemColumns[] =
    "id, organisation_id, organisation_path, category, title, content, "
    "catalogue_entry_id, period, publicity_start_date, publicity_end_date, "
    "objections, open_objections, create_time";

absl::StatusOr<DisclosureItem> ReadItem(sql::Statement& st) {
  DisclosureItem i;
  i.id = st.Text(0);
  i.organisation_id = st.Text(1);
  i.organisation_path = st.Text(2);
  i.category = static_cast<DisclosureCategory>(st.Int(3));
  i.title = st.Text(4);
  i.content = st.Text(5);
  i.catalogue_entry_id = st.Text(6);
  i.period = st.Text(7);
  ASSIGN_OR_RETURN(i.publicity_start_date, st.Date(8));
  ASSIGN_OR_RETURN(i.publicity_end_date, st.Date(9));
  i.objections = static_cast<int>(st.Int(10));
  i.open_objections = static_cast<int>(st.Int(11));
  ASSIGN_OR_RETURN(i.create_time, st.Timestamp(12));
  return i;
}

constexpr char kObjectionColumns[] =
    "id, item_id, organisation_path, filed_date, content, answered, answer, "
    "answered_date, upheld, create_time";

absl::StatusOr<DisclosureObjection> ReadObjection(sql::Statement& st) {
  DisclosureObjection o;
  o.id = st.Text(0);
  o.item_id = st.Text(1);
  o.organisation_path = st.Text(2);
  ASSIGN_OR_RETURN(o.filed_date, st.Date(3));
  o.content = st.Text(4);
  o.answered = st.Int(5) != 0;
  o.answer = st.Text(6);
  ASSIGN_OR_RETURN(o.answered_date, st.OptionalDate(7));
  o.upheld = st.Int(8) != 0;
  ASSIGN_OR_RETURN(o.create_time, st.Timestamp(9));
  return o;
}

}  // namespace

absl::StatusOr<std::optional<DisclosureCatalogueEntry>>
DisclosureStore::FindEntry(sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kEntryColumns,
                           " FROM disclosure_catalogue WHERE id = ?"),
              id));
  return sql::ReadOne(*st, ReadEntry);
}

absl::Status DisclosureStore::InsertEntry(sql::Session& s,
                                          const DisclosureCatalogueEntry& e) {
  return s
      .Execute(absl::StrCat("INSERT INTO disclosure_catalogue (", kEntryColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
               e.id, e.organisation_id, e.organisation_path,
               static_cast<int>(e.category), e.title,
               static_cast<int>(e.frequency), e.grace_days,
               FormatTimestamp(e.create_time))
      .status();
}

absl::StatusOr<std::vector<DisclosureCatalogueEntry>>
DisclosureStore::Catalogue(sql::Session& s, absl::string_view organisation_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kEntryColumns,
                           " FROM disclosure_catalogue WHERE organisation_id "
                           "= ? ORDER BY id"),
              organisation_id));
  return sql::ReadRows<DisclosureCatalogueEntry>(*st, ReadEntry);
}

absl::StatusOr<std::optional<DisclosureItem>> DisclosureStore::FindItem(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kItemColumns,
                                        " FROM disclosure_items WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, ReadItem);
}

absl::Status DisclosureStore::InsertItem(sql::Session& s,
                                         const DisclosureItem& i) {
  return s
      .Execute(absl::StrCat("INSERT INTO disclosure_items (", kItemColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               i.id, i.organisation_id, i.organisation_path,
               static_cast<int>(i.category), i.title, i.content,
               i.catalogue_entry_id, i.period,
               FormatDate(i.publicity_start_date),
               FormatDate(i.publicity_end_date), i.objections,
               i.open_objections, FormatTimestamp(i.create_time))
      .status();
}

absl::StatusOr<std::vector<DisclosureItem>> DisclosureStore::ListItems(
    sql::Session& s, absl::string_view under_path, DisclosureCategory category,
    absl::string_view before_id, int limit) {
  const bool with_category = category != DisclosureCategory::kUnspecified;
  std::string sql = absl::StrCat("SELECT ", kItemColumns,
                                 " FROM disclosure_items WHERE "
                                 "organisation_path LIKE ?");
  if (with_category) sql += " AND category = ?";
  if (!before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, absl::StrCat(under_path, "%"));
  if (with_category) st->BindInt(++i, static_cast<int>(category));
  if (!before_id.empty()) st->BindText(++i, before_id);
  st->BindInt(++i, limit);
  return sql::ReadRows<DisclosureItem>(*st, ReadItem);
}

absl::StatusOr<std::vector<std::pair<std::string, absl::CivilDay>>>
DisclosureStore::FirstDisclosures(sql::Session& s,
                                  absl::string_view catalogue_entry_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT period, MIN(publicity_start_date) FROM disclosure_items "
              "WHERE catalogue_entry_id = ? GROUP BY period",
              catalogue_entry_id));
  return sql::ReadRows<std::pair<std::string, absl::CivilDay>>(
      *st,
      [](sql::Statement& st)
          -> absl::StatusOr<std::pair<std::string, absl::CivilDay>> {
        ASSIGN_OR_RETURN(absl::CivilDay day, st.Date(1));
        return std::pair<std::string, absl::CivilDay>{st.Text(0), day};
      });
}

absl::Status DisclosureStore::CountObjections(sql::Session& s,
                                              absl::string_view item_id,
                                              int filed, int answered) {
  return s
      .Execute(
          "UPDATE disclosure_items SET objections = objections + ?, "
          "open_objections = open_objections + ? - ? WHERE id = ?",
          filed, filed, answered, item_id)
      .status();
}

absl::StatusOr<std::optional<DisclosureObjection>>
DisclosureStore::FindObjection(sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kObjectionColumns,
                           " FROM disclosure_objections WHERE id = ?"),
              id));
  return sql::ReadOne(*st, ReadObjection);
}

absl::Status DisclosureStore::InsertObjection(sql::Session& s,
                                              const DisclosureObjection& o) {
  return s
      .Execute(
          absl::StrCat("INSERT INTO disclosure_objections (", kObjectionColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          o.id, o.item_id, o.organisation_path, FormatDate(o.filed_date),
          o.content, o.answered ? 1 : 0, o.answer,
          sql::DateOrNull(o.answered_date), o.upheld ? 1 : 0,
          FormatTimestamp(o.create_time))
      .status();
}

absl::Status DisclosureStore::AnswerObjection(sql::Session& s,
                                              const DisclosureObjection& o) {
  return s
      .Execute(
          "UPDATE disclosure_objections SET answered = ?, answer = ?, "
          "answered_date = ?, upheld = ? WHERE id = ?",
          o.answered ? 1 : 0, o.answer, sql::DateOrNull(o.answered_date),
          o.upheld ? 1 : 0, o.id)
      .status();
}

absl::StatusOr<std::vector<DisclosureObjection>>
DisclosureStore::ListObjections(sql::Session& s, absl::string_view item_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kObjectionColumns,
                           " FROM disclosure_objections WHERE item_id = ? "
                           "ORDER BY id"),
              item_id));
  return sql::ReadRows<DisclosureObjection>(*st, ReadObjection);
}

}  // namespace unionhub::democracy
