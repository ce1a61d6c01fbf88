// 金秋助学 students: a member's children in school, recorded by the member's
// union (the parent holding a membership in the caller's subtree). Names are
// personal data: encrypted at rest, shown in full only to callers who may see
// personal data. Awards are aid applications naming the student (see
// aid/applications.h); this class lists them by school year and sums them.
#ifndef UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENTS_H_
#define UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENTS_H_

#include <optional>
#include <string>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/aid/aid_store.h"
#include "services/welfare/students/student_store.h"

namespace unionhub::welfare {

struct NewStudent {
  std::string person_id;
  std::string name;
  std::string school;
  StudentLevel level = StudentLevel::kUnspecified;
  int admission_year = 0;
};

// The fields an update sets (unset ones keep their value).
struct StudentPatch {
  std::optional<std::string> name;
  std::optional<std::string> school;
  std::optional<StudentLevel> level;
  std::optional<int> admission_year;
};

struct StudentQuery {
  std::string organisation_id;  // Empty: the caller's own.
  std::string person_id;
  int min_years_supported = 0;
  int page_size = 0;
  std::string page_token;
};

struct StudentAwardQuery {
  std::string organisation_id;  // Empty: the caller's own.
  int school_year = 0;
  bool due_for_verification = false;
  int page_size = 0;
  std::string page_token;
};

class Students final {
 public:
  Students(sql::Database* db, clients::MembershipClient* membership,
           const crypto::DataKeys* keys, const Clock* clock)
      : db_(db), membership_(membership), store_(keys), clock_(clock) {}

  absl::StatusOr<Student> Create(const auth::Caller& caller,
                                 const outbox::RequestKey& idempotency,
                                 const NewStudent& request);
  absl::StatusOr<Student> Get(const auth::Caller& caller, absl::string_view id);
  absl::StatusOr<Student> Update(const auth::Caller& caller,
                                 absl::string_view id,
                                 const StudentPatch& patch,
                                 absl::string_view etag);
  absl::StatusOr<Page<Student>> List(const auth::Caller& caller,
                                     const StudentQuery& query);
  absl::StatusOr<Page<StudentAward>> ListAwards(const auth::Caller& caller,
                                                const StudentAwardQuery& query);
  absl::StatusOr<StudentAidSummary> Summarize(const auth::Caller& caller,
                                              absl::string_view organisation_id,
                                              int school_year);

 private:
  absl::StatusOr<Student> Visible(sql::Session& s, const auth::Caller& caller,
                                  absl::string_view field,
                                  absl::string_view id);
  // Name, school, level and admission year of a new or patched student.
  absl::Status CheckFields(const Student& r);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  StudentStore store_;
  AidStore aid_;
  const Clock* clock_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENTS_H_
