#include "services/welfare/donations/donations.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

constexpr size_t kMaxName = 100;
constexpr size_t kMaxUnit = 50;
constexpr size_t kMaxDescription = 100;
// Items in one record: far more than any drive's.
constexpr int64_t kMaxItems = 10'000'000;

void CheckAmount(Violations& v, const char* field, DonationForm form,
                 int64_t amount) {
  const int64_t most = form == DonationForm::kItems ? kMaxItems : kMaxAmountFen;
  if (amount <= 0 || amount > most)
    v.Add(field, absl::StrCat("must be from 1 to ", most));
}

absl::Status RecordEvent(sql::Session& s, const auth::Caller& caller,
                         const Clock& clock, absl::string_view type,
                         const DonationDrive& d) {
  v1::DonationDrive payload = ToProto(d);
  return outbox::Record(
      s, caller, clock,
      {std::string(type), d.id, d.organisation_path, &payload, ""});
}

}  // namespace

absl::StatusOr<DonationDrive> Donations::Visible(sql::Session& s,
                                                 const auth::Caller& caller,
                                                 absl::string_view field,
                                                 absl::string_view id) {
  return auth::FindVisible(
      caller, "donation drive", field, id, &DonationDrive::organisation_path,
      [&](absl::string_view id) { return store_.FindDrive(s, id); });
}

absl::StatusOr<DonationDrive> Donations::Reread(sql::Session& s,
                                                absl::string_view id) {
  return sql::MustExist(store_.FindDrive(s, id), "a donation drive is gone");
}

absl::Status Donations::CheckPerson(const auth::Caller& caller,
                                    absl::string_view field,
                                    absl::string_view person_id) {
  if (person_id.empty()) return absl::OkStatus();
  return membership_->Memberships(caller, field, person_id).status();
}

absl::StatusOr<DonationDrive> Donations::CreateDrive(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewDonationDrive& request) {
  const NewDonationDrive& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  std::string org =
      auth::ListRoot(v, caller, "drive.organisation_id", n.organisation_id);
  v.Merge("drive.name",
          CheckText("drive.name", n.name, kMaxName, Required::kYes));
  if (n.purpose == DonationPurpose::kUnspecified)
    v.Add("drive.purpose", "is required");
  auto start = ParseDate("drive.start_date", n.start_date);
  auto end = ParseDate("drive.end_date", n.end_date);
  v.Merge("drive.start_date", start.status());
  v.Merge("drive.end_date", end.status());
  if (start.ok() && end.ok() && *end < *start)
    v.Add("drive.end_date", "is before start_date");
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "drive.organisation_id", org));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<DonationDrive> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<DonationDrive> {
          DonationDrive d;
          d.id = NewId();
          d.organisation_id = org;
          d.organisation_path = path;
          d.name = n.name;
          d.purpose = n.purpose;
          d.start_date = *start;
          d.end_date = *end;
          d.status = DonationDriveStatus::kOpen;
          d.create_time = d.update_time = clock_->Now();
          d.etag = NewId();
          RETURN_IF_ERROR(store_.InsertDrive(s, d));
          RETURN_IF_ERROR(RecordEvent(s, caller, *clock_,
                                      "welfare.donation_drive.created", d));
          return d;
        },
        [](const DonationDrive& made) { return made.id; },
        [&](const std::string& id) { return Visible(s, caller, "id", id); });
  });
}

absl::StatusOr<DonationDrive> Donations::GetDrive(const auth::Caller& caller,
                                                  absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return Visible(s, caller, "id", id); });
}

absl::StatusOr<Page<DonationDrive>> Donations::ListDrives(
    const auth::Caller& caller, absl::string_view organisation_id,
    DonationPurpose purpose, int page_size, absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'd', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  ASSIGN_OR_RETURN(std::vector<DonationDrive> rows,
                   db_->Read([&](sql::Session& s) {
                     return store_.ListDrives(s, path, purpose, page.after_id(),
                                              page.limit());
                   }));
  return MakePageById(std::move(rows), page.size, 'd');
}

absl::StatusOr<DonationDrive> Donations::CloseDrive(const auth::Caller& caller,
                                                    absl::string_view id,
                                                    absl::string_view etag) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<DonationDrive> {
    ASSIGN_OR_RETURN(DonationDrive d, Visible(s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, d.etag));
    if (d.status != DonationDriveStatus::kOpen)
      return absl::FailedPreconditionError("the drive is closed already");
    d.status = DonationDriveStatus::kClosed;
    d.update_time = clock_->Now();
    d.etag = NewId();
    RETURN_IF_ERROR(store_.UpdateDriveStatus(s, d));
    RETURN_IF_ERROR(
        RecordEvent(s, caller, *clock_, "welfare.donation_drive.closed", d));
    return d;
  });
}

