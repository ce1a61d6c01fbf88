#include "services/welfare/students/student_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

absl::StatusOr<StudentLevel> LevelOf(int level) {
  return rpc::FromProtoEnum<StudentLevel>("student.level", level,
                                          v1::StudentLevel_IsValid);
}

}  // namespace

grpc::ServerUnaryReactor* StudentHandler::CreateStudent(
    grpc::CallbackServerContext* context,
    const v1::CreateStudentRequest* request,
    v1::CreateStudentResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Student& in = request->student();
        NewStudent n;
        n.person_id = in.person_id();
        n.name = in.name();
        n.school = in.school();
        ASSIGN_OR_RETURN(n.level, LevelOf(in.level()));
        n.admission_year = in.admission_year();
        ASSIGN_OR_RETURN(
            Student r,
            students_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_student() = ToProto(r, PersonalDataFor(caller));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StudentHandler::GetStudent(
    grpc::CallbackServerContext* context, const v1::GetStudentRequest* request,
    v1::GetStudentResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Student r, students_->Get(caller, request->id()));
        *response->mutable_student() = ToProto(r, PersonalDataFor(caller));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StudentHandler::UpdateStudent(
    grpc::CallbackServerContext* context,
    const v1::UpdateStudentRequest* request,
    v1::UpdateStudentResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const auto& mask = request->update_mask();
        RETURN_IF_ERROR(rpc::CheckUpdateMask(
            mask, {"name", "school", "level", "admission_year"}));
        const v1::Student& in = request->student();
        StudentPatch patch;
        if (rpc::InMask(mask, "name")) patch.name = in.name();
        if (rpc::InMask(mask, "school")) patch.school = in.school();
        if (rpc::InMask(mask, "level")) {
          ASSIGN_OR_RETURN(patch.level, LevelOf(in.level()));
        }
        if (rpc::InMask(mask, "admission_year"))
          patch.admission_year = in.admission_year();
        ASSIGN_OR_RETURN(Student r,
                         students_->Update(caller, in.id(), patch, in.etag()));
        *response->mutable_student() = ToProto(r, PersonalDataFor(caller));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StudentHandler::ListStudents(
    grpc::CallbackServerContext* context,
    const v1::ListStudentsRequest* request,
    v1::ListStudentsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        StudentQuery q{request->organisation_id(), request->person_id(),
                       request->min_years_supported(), request->page_size(),
                       request->page_token()};
        ASSIGN_OR_RETURN(Page<Student> page, students_->List(caller, q));
        for (const Student& r : page.items)
          *response->add_students() = ToProto(r, PersonalDataFor(caller));
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StudentHandler::VerifyStudentAward(
    grpc::CallbackServerContext* context,
    const v1::VerifyStudentAwardRequest* request,
    v1::VerifyStudentAwardResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(AidApplication a,
                         applications_->VerifyStudent(
                             caller, request->application_id(),
                             request->verified_date(), request->note()));
        *response->mutable_application() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StudentHandler::ListStudentAwards(
    grpc::CallbackServerContext* context,
    const v1::ListStudentAwardsRequest* request,
    v1::ListStudentAwardsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        StudentAwardQuery q{request->organisation_id(), request->school_year(),
                            request->due_for_verification(),
                            request->page_size(), request->page_token()};
        ASSIGN_OR_RETURN(Page<StudentAward> page,
                         students_->ListAwards(caller, q));
        for (const StudentAward& w : page.items)
          *response->add_awards() = ToProto(w, PersonalDataFor(caller));
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StudentHandler::SummarizeStudentAid(
    grpc::CallbackServerContext* context,
    const v1::SummarizeStudentAidRequest* request,
    v1::SummarizeStudentAidResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            StudentAidSummary summary,
            students_->Summarize(caller, request->organisation_id(),
                                 request->school_year()));
        *response = ToProto(summary);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::welfare
