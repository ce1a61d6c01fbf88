// gRPC front of v1::StudentService (金秋助学 students and their awards):
// proto in, domain call, proto out. Verifying an award is a step of its aid
// application, so that call goes to AidApplications.
#ifndef UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENT_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENT_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/aid/applications.h"
#include "services/welfare/students/students.h"
#include "unionhub/welfare/v1/students.grpc.pb.h"

namespace unionhub::welfare {

class StudentHandler final : public v1::StudentService::CallbackService {
 public:
  StudentHandler(Students* students, AidApplications* applications,
                 rpc::CallEnv env)
      : students_(students), applications_(applications), env_(env) {}

  grpc::ServerUnaryReactor* CreateStudent(
      grpc::CallbackServerContext* context,
      const v1::CreateStudentRequest* request,
      v1::CreateStudentResponse* response) override;
  grpc::ServerUnaryReactor* GetStudent(
      grpc::CallbackServerContext* context,
      const v1::GetStudentRequest* request,
      v1::GetStudentResponse* response) override;
  grpc::ServerUnaryReactor* UpdateStudent(
      grpc::CallbackServerContext* context,
      const v1::UpdateStudentRequest* request,
      v1::UpdateStudentResponse* response) override;
  grpc::ServerUnaryReactor* ListStudents(
      grpc::CallbackServerContext* context,
      const v1::ListStudentsRequest* request,
      v1::ListStudentsResponse* response) override;
  grpc::ServerUnaryReactor* VerifyStudentAward(
      grpc::CallbackServerContext* context,
      const v1::VerifyStudentAwardRequest* request,
      v1::VerifyStudentAwardResponse* response) override;
  grpc::ServerUnaryReactor* ListStudentAwards(
      grpc::CallbackServerContext* context,
      const v1::ListStudentAwardsRequest* request,
      v1::ListStudentAwardsResponse* response) override;
  grpc::ServerUnaryReactor* SummarizeStudentAid(
      grpc::CallbackServerContext* context,
      const v1::SummarizeStudentAidRequest* request,
      v1::SummarizeStudentAidResponse* response) override;

 private:
  Students* students_;
  AidApplications* applications_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_STUDENTS_STUDENT_HANDLER_H_
