// Donation drives (慈善一日捐, disaster relief, a colleague's illness): pledges
// of money or items from members or units, what of them was received, and
// what was given to beneficiaries. A drive's totals move in the same
// transaction as each record, so they always equal the sums; nothing is
// received beyond its pledge nor given beyond what was received.
#ifndef UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATIONS_H_
#define UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATIONS_H_

#include <string>
#include <utility>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/donations/donation_store.h"

namespace unionhub::welfare {

struct NewDonationDrive {
  std::string organisation_id;  // Empty: the caller's own.
  std::string name;
  DonationPurpose purpose = DonationPurpose::kUnspecified;
  std::string start_date;
  std::string end_date;
};

struct NewDonation {
  std::string drive_id;
  std::string person_id;  // Optional.
  std::string donor_unit;
  DonationForm form = DonationForm::kUnspecified;
  int64_t pledged = 0;
  int64_t received = 0;
  std::string item_description;
  std::string pledge_date;
};

struct NewDonationAllocation {
  std::string drive_id;
  std::string person_id;  // Optional.
  std::string beneficiary;
  DonationForm form = DonationForm::kUnspecified;
  int64_t amount = 0;
  std::string allocation_date;
};

class Donations final {
 public:
  Donations(sql::Database* db, clients::MembershipClient* membership,
            const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<DonationDrive> CreateDrive(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewDonationDrive& request);
  absl::StatusOr<DonationDrive> GetDrive(const auth::Caller& caller,
                                         absl::string_view id);
  absl::StatusOr<Page<DonationDrive>> ListDrives(
      const auth::Caller& caller, absl::string_view organisation_id,
      DonationPurpose purpose, int page_size, absl::string_view page_token);
  absl::StatusOr<DonationDrive> CloseDrive(const auth::Caller& caller,
                                           absl::string_view id,
                                           absl::string_view etag);
  absl::StatusOr<std::pair<Donation, DonationDrive>> Record(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewDonation& request);
  absl::StatusOr<std::pair<Donation, DonationDrive>> Receive(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      absl::string_view donation_id, int64_t amount);
  absl::StatusOr<Page<Donation>> ListDonations(const auth::Caller& caller,
                                               absl::string_view drive_id,
                                               int page_size,
                                               absl::string_view page_token);
  absl::StatusOr<std::pair<DonationAllocation, DonationDrive>> Allocate(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewDonationAllocation& request);
  absl::StatusOr<Page<DonationAllocation>> ListAllocations(
      const auth::Caller& caller, absl::string_view drive_id, int page_size,
      absl::string_view page_token);

 private:
  absl::StatusOr<DonationDrive> Visible(sql::Session& s,
                                        const auth::Caller& caller,
                                        absl::string_view field,
                                        absl::string_view id);
  absl::StatusOr<DonationDrive> Reread(sql::Session& s, absl::string_view id);
  // A member named as donor or beneficiary must be one the caller may see.
  absl::Status CheckPerson(const auth::Caller& caller, absl::string_view field,
                           absl::string_view person_id);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  DonationStore store_;
  const Clock* clock_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATIONS_H_