absl::StatusOr<std::pair<Donation, DonationDrive>> Donations::Record(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewDonation& request) {
  const NewDonation& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("donation.drive_id", CheckId("donation.drive_id", n.drive_id));
  if (!n.person_id.empty())
    v.Merge("donation.person_id", CheckId("donation.person_id", n.person_id));
  v.Merge("donation.donor_unit", CheckText("donation.donor_unit", n.donor_unit,
                                           kMaxUnit, Required::kNo));
  if (n.form == DonationForm::kUnspecified)
    v.Add("donation.form", "is required");
  CheckAmount(v, "donation.pledged", n.form, n.pledged);
  if (n.received < 0 || n.received > n.pledged)
    v.Add("donation.received", "must be from 0 to what is pledged");
  v.Merge("donation.item_description",
          CheckText(
              "donation.item_description", n.item_description, kMaxDescription,
              n.form == DonationForm::kItems ? Required::kYes : Required::kNo));
  auto date =
      ParsePastDate("donation.pledge_date", n.pledge_date, clock_->Today());
  v.Merge("donation.pledge_date", date.status());
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckPerson(caller, "donation.person_id", n.person_id));
  using Recorded = std::pair<Donation, DonationDrive>;
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Recorded> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Recorded> {
          ASSIGN_OR_RETURN(DonationDrive d,
                           Visible(s, caller, "donation.drive_id", n.drive_id));
          if (d.status != DonationDriveStatus::kOpen)
            return absl::FailedPreconditionError("the drive is closed");
          if (*date < d.start_date || *date > d.end_date) {
            return InvalidField("donation.pledge_date",
                                "is outside the drive's dates");
          }
          Donation donation;
          donation.id = NewId();
          donation.drive_id = d.id;
          donation.organisation_path = d.organisation_path;
          donation.person_id = n.person_id;
          donation.donor_unit = n.donor_unit;
          donation.form = n.form;
          donation.pledged = n.pledged;
          donation.received = n.received;
          donation.item_description = n.item_description;
          donation.pledge_date = *date;
          donation.create_time = clock_->Now();
          RETURN_IF_ERROR(store_.InsertDonation(s, donation));
          RETURN_IF_ERROR(store_.AddPledge(s, d.id, n.form, n.pledged,
                                           n.received, donation.create_time));
          ASSIGN_OR_RETURN(d, Reread(s, d.id));
          RETURN_IF_ERROR(
              RecordEvent(s, caller, *clock_, "welfare.donation.pledged", d));
          return Recorded{donation, d};
        },
        [](const Recorded& made) { return made.first.id; },
        [&](const std::string& id) -> absl::StatusOr<Recorded> {
          ASSIGN_OR_RETURN(Donation donation,
                           outbox::MadeEarlier(store_.FindDonation(s, id)));
          ASSIGN_OR_RETURN(DonationDrive d, Reread(s, donation.drive_id));
          return Recorded{donation, d};
        });
  });
}

absl::StatusOr<std::pair<Donation, DonationDrive>> Donations::Receive(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    absl::string_view donation_id, int64_t amount) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("donation_id", CheckId("donation_id", donation_id));
  if (amount <= 0 || amount > kMaxAmountFen)
    v.Add("amount", "must be more than 0");
  RETURN_IF_ERROR(v.Status());
  using Received = std::pair<Donation, DonationDrive>;
  auto load = [&](sql::Session& s,
                  absl::string_view id) -> absl::StatusOr<Received> {
    ASSIGN_OR_RETURN(
        Donation donation,
        auth::FindVisible(
            caller, "donation", "donation_id", id, &Donation::organisation_path,
            [&](absl::string_view id) { return store_.FindDonation(s, id); }));
    ASSIGN_OR_RETURN(DonationDrive d, Reread(s, donation.drive_id));
    return Received{donation, d};
  };
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Received> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Received> {
          ASSIGN_OR_RETURN(Received before, load(s, donation_id));
          ASSIGN_OR_RETURN(bool received,
                           store_.Receive(s, donation_id, amount));
          if (!received) {
            return InvalidField(
                "amount",
                absl::StrCat("is more than is still owed on the pledge: ",
                             before.first.pledged - before.first.received));
          }
          RETURN_IF_ERROR(store_.AddReceived(
              s, before.second.id, before.first.form, amount, clock_->Now()));
          ASSIGN_OR_RETURN(Received after, load(s, donation_id));
          RETURN_IF_ERROR(RecordEvent(
              s, caller, *clock_, "welfare.donation.received", after.second));
          return after;
        },
        [](const Received& made) { return made.first.id; },
        [&](const std::string& id) { return load(s, id); });
  });
}

