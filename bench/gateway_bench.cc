// Load generator for bench/gateway.sh: keeps `concurrency` unary calls in
// flight for `seconds` and prints calls per second and latency percentiles.
//   --protocol=grpc     gRPC to --target (host:port), the request given as
//                       JSON and sent as protobuf;
//   --protocol=connect  Connect/JSON over HTTP/1.1 keep-alive connections to
//                       --target (host:port).
// Every call must succeed: a failed call ends the run with its status.
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "unionhub/membership/v1/organisations.pb.h"

ABSL_FLAG(std::string, protocol, "grpc", "grpc or connect");
ABSL_FLAG(std::string, target, "127.0.0.1:7100", "host:port");
ABSL_FLAG(std::string, method,
          "unionhub.membership.v1.OrganisationService/GetOrganisation",
          "<package>.<Service>/<Method>");
ABSL_FLAG(std::string, request, "{}", "The request, as JSON.");
ABSL_FLAG(std::vector<std::string>, header, {},
          "Metadata 'key: value' to send with every call.");
ABSL_FLAG(int, concurrency, 16, "Calls in flight at once.");
ABSL_FLAG(double, seconds, 3, "How long to measure (after a 0.5 s warm-up).");
ABSL_FLAG(std::string, label, "", "Printed first on the result line.");

namespace {

using Clock = std::chrono::steady_clock;

struct Result {
  std::vector<double> latencies_ms;
  std::string error;
};

std::vector<std::pair<std::string, std::string>> ParseHeaders() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& h : absl::GetFlag(FLAGS_header)) {
    std::pair<std::string, std::string> kv =
        absl::StrSplit(h, absl::MaxSplits(':', 1));
    out.emplace_back(kv.first,
                     std::string(absl::StripLeadingAsciiWhitespace(kv.second)));
  }
  return out;
}

const std::vector<std::pair<std::string, std::string>>& Headers() {
  static const auto* headers =
      new std::vector<std::pair<std::string, std::string>>(ParseHeaders());
  return *headers;
}

std::string RequestBytes() {
  const std::string name = absl::GetFlag(FLAGS_method);
  const auto* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          name.substr(0, name.find('/')));
  const auto* method =
      service ? service->FindMethodByName(name.substr(name.find('/') + 1))
              : nullptr;
  if (method == nullptr) {
    std::fprintf(stderr, "unknown --method %s\n", name.c_str());
    std::exit(2);
  }
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method->input_type())
          ->New());
  if (!google::protobuf::util::JsonStringToMessage(absl::GetFlag(FLAGS_request),
                                                   request.get())
           .ok()) {
    std::fprintf(stderr, "--request does not parse\n");
    std::exit(2);
  }
  return request->SerializeAsString();
}

// One caller of the gRPC run: a chain of calls, each started when the last
// one finished.
class GrpcCaller {
 public:
  GrpcCaller(grpc::GenericStub* stub, const std::string* bytes,
             Clock::time_point measure_from, Clock::time_point until)
      : stub_(stub), bytes_(bytes), from_(measure_from), until_(until) {}

  void Start() { Next(); }
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return done_; });
  }
  Result& result() { return result_; }

 private:
  void Next() {
    if (Clock::now() >= until_) {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
      cv_.notify_all();
      return;
    }
    context_ = std::make_unique<grpc::ClientContext>();
    for (const auto& [k, v] : Headers()) context_->AddMetadata(k, v);
    context_->set_deadline(std::chrono::system_clock::now() +
                           std::chrono::seconds(10));
    grpc::Slice slice(*bytes_);
    request_ = grpc::ByteBuffer(&slice, 1);
    start_ = Clock::now();
    stub_->UnaryCall(
        context_.get(), "/" + absl::GetFlag(FLAGS_method), grpc::StubOptions(),
        &request_, &response_, [this](grpc::Status status) {
          auto end = Clock::now();
          if (!status.ok()) {
            result_.error =
                absl::StrCat(status.error_code(), " ", status.error_message());
            std::lock_guard<std::mutex> lock(mu_);
            done_ = true;
            cv_.notify_all();
            return;
          }
          if (start_ >= from_) {
            result_.latencies_ms.push_back(
                std::chrono::duration<double, std::milli>(end - start_)
                    .count());
          }
          Next();
        });
  }

  grpc::GenericStub* stub_;
  const std::string* bytes_;
  Clock::time_point from_, until_, start_;
  std::unique_ptr<grpc::ClientContext> context_;
  grpc::ByteBuffer request_, response_;
  Result result_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

std::vector<Result> RunGrpc(Clock::time_point from, Clock::time_point until) {
  grpc::ChannelArguments args;
  // Our own connection, not one shared with another channel of this process.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto channel = grpc::CreateCustomChannel(
      absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials(), args);
  grpc::GenericStub stub(channel);
  std::string bytes = RequestBytes();
  std::vector<std::unique_ptr<GrpcCaller>> callers;
  for (int i = 0; i < absl::GetFlag(FLAGS_concurrency); ++i)
    callers.push_back(std::make_unique<GrpcCaller>(&stub, &bytes, from, until));
  for (auto& c : callers) c->Start();
  std::vector<Result> results;
  for (auto& c : callers) {
    c->Wait();
    results.push_back(std::move(c->result()));
  }
  return results;
}

std::vector<Result> RunConnect(Clock::time_point from,
                               Clock::time_point until) {
  std::vector<Result> results(absl::GetFlag(FLAGS_concurrency));
  std::vector<std::thread> threads;
  std::string path = "/" + absl::GetFlag(FLAGS_method);
  httplib::Headers headers;
  for (const auto& [k, v] : Headers()) headers.emplace(k, v);
  for (int i = 0; i < absl::GetFlag(FLAGS_concurrency); ++i) {
    threads.emplace_back([&, i] {
      httplib::Client client("http://" + absl::GetFlag(FLAGS_target));
      client.set_tcp_nodelay(true);
      client.set_keep_alive(true);
      while (Clock::now() < until) {
        auto start = Clock::now();
        auto res =
            client.Post(path.c_str(), headers, absl::GetFlag(FLAGS_request),
                        "application/json");
        auto end = Clock::now();
        if (!res || res->status != 200) {
          results[i].error = res ? absl::StrCat(res->status, " ", res->body)
                                 : httplib::to_string(res.error());
          return;
        }
        if (start >= from) {
          results[i].latencies_ms.push_back(
              std::chrono::duration<double, std::milli>(end - start).count());
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  return results;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto from = Clock::now() + std::chrono::milliseconds(500);
  auto until = from + std::chrono::microseconds(static_cast<int64_t>(
                          absl::GetFlag(FLAGS_seconds) * 1e6));
  std::vector<Result> results = absl::GetFlag(FLAGS_protocol) == "connect"
                                    ? RunConnect(from, until)
                                    : RunGrpc(from, until);
  std::vector<double> all;
  for (const Result& r : results) {
    if (!r.error.empty()) {
      std::fprintf(stderr, "call failed: %s\n", r.error.c_str());
      return 1;
    }
    all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
  }
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0
                       : all[std::min(all.size() - 1,
                                      static_cast<size_t>(p * all.size()))];
  };
  std::printf(
      "%s concurrency=%d calls_per_second=%.0f p50_ms=%.3f p99_ms=%.3f\n",
      absl::GetFlag(FLAGS_label).c_str(), absl::GetFlag(FLAGS_concurrency),
      all.size() / absl::GetFlag(FLAGS_seconds), pct(0.50), pct(0.99));
  return 0;
}
