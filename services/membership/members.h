// Real-name membership: registration one person at a time or by roster,
// status changes with their dated history, transfers between unions, each
// person holding one membership in the federation. Works over the repository
// and returns absl::Status; knows nothing of gRPC. Every change writes an
// outbox event and an audit record in its own transaction.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_MEMBERS_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_MEMBERS_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/errors.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/membership/domain.h"
#include "services/membership/store.h"

namespace unionhub::membership {

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

class Members final {
 public:
  Members(sql::Database* db, Store* store, const Clock* clock)
      : db_(db), store_(store), clock_(clock) {}

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
  Store* store_;
  const Clock* clock_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_MEMBERS_H_
