// gRPC front of v1::CondolenceService (condolence standards and visits): proto
// in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCE_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCE_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/condolences/condolences.h"
#include "unionhub/welfare/v1/condolences.grpc.pb.h"

namespace unionhub::welfare {

class CondolenceHandler final : public v1::CondolenceService::CallbackService {
 public:
  CondolenceHandler(Condolences* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateCondolenceStandard(
      grpc::CallbackServerContext* context,
      const v1::CreateCondolenceStandardRequest* request,
      v1::CreateCondolenceStandardResponse* response) override;
  grpc::ServerUnaryReactor* ListCondolenceStandards(
      grpc::CallbackServerContext* context,
      const v1::ListCondolenceStandardsRequest* request,
      v1::ListCondolenceStandardsResponse* response) override;
  grpc::ServerUnaryReactor* GetEffectiveCondolenceStandards(
      grpc::CallbackServerContext* context,
      const v1::GetEffectiveCondolenceStandardsRequest* request,
      v1::GetEffectiveCondolenceStandardsResponse* response) override;
  grpc::ServerUnaryReactor* RecordCondolenceVisit(
      grpc::CallbackServerContext* context,
      const v1::RecordCondolenceVisitRequest* request,
      v1::RecordCondolenceVisitResponse* response) override;
  grpc::ServerUnaryReactor* GetCondolenceVisit(
      grpc::CallbackServerContext* context,
      const v1::GetCondolenceVisitRequest* request,
      v1::GetCondolenceVisitResponse* response) override;
  grpc::ServerUnaryReactor* ListCondolenceVisits(
      grpc::CallbackServerContext* context,
      const v1::ListCondolenceVisitsRequest* request,
      v1::ListCondolenceVisitsResponse* response) override;

 private:
  Condolences* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCE_HANDLER_H_
