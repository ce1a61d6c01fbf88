// The rules of the organisation tree and of real-name membership. Works over
// the repository and returns absl::Status; knows nothing of gRPC. Every change
// writes an outbox event and an audit record in its own transaction.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_MEMBERSHIP_SERVICE_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_MEMBERSHIP_SERVICE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/errors.h"
#include "libs/crypto/crypto.h"
#include "libs/outbox/idempotency.h"
#include "libs/outbox/outbox.h"
#include "libs/sql/database.h"
#include "services/membership/domain.h"
#include "services/membership/model_workers/model_worker_store.h"
#include "services/membership/store.h"

namespace unionhub::membership {

// The client's request_id and a hash of the rest of the request.
struct NewOrganisation {
  std::string parent_id;
  std::string name;
  OrganisationType type = OrganisationType::kUnspecified;
};

struct OrganisationQuery {
  std::string parent_id;  // Empty: the caller's own organisation.
  bool include_descendants = false;
  bool include_closed = false;
  int page_size = 0;
  std::string page_token;
};

struct NewMember {
  std::string organisation_id;
  std::string name;
  std::string id_number;
  std::string phone;
  Sex sex = Sex::kUnspecified;  // Optional; must agree with id_number.
  std::optional<absl::CivilDay>
      birth_date;  // Optional; must agree with id_number.
  EmploymentType employment_type = EmploymentType::kUnspecified;
  std::string join_date;  // YYYY-MM-DD
};

struct MemberQuery {
  std::string organisation_id;  // Empty: the caller's own organisation.
  bool include_descendants = false;
  MemberStatus status = MemberStatus::kUnspecified;
  EmploymentType employment_type = EmploymentType::kUnspecified;
  std::string name_prefix;
  std::string id_number;
  std::string person_id;
  bool only_model_workers = false;
  int page_size = 0;
  std::string page_token;
};

struct MemberPatch {
  std::optional<std::string> name;
  std::optional<std::string> phone;
  std::optional<EmploymentType> employment_type;
};

// One data row of a roster file.
struct RosterRow {
  int64_t row = 0;  // As a spreadsheet numbers it: the header is row 1.
  NewMember member;
  std::vector<FieldViolation> errors;  // Found while reading the row.
  bool unread = false;  // Too long to read: only its error is reported.
};

struct ImportOptions {
  std::string organisation_id;  // Where rows without their own organisation go.
  bool all_or_nothing = true;
  bool validate_only = false;
};

struct Transfer {
  Member previous;  // Now TRANSFERRED_OUT.
  Member member;    // The new active membership.
};

class MembershipService final {
 public:
  MembershipService(sql::Database* db, const crypto::DataKeys* keys,
                    const Clock* clock)
      : db_(db), store_(keys), clock_(clock) {}

  // Creates the root federation named `name` on a fresh install; returns the
  // root.
  absl::StatusOr<Organisation> EnsureRoot(absl::string_view name);

  absl::StatusOr<Organisation> CreateOrganisation(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewOrganisation& request);
  // The root federation; NOT_FOUND before EnsureRoot ran.
  absl::StatusOr<Organisation> GetRootOrganisation();
  absl::StatusOr<Organisation> GetOrganisation(const auth::Caller& caller,
                                               absl::string_view id);
  absl::StatusOr<Page<Organisation>> ListOrganisations(
      const auth::Caller& caller, const OrganisationQuery& query);
  absl::StatusOr<Organisation> RenameOrganisation(const auth::Caller& caller,
                                                  absl::string_view id,
                                                  absl::string_view name,
                                                  absl::string_view etag);
  absl::StatusOr<Organisation> CloseOrganisation(const auth::Caller& caller,
                                                 absl::string_view id,
                                                 absl::string_view etag);

  absl::StatusOr<Member> CreateMember(const auth::Caller& caller,
                                      const outbox::RequestKey& idempotency,
                                      const NewMember& request);
  absl::StatusOr<Member> GetMember(const auth::Caller& caller,
                                   absl::string_view id);
  absl::StatusOr<Page<Member>> ListMembers(const auth::Caller& caller,
                                           const MemberQuery& query);
  absl::StatusOr<Member> UpdateMember(const auth::Caller& caller,
                                      absl::string_view id,
                                      const MemberPatch& patch,
                                      absl::string_view etag);
  absl::StatusOr<Member> ChangeMemberStatus(const auth::Caller& caller,
                                            absl::string_view id,
                                            MemberStatus status,
                                            absl::string_view effective_date,
                                            absl::string_view reason,
                                            absl::string_view etag);
  absl::StatusOr<Transfer> TransferMember(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      absl::string_view id, absl::string_view target_organisation_id,
      absl::string_view effective_date, absl::string_view reason,
      absl::string_view etag);
  // Registers the rows of a roster in one transaction: all or nothing by
  // default, or only the good rows. Each row is checked like CreateMember, plus
  // duplicates within the file. Members are announced in batched events, each
  // with its audit record.
  absl::StatusOr<ImportReport> ImportMembers(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const ImportOptions& options, std::vector<RosterRow> rows);
  // The history of this membership and of those it continues, oldest first.
  absl::StatusOr<std::vector<MemberStatusChange>> ListMemberStatusChanges(
      const auth::Caller& caller, absl::string_view member_id);

 private:
  // Writes a new active member and its registration, after claiming the
  // person's holder row; ALREADY_EXISTS when the person holds a membership
  // already.
  absl::Status InsertNewMember(sql::Session& s, const auth::Caller& caller,
                               absl::Time now, Member& m);
  absl::Status RecordMemberChange(sql::Session& s, const auth::Caller& caller,
                                  const Member& m, absl::string_view type,
                                  absl::string_view detail);

  sql::Database* db_;
  Store store_;
  const Clock* clock_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_MEMBERSHIP_SERVICE_H_
