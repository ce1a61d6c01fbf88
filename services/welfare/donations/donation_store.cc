#include "services/welfare/donations/donation_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::welfare {
namespace {

constexpr char kDriveColumns[] =
    "id, organisation_id, organisation_path, name, purpose, start_date, "
    "end_date, status, pledged_fen, received_fen, allocated_fen, "
    "pledged_items, received_items, allocated_items, donations, create_time, "
    "update_time, etag";

absl::StatusOr<DonationDrive> ReadDrive(sql::Statement& st) {
  DonationDrive d;
  d.id = st.Text(0);
  d.organisation_id = st.Text(1);
  d.organisation_path = st.Text(2);
  d.name = st.Text(3);
  d.purpose = static_cast<DonationPurpose>(st.Int(4));
  ASSIGN_OR_RETURN(d.start_date, st.Date(5));
  ASSIGN_OR_RETURN(d.end_date, st.Date(6));
  d.status = static_cast<DonationDriveStatus>(st.Int(7));
  d.pledged_fen = st.Int(8);
  d.received_fen = st.Int(9);
  d.allocated_fen = st.Int(10);
  d.pledged_items = st.Int(11);
  d.received_items = st.Int(12);
  d.allocated_items = st.Int(13);
  d.donations = st.Int(14);
  ASSIGN_OR_RETURN(d.create_time, st.Timestamp(15));
  ASSIGN_OR_RETURN(d.update_time, st.Timestamp(16));
  d.etag = st.Text(17);
  return d;
}

constexpr char kDonationColumns[] =
    "id, drive_id, organisation_path, person_id, donor_unit, form, pledged, "
    "received, item_description, pledge_date, create_time";

absl::StatusOr<Donation> ReadDonation(sql::Statement& st) {
  Donation d;
  d.id = st.Text(0);
  d.drive_id = st.Text(1);
  d.organisation_path = st.Text(2);
  d.person_id = st.IsNull(3) ? "" : st.Text(3);
  d.donor_unit = st.Text(4);
  d.form = static_cast<DonationForm>(st.Int(5));
  d.pledged = st.Int(6);
  d.received = st.Int(7);
  d.item_description = st.Text(8);
  ASSIGN_OR_RETURN(d.pledge_date, st.Date(9));
  ASSIGN_OR_RETURN(d.create_time, st.Timestamp(10));
  return d;
}

constexpr char kAllocationColumns[] =
    "id, drive_id, organisation_path, person_id, beneficiary, form, amount, "
    "allocation_date, create_time";

absl::StatusOr<DonationAllocation> ReadAllocation(sql::Statement& st) {
  DonationAllocation a;
  a.id = st.Text(0);
  a.drive_id = st.Text(1);
  a.organisation_path = st.Text(2);
  a.person_id = st.IsNull(3) ? "" : st.Text(3);
  a.beneficiary = st.Text(4);
  a.form = static_cast<DonationForm>(st.Int(5));
  a.amount = st.Int(6);
  ASSIGN_OR_RETURN(a.allocation_date, st.Date(7));
  ASSIGN_OR_RETURN(a.create_time, st.Timestamp(8));
  return a;
}

// The drive's columns for a form: "fen" or "items".
const char* Unit(DonationForm form) {
  return form == DonationForm::kItems ? "items" : "fen";
}

template <typename T>
absl::StatusOr<std::optional<T>> FindById(
    sql::Session& s, const char* columns, const char* table,
    absl::string_view id, absl::StatusOr<T> (*read)(sql::Statement&)) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", columns, " FROM ", table,
                                        " WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, read);
}

// Rows of `table` for a drive, oldest first, after `after_id`.
template <typename T>
absl::StatusOr<std::vector<T>> ForDrive(
    sql::Session& s, const char* columns, const char* table,
    absl::string_view drive_id, absl::string_view after_id, int limit,
    absl::StatusOr<T> (*read)(sql::Statement&)) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(
          absl::StrCat("SELECT ", columns, " FROM ", table,
                       " WHERE drive_id = ? AND id > ? ORDER BY id LIMIT ?"),
          drive_id, after_id, limit));
  return sql::ReadRows<T>(*st, read);
}

}  // namespace

absl::StatusOr<std::optional<DonationDrive>> DonationStore::FindDrive(
    sql::Session& s, absl::string_view id) {
  return FindById<DonationDrive>(s, kDriveColumns, "donation_drives", id,
                                 ReadDrive);
}

absl::Status DonationStore::InsertDrive(sql::Session& s,
                                        const DonationDrive& d) {
  return s
      .Execute(absl::StrCat("INSERT INTO donation_drives (", kDriveColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?, ?)"),
               d.id, d.organisation_id, d.organisation_path, d.name,
               static_cast<int>(d.purpose), FormatDate(d.start_date),
               FormatDate(d.end_date), static_cast<int>(d.status),
               d.pledged_fen, d.received_fen, d.allocated_fen, d.pledged_items,
               d.received_items, d.allocated_items, d.donations,
               FormatTimestamp(d.create_time), FormatTimestamp(d.update_time),
               d.etag)
      .status();
}

