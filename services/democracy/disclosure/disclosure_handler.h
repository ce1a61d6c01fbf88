// gRPC front of v1::DisclosureService: proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_HANDLER_H_
#define UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/democracy/disclosure/disclosure.h"
#include "unionhub/democracy/v1/disclosure.grpc.pb.h"

namespace unionhub::democracy {

class DisclosureHandler final : public v1::DisclosureService::CallbackService {
 public:
  // `clock` says whether an item is final today.
  DisclosureHandler(Disclosure* service, const Clock* clock, rpc::CallEnv env)
      : service_(service), clock_(clock), env_(env) {}

  grpc::ServerUnaryReactor* CreateDisclosureCatalogueEntry(
      grpc::CallbackServerContext* context,
      const v1::CreateDisclosureCatalogueEntryRequest* request,
      v1::CreateDisclosureCatalogueEntryResponse* response) override;
  grpc::ServerUnaryReactor* ListDisclosureCatalogue(
      grpc::CallbackServerContext* context,
      const v1::ListDisclosureCatalogueRequest* request,
      v1::ListDisclosureCatalogueResponse* response) override;
  grpc::ServerUnaryReactor* PublishDisclosureItem(
      grpc::CallbackServerContext* context,
      const v1::PublishDisclosureItemRequest* request,
      v1::PublishDisclosureItemResponse* response) override;
  grpc::ServerUnaryReactor* GetDisclosureItem(
      grpc::CallbackServerContext* context,
      const v1::GetDisclosureItemRequest* request,
      v1::GetDisclosureItemResponse* response) override;
  grpc::ServerUnaryReactor* ListDisclosureItems(
      grpc::CallbackServerContext* context,
      const v1::ListDisclosureItemsRequest* request,
      v1::ListDisclosureItemsResponse* response) override;
  grpc::ServerUnaryReactor* FileDisclosureObjection(
      grpc::CallbackServerContext* context,
      const v1::FileDisclosureObjectionRequest* request,
      v1::FileDisclosureObjectionResponse* response) override;
  grpc::ServerUnaryReactor* AnswerDisclosureObjection(
      grpc::CallbackServerContext* context,
      const v1::AnswerDisclosureObjectionRequest* request,
      v1::AnswerDisclosureObjectionResponse* response) override;
  grpc::ServerUnaryReactor* ListDisclosureObjections(
      grpc::CallbackServerContext* context,
      const v1::ListDisclosureObjectionsRequest* request,
      v1::ListDisclosureObjectionsResponse* response) override;
  grpc::ServerUnaryReactor* GetDisclosureCompleteness(
      grpc::CallbackServerContext* context,
      const v1::GetDisclosureCompletenessRequest* request,
      v1::GetDisclosureCompletenessResponse* response) override;

 private:
  Disclosure* service_;
  const Clock* clock_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_DISCLOSURE_DISCLOSURE_HANDLER_H_
