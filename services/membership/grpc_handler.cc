#include "services/membership/grpc_handler.h"

#include "libs/base/clock.h"
#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/crypto/crypto.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/log.h"
#include "libs/rpc/status.h"
#include "services/membership/convert.h"
#include "services/membership/roster.h"

namespace unionhub::membership {
namespace {

static_assert(static_cast<int>(RosterEncoding::kDetect) ==
                      v1::RosterEncoding_MIN &&
                  static_cast<int>(RosterEncoding::kGbk) ==
                      v1::RosterEncoding_MAX,
              "RosterEncoding no longer mirrors v1::RosterEncoding");

PersonalData PersonalDataFor(const auth::Caller& caller) {
  return caller.MaySeePersonalData() ? PersonalData::kFull
                                     : PersonalData::kMasked;
}

// Every path of `mask` must be in `allowed`.
absl::Status CheckMask(const google::protobuf::FieldMask& mask,
                       std::initializer_list<absl::string_view> allowed) {
  if (mask.paths().empty()) return InvalidField("update_mask", "is required");
  for (const std::string& path : mask.paths()) {
    if (std::find(allowed.begin(), allowed.end(), path) == allowed.end()) {
      return InvalidField("update_mask", path + " cannot be changed");
    }
  }
  return absl::OkStatus();
}

bool InMask(const google::protobuf::FieldMask& mask, absl::string_view path) {
  return std::find(mask.paths().begin(), mask.paths().end(), path) !=
         mask.paths().end();
}

}  // namespace

// ----------------------------------------------------------------
// organisations

grpc::ServerUnaryReactor* OrganisationHandler::CreateOrganisation(
    grpc::CallbackServerContext* context,
    const v1::CreateOrganisationRequest* request,
    v1::CreateOrganisationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        NewOrganisation n;
        n.parent_id = request->organisation().parent_id();
        n.name = request->organisation().name();
        ASSIGN_OR_RETURN(
            n.type, rpc::FromProtoEnum<OrganisationType>(
                        "organisation.type", request->organisation().type(),
                        v1::OrganisationType_IsValid));
        ASSIGN_OR_RETURN(Organisation o,
                         service_->CreateOrganisation(
                             caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_organisation() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::GetOrganisation(
    grpc::CallbackServerContext* context,
    const v1::GetOrganisationRequest* request,
    v1::GetOrganisationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Organisation o,
                         service_->GetOrganisation(caller, request->id()));
        *response->mutable_organisation() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::GetRootOrganisation(
    grpc::CallbackServerContext* context,
    const v1::GetRootOrganisationRequest* request,
    v1::GetRootOrganisationResponse* response) {
  return rpc::Unary(context, request, response, env_, [=](const auth::Caller&) {
    ASSIGN_OR_RETURN(Organisation o, service_->GetRootOrganisation());
    *response->mutable_organisation() = ToProto(o);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* OrganisationHandler::ListOrganisations(
    grpc::CallbackServerContext* context,
    const v1::ListOrganisationsRequest* request,
    v1::ListOrganisationsResponse* response) {
  return rpc::Unary(context, request, response, env_,
                    [=](const auth::Caller& caller) {
                      OrganisationQuery q;
                      q.parent_id = request->parent_id();
                      q.include_descendants = request->include_descendants();
                      q.include_closed = request->include_closed();
                      q.page_size = request->page_size();
                      q.page_token = request->page_token();
                      ASSIGN_OR_RETURN(Page<Organisation> page,
                                       service_->ListOrganisations(caller, q));
                      for (const Organisation& o : page.items)
                        *response->add_organisations() = ToProto(o);
                      response->set_next_page_token(page.next_page_token);
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* OrganisationHandler::UpdateOrganisation(
    grpc::CallbackServerContext* context,
    const v1::UpdateOrganisationRequest* request,
    v1::UpdateOrganisationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        RETURN_IF_ERROR(CheckMask(request->update_mask(), {"name"}));
        ASSIGN_OR_RETURN(Organisation o,
                         service_->RenameOrganisation(
                             caller, request->organisation().id(),
                             request->organisation().name(), request->etag()));
        *response->mutable_organisation() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::CloseOrganisation(
    grpc::CallbackServerContext* context,
    const v1::CloseOrganisationRequest* request,
    v1::CloseOrganisationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Organisation o,
                         service_->CloseOrganisation(caller, request->id(),
                                                     request->etag()));
        *response->mutable_organisation() = ToProto(o);
        return absl::OkStatus();
      });
}

// ----------------------------------------------------------------------
// members

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
        RETURN_IF_ERROR(CheckMask(mask, {"name", "phone", "employment_type"}));
        const v1::Member& in = request->member();
        MemberPatch patch;
        if (InMask(mask, "name")) patch.name = in.name();
        if (InMask(mask, "phone")) patch.phone = in.phone();
        if (InMask(mask, "employment_type")) {
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
  ImportReactor(grpc::CallbackServerContext* context,
                MembershipService* service, const rpc::CallEnv& env,
                grpc::ByteBuffer* response)
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

  MembershipService* service_;
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

// --------------------------------------------------------------------
// committees

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

// -------------------------------------------------------------------
// enterprises

grpc::ServerUnaryReactor* EnterpriseHandler::CreateEnterprise(
    grpc::CallbackServerContext* context,
    const v1::CreateEnterpriseRequest* request,
    v1::CreateEnterpriseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Enterprise& in = request->enterprise();
        NewEnterprise n{in.organisation_id(), in.name(), in.credit_code(),
                        in.employees(), in.required_to_found()};
        ASSIGN_OR_RETURN(
            Enterprise e,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::GetEnterprise(
    grpc::CallbackServerContext* context,
    const v1::GetEnterpriseRequest* request,
    v1::GetEnterpriseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Enterprise e, service_->Get(caller, request->id()));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::ListEnterprises(
    grpc::CallbackServerContext* context,
    const v1::ListEnterprisesRequest* request,
    v1::ListEnterprisesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        EnterpriseQuery q;
        q.organisation_id = request->organisation_id();
        ASSIGN_OR_RETURN(q.status,
                         rpc::FromProtoEnum<UnionFoundingStatus>(
                             "founding_status", request->founding_status(),
                             v1::UnionFoundingStatus_IsValid));
        q.only_required = request->only_required();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<Enterprise> page, service_->List(caller, q));
        for (const Enterprise& e : page.items)
          *response->add_enterprises() = ToProto(e);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::UpdateEnterprise(
    grpc::CallbackServerContext* context,
    const v1::UpdateEnterpriseRequest* request,
    v1::UpdateEnterpriseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const auto& mask = request->update_mask();
        RETURN_IF_ERROR(CheckMask(
            mask, {"name", "credit_code", "employees", "required_to_found"}));
        const v1::Enterprise& in = request->enterprise();
        EnterprisePatch patch;
        if (InMask(mask, "name")) patch.name = in.name();
        if (InMask(mask, "credit_code")) patch.credit_code = in.credit_code();
        if (InMask(mask, "employees")) patch.employees = in.employees();
        if (InMask(mask, "required_to_found"))
          patch.required_to_found = in.required_to_found();
        ASSIGN_OR_RETURN(Enterprise e, service_->Update(caller, in.id(), patch,
                                                        request->etag()));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::RecordUnionApplication(
    grpc::CallbackServerContext* context,
    const v1::RecordUnionApplicationRequest* request,
    v1::RecordUnionApplicationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Enterprise e,
                         service_->RecordApplication(caller, request->id(),
                                                     request->applied_date(),
                                                     request->etag()));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::RecordUnionFounded(
    grpc::CallbackServerContext* context,
    const v1::RecordUnionFoundedRequest* request,
    v1::RecordUnionFoundedResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Enterprise e,
            service_->RecordFounded(caller, request->id(),
                                    request->union_organisation_id(),
                                    request->founded_date(), request->etag()));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::GetFoundingStatistics(
    grpc::CallbackServerContext* context,
    const v1::GetFoundingStatisticsRequest* request,
    v1::GetFoundingStatisticsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            FoundingStatistics f,
            service_->Statistics(caller, request->organisation_id()));
        *response->mutable_statistics() = ToProto(f);
        return absl::OkStatus();
      });
}

// ----------------------------------------------------------------- model
// workers

namespace {

absl::StatusOr<std::vector<HardshipCause>> CausesOf(const v1::ModelWorker& in) {
  std::vector<HardshipCause> out;
  for (int c : in.hardship_causes()) {
    ASSIGN_OR_RETURN(HardshipCause cause, rpc::FromProtoEnum<HardshipCause>(
                                              "model_worker.hardship_causes", c,
                                              v1::HardshipCause_IsValid));
    out.push_back(cause);
  }
  return out;
}

}  // namespace

grpc::ServerUnaryReactor* ModelWorkerHandler::CreateModelWorker(
    grpc::CallbackServerContext* context,
    const v1::CreateModelWorkerRequest* request,
    v1::CreateModelWorkerResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::ModelWorker& in = request->model_worker();
        ASSIGN_OR_RETURN(ModelWorkerLevel level,
                         rpc::FromProtoEnum<ModelWorkerLevel>(
                             "model_worker.level", in.level(),
                             v1::ModelWorkerLevel_IsValid));
        ASSIGN_OR_RETURN(std::vector<HardshipCause> causes, CausesOf(in));
        NewModelWorker n{in.member_id(),    level,
                         in.title(),        in.award_year(),
                         std::move(causes), in.notes()};
        ASSIGN_OR_RETURN(
            ModelWorker w,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_model_worker() = ToProto(w);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ModelWorkerHandler::GetModelWorker(
    grpc::CallbackServerContext* context,
    const v1::GetModelWorkerRequest* request,
    v1::GetModelWorkerResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(ModelWorker w, service_->Get(caller, request->id()));
        *response->mutable_model_worker() = ToProto(w);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ModelWorkerHandler::ListModelWorkers(
    grpc::CallbackServerContext* context,
    const v1::ListModelWorkersRequest* request,
    v1::ListModelWorkersResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ModelWorkerQuery q;
        q.organisation_id = request->organisation_id();
        ASSIGN_OR_RETURN(q.level, rpc::FromProtoEnum<ModelWorkerLevel>(
                                      "level", request->level(),
                                      v1::ModelWorkerLevel_IsValid));
        q.only_in_hardship = request->only_in_hardship();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<ModelWorker> page, service_->List(caller, q));
        for (const ModelWorker& w : page.items)
          *response->add_model_workers() = ToProto(w);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ModelWorkerHandler::UpdateModelWorker(
    grpc::CallbackServerContext* context,
    const v1::UpdateModelWorkerRequest* request,
    v1::UpdateModelWorkerResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const auto& mask = request->update_mask();
        RETURN_IF_ERROR(CheckMask(mask, {"level", "title", "award_year",
                                         "hardship_causes", "notes"}));
        const v1::ModelWorker& in = request->model_worker();
        ModelWorkerPatch patch;
        if (InMask(mask, "level")) {
          ASSIGN_OR_RETURN(patch.level, rpc::FromProtoEnum<ModelWorkerLevel>(
                                            "model_worker.level", in.level(),
                                            v1::ModelWorkerLevel_IsValid));
        }
        if (InMask(mask, "title")) patch.title = in.title();
        if (InMask(mask, "award_year")) patch.award_year = in.award_year();
        if (InMask(mask, "hardship_causes")) {
          ASSIGN_OR_RETURN(patch.hardship_causes, CausesOf(in));
        }
        if (InMask(mask, "notes")) patch.notes = in.notes();
        ASSIGN_OR_RETURN(ModelWorker w, service_->Update(caller, in.id(), patch,
                                                         request->etag()));
        *response->mutable_model_worker() = ToProto(w);
        return absl::OkStatus();
      });
}

// -------------------------------------------------------- activities and
// honours

grpc::ServerUnaryReactor* ActivityHandler::CreateActivity(
    grpc::CallbackServerContext* context,
    const v1::CreateActivityRequest* request,
    v1::CreateActivityResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Activity& in = request->activity();
        ASSIGN_OR_RETURN(ActivityKind kind, rpc::FromProtoEnum<ActivityKind>(
                                                "activity.kind", in.kind(),
                                                v1::ActivityKind_IsValid));
        NewActivity n{in.organisation_id(), in.name(),     kind,
                      in.start_date(),      in.end_date(), in.location(),
                      in.description()};
        ASSIGN_OR_RETURN(Activity a,
                         service_->CreateActivity(
                             caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_activity() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::GetActivity(
    grpc::CallbackServerContext* context, const v1::GetActivityRequest* request,
    v1::GetActivityResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Activity a,
                         service_->GetActivity(caller, request->id()));
        *response->mutable_activity() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::ListActivities(
    grpc::CallbackServerContext* context,
    const v1::ListActivitiesRequest* request,
    v1::ListActivitiesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(ActivityKind kind, rpc::FromProtoEnum<ActivityKind>(
                                                "kind", request->kind(),
                                                v1::ActivityKind_IsValid));
        DatedQuery q{request->organisation_id(), kind, request->year(),
                     request->page_size(), request->page_token()};
        ASSIGN_OR_RETURN(Page<Activity> page,
                         service_->ListActivities(caller, q));
        for (const Activity& a : page.items)
          *response->add_activities() = ToProto(a);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::AddParticipants(
    grpc::CallbackServerContext* context,
    const v1::AddParticipantsRequest* request,
    v1::AddParticipantsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        std::vector<Participation> participants;
        for (const v1::Participation& p : request->participants()) {
          participants.push_back({"", p.member_id(), "", p.award(), p.note()});
        }
        ASSIGN_OR_RETURN(ParticipantsAdded added,
                         service_->AddParticipants(
                             caller, request->activity_id(), participants));
        response->set_added(added.added);
        response->set_updated(added.updated);
        response->set_participant_count(added.participant_count);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::ListParticipants(
    grpc::CallbackServerContext* context,
    const v1::ListParticipantsRequest* request,
    v1::ListParticipantsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Page<Participation> page,
                         service_->ListParticipants(
                             caller, request->activity_id(),
                             request->page_size(), request->page_token()));
        for (const Participation& p : page.items)
          *response->add_participants() = ToProto(p);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::RecordHonour(
    grpc::CallbackServerContext* context,
    const v1::RecordHonourRequest* request,
    v1::RecordHonourResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Honour& in = request->honour();
        ASSIGN_OR_RETURN(HonourLevel level, rpc::FromProtoEnum<HonourLevel>(
                                                "honour.level", in.level(),
                                                v1::HonourLevel_IsValid));
        NewHonour n{in.organisation_id(), in.member_id(), in.title(), level,
                    in.awarded_by(),      in.award_date()};
        ASSIGN_OR_RETURN(
            Honour h,
            service_->RecordHonour(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_honour() = ToProto(h);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::ListHonours(
    grpc::CallbackServerContext* context, const v1::ListHonoursRequest* request,
    v1::ListHonoursResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        DatedQuery q{request->organisation_id(), ActivityKind::kUnspecified,
                     request->year(), request->page_size(),
                     request->page_token()};
        ASSIGN_OR_RETURN(Page<Honour> page, service_->ListHonours(caller, q));
        for (const Honour& h : page.items)
          *response->add_honours() = ToProto(h);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

outbox::OrganisationPathOf OrganisationPaths(MembershipService* service) {
  return [service](const auth::Caller& caller, absl::string_view field,
                   const std::string& id) -> absl::StatusOr<std::string> {
    absl::StatusOr<Organisation> found = service->GetOrganisation(caller, id);
    if (!found.ok()) {
      return absl::Status(found.status().code(),
                          absl::StrCat(field, ": ", found.status().message()));
    }
    return found->path;
  };
}

}  // namespace unionhub::membership
