// Hardship files (困难职工档案): one per household, headed by a member who
// holds a membership in the caller's subtree (asked of membership). A file is
// opened as a draft, put up for publicity (公示), approved only after its
// window closed with no open objection, re-checked every year, and closed when
// the household leaves hardship (脱困). A household that exited within two
// years before a new file is opened is flagged as a relapse (返困).
#ifndef UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_H_
#define UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/hardship/hardship_store.h"

namespace unionhub::welfare {

struct NewHardshipFile {
  std::string person_id;
  int household_size = 0;
  int64_t monthly_income_per_capita_fen = 0;
  HardshipLevel level = HardshipLevel::kUnspecified;
  std::vector<HardshipCause> causes;
  std::string situation;
  std::string opened_date;  // Empty: today.
};

struct HardshipFilePatch {
  std::optional<int> household_size;
  std::optional<int64_t> monthly_income_per_capita_fen;
  std::optional<HardshipLevel> level;
  std::optional<std::vector<HardshipCause>> causes;
  std::optional<std::string> situation;
};

struct HardshipFileQuery {
  std::string organisation_id;  // Empty: the caller's own.
  HardshipFileStatus status = HardshipFileStatus::kUnspecified;
  HardshipLevel level = HardshipLevel::kUnspecified;
  HardshipCause cause = HardshipCause::kUnspecified;
  bool only_recheck_overdue = false;
  std::string person_id;
  int not_helped_in_year = 0;  // 0: no such filter.
  int page_size = 0;
  std::string page_token;
};

// What a yearly re-check found.
struct HardshipRecheck {
  std::string check_date;
  HardshipLevel level = HardshipLevel::kUnspecified;
  int64_t monthly_income_per_capita_fen = 0;
  std::string note;
};

class Hardship final {
 public:
  Hardship(sql::Database* db, clients::MembershipClient* membership,
           const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<HardshipFile> Create(const auth::Caller& caller,
                                      const outbox::RequestKey& idempotency,
                                      const NewHardshipFile& request);
  absl::StatusOr<HardshipFile> Get(const auth::Caller& caller,
                                   absl::string_view id);
  absl::StatusOr<Page<HardshipFile>> List(const auth::Caller& caller,
                                          const HardshipFileQuery& query);
  absl::StatusOr<HardshipFile> Update(const auth::Caller& caller,
                                      absl::string_view id,
                                      const HardshipFilePatch& patch,
                                      absl::string_view etag);
  absl::StatusOr<HardshipFile> StartPublicity(const auth::Caller& caller,
                                              absl::string_view id,
                                              absl::string_view start_date,
                                              absl::string_view end_date,
                                              absl::string_view etag);
  absl::StatusOr<HardshipObjection> FileObjection(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      absl::string_view file_id, absl::string_view filed_date,
      absl::string_view content);
  absl::StatusOr<std::pair<HardshipObjection, HardshipFile>> AnswerObjection(
      const auth::Caller& caller, absl::string_view id,
      absl::string_view answer, absl::string_view answered_date, bool upheld);
  absl::StatusOr<Page<HardshipObjection>> ListObjections(
      const auth::Caller& caller, absl::string_view file_id, int page_size,
      absl::string_view page_token);
  absl::StatusOr<HardshipFile> Approve(const auth::Caller& caller,
                                       absl::string_view id,
                                       absl::string_view approved_date,
                                       absl::string_view etag);
  absl::StatusOr<HardshipFile> Recheck(const auth::Caller& caller,
                                       absl::string_view id,
                                       const HardshipRecheck& finding,
                                       absl::string_view etag);
  absl::StatusOr<HardshipFile> Exit(const auth::Caller& caller,
                                    absl::string_view id,
                                    absl::string_view exit_date,
                                    absl::string_view exit_reason,
                                    absl::string_view etag);
  absl::StatusOr<Page<HardshipFileStep>> ListSteps(
      const auth::Caller& caller, absl::string_view file_id, int page_size,
      absl::string_view page_token);

 private:
  // What a change says in the file's history.
  struct StepNote {
    absl::CivilDay date;
    std::string note;
  };
  using ChangeFn =
      absl::FunctionRef<absl::StatusOr<StepNote>(sql::Session&, HardshipFile&)>;

  absl::StatusOr<HardshipFile> Visible(sql::Session& s,
                                       const auth::Caller& caller,
                                       absl::string_view field,
                                       absl::string_view id);
  // Applies `change` to a visible file with a matching etag, saves it, and
  // records the step, the event and the audit record.
  absl::StatusOr<HardshipFile> Change(const auth::Caller& caller,
                                      absl::string_view id,
                                      absl::string_view etag,
                                      absl::string_view step, ChangeFn change);
  // Saves `f` (new etag and time) with its step and event, in `s`.
  absl::Status Save(sql::Session& s, const auth::Caller& caller,
                    HardshipFile& f, absl::string_view step,
                    const StepNote& note);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  HardshipStore files_;
  const Clock* clock_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_H_
