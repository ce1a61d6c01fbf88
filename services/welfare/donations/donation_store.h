// Repository of donation drives, donations and allocations. Totals move by
// conditional UPDATEs, so received never passes pledged nor allocated
// received, on either backend, however many record at once.
#ifndef UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATION_STORE_H_
#define UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATION_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/welfare/domain.h"

namespace unionhub::welfare {

class DonationStore final {
 public:
  absl::StatusOr<std::optional<DonationDrive>> FindDrive(sql::Session& s,
                                                         absl::string_view id);
  absl::Status InsertDrive(sql::Session& s, const DonationDrive& d);
  absl::Status UpdateDriveStatus(sql::Session& s, const DonationDrive& d);
  absl::StatusOr<std::vector<DonationDrive>> ListDrives(
      sql::Session& s, absl::string_view under_path, DonationPurpose purpose,
      absl::string_view before_id, int limit);
  // Adds a donation's pledge and first receipt to its drive's totals.
  absl::Status AddPledge(sql::Session& s, absl::string_view drive_id,
                         DonationForm form, int64_t pledged, int64_t received,
                         absl::Time now);
  // Adds to the drive's received total.
  absl::Status AddReceived(sql::Session& s, absl::string_view drive_id,
                           DonationForm form, int64_t amount, absl::Time now);
  // Adds to the drive's allocated total if it stays within what was
  // received; false when it would not.
  absl::StatusOr<bool> AddAllocated(sql::Session& s, absl::string_view drive_id,
                                    DonationForm form, int64_t amount,
                                    absl::Time now);

  absl::StatusOr<std::optional<Donation>> FindDonation(sql::Session& s,
                                                       absl::string_view id);
  absl::Status InsertDonation(sql::Session& s, const Donation& d);
  // Receives `amount` more if it stays within the pledge; false otherwise.
  absl::StatusOr<bool> Receive(sql::Session& s, absl::string_view donation_id,
                               int64_t amount);
  absl::StatusOr<std::vector<Donation>> ListDonations(
      sql::Session& s, absl::string_view drive_id, absl::string_view after_id,
      int limit);

  absl::StatusOr<std::optional<DonationAllocation>> FindAllocation(
      sql::Session& s, absl::string_view id);
  absl::Status InsertAllocation(sql::Session& s, const DonationAllocation& a);
  absl::StatusOr<std::vector<DonationAllocation>> ListAllocations(
      sql::Session& s, absl::string_view drive_id, absl::string_view after_id,
      int limit);
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATION_STORE_H_
