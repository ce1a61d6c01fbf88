#include "services/reporting/exports/export_handler.h"

#include <functional>

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "services/reporting/convert.h"

namespace unionhub::reporting {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;

using MakeFile = std::function<absl::StatusOr<ExportFile>(const auth::Caller&)>;

// One download: admitted and made on the call path (logged once, with the
// making's status), then written piece by piece; it deletes itself when done.
template <typename Response>
class DownloadReactor final : public grpc::ServerWriteReactor<Response> {
 public:
  DownloadReactor(grpc::CallbackServerContext* context,
                  const google::protobuf::MethodDescriptor& method,
                  const rpc::CallEnv& env, MakeFile make)
      : call_(context, method, env) {
    if (!call_.admission().ok()) {
      this->Finish(call_.End(call_.admission()));
      return;
    }
    call_.Run(
        [this,
         make = std::move(make)](const auth::Caller& caller) -> absl::Status {
          ASSIGN_OR_RETURN(file_, make(caller));
          return absl::OkStatus();
        },
        [this](const grpc::Status& status) {
          if (!status.ok()) {
            this->Finish(status);
            return;
          }
          WriteNext();
        });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {  // The client went away.
      this->Finish(grpc::Status(grpc::StatusCode::CANCELLED,
                                "the download was cancelled"));
      return;
    }
    WriteNext();
  }
  void OnDone() override { delete this; }

 private:
  void WriteNext() {
    if (sent_ > 0 && offset_ >= file_.bytes.size()) {
      this->Finish(grpc::Status::OK);
      return;
    }
    response_.Clear();
    v1::ExportChunk* chunk = response_.mutable_chunk();
    if (sent_ == 0) {
      chunk->set_file_name(file_.file_name);
      chunk->set_content_type(file_.content_type);
    }
    const size_t n = std::min(kChunkBytes, file_.bytes.size() - offset_);
    chunk->set_data(file_.bytes.substr(offset_, n));
    offset_ += n;
    ++sent_;
    this->StartWrite(&response_);
  }

  rpc::ServerCall call_;
  ExportFile file_;
  size_t offset_ = 0;
  int sent_ = 0;
  Response response_;
};

template <typename Request, typename Response>
grpc::ServerWriteReactor<Response>* Download(
    grpc::CallbackServerContext* context, const Request*,
    const rpc::CallEnv& env, MakeFile make) {
  static const google::protobuf::MethodDescriptor* method =
      rpc::MethodForRequest(Request::descriptor());
  return new DownloadReactor<Response>(context, *method, env, std::move(make));
}

absl::StatusOr<ExportFormat> FormatOf(v1::ExportFormat format) {
  switch (format) {
    case v1::EXPORT_FORMAT_UNSPECIFIED:
    case v1::EXPORT_FORMAT_XLSX:
      return ExportFormat::kXlsx;
    case v1::EXPORT_FORMAT_CSV:
      return ExportFormat::kCsv;
    default:
      return InvalidField("format", "is not one of its values");
  }
}

}  // namespace

grpc::ServerWriteReactor<v1::ExportFiguresResponse>*
ExportHandler::ExportFigures(grpc::CallbackServerContext* context,
                             const v1::ExportFiguresRequest* request) {
  return Download<v1::ExportFiguresRequest, v1::ExportFiguresResponse>(
      context, request, env_,
      [=](const auth::Caller& caller) -> absl::StatusOr<ExportFile> {
        ASSIGN_OR_RETURN(ExportFormat format, FormatOf(request->format()));
        ASSIGN_OR_RETURN(YearKind kind, FromProto(request->year_kind()));
        std::vector<std::string> codes(request->indicator_codes().begin(),
                                       request->indicator_codes().end());
        return exports_->FiguresFile(caller, request->organisation_id(),
                                     request->year(), kind, codes, format);
      });
}

grpc::ServerWriteReactor<v1::ExportLeagueTableResponse>*
ExportHandler::ExportLeagueTable(grpc::CallbackServerContext* context,
                                 const v1::ExportLeagueTableRequest* request) {
  return Download<v1::ExportLeagueTableRequest, v1::ExportLeagueTableResponse>(
      context, request, env_,
      [=](const auth::Caller& caller) -> absl::StatusOr<ExportFile> {
        ASSIGN_OR_RETURN(ExportFormat format, FormatOf(request->format()));
        ASSIGN_OR_RETURN(YearKind kind, FromProto(request->year_kind()));
        return exports_->LeagueTableFile(caller, request->organisation_id(),
                                         request->indicator_code(),
                                         request->year(), kind, format);
      });
}

grpc::ServerWriteReactor<v1::ExportStatisticsFormsResponse>*
ExportHandler::ExportStatisticsForms(
    grpc::CallbackServerContext* context,
    const v1::ExportStatisticsFormsRequest* request) {
  return Download<v1::ExportStatisticsFormsRequest,
                  v1::ExportStatisticsFormsResponse>(
      context, request, env_,
      [=](const auth::Caller& caller) -> absl::StatusOr<ExportFile> {
        ASSIGN_OR_RETURN(ExportFormat format, FormatOf(request->format()));
        return exports_->StatisticsFormsFile(caller, request->organisation_id(),
                                             request->year(), format);
      });
}

}  // namespace unionhub::reporting
