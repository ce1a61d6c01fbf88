// Repository of aid: funds, campaigns, applications with their history, and
// payments. Budget changes are single conditional UPDATEs, so concurrent
// approvals cannot take a fund below zero on either backend.
#ifndef UNIONHUB_SERVICES_WELFARE_AID_AID_STORE_H_
#define UNIONHUB_SERVICES_WELFARE_AID_AID_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/welfare/domain.h"

namespace unionhub::welfare {

struct FundFilter {
  std::string under_path;
  int year = 0;  // 0: any.
  std::string before_id;
  int limit = 50;
};

struct CampaignFilter {
  std::string under_path;
  CampaignKind kind = CampaignKind::kUnspecified;
  CampaignStatus status = CampaignStatus::kUnspecified;
  std::string before_id;
  int limit = 50;
};

struct ApplicationFilter {
  std::string under_path;  // Where applications were made.
  std::string campaign_id;
  AidApplicationStatus status = AidApplicationStatus::kUnspecified;
  std::string person_id;
  std::string before_id;
  int limit = 50;
};

struct StudentParent {
  std::string person_id;
  std::string organisation_path;
  int admission_year = 0;
};

// Applications that are 金秋助学 awards of a school year.
struct StudentAwardFilter {
  std::string under_path;
  int school_year = 0;
  bool due_for_verification = false;  // Under way and not yet verified.
  std::string before_id;
  int limit = 0;
};

struct PaymentFilter {
  std::string under_path;  // Paid by, or to, unions in this subtree.
  int year = 0;
  bool only_flagged = false;
  std::string person_id;
  std::string before_id;
  int limit = 50;
};

// A person's payments in a year, as the stacking alert sees them.
struct PaymentsOfYear {
  int64_t total_fen = 0;
  // Paying unions' paths for each campaign kind.
  std::vector<std::pair<CampaignKind, std::string>> payers;
};

class AidStore final {
 public:
  absl::StatusOr<std::optional<Fund>> FindFund(sql::Session& s,
                                               absl::string_view id);
  // ALREADY_EXISTS (a storage error) for a name taken that year.
  absl::Status InsertFund(sql::Session& s, const Fund& f);
  // Name and budget; the budget never below what is committed and paid.
  absl::StatusOr<bool> UpdateFund(sql::Session& s, const Fund& f);
  absl::StatusOr<std::vector<Fund>> ListFunds(sql::Session& s,
                                              const FundFilter& f);
  // Commits `fen` when that much is available; false when it is not.
  absl::StatusOr<bool> Commit(sql::Session& s, absl::string_view fund_id,
                              int64_t fen, absl::Time now);
  // Moves `fen` from committed to paid. Like UpdateApplication and
  // AppendStep, a deferred write (Session::Defer): it runs at commit.
  absl::Status MarkPaid(sql::Session& s, absl::string_view fund_id, int64_t fen,
                        absl::Time now);

  absl::StatusOr<std::optional<Campaign>> FindCampaign(sql::Session& s,
                                                       absl::string_view id);
  absl::Status InsertCampaign(sql::Session& s, const Campaign& c);
  absl::Status UpdateCampaignStatus(sql::Session& s, const Campaign& c);
  absl::StatusOr<std::vector<Campaign>> ListCampaigns(sql::Session& s,
                                                      const CampaignFilter& f);

  absl::StatusOr<std::optional<AidApplication>> FindApplication(
      sql::Session& s, absl::string_view id);
  absl::Status InsertApplication(sql::Session& s, const AidApplication& a);
  // Deferred (runs at commit).
  absl::Status UpdateApplication(sql::Session& s, const AidApplication& a);
  absl::StatusOr<std::vector<AidApplication>> ListApplications(
      sql::Session& s, const ApplicationFilter& f);
  // What the person has been approved or paid in the campaign, in fen.
  absl::StatusOr<int64_t> ApprovedForPerson(sql::Session& s,
                                            absl::string_view campaign_id,
                                            absl::string_view person_id);
  // The person's application in the campaign still under way or approved
  // (not rejected, not paid), if any: for `student_id`'s award when one is
  // named (a member may have several children in school), else the person's
  // own.
  absl::StatusOr<std::optional<AidApplication>> FindPending(
      sql::Session& s, absl::string_view campaign_id,
      absl::string_view person_id, absl::string_view student_id);
  // What an award needs of its student (without the encrypted name).
  absl::StatusOr<std::optional<StudentParent>> FindStudentParent(
      sql::Session& s, absl::string_view student_id);
  absl::StatusOr<std::vector<AidApplication>> ListStudentAwards(
      sql::Session& s, const StudentAwardFilter& f);
  // The school years a student has an award in (any status but rejected).
  absl::StatusOr<std::vector<int>> AwardYears(sql::Session& s,
                                              absl::string_view student_id);

  // Deferred (runs at commit).
  absl::Status AppendStep(sql::Session& s, AidApplicationStep step);
  absl::StatusOr<std::vector<AidApplicationStep>> ListSteps(
      sql::Session& s, absl::string_view application_id,
      absl::string_view after_id, int limit);

  // ALREADY_EXISTS (a storage error) when the application is paid already.
  absl::Status InsertPayment(sql::Session& s, const AidPayment& p);
  // Marks `p` reversed (its reversed_* set) and takes its amount back out of
  // the fund's paid total; false when it was reversed already.
  absl::StatusOr<bool> ReversePayment(sql::Session& s, const AidPayment& p,
                                      absl::Time now);
  absl::StatusOr<std::optional<AidPayment>> FindPayment(sql::Session& s,
                                                        absl::string_view id);
  absl::StatusOr<std::vector<AidPayment>> ListPayments(sql::Session& s,
                                                       const PaymentFilter& f);
  // The payments to the household of an application in a year.
  absl::StatusOr<PaymentsOfYear> PaymentsOf(sql::Session& s,
                                            absl::string_view application_id,
                                            int year);
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_AID_AID_STORE_H_
