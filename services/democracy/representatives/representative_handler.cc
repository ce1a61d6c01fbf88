#include "services/democracy/representatives/representative_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

absl::StatusOr<RepresentativeGroup> GroupOf(absl::string_view field,
                                            int group) {
  return rpc::FromProtoEnum<RepresentativeGroup>(
      field, group, v1::RepresentativeGroup_IsValid);
}

}  // namespace

grpc::ServerUnaryReactor* RepresentativeHandler::ElectRepresentative(
    grpc::CallbackServerContext* context,
    const v1::ElectRepresentativeRequest* request,
    v1::ElectRepresentativeResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Representative& in = request->representative();
        NewRepresentative n;
        n.term_id = in.term_id();
        n.person_id = in.person_id();
        ASSIGN_OR_RETURN(n.group, GroupOf("representative.group", in.group()));
        n.delegation = in.delegation();
        n.elected_date = in.elected_date();
        ASSIGN_OR_RETURN(
            Representative r,
            service_->Elect(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_representative() = ToProto(r);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RepresentativeHandler::GetRepresentative(
    grpc::CallbackServerContext* context,
    const v1::GetRepresentativeRequest* request,
    v1::GetRepresentativeResponse* response) {
  return rpc::Unary(context, request, response, env_,
                    [=](const auth::Caller& caller) {
                      ASSIGN_OR_RETURN(Representative r,
                                       service_->Get(caller, request->id()));
                      *response->mutable_representative() = ToProto(r);
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* RepresentativeHandler::ListRepresentatives(
    grpc::CallbackServerContext* context,
    const v1::ListRepresentativesRequest* request,
    v1::ListRepresentativesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            RepresentativeStatus status,
            rpc::FromProtoEnum<RepresentativeStatus>(
                "status", request->status(), v1::RepresentativeStatus_IsValid));
        ASSIGN_OR_RETURN(
            Page<Representative> page,
            service_->List(caller, request->term_id(), status,
                           request->delegation(), request->page_size(),
                           request->page_token()));
        for (const Representative& r : page.items)
          *response->add_representatives() = ToProto(r);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RepresentativeHandler::ReviewRepresentative(
    grpc::CallbackServerContext* context,
    const v1::ReviewRepresentativeRequest* request,
    v1::ReviewRepresentativeResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Representative r,
            service_->Review(caller, request->id(), request->qualified(),
                             request->note(), request->etag()));
        *response->mutable_representative() = ToProto(r);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RepresentativeHandler::CompleteQualificationReview(
    grpc::CallbackServerContext* context,
    const v1::CompleteQualificationReviewRequest* request,
    v1::CompleteQualificationReviewResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(CongressTerm t,
                         service_->CompleteReview(
                             caller, request->term_id(), request->review_date(),
                             request->report(), request->etag()));
        *response->mutable_term() = ToProto(t);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RepresentativeHandler::ReplaceRepresentative(
    grpc::CallbackServerContext* context,
    const v1::ReplaceRepresentativeRequest* request,
    v1::ReplaceRepresentativeResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        std::optional<Successor> successor;
        if (request->has_successor()) {
          const v1::Representative& in = request->successor();
          successor.emplace();
          successor->person_id = in.person_id();
          ASSIGN_OR_RETURN(successor->group,
                           GroupOf("successor.group", in.group()));
          successor->delegation = in.delegation();
        }
        ASSIGN_OR_RETURN(
            Replacement done,
            service_->Replace(caller, outbox::RequestKeyOf(*request),
                              request->id(), request->end_date(),
                              request->reason(), successor));
        *response->mutable_ended() = ToProto(done.ended);
        if (done.successor)
          *response->mutable_successor() = ToProto(*done.successor);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RepresentativeHandler::GetComposition(
    grpc::CallbackServerContext* context,
    const v1::GetCompositionRequest* request,
    v1::GetCompositionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Composition c,
                         service_->GetComposition(caller, request->term_id()));
        *response = ToProto(c);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::democracy
