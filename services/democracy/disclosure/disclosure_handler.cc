#include "services/democracy/disclosure/disclosure_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

absl::StatusOr<DisclosureCategory> CategoryOf(absl::string_view field,
                                              int category) {
  return rpc::FromProtoEnum<DisclosureCategory>(field, category,
                                                v1::DisclosureCategory_IsValid);
}

}  // namespace

grpc::ServerUnaryReactor* DisclosureHandler::CreateDisclosureCatalogueEntry(
    grpc::CallbackServerContext* context,
    const v1::CreateDisclosureCatalogueEntryRequest* request,
    v1::CreateDisclosureCatalogueEntryResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::DisclosureCatalogueEntry& in = request->entry();
        NewCatalogueEntry n;
        n.organisation_id = in.organisation_id();
        ASSIGN_OR_RETURN(n.category,
                         CategoryOf("entry.category", in.category()));
        n.title = in.title();
        ASSIGN_OR_RETURN(n.frequency, rpc::FromProtoEnum<DisclosureFrequency>(
                                          "entry.frequency", in.frequency(),
                                          v1::DisclosureFrequency_IsValid));
        n.grace_days = in.grace_days();
        ASSIGN_OR_RETURN(
            DisclosureCatalogueEntry e,
            service_->CreateEntry(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_entry() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DisclosureHandler::ListDisclosureCatalogue(
    grpc::CallbackServerContext* context,
    const v1::ListDisclosureCatalogueRequest* request,
    v1::ListDisclosureCatalogueResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            std::vector<DisclosureCatalogueEntry> entries,
            service_->Catalogue(caller, request->organisation_id()));
        for (const DisclosureCatalogueEntry& e : entries)
          *response->add_entries() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DisclosureHandler::PublishDisclosureItem(
    grpc::CallbackServerContext* context,
    const v1::PublishDisclosureItemRequest* request,
    v1::PublishDisclosureItemResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::DisclosureItem& in = request->item();
        NewDisclosureItem n;
        n.organisation_id = in.organisation_id();
        ASSIGN_OR_RETURN(n.category,
                         CategoryOf("item.category", in.category()));
        n.title = in.title();
        n.content = in.content();
        n.catalogue_entry_id = in.catalogue_entry_id();
        n.period = in.period();
        n.publicity_start_date = in.publicity_start_date();
        n.publicity_end_date = in.publicity_end_date();
        ASSIGN_OR_RETURN(
            DisclosureItem i,
            service_->Publish(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_item() = ToProto(i, clock_->Today());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DisclosureHandler::GetDisclosureItem(
    grpc::CallbackServerContext* context,
    const v1::GetDisclosureItemRequest* request,
    v1::GetDisclosureItemResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(DisclosureItem i,
                         service_->GetItem(caller, request->id()));
        *response->mutable_item() = ToProto(i, clock_->Today());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DisclosureHandler::ListDisclosureItems(
    grpc::CallbackServerContext* context,
    const v1::ListDisclosureItemsRequest* request,
    v1::ListDisclosureItemsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(DisclosureCategory category,
                         CategoryOf("category", request->category()));
        ASSIGN_OR_RETURN(
            Page<DisclosureItem> page,
            service_->ListItems(caller, request->organisation_id(), category,
                                request->page_size(), request->page_token()));
        const absl::CivilDay today = clock_->Today();
        for (const DisclosureItem& i : page.items)
          *response->add_items() = ToProto(i, today);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DisclosureHandler::FileDisclosureObjection(
    grpc::CallbackServerContext* context,
    const v1::FileDisclosureObjectionRequest* request,
    v1::FileDisclosureObjectionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::DisclosureObjection& in = request->objection();
        NewObjection n{in.item_id(), in.filed_date(), in.content()};
        ASSIGN_OR_RETURN(
            DisclosureObjection o,
            service_->FileObjection(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_objection() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DisclosureHandler::AnswerDisclosureObjection(
    grpc::CallbackServerContext* context,
    const v1::AnswerDisclosureObjectionRequest* request,
    v1::AnswerDisclosureObjectionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(auto answered,
                         service_->AnswerObjection(
                             caller, request->id(), request->answer(),
                             request->answered_date(), request->upheld()));
        *response->mutable_objection() = ToProto(answered.first);
        *response->mutable_item() = ToProto(answered.second, clock_->Today());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DisclosureHandler::ListDisclosureObjections(
    grpc::CallbackServerContext* context,
    const v1::ListDisclosureObjectionsRequest* request,
    v1::ListDisclosureObjectionsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(std::vector<DisclosureObjection> objections,
                         service_->ListObjections(caller, request->item_id()));
        for (const DisclosureObjection& o : objections)
          *response->add_objections() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DisclosureHandler::GetDisclosureCompleteness(
    grpc::CallbackServerContext* context,
    const v1::GetDisclosureCompletenessRequest* request,
    v1::GetDisclosureCompletenessResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            DisclosureCompleteness c,
            service_->Completeness(caller, request->organisation_id(),
                                   request->from_date(), request->to_date()));
        *response = ToProto(c);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::democracy