absl::Status DonationStore::UpdateDriveStatus(sql::Session& s,
                                              const DonationDrive& d) {
  return s
      .Execute(
          "UPDATE donation_drives SET status = ?, update_time = ?, etag = ? "
          "WHERE id = ?",
          static_cast<int>(d.status), FormatTimestamp(d.update_time), d.etag,
          d.id)
      .status();
}

absl::StatusOr<std::vector<DonationDrive>> DonationStore::ListDrives(
    sql::Session& s, absl::string_view under_path, DonationPurpose purpose,
    absl::string_view before_id, int limit) {
  std::string sql =
      absl::StrCat("SELECT ", kDriveColumns,
                   " FROM donation_drives WHERE organisation_path LIKE ?");
  if (purpose != DonationPurpose::kUnspecified) sql += " AND purpose = ?";
  if (!before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, absl::StrCat(under_path, "%"));
  if (purpose != DonationPurpose::kUnspecified)
    st->BindInt(++i, static_cast<int>(purpose));
  if (!before_id.empty()) st->BindText(++i, before_id);
  st->BindInt(++i, limit);
  return sql::ReadRows<DonationDrive>(*st, ReadDrive);
}

absl::Status DonationStore::AddPledge(sql::Session& s,
                                      absl::string_view drive_id,
                                      DonationForm form, int64_t pledged,
                                      int64_t received, absl::Time now) {
  const char* unit = Unit(form);
  return s
      .Execute(absl::StrCat("UPDATE donation_drives SET pledged_", unit,
                            " = pledged_", unit, " + ?, received_", unit,
                            " = received_", unit,
                            " + ?, donations = donations + 1, "
                            "update_time = ? WHERE id = ?"),
               pledged, received, FormatTimestamp(now), drive_id)
      .status();
}

absl::Status DonationStore::AddReceived(sql::Session& s,
                                        absl::string_view drive_id,
                                        DonationForm form, int64_t amount,
                                        absl::Time now) {
  const char* unit = Unit(form);
  return s
      .Execute(absl::StrCat("UPDATE donation_drives SET received_", unit,
                            " = received_", unit,
                            " + ?, update_time = ? WHERE id = ?"),
               amount, FormatTimestamp(now), drive_id)
      .status();
}

absl::StatusOr<bool> DonationStore::AddAllocated(sql::Session& s,
                                                 absl::string_view drive_id,
                                                 DonationForm form,
                                                 int64_t amount,
                                                 absl::Time now) {
  const char* unit = Unit(form);
  ASSIGN_OR_RETURN(
      int64_t changed,
      s.Execute(absl::StrCat("UPDATE donation_drives SET allocated_", unit,
                             " = allocated_", unit,
                             " + ?, update_time = ? WHERE id = ? AND "
                             "allocated_",
                             unit, " + ? <= received_", unit),
                amount, FormatTimestamp(now), drive_id, amount));
  return changed == 1;
}

absl::StatusOr<std::optional<Donation>> DonationStore::FindDonation(
    sql::Session& s, absl::string_view id) {
  return FindById<Donation>(s, kDonationColumns, "donations", id, ReadDonation);
}

absl::Status DonationStore::InsertDonation(sql::Session& s, const Donation& d) {
  return s
      .Execute(absl::StrCat("INSERT INTO donations (", kDonationColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               d.id, d.drive_id, d.organisation_path,
               sql::NullIfEmpty(d.person_id), d.donor_unit,
               static_cast<int>(d.form), d.pledged, d.received,
               d.item_description, FormatDate(d.pledge_date),
               FormatTimestamp(d.create_time))
      .status();
}

absl::StatusOr<bool> DonationStore::Receive(sql::Session& s,
                                            absl::string_view donation_id,
                                            int64_t amount) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      s.Execute("UPDATE donations SET received = received + ? WHERE id = ? "
                "AND received + ? <= pledged",
                amount, donation_id, amount));
  return changed == 1;
}

absl::StatusOr<std::vector<Donation>> DonationStore::ListDonations(
    sql::Session& s, absl::string_view drive_id, absl::string_view after_id,
    int limit) {
  return ForDrive<Donation>(s, kDonationColumns, "donations", drive_id,
                            after_id, limit, ReadDonation);
}

absl::StatusOr<std::optional<DonationAllocation>> DonationStore::FindAllocation(
    sql::Session& s, absl::string_view id) {
  return FindById<DonationAllocation>(
      s, kAllocationColumns, "donation_allocations", id, ReadAllocation);
}

absl::Status DonationStore::InsertAllocation(sql::Session& s,
                                             const DonationAllocation& a) {
  return s
      .Execute(
          absl::StrCat("INSERT INTO donation_allocations (", kAllocationColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          a.id, a.drive_id, a.organisation_path, sql::NullIfEmpty(a.person_id),
          a.beneficiary, static_cast<int>(a.form), a.amount,
          FormatDate(a.allocation_date), FormatTimestamp(a.create_time))
      .status();
}

absl::StatusOr<std::vector<DonationAllocation>> DonationStore::ListAllocations(
    sql::Session& s, absl::string_view drive_id, absl::string_view after_id,
    int limit) {
  return ForDrive<DonationAllocation>(s, kAllocationColumns,
                                      "donation_allocations", drive_id,
                                      after_id, limit, ReadAllocation);
}

}  // namespace unionhub::welfare
