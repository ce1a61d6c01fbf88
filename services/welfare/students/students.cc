#include "services/welfare/students/students.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

constexpr size_t kMaxName = 50;
constexpr size_t kMaxSchool = 200;

}  // namespace

absl::Status Students::CheckFields(const Student& r) {
  Violations v;
  v.Merge("student.name",
          CheckText("student.name", r.name, kMaxName, Required::kYes));
  v.Merge("student.school",
          CheckText("student.school", r.school, kMaxSchool, Required::kYes));
  if (r.level == StudentLevel::kUnspecified)
    v.Add("student.level", "is required");
  v.Merge("student.admission_year",
          CheckYear("student.admission_year", r.admission_year));
  if (r.admission_year > clock_->Today().year())
    v.Add("student.admission_year", "is in the future");
  return v.Status();
}

absl::StatusOr<Student> Students::Visible(sql::Session& s,
                                          const auth::Caller& caller,
                                          absl::string_view field,
                                          absl::string_view id) {
  return auth::FindVisible(
      caller, "student", field, id, &Student::organisation_path,
      [&](absl::string_view id) { return store_.Find(s, id); });
}

absl::StatusOr<Student> Students::Create(const auth::Caller& caller,
                                         const outbox::RequestKey& idempotency,
                                         const NewStudent& request) {
  Student r;
  r.person_id = request.person_id;
  r.name = request.name;
  r.school = request.school;
  r.level = request.level;
  r.admission_year = request.admission_year;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("student.person_id", CheckId("student.person_id", r.person_id));
  v.Merge("", CheckFields(r));
  RETURN_IF_ERROR(v.Status());
  // Asked before the transaction: membership down writes nothing.
  ASSIGN_OR_RETURN(
      clients::MemberRef parent,
      membership_->CurrentMembership(caller, "student.person_id", r.person_id));
  ASSIGN_OR_RETURN(clients::OrganisationRef union_of_parent,
                   membership_->GetOrganisation(caller, "student.person_id",
                                                parent.organisation_id));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Student> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Student> {
          r.id = NewId();
          r.organisation_id = union_of_parent.id;
          r.organisation_path = union_of_parent.path;
          r.create_time = r.update_time = clock_->Now();
          r.etag = NewId();
          RETURN_IF_ERROR(store_.Insert(s, r));
          // Events carry no name.
          v1::Student payload = ToProto(r, PersonalData::kOmitted);
          RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                         {"welfare.student.created", r.id,
                                          r.organisation_path, &payload, ""}));
          return r;
        },
        [](const Student& made) { return made.id; },
        [&](const std::string& id) { return Visible(s, caller, "id", id); });
  });
}

absl::StatusOr<Student> Students::Get(const auth::Caller& caller,
                                      absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return Visible(s, caller, "id", id); });
}

absl::StatusOr<Student> Students::Update(const auth::Caller& caller,
                                         absl::string_view id,
                                         const StudentPatch& patch,
                                         absl::string_view etag) {
  Violations v;
  v.Merge("student.id", CheckId("student.id", id));
  if (etag.empty()) v.Add("student.etag", "is required");
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Student> {
    ASSIGN_OR_RETURN(Student r, Visible(s, caller, "student.id", id));
    if (r.etag != etag) {
      return absl::AbortedError(
          "the student changed since it was read; read it again");
    }
    if (patch.name) r.name = *patch.name;
    if (patch.school) r.school = *patch.school;
    if (patch.level) r.level = *patch.level;
    if (patch.admission_year) r.admission_year = *patch.admission_year;
    RETURN_IF_ERROR(CheckFields(r));
    ASSIGN_OR_RETURN(std::vector<int> years, aid_.AwardYears(s, r.id));
    if (!years.empty() && years.front() < r.admission_year) {
      return InvalidField("student.admission_year",
                          absl::StrCat("is after the student's award for the "
                                       "school year ",
                                       years.front()));
    }
    std::vector<std::string> changed;
    if (patch.name) changed.push_back("name");
    if (patch.school) changed.push_back("school");
    if (patch.level) changed.push_back("level");
    if (patch.admission_year) changed.push_back("admission_year");
    r.update_time = clock_->Now();
    r.etag = NewId();
    RETURN_IF_ERROR(store_.Update(s, r));
    v1::Student payload = ToProto(r, PersonalData::kOmitted);
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {"welfare.student.updated", r.id, r.organisation_path, &payload,
         absl::StrCat("changed ", absl::StrJoin(changed, ", "))}));
    return r;
  });
}

absl::StatusOr<Page<Student>> Students::List(const auth::Caller& caller,
                                             const StudentQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 's', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  if (!query.person_id.empty())
    v.Merge("person_id", CheckId("person_id", query.person_id));
  if (query.min_years_supported < 0 ||
      query.min_years_supported > kMaxStudentAwardYears) {
    v.Add("min_years_supported",
          absl::StrCat("must be from 0 to ", kMaxStudentAwardYears));
  }
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  StudentFilter f{path, query.person_id, query.min_years_supported,
                  page.after_id(), page.limit()};
  ASSIGN_OR_RETURN(std::vector<Student> rows, db_->Read([&](sql::Session& s) {
    return store_.List(s, f);
  }));
  return MakePageById(std::move(rows), page.size, 's');
}

absl::StatusOr<Page<StudentAward>> Students::ListAwards(
    const auth::Caller& caller, const StudentAwardQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'w', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  v.Merge("school_year", CheckYear("school_year", query.school_year));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  StudentAwardFilter f{path, query.school_year, query.due_for_verification,
                       page.after_id(), page.limit()};
  ASSIGN_OR_RETURN(
      std::vector<StudentAward> rows,
      db_->Read(
          [&](sql::Session& s) -> absl::StatusOr<std::vector<StudentAward>> {
            ASSIGN_OR_RETURN(std::vector<AidApplication> applications,
                             aid_.ListStudentAwards(s, f));
            std::vector<StudentAward> out;
            for (AidApplication& a : applications) {
              ASSIGN_OR_RETURN(Student student,
                               sql::MustExist(store_.Find(s, a.student_id),
                                              "an award's student is gone"));
              ASSIGN_OR_RETURN(std::vector<int> years,
                               aid_.AwardYears(s, a.student_id));
              StudentAward award;
              award.year_of_support = static_cast<int>(
                  std::lower_bound(years.begin(), years.end(), a.school_year) -
                  years.begin() + 1);
              award.application = std::move(a);
              award.student = std::move(student);
              out.push_back(std::move(award));
            }
            return out;
          }));
  return MakePage(std::move(rows), page.size, 'w', [](const StudentAward& w) {
    return std::vector<std::string>{w.application.id};
  });
}

absl::StatusOr<StudentAidSummary> Students::Summarize(
    const auth::Caller& caller, absl::string_view organisation_id,
    int school_year) {
  Violations v;
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  v.Merge("school_year", CheckYear("school_year", school_year));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  return db_->Read(
      [&](sql::Session& s) { return store_.Summarize(s, path, school_year); });
}

}  // namespace unionhub::welfare
