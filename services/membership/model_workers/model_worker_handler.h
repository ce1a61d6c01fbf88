// gRPC front of v1::ModelWorkerService (the model-worker archive): proto in,
// domain call, proto out. Personal data is masked by the caller's role
// (convert.h).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKER_HANDLER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKER_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/membership/model_workers/model_workers.h"
#include "unionhub/membership/v1/model_workers.grpc.pb.h"

namespace unionhub::membership {

class ModelWorkerHandler final
    : public v1::ModelWorkerService::CallbackService {
 public:
  ModelWorkerHandler(ModelWorkers* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateModelWorker(
      grpc::CallbackServerContext* context,
      const v1::CreateModelWorkerRequest* request,
      v1::CreateModelWorkerResponse* response) override;
  grpc::ServerUnaryReactor* GetModelWorker(
      grpc::CallbackServerContext* context,
      const v1::GetModelWorkerRequest* request,
      v1::GetModelWorkerResponse* response) override;
  grpc::ServerUnaryReactor* ListModelWorkers(
      grpc::CallbackServerContext* context,
      const v1::ListModelWorkersRequest* request,
      v1::ListModelWorkersResponse* response) override;
  grpc::ServerUnaryReactor* UpdateModelWorker(
      grpc::CallbackServerContext* context,
      const v1::UpdateModelWorkerRequest* request,
      v1::UpdateModelWorkerResponse* response) override;

 private:
  ModelWorkers* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKER_HANDLER_H_
