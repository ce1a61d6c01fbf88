// Applications for aid and their payments: apply → review → approve → pay.
// The member's union applies (the person holding a membership in its subtree,
// eligible under the campaign's rule); the campaign's union reviews, approves
// (committing the amount in the fund, never past its budget; never the key
// that applied) and pays, once per application whatever the retries. A payment
// is flagged for review when the household's aid in the year passes the alert
// total or two levels of the tree paid it for the same kind of campaign.
// In a 金秋助学 campaign an application is a student's award for the school
// year the campaign starts in: once per school year, at most four, and paid
// only after that year's re-verification (VerifyStudent).
#ifndef UNIONHUB_SERVICES_WELFARE_AID_APPLICATIONS_H_
#define UNIONHUB_SERVICES_WELFARE_AID_APPLICATIONS_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/aid/aid_store.h"
#include "services/welfare/hardship/hardship_store.h"

namespace unionhub::welfare {

struct NewAidApplication {
  std::string campaign_id;
  std::string person_id;
  int64_t requested_fen = 0;
  std::string reason;
  std::string student_id;  // 金秋助学 campaigns only, and required there.
};

struct AidApplicationQuery {
  std::string organisation_id;  // Empty: the caller's own.
  std::string campaign_id;
  AidApplicationStatus status = AidApplicationStatus::kUnspecified;
  std::string person_id;
  int page_size = 0;
  std::string page_token;
};

struct AidPaymentQuery {
  std::string organisation_id;  // Empty: the caller's own.
  int year = 0;
  bool only_flagged = false;
  std::string person_id;
  int page_size = 0;
  std::string page_token;
};

struct AidOptions {
  // A household's aid in a year above this (from all campaigns and levels)
  // flags the payment that passes it (default 10,000 yuan).
  int64_t stacking_alert_total_fen = 1'000'000;
};

class AidApplications final {
 public:
  AidApplications(sql::Database* db, clients::MembershipClient* membership,
                  const Clock* clock, AidOptions options = {})
      : db_(db), membership_(membership), clock_(clock), options_(options) {}

  absl::StatusOr<AidApplication> Create(const auth::Caller& caller,
                                        const outbox::RequestKey& idempotency,
                                        const NewAidApplication& request);
  absl::StatusOr<AidApplication> Get(const auth::Caller& caller,
                                     absl::string_view id);
  absl::StatusOr<Page<AidApplication>> List(const auth::Caller& caller,
                                            const AidApplicationQuery& query);
  absl::StatusOr<AidApplication> Review(const auth::Caller& caller,
                                        absl::string_view id,
                                        absl::string_view note,
                                        absl::string_view etag);
  // `approved_fen` 0 approves the amount asked for.
  absl::StatusOr<AidApplication> Approve(const auth::Caller& caller,
                                         absl::string_view id,
                                         int64_t approved_fen,
                                         absl::string_view note,
                                         absl::string_view etag);
  absl::StatusOr<AidApplication> Reject(const auth::Caller& caller,
                                        absl::string_view id,
                                        absl::string_view reason,
                                        absl::string_view etag);
  // Records this school year's re-verification of a student's award: the
  // student is still enrolled (`note` says what proof was seen) and the
  // household is still eligible for the campaign (checked now).
  absl::StatusOr<AidApplication> VerifyStudent(const auth::Caller& caller,
                                               absl::string_view id,
                                               absl::string_view verified_date,
                                               absl::string_view note);
  absl::StatusOr<AidPayment> Pay(const auth::Caller& caller,
                                 const outbox::RequestKey& idempotency,
                                 absl::string_view application_id,
                                 absl::string_view paid_date);
  // Reverses a payment made in error (its paying union's, or one above):
  // once; the money goes back to the fund; a retry with the request_id gets
  // the first answer.
  absl::StatusOr<AidPayment> ReversePayment(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      absl::string_view payment_id, absl::string_view reversed_date,
      absl::string_view reason);
  absl::StatusOr<Page<AidApplicationStep>> ListSteps(
      const auth::Caller& caller, absl::string_view application_id,
      int page_size, absl::string_view page_token);
  absl::StatusOr<Page<AidPayment>> ListPayments(const auth::Caller& caller,
                                                const AidPaymentQuery& query);

 private:
  using ChangeFn = absl::FunctionRef<absl::StatusOr<std::string>(
      sql::Session&, const Campaign&, AidApplication&)>;

  // What membership says of a person that a campaign's rule needs, asked
  // before a transaction (membership down writes nothing).
  struct Standing {
    clients::MemberRef member;
    bool model_worker = false;
  };
  absl::StatusOr<Standing> StandingOf(const auth::Caller& caller,
                                      absl::string_view field,
                                      absl::string_view person_id,
                                      const Campaign& c);
  // FAILED_PRECONDITION saying why the person's household is not eligible for
  // `c` now; else the active hardship file that makes it so (empty under
  // other rules).
  absl::StatusOr<std::string> EligibleHousehold(sql::Session& s,
                                                const Campaign& c,
                                                absl::string_view person_id,
                                                const Standing& standing);
  // The student checks of a new application in `c` (school_year set on `a`).
  absl::Status CheckStudentAward(sql::Session& s, const auth::Caller& caller,
                                 const Campaign& c,
                                 const NewAidApplication& request,
                                 AidApplication& a);
  absl::StatusOr<AidApplication> Visible(sql::Session& s,
                                         const auth::Caller& caller,
                                         absl::string_view field,
                                         absl::string_view id);
  // A step the campaign's union takes on a visible application with a
  // matching etag: `change` returns the step's note; the application is saved
  // with its step, event and audit record.
  absl::StatusOr<AidApplication> Decide(const auth::Caller& caller,
                                        absl::string_view id,
                                        absl::string_view etag,
                                        absl::string_view step,
                                        ChangeFn change);
  absl::Status Save(sql::Session& s, const auth::Caller& caller,
                    AidApplication& a, absl::string_view step,
                    absl::string_view note);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  AidStore aid_;
  HardshipStore hardship_;
  const Clock* clock_;
  AidOptions options_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_AID_APPLICATIONS_H_
