#include "gateway/proxy.h"

#include <atomic>

#include "absl/time/clock.h"

namespace unionhub::gateway {
namespace {

using grpc::ByteBuffer;

std::string ToString(grpc::string_ref s) {
  return std::string(s.data(), s.size());
}

// What every forwarded call shares: the backend call's context, built from the
// caller's, and the way back for the backend's metadata.
class ForwardedCall : public grpc::ServerGenericBidiReactor {
 protected:
  ForwardedCall(FrontDoor* door, grpc::GenericCallbackServerContext* context,
                Admitted admitted, absl::Time start)
      : door_(door),
        context_(context),
        admitted_(std::move(admitted)),
        start_(start) {
    // Cancellation passes on; the deadline is the gateway's to bound.
    backend_context_ = grpc::ClientContext::FromCallbackServerContext(
        *context, grpc::PropagationOptions().disable_deadline_propagation());
    backend_context_->set_deadline(door->BackendDeadline(context->deadline()));
    for (const auto& [key, value] : context->client_metadata()) {
      if (ForwardsMetadata(absl::string_view(key.data(), key.size())))
        backend_context_->AddMetadata(ToString(key), ToString(value));
    }
    backend_context_->AddMetadata(auth::kPrincipalMetadataKey,
                                  door->SignPrincipal(admitted_.caller));
  }

  void CopyInitialMetadata() {
    for (const auto& [key, value] :
         backend_context_->GetServerInitialMetadata()) {
      if (ForwardsMetadata(absl::string_view(key.data(), key.size())))
        context_->AddInitialMetadata(ToString(key), ToString(value));
    }
  }

  void CopyTrailingMetadata() {
    for (const auto& [key, value] :
         backend_context_->GetServerTrailingMetadata()) {
      if (ForwardsMetadata(absl::string_view(key.data(), key.size())))
        context_->AddTrailingMetadata(ToString(key), ToString(value));
    }
  }

  void Record() {
    door_->Record(context_->method(), &admitted_, status_, start_);
  }

  FrontDoor* door_;
  grpc::GenericCallbackServerContext* context_;
  Admitted admitted_;
  absl::Time start_;
  std::unique_ptr<grpc::ClientContext> backend_context_;
  grpc::Status status_;
};

// A unary method: one request, one backend call, one response.
class UnaryCall final : public ForwardedCall {
 public:
  UnaryCall(FrontDoor* door, grpc::GenericCallbackServerContext* context,
            Admitted admitted, absl::Time start)
      : ForwardedCall(door, context, std::move(admitted), start) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      status_ = context_->IsCancelled()
                    ? grpc::Status::CANCELLED
                    : grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                   "a unary call needs one request message");
      Finish(status_);
      return;
    }
    admitted_.route->backend->stub->UnaryCall(
        backend_context_.get(), admitted_.route->path, grpc::StubOptions(),
        &request_, &response_,
        [this](grpc::Status status) { OnBackendDone(std::move(status)); });
  }

  void OnDone() override {
    Record();
    delete this;
  }

 private:
  void OnBackendDone(grpc::Status status) {
    CopyInitialMetadata();
    CopyTrailingMetadata();
    status_ = std::move(status);
    if (status_.ok()) {
      StartWriteAndFinish(&response_, grpc::WriteOptions(), status_);
    } else {
      Finish(status_);
    }
  }

  ByteBuffer request_;
  ByteBuffer response_;
};

// A streaming method: two pumps, caller -> backend and backend -> caller, each
// moving one message at a time, so flow control reaches both ends. Holds keep
// the backend call open until both pumps have stopped; its status then
// finishes the caller's call.
class StreamCall final : public ForwardedCall {
 public:
  StreamCall(FrontDoor* door, grpc::GenericCallbackServerContext* context,
             Admitted admitted, absl::Time start)
      : ForwardedCall(door, context, std::move(admitted), start),
        backend_(this) {
    admitted_.route->backend->stub->PrepareBidiStreamingCall(
        backend_context_.get(), admitted_.route->path, grpc::StubOptions(),
        &backend_);
    backend_.AddMultipleHolds(2);  // One per pump.
    backend_.StartRead(&response_);
    backend_.StartCall();
    StartRead(&request_);
  }

  // Caller -> backend.
  void OnReadDone(bool ok) override {
    if (ok) {
      backend_.StartWrite(&request_);
    } else {
      backend_.StartWritesDone();
      backend_.RemoveHold();
    }
  }
  void OnBackendWriteDone(bool ok) {
    if (ok) {
      StartRead(&request_);
    } else {
      backend_.RemoveHold();  // The backend stopped listening.
    }
  }

  // Backend -> caller.
  void OnBackendReadDone(bool ok) {
    if (ok) {
      StartWrite(&response_);
    } else {
      backend_.RemoveHold();
    }
  }
  void OnWriteDone(bool ok) override {
    if (ok) {
      backend_.StartRead(&response_);
    } else {
      backend_.RemoveHold();  // The caller is gone.
    }
  }

  void OnBackendDone(const grpc::Status& status) {
    CopyTrailingMetadata();
    status_ = status;
    Finish(status_);
    Unref();
  }

  void OnDone() override {
    Record();
    Unref();
  }

 private:
  class Backend final : public grpc::ClientBidiReactor<ByteBuffer, ByteBuffer> {
   public:
    explicit Backend(StreamCall* call) : call_(call) {}
    void OnReadInitialMetadataDone(bool ok) override {
      if (ok) call_->CopyInitialMetadata();
    }
    void OnReadDone(bool ok) override { call_->OnBackendReadDone(ok); }
    void OnWriteDone(bool ok) override { call_->OnBackendWriteDone(ok); }
    void OnDone(const grpc::Status& status) override {
      call_->OnBackendDone(status);
    }

   private:
    StreamCall* call_;
  };

  // Both sides' OnDone must have run before the call is freed.
  void Unref() {
    if (references_.fetch_sub(1) == 1) delete this;
  }

  Backend backend_;
  ByteBuffer request_;
  ByteBuffer response_;
  std::atomic<int> references_{2};
};

// A call refused before it reached a backend.
class Refusal final : public grpc::ServerGenericBidiReactor {
 public:
  Refusal(FrontDoor* door, grpc::GenericCallbackServerContext* context,
          Admitted admitted, grpc::Status status, absl::Time start)
      : door_(door),
        context_(context),
        admitted_(std::move(admitted)),
        status_(std::move(status)),
        start_(start) {
    Finish(status_);
  }
  void OnDone() override {
    door_->Record(context_->method(), &admitted_, status_, start_);
    delete this;
  }

 private:
  FrontDoor* door_;
  grpc::GenericCallbackServerContext* context_;
  Admitted admitted_;
  grpc::Status status_;
  absl::Time start_;
};

}  // namespace

grpc::ServerGenericBidiReactor* Proxy::CreateReactor(
    grpc::GenericCallbackServerContext* context) {
  absl::Time start = absl::Now();
  Admitted admitted;
  absl::Status status =
      door_->Admit(context->method(), AuthorizationOf(*context), admitted);
  if (status.ok() && admitted.route->backend == nullptr)
    status = absl::UnimplementedError("unknown method");  // Ours, unserved.
  if (!status.ok()) {
    return new Refusal(
        door_, context, std::move(admitted),
        grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                     std::string(status.message())),
        start);
  }
  if (admitted.route->unary())
    return new UnaryCall(door_, context, std::move(admitted), start);
  return new StreamCall(door_, context, std::move(admitted), start);
}

}  // namespace unionhub::gateway
