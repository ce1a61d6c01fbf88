#include "services/membership/committees/committee_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/membership/convert.h"

namespace unionhub::membership {

grpc::ServerUnaryReactor* CommitteeHandler::CreateCommitteeTerm(
    grpc::CallbackServerContext* context,
    const v1::CreateCommitteeTermRequest* request,
    v1::CreateCommitteeTermResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::CommitteeTerm& in = request->term();
        NewTerm n;
        n.organisation_id = in.organisation_id();
        n.start_date = in.start_date();
        n.length_years = in.length_years();
        n.election_date = in.election().election_date();
        n.eligible_voters = in.election().eligible_voters();
        n.voters_present = in.election().voters_present();
        n.method = in.election().method();
        ASSIGN_OR_RETURN(
            CommitteeTerm t,
            service_->CreateTerm(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_term() = ToProto(t);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CommitteeHandler::ListCommitteeTerms(
    grpc::CallbackServerContext* context,
    const v1::ListCommitteeTermsRequest* request,
    v1::ListCommitteeTermsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            std::vector<CommitteeTerm> terms,
            service_->ListTerms(caller, request->organisation_id()));
        for (const CommitteeTerm& t : terms)
          *response->add_terms() = ToProto(t);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CommitteeHandler::ElectOfficer(
    grpc::CallbackServerContext* context,
    const v1::ElectOfficerRequest* request,
    v1::ElectOfficerResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            OfficerPosition position,
            rpc::FromProtoEnum<OfficerPosition>("position", request->position(),
                                                v1::OfficerPosition_IsValid));
        ASSIGN_OR_RETURN(
            Officer o,
            service_->ElectOfficer(caller, outbox::RequestKeyOf(*request),
                                   request->term_id(), request->member_id(),
                                   position, request->votes_for()));
        *response->mutable_officer() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CommitteeHandler::ListOfficers(
    grpc::CallbackServerContext* context,
    const v1::ListOfficersRequest* request,
    v1::ListOfficersResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(std::vector<Officer> officers,
                         service_->ListOfficers(caller, request->term_id(),
                                                request->include_ended()));
        for (const Officer& o : officers)
          *response->add_officers() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CommitteeHandler::EndOfficer(
    grpc::CallbackServerContext* context, const v1::EndOfficerRequest* request,
    v1::EndOfficerResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Officer o, service_->EndOfficer(caller, request->id(),
                                                         request->end_date(),
                                                         request->reason()));
        *response->mutable_officer() = ToProto(o);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::membership
