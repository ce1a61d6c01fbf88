#include "services/welfare/students/student_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::welfare {
namespace {

constexpr char kNameContext[] = "student.name";

// The columns of a student, then what its paid awards add up to.
std::string SelectStudents() {
  return absl::StrCat(
      "SELECT id, person_id, organisation_id, organisation_path, name_cipher, "
      "school, level, admission_year, create_time, update_time, etag, "
      "(SELECT COUNT(DISTINCT a.school_year) FROM aid_applications a WHERE "
      "a.student_id = students.id AND a.status = ",
      static_cast<int>(AidApplicationStatus::kPaid),
      "), (SELECT COALESCE(SUM(a.approved_fen), 0) FROM aid_applications a "
      "WHERE a.student_id = students.id AND a.status = ",
      static_cast<int>(AidApplicationStatus::kPaid), ") FROM students");
}

}  // namespace

absl::StatusOr<Student> StudentStore::ReadStudent(sql::Statement& st) {
  Student r;
  r.id = st.Text(0);
  r.person_id = st.Text(1);
  r.organisation_id = st.Text(2);
  r.organisation_path = st.Text(3);
  ASSIGN_OR_RETURN(r.name, keys_->Decrypt(st.Text(4), kNameContext));
  r.school = st.Text(5);
  r.level = static_cast<StudentLevel>(st.Int(6));
  r.admission_year = static_cast<int>(st.Int(7));
  ASSIGN_OR_RETURN(r.create_time, st.Timestamp(8));
  ASSIGN_OR_RETURN(r.update_time, st.Timestamp(9));
  r.etag = st.Text(10);
  r.years_supported = static_cast<int>(st.Int(11));
  r.paid_fen = st.Int(12);
  return r;
}

absl::StatusOr<std::optional<Student>> StudentStore::Find(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(SelectStudents() + " WHERE id = ?", id));
  return sql::ReadOne(*st,
                      [this](sql::Statement& st) { return ReadStudent(st); });
}

absl::Status StudentStore::Insert(sql::Session& s, const Student& r) {
  return s
      .Execute(
          "INSERT INTO students (id, person_id, organisation_id, "
          "organisation_path, name_cipher, school, level, admission_year, "
          "create_time, update_time, etag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?)",
          r.id, r.person_id, r.organisation_id, r.organisation_path,
          sql::Blob{keys_->Encrypt(r.name, kNameContext)}, r.school,
          static_cast<int>(r.level), int64_t{r.admission_year},
          FormatTimestamp(r.create_time), FormatTimestamp(r.update_time),
          r.etag)
      .status();
}

absl::Status StudentStore::Update(sql::Session& s, const Student& r) {
  return s
      .Execute(
          "UPDATE students SET name_cipher = ?, school = ?, level = ?, "
          "admission_year = ?, update_time = ?, etag = ? WHERE id = ?",
          sql::Blob{keys_->Encrypt(r.name, kNameContext)}, r.school,
          static_cast<int>(r.level), int64_t{r.admission_year},
          FormatTimestamp(r.update_time), r.etag, r.id)
      .status();
}

absl::StatusOr<std::vector<Student>> StudentStore::List(
    sql::Session& s, const StudentFilter& f) {
  std::string sql = SelectStudents() + " WHERE organisation_path LIKE ?";
  if (!f.person_id.empty()) sql += " AND person_id = ?";
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (!f.person_id.empty()) st->BindText(++i, f.person_id);
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  // The years supported are counted per row, so the filter on them is applied
  // here, reading on until the page is full.
  std::vector<Student> out;
  while (static_cast<int>(out.size()) < f.limit) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Student r, ReadStudent(*st));
    if (r.years_supported >= f.min_years_supported) out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<StudentAidSummary> StudentStore::Summarize(
    sql::Session& s, absl::string_view under_path, int school_year) {
  StudentAidSummary out;
  const int paid = static_cast<int>(AidApplicationStatus::kPaid);
  const int rejected = static_cast<int>(AidApplicationStatus::kRejected);
  const std::string like = absl::StrCat(under_path, "%");
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(DISTINCT student_id) FROM aid_applications WHERE "
              "organisation_path LIKE ? AND student_id <> '' AND "
              "school_year = ? AND status <> ?",
              like, int64_t{school_year}, rejected));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (row) out.students_awarded = static_cast<int>(st->Int(0));
  // Per student paid in the four school years up to this one: the years and
  // the sum, and whether this year is among them.
  ASSIGN_OR_RETURN(
      st, s.Query("SELECT student_id, COUNT(DISTINCT school_year), "
                  "SUM(approved_fen), SUM(CASE WHEN school_year = ? THEN "
                  "approved_fen ELSE 0 END), MAX(school_year) FROM "
                  "aid_applications WHERE organisation_path LIKE ? AND "
                  "student_id <> '' AND status = ? AND school_year > ? AND "
                  "school_year <= ? GROUP BY student_id",
                  int64_t{school_year}, like, paid,
                  int64_t{school_year - kMaxStudentAwardYears},
                  int64_t{school_year}));
  while (true) {
    ASSIGN_OR_RETURN(row, st->Step());
    if (!row) break;
    ++out.students_paid_in_four_years;
    out.paid_fen_in_four_years += st->Int(2);
    if (st->Int(1) > 1) ++out.students_paid_several_years;
    if (st->Int(4) == school_year) {
      ++out.students_paid;
      out.paid_fen += st->Int(3);
    }
  }
  return out;
}

}  // namespace unionhub::welfare
