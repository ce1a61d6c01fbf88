#include "services/welfare/insurance/insurance_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

absl::StatusOr<InsurancePlan> PlanOf(absl::string_view field, int plan) {
  return rpc::FromProtoEnum<InsurancePlan>(field, plan,
                                           v1::InsurancePlan_IsValid);
}

}  // namespace

grpc::ServerUnaryReactor* InsuranceHandler::EnrolInsurance(
    grpc::CallbackServerContext* context,
    const v1::EnrolInsuranceRequest* request,
    v1::EnrolInsuranceResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::InsuranceEnrolment& in = request->enrolment();
        NewInsuranceEnrolment n;
        n.person_id = in.person_id();
        ASSIGN_OR_RETURN(n.plan, PlanOf("enrolment.plan", in.plan()));
        n.year = in.year();
        n.premium_fen = in.premium_fen();
        n.coverage_fen = in.coverage_fen();
        ASSIGN_OR_RETURN(
            InsuranceEnrolment e,
            service_->Enrol(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_enrolment() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* InsuranceHandler::ListInsuranceEnrolments(
    grpc::CallbackServerContext* context,
    const v1::ListInsuranceEnrolmentsRequest* request,
    v1::ListInsuranceEnrolmentsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(InsurancePlan plan, PlanOf("plan", request->plan()));
        ASSIGN_OR_RETURN(
            Page<InsuranceEnrolment> page,
            service_->ListEnrolments(
                caller, request->organisation_id(), request->year(), plan,
                request->page_size(), request->page_token()));
        for (const InsuranceEnrolment& e : page.items)
          *response->add_enrolments() = ToProto(e);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* InsuranceHandler::FileInsuranceClaim(
    grpc::CallbackServerContext* context,
    const v1::FileInsuranceClaimRequest* request,
    v1::FileInsuranceClaimResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::InsuranceClaim& in = request->claim();
        NewInsuranceClaim n{in.enrolment_id(), in.event_date(),
                            in.description(), in.claimed_fen()};
        ASSIGN_OR_RETURN(
            InsuranceClaim c,
            service_->FileClaim(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_claim() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* InsuranceHandler::DecideInsuranceClaim(
    grpc::CallbackServerContext* context,
    const v1::DecideInsuranceClaimRequest* request,
    v1::DecideInsuranceClaimResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            auto decided,
            service_->Decide(caller, request->id(), request->payout_fen(),
                             request->rejection_reason(),
                             request->decision_date()));
        *response->mutable_claim() = ToProto(decided.first);
        *response->mutable_enrolment() = ToProto(decided.second);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* InsuranceHandler::ListInsuranceClaims(
    grpc::CallbackServerContext* context,
    const v1::ListInsuranceClaimsRequest* request,
    v1::ListInsuranceClaimsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(ClaimStatus status, rpc::FromProtoEnum<ClaimStatus>(
                                                 "status", request->status(),
                                                 v1::ClaimStatus_IsValid));
        ASSIGN_OR_RETURN(
            Page<InsuranceClaim> page,
            service_->ListClaims(caller, request->organisation_id(), status,
                                 request->page_size(), request->page_token()));
        for (const InsuranceClaim& c : page.items)
          *response->add_claims() = ToProto(c);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::welfare
