#include "services/membership/member_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/membership/convert.h"
#include "services/membership/roster.h"

namespace unionhub::membership {

static_assert(static_cast<int>(RosterEncoding::kDetect) ==
                      v1::RosterEncoding_MIN &&
                  static_cast<int>(RosterEncoding::kGbk) ==
                      v1::RosterEncoding_MAX,
              "RosterEncoding no longer mirrors v1::RosterEncoding");

grpc::ServerUnaryReactor* MemberHandler::CreateMember(
    grpc::CallbackServerContext* context,
    const v1::CreateMemberRequest* request,
    v1::CreateMemberResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Member& in = request->member();
        NewMember n;
        n.organisation_id = in.organisation_id();
        n.name = in.name();
        n.id_number = in.id_number();
        n.phone = in.phone();
        ASSIGN_OR_RETURN(n.sex, rpc::FromProtoEnum<Sex>("member.sex", in.sex(),
                                                        v1::Sex_IsValid));
        ASSIGN_OR_RETURN(n.employment_type,
                         rpc::FromProtoEnum<EmploymentType>(
                             "member.employment_type", in.employment_type(),
                             v1::EmploymentType_IsValid));
        n.join_date = in.join_date();
        if (!in.birth_date().empty()) {
          ASSIGN_OR_RETURN(n.birth_date,
                           ParseDate("member.birth_date", in.birth_date()));
        }
        ASSIGN_OR_RETURN(
            Member m,
            service_->CreateMember(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_member() = ToProto(m, PersonalDataFor(caller));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MemberHandler::GetMember(
    grpc::CallbackServerContext* context, const v1::GetMemberRequest* request,
    v1::GetMemberResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Member m, service_->GetMember(caller, request->id()));
        *response->mutable_member() = ToProto(m, PersonalDataFor(caller));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MemberHandler::ListMembers(
    grpc::CallbackServerContext* context, const v1::ListMembersRequest* request,
    v1::ListMembersResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        MemberQuery q;
        q.organisation_id = request->organisation_id();
        q.include_descendants = request->include_descendants();
        ASSIGN_OR_RETURN(q.status, rpc::FromProtoEnum<MemberStatus>(
                                       "status", request->status(),
                                       v1::MemberStatus_IsValid));
        ASSIGN_OR_RETURN(q.employment_type,
                         rpc::FromProtoEnum<EmploymentType>(
                             "employment_type", request->employment_type(),
                             v1::EmploymentType_IsValid));
        q.name_prefix = request->name_prefix();
        q.id_number = request->id_number();
        q.only_model_workers = request->only_model_workers();
        q.person_id = request->person_id();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<Member> page, service_->ListMembers(caller, q));
        for (const Member& m : page.items) {
          *response->add_members() = ToProto(m, PersonalDataFor(caller));
        }
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MemberHandler::UpdateMember(
    grpc::CallbackServerContext* context,
    const v1::UpdateMemberRequest* request,
    v1::UpdateMemberResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const auto& mask = request->update_mask();
        RETURN_IF_ERROR(
            rpc::CheckUpdateMask(mask, {"name", "phone", "employment_type"}));
        const v1::Member& in = request->member();
        MemberPatch patch;
        if (rpc::InMask(mask, "name")) patch.name = in.name();
        if (rpc::InMask(mask, "phone")) patch.phone = in.phone();
        if (rpc::InMask(mask, "employment_type")) {
          ASSIGN_OR_RETURN(patch.employment_type,
                           rpc::FromProtoEnum<EmploymentType>(
                               "member.employment_type", in.employment_type(),
                               v1::EmploymentType_IsValid));
        }
        ASSIGN_OR_RETURN(
            Member m,
            service_->UpdateMember(caller, in.id(), patch, request->etag()));
        *response->mutable_member() = ToProto(m, PersonalDataFor(caller));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MemberHandler::ChangeMemberStatus(
    grpc::CallbackServerContext* context,
    const v1::ChangeMemberStatusRequest* request,
    v1::ChangeMemberStatusResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(MemberStatus status, rpc::FromProtoEnum<MemberStatus>(
                                                  "status", request->status(),
                                                  v1::MemberStatus_IsValid));
        ASSIGN_OR_RETURN(Member m, service_->ChangeMemberStatus(
                                       caller, request->id(), status,
                                       request->effective_date(),
                                       request->reason(), request->etag()));
        *response->mutable_member() = ToProto(m, PersonalDataFor(caller));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MemberHandler::TransferMember(
    grpc::CallbackServerContext* context,
    const v1::TransferMemberRequest* request,
    v1::TransferMemberResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Transfer t,
            service_->TransferMember(
                caller, outbox::RequestKeyOf(*request), request->id(),
                request->target_organisation_id(), request->effective_date(),
                request->reason(), request->etag()));
        *response->mutable_previous() =
            ToProto(t.previous, PersonalDataFor(caller));
        *response->mutable_member() =
            ToProto(t.member, PersonalDataFor(caller));
        return absl::OkStatus();
      });
}

namespace {

// Receives a roster upload chunk by chunk; the reader keeps only undecoded
// tails and parsed rows, never the whole file. Chunks are read on gRPC's
// threads; the import runs on the executor when the client half-closes.
class ImportReactor final : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  ImportReactor(grpc::CallbackServerContext* context, Members* service,
                const rpc::CallEnv& env, grpc::ByteBuffer* response)
      : service_(service), response_(response), call_(context, *Method(), env) {
    if (!call_.admission().ok()) {
      Finish(call_.End(call_.admission()));
      return;
    }
    StartRead(&raw_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {  // The client has sent everything: import on the executor.
      call_.Run([this](const auth::Caller& caller) { return Import(caller); },
                [this](const grpc::Status& status) { Finish(status); });
      return;
    }
    ++messages_;
    bool parsed =
        grpc::SerializationTraits<v1::ImportMembersRequest>::Deserialize(
            &raw_, &request_)
            .ok();
    raw_.Clear();
    if (!parsed) {
      Done(absl::InvalidArgumentError(absl::StrCat(
          "message ", messages_,
          " of the upload is not a valid ImportMembersRequest (text fields "
          "must be UTF-8); nothing was imported")));
      return;
    }
    if (!reader_) {
      absl::StatusOr<RosterEncoding> encoding =
          rpc::FromProtoEnum<RosterEncoding>("encoding", request_.encoding(),
                                             v1::RosterEncoding_IsValid);
      if (!encoding.ok() || !v1::ImportMode_IsValid(request_.mode())) {
        Done(encoding.ok()
                 ? InvalidField("mode",
                                absl::StrCat(request_.mode(),
                                             " is not one of its values"))
                 : encoding.status());
        return;
      }
      first_ = request_;
      first_.clear_csv_chunk();
      first_.clear_request_id();
      fingerprint_.Update(first_.SerializeAsString());
      std::string organisation_id = request_.organisation_id().empty()
                                        ? call_.caller().organisation_id
                                        : request_.organisation_id();
      first_.set_organisation_id(organisation_id);
      first_.set_request_id(request_.request_id());
      reader_ = std::make_unique<RosterReader>(*encoding, organisation_id);
    }
    if (request_.csv_chunk().size() > kMaxChunk) {
      Done(InvalidField("csv_chunk",
                        "is larger than 1 MiB; send smaller pieces"));
      return;
    }
    fingerprint_.Update(request_.csv_chunk());
    absl::Status fed = reader_->Feed(request_.csv_chunk());
    if (!fed.ok()) {
      Done(fed);
      return;
    }
    StartRead(&raw_);
  }

  void OnDone() override { delete this; }

 private:
  static constexpr size_t kMaxChunk = 1 << 20;

  static const google::protobuf::MethodDescriptor* Method() {
    static const google::protobuf::MethodDescriptor* method =
        rpc::MethodForRequest(v1::ImportMembersRequest::descriptor());
    return method;
  }

  absl::Status Import(const auth::Caller& caller) {
    if (!reader_) return InvalidField("csv_chunk", "no file was sent");
    RETURN_IF_ERROR(reader_->Finish());
    ImportOptions options;
    options.organisation_id = first_.organisation_id();
    options.all_or_nothing = first_.mode() != v1::IMPORT_MODE_VALID_ROWS;
    options.validate_only = first_.validate_only();
    ASSIGN_OR_RETURN(
        ImportReport report,
        service_->ImportMembers(
            caller,
            outbox::RequestKeyOf(*v1::ImportMembersRequest::descriptor(),
                                 first_.request_id(), fingerprint_.HexDigest()),
            options, std::move(reader_->rows())));
    reader_.reset();
    v1::ImportMembersResponse response = ToProto(report);
    bool own_buffer = false;
    if (!grpc::SerializationTraits<v1::ImportMembersResponse>::Serialize(
             response, response_, &own_buffer)
             .ok())
      return absl::InternalError("the import's answer cannot be encoded");
    return absl::OkStatus();
  }

  // Ends the upload early (a bad message), without importing.
  void Done(const absl::Status& status) { Finish(call_.End(status)); }

  Members* service_;
  grpc::ByteBuffer* response_;
  rpc::ServerCall call_;
  grpc::ByteBuffer raw_;  // The message being read.
  int64_t messages_ = 0;
  v1::ImportMembersRequest request_;
  v1::ImportMembersRequest first_;  // The options of the first message.
  crypto::Sha256Stream fingerprint_;
  std::unique_ptr<RosterReader> reader_;
};

}  // namespace

grpc::ServerReadReactor<grpc::ByteBuffer>* MemberHandler::ImportMembers(
    grpc::CallbackServerContext* context, grpc::ByteBuffer* response) {
  return new ImportReactor(context, service_, env_, response);
}

grpc::ServerUnaryReactor* MemberHandler::ListMemberStatusChanges(
    grpc::CallbackServerContext* context,
    const v1::ListMemberStatusChangesRequest* request,
    v1::ListMemberStatusChangesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(auto changes, service_->ListMemberStatusChanges(
                                           caller, request->member_id()));
        for (const auto& c : changes) *response->add_changes() = ToProto(c);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::membership
