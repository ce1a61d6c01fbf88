#include "services/welfare/hardship/hardship_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

absl::StatusOr<HardshipLevel> LevelOf(absl::string_view field, int level) {
  return rpc::FromProtoEnum<HardshipLevel>(field, level,
                                           v1::HardshipLevel_IsValid);
}

absl::StatusOr<std::vector<HardshipCause>> CausesOf(
    absl::string_view field,
    const google::protobuf::RepeatedField<int>& causes) {
  std::vector<HardshipCause> out;
  for (int c : causes) {
    ASSIGN_OR_RETURN(
        out.emplace_back(),
        rpc::FromProtoEnum<HardshipCause>(field, c, v1::HardshipCause_IsValid));
  }
  return out;
}

}  // namespace

grpc::ServerUnaryReactor* HardshipHandler::CreateHardshipFile(
    grpc::CallbackServerContext* context,
    const v1::CreateHardshipFileRequest* request,
    v1::CreateHardshipFileResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::HardshipFile& in = request->file();
        NewHardshipFile n;
        n.person_id = in.person_id();
        n.household_size = in.household_size();
        n.monthly_income_per_capita_fen = in.monthly_income_per_capita_fen();
        ASSIGN_OR_RETURN(n.level, LevelOf("file.level", in.level()));
        ASSIGN_OR_RETURN(n.causes, CausesOf("file.causes", in.causes()));
        n.situation = in.situation();
        n.opened_date = in.opened_date();
        ASSIGN_OR_RETURN(
            HardshipFile f,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_file() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::GetHardshipFile(
    grpc::CallbackServerContext* context,
    const v1::GetHardshipFileRequest* request,
    v1::GetHardshipFileResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(HardshipFile f, service_->Get(caller, request->id()));
        *response->mutable_file() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::ListHardshipFiles(
    grpc::CallbackServerContext* context,
    const v1::ListHardshipFilesRequest* request,
    v1::ListHardshipFilesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        HardshipFileQuery q;
        q.organisation_id = request->organisation_id();
        ASSIGN_OR_RETURN(q.status, rpc::FromProtoEnum<HardshipFileStatus>(
                                       "status", request->status(),
                                       v1::HardshipFileStatus_IsValid));
        ASSIGN_OR_RETURN(q.level, LevelOf("level", request->level()));
        ASSIGN_OR_RETURN(
            q.cause, rpc::FromProtoEnum<HardshipCause>(
                         "cause", request->cause(), v1::HardshipCause_IsValid));
        q.only_recheck_overdue = request->only_recheck_overdue();
        q.person_id = request->person_id();
        q.not_helped_in_year = request->not_helped_in_year();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<HardshipFile> page, service_->List(caller, q));
        for (const HardshipFile& f : page.items)
          *response->add_files() = ToProto(f);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::UpdateHardshipFile(
    grpc::CallbackServerContext* context,
    const v1::UpdateHardshipFileRequest* request,
    v1::UpdateHardshipFileResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const auto& mask = request->update_mask();
        RETURN_IF_ERROR(rpc::CheckUpdateMask(
            mask, {"household_size", "monthly_income_per_capita_fen", "level",
                   "causes", "situation"}));
        const v1::HardshipFile& in = request->file();
        HardshipFilePatch patch;
        if (rpc::InMask(mask, "household_size"))
          patch.household_size = in.household_size();
        if (rpc::InMask(mask, "monthly_income_per_capita_fen")) {
          patch.monthly_income_per_capita_fen =
              in.monthly_income_per_capita_fen();
        }
        if (rpc::InMask(mask, "level")) {
          ASSIGN_OR_RETURN(patch.level, LevelOf("file.level", in.level()));
        }
        if (rpc::InMask(mask, "causes")) {
          ASSIGN_OR_RETURN(patch.causes, CausesOf("file.causes", in.causes()));
        }
        if (rpc::InMask(mask, "situation")) patch.situation = in.situation();
        ASSIGN_OR_RETURN(
            HardshipFile f,
            service_->Update(caller, in.id(), patch, request->etag()));
        *response->mutable_file() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::StartHardshipPublicity(
    grpc::CallbackServerContext* context,
    const v1::StartHardshipPublicityRequest* request,
    v1::StartHardshipPublicityResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(HardshipFile f,
                         service_->StartPublicity(
                             caller, request->id(), request->start_date(),
                             request->end_date(), request->etag()));
        *response->mutable_file() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::FileHardshipObjection(
    grpc::CallbackServerContext* context,
    const v1::FileHardshipObjectionRequest* request,
    v1::FileHardshipObjectionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            HardshipObjection o,
            service_->FileObjection(caller, outbox::RequestKeyOf(*request),
                                    request->file_id(), request->filed_date(),
                                    request->content()));
        *response->mutable_objection() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::AnswerHardshipObjection(
    grpc::CallbackServerContext* context,
    const v1::AnswerHardshipObjectionRequest* request,
    v1::AnswerHardshipObjectionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(auto answered,
                         service_->AnswerObjection(
                             caller, request->id(), request->answer(),
                             request->answered_date(), request->upheld()));
        *response->mutable_objection() = ToProto(answered.first);
        *response->mutable_file() = ToProto(answered.second);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::ListHardshipObjections(
    grpc::CallbackServerContext* context,
    const v1::ListHardshipObjectionsRequest* request,
    v1::ListHardshipObjectionsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Page<HardshipObjection> page,
                         service_->ListObjections(caller, request->file_id(),
                                                  request->page_size(),
                                                  request->page_token()));
        for (const HardshipObjection& o : page.items)
          *response->add_objections() = ToProto(o);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::ApproveHardshipFile(
    grpc::CallbackServerContext* context,
    const v1::ApproveHardshipFileRequest* request,
    v1::ApproveHardshipFileResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            HardshipFile f,
            service_->Approve(caller, request->id(), request->approved_date(),
                              request->etag()));
        *response->mutable_file() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::RecheckHardshipFile(
    grpc::CallbackServerContext* context,
    const v1::RecheckHardshipFileRequest* request,
    v1::RecheckHardshipFileResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        HardshipRecheck finding;
        finding.check_date = request->check_date();
        ASSIGN_OR_RETURN(finding.level, LevelOf("level", request->level()));
        finding.monthly_income_per_capita_fen =
            request->monthly_income_per_capita_fen();
        finding.note = request->note();
        ASSIGN_OR_RETURN(
            HardshipFile f,
            service_->Recheck(caller, request->id(), finding, request->etag()));
        *response->mutable_file() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::ExitHardshipFile(
    grpc::CallbackServerContext* context,
    const v1::ExitHardshipFileRequest* request,
    v1::ExitHardshipFileResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            HardshipFile f,
            service_->Exit(caller, request->id(), request->exit_date(),
                           request->exit_reason(), request->etag()));
        *response->mutable_file() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HardshipHandler::ListHardshipFileSteps(
    grpc::CallbackServerContext* context,
    const v1::ListHardshipFileStepsRequest* request,
    v1::ListHardshipFileStepsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Page<HardshipFileStep> page,
            service_->ListSteps(caller, request->file_id(),
                                request->page_size(), request->page_token()));
        for (const HardshipFileStep& step : page.items)
          *response->add_steps() = ToProto(step);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::welfare
