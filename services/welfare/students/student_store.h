// Repository of 金秋助学 students. Names are stored encrypted under the data
// key (context "student.name"); a student is read with the school years its
// awards were paid in and their sum, counted from aid_applications.
#ifndef UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENT_STORE_H_
#define UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENT_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/crypto/crypto.h"
#include "libs/sql/database.h"
#include "services/welfare/domain.h"

namespace unionhub::welfare {

struct StudentFilter {
  std::string under_path;
  std::string person_id;
  int min_years_supported = 0;
  std::string before_id;
  int limit = 0;
};

class StudentStore final {
 public:
  explicit StudentStore(const crypto::DataKeys* keys) : keys_(keys) {}

  absl::StatusOr<std::optional<Student>> Find(sql::Session& s,
                                              absl::string_view id);
  absl::Status Insert(sql::Session& s, const Student& student);
  absl::Status Update(sql::Session& s, const Student& student);
  absl::StatusOr<std::vector<Student>> List(sql::Session& s,
                                            const StudentFilter& f);
  // Awards made in the subtree, by school year.
  absl::StatusOr<StudentAidSummary> Summarize(sql::Session& s,
                                              absl::string_view under_path,
                                              int school_year);

 private:
  absl::StatusOr<Student> ReadStudent(sql::Statement& st);

  const crypto::DataKeys* keys_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENT_STORE_H_