absl::StatusOr<Page<Donation>> Donations::ListDonations(
    const auth::Caller& caller, absl::string_view drive_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'n', 1);
  v.Merge("drive_id", CheckId("drive_id", drive_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<Donation> rows,
      db_->Read([&](sql::Session& s) -> absl::StatusOr<std::vector<Donation>> {
        ASSIGN_OR_RETURN(DonationDrive d,
                         Visible(s, caller, "drive_id", drive_id));
        return store_.ListDonations(s, d.id, page.after_id(), page.limit());
      }));
  return MakePageById(std::move(rows), page.size, 'n');
}

absl::StatusOr<std::pair<DonationAllocation, DonationDrive>>
Donations::Allocate(const auth::Caller& caller,
                    const outbox::RequestKey& idempotency,
                    const NewDonationAllocation& request) {
  const NewDonationAllocation& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("allocation.drive_id", CheckId("allocation.drive_id", n.drive_id));
  if (!n.person_id.empty()) {
    v.Merge("allocation.person_id",
            CheckId("allocation.person_id", n.person_id));
  }
  v.Merge("allocation.beneficiary",
          CheckText("allocation.beneficiary", n.beneficiary, kMaxDescription,
                    n.person_id.empty() ? Required::kYes : Required::kNo));
  if (n.form == DonationForm::kUnspecified)
    v.Add("allocation.form", "is required");
  CheckAmount(v, "allocation.amount", n.form, n.amount);
  auto date = ParsePastDate("allocation.allocation_date", n.allocation_date,
                            clock_->Today());
  v.Merge("allocation.allocation_date", date.status());
  RETURN_IF_ERROR(v.Status());
  RETURN_IF_ERROR(CheckPerson(caller, "allocation.person_id", n.person_id));
  using Allocated = std::pair<DonationAllocation, DonationDrive>;
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Allocated> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Allocated> {
          ASSIGN_OR_RETURN(
              DonationDrive d,
              Visible(s, caller, "allocation.drive_id", n.drive_id));
          if (*date < d.start_date) {
            return InvalidField("allocation.allocation_date",
                                "is before the drive started");
          }
          DonationAllocation a;
          a.id = NewId();
          a.drive_id = d.id;
          a.organisation_path = d.organisation_path;
          a.person_id = n.person_id;
          a.beneficiary = n.beneficiary;
          a.form = n.form;
          a.amount = n.amount;
          a.allocation_date = *date;
          a.create_time = clock_->Now();
          ASSIGN_OR_RETURN(
              bool within,
              store_.AddAllocated(s, d.id, n.form, n.amount, a.create_time));
          if (!within) {
            const int64_t left = n.form == DonationForm::kItems
                                     ? d.received_items - d.allocated_items
                                     : d.received_fen - d.allocated_fen;
            return absl::FailedPreconditionError(absl::StrCat(
                "the drive has received ", left,
                n.form == DonationForm::kItems ? " item(s)" : " fen",
                " not yet given; it cannot give ", n.amount));
          }
          RETURN_IF_ERROR(store_.InsertAllocation(s, a));
          ASSIGN_OR_RETURN(d, Reread(s, d.id));
          RETURN_IF_ERROR(
              RecordEvent(s, caller, *clock_, "welfare.donation.allocated", d));
          return Allocated{a, d};
        },
        [](const Allocated& made) { return made.first.id; },
        [&](const std::string& id) -> absl::StatusOr<Allocated> {
          ASSIGN_OR_RETURN(DonationAllocation a,
                           outbox::MadeEarlier(store_.FindAllocation(s, id)));
          ASSIGN_OR_RETURN(DonationDrive d, Reread(s, a.drive_id));
          return Allocated{a, d};
        });
  });
}

absl::StatusOr<Page<DonationAllocation>> Donations::ListAllocations(
    const auth::Caller& caller, absl::string_view drive_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'l', 1);
  v.Merge("drive_id", CheckId("drive_id", drive_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<DonationAllocation> rows,
      db_->Read([&](sql::Session& s)
                    -> absl::StatusOr<std::vector<DonationAllocation>> {
        ASSIGN_OR_RETURN(DonationDrive d,
                         Visible(s, caller, "drive_id", drive_id));
        return store_.ListAllocations(s, d.id, page.after_id(), page.limit());
      }));
  return MakePageById(std::move(rows), page.size, 'l');
}

}  // namespace unionhub::welfare
