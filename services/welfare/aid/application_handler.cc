#include "services/welfare/aid/application_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {

grpc::ServerUnaryReactor* AidApplicationHandler::CreateAidApplication(
    grpc::CallbackServerContext* context,
    const v1::CreateAidApplicationRequest* request,
    v1::CreateAidApplicationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::AidApplication& in = request->application();
        NewAidApplication n{in.campaign_id(), in.person_id(),
                            in.requested_fen(), in.reason(), in.student_id()};
        ASSIGN_OR_RETURN(
            AidApplication a,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_application() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AidApplicationHandler::GetAidApplication(
    grpc::CallbackServerContext* context,
    const v1::GetAidApplicationRequest* request,
    v1::GetAidApplicationResponse* response) {
  return rpc::Unary(context, request, response, env_,
                    [=](const auth::Caller& caller) {
                      ASSIGN_OR_RETURN(AidApplication a,
                                       service_->Get(caller, request->id()));
                      *response->mutable_application() = ToProto(a);
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* AidApplicationHandler::ListAidApplications(
    grpc::CallbackServerContext* context,
    const v1::ListAidApplicationsRequest* request,
    v1::ListAidApplicationsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        AidApplicationQuery q;
        q.organisation_id = request->organisation_id();
        q.campaign_id = request->campaign_id();
        ASSIGN_OR_RETURN(q.status, rpc::FromProtoEnum<AidApplicationStatus>(
                                       "status", request->status(),
                                       v1::AidApplicationStatus_IsValid));
        q.person_id = request->person_id();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<AidApplication> page, service_->List(caller, q));
        for (const AidApplication& a : page.items)
          *response->add_applications() = ToProto(a);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AidApplicationHandler::ReviewAidApplication(
    grpc::CallbackServerContext* context,
    const v1::ReviewAidApplicationRequest* request,
    v1::ReviewAidApplicationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(AidApplication a,
                         service_->Review(caller, request->id(),
                                          request->note(), request->etag()));
        *response->mutable_application() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AidApplicationHandler::ApproveAidApplication(
    grpc::CallbackServerContext* context,
    const v1::ApproveAidApplicationRequest* request,
    v1::ApproveAidApplicationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            AidApplication a,
            service_->Approve(caller, request->id(), request->approved_fen(),
                              request->note(), request->etag()));
        *response->mutable_application() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AidApplicationHandler::RejectAidApplication(
    grpc::CallbackServerContext* context,
    const v1::RejectAidApplicationRequest* request,
    v1::RejectAidApplicationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(AidApplication a,
                         service_->Reject(caller, request->id(),
                                          request->reason(), request->etag()));
        *response->mutable_application() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AidApplicationHandler::PayAidApplication(
    grpc::CallbackServerContext* context,
    const v1::PayAidApplicationRequest* request,
    v1::PayAidApplicationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            AidPayment p,
            service_->Pay(caller, outbox::RequestKeyOf(*request),
                          request->application_id(), request->paid_date()));
        *response->mutable_payment() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AidApplicationHandler::ReverseAidPayment(
    grpc::CallbackServerContext* context,
    const v1::ReverseAidPaymentRequest* request,
    v1::ReverseAidPaymentResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            AidPayment p,
            service_->ReversePayment(
                caller, outbox::RequestKeyOf(*request), request->payment_id(),
                request->reversed_date(), request->reason()));
        *response->mutable_payment() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AidApplicationHandler::ListAidApplicationSteps(
    grpc::CallbackServerContext* context,
    const v1::ListAidApplicationStepsRequest* request,
    v1::ListAidApplicationStepsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Page<AidApplicationStep> page,
            service_->ListSteps(caller, request->application_id(),
                                request->page_size(), request->page_token()));
        for (const AidApplicationStep& step : page.items)
          *response->add_steps() = ToProto(step);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AidApplicationHandler::ListAidPayments(
    grpc::CallbackServerContext* context,
    const v1::ListAidPaymentsRequest* request,
    v1::ListAidPaymentsResponse* response) {
  return rpc::Unary(context, request, response, env_,
                    [=](const auth::Caller& caller) {
                      AidPaymentQuery q;
                      q.organisation_id = request->organisation_id();
                      q.year = request->year();
                      q.only_flagged = request->only_flagged();
                      q.person_id = request->person_id();
                      q.page_size = request->page_size();
                      q.page_token = request->page_token();
                      ASSIGN_OR_RETURN(Page<AidPayment> page,
                                       service_->ListPayments(caller, q));
                      for (const AidPayment& p : page.items)
                        *response->add_payments() = ToProto(p);
                      response->set_next_page_token(page.next_page_token);
                      return absl::OkStatus();
                    });
}

}  // namespace unionhub::welfare
