// A rolling restart, as Kubernetes does one (deploy/k8s: maxSurge 1,
// maxUnavailable 0, a preStop delay, then SIGTERM): with callers making calls
// through the gateway all along, each service in turn, then the gateway
// itself, gets a new process that becomes ready and takes the Service's new
// connections, while the old one drains its calls and exits. No call may
// fail, and calls must go on being answered while each service rolls.
//
// A backend that receives a call in the instant it starts shutting down
// refuses it or cancels it unstarted (grpc/grpc#41785); the gateway sends
// such a call again, to the new process, and the caller sees nothing of it.
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "libs/base/clock.h"
#include "libs/testing/backends.h"
#include "tests/suite.h"
#include "unionhub/democracy/v1/congress.grpc.pb.h"
#include "unionhub/gateway/v1/auth.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"
#include "unionhub/reporting/v1/figures.grpc.pb.h"
#include "unionhub/welfare/v1/campaigns.grpc.pb.h"

namespace unionhub {
namespace {

class RollingRestartTest : public ::testing::TestWithParam<sql::Backend> {};

TEST_P(RollingRestartTest, EachServiceRestartsUnderLoadAndNoCallFails) {
  testing::SuiteOptions options;
  options.backend = GetParam();
  options.behind_services = true;
  auto started = testing::Suite::Start(options);
  if (started.status().code() == absl::StatusCode::kNotFound)
    GTEST_SKIP() << started.status().message();
  ASSERT_TRUE(started.ok()) << started.status();
  testing::Suite& suite = **started;

  // One channel, as a tenant system keeps one: it reconnects through the
  // gateway's Service when the gateway it reached goes away.
  auto channel = grpc::CreateChannel(suite.gateway_address(),
                                     grpc::InsecureChannelCredentials());
  auto organisations = membership::v1::OrganisationService::NewStub(channel);
  auto campaigns = welfare::v1::CampaignService::NewStub(channel);
  auto congress = democracy::v1::CongressService::NewStub(channel);
  auto figures = reporting::v1::FigureService::NewStub(channel);
  auto auth = gateway::v1::AuthService::NewStub(channel);
  const int year =
      static_cast<int>(absl::ToCivilYear(absl::Now(), BeijingTime()).year());

  // Each call, by the service that answers it.
  auto call = [&](int which) -> grpc::Status {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + suite.bootstrap_key());
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    switch (which % 5) {
      case 0: {
        membership::v1::ListOrganisationsRequest request;
        request.set_include_descendants(true);
        membership::v1::ListOrganisationsResponse response;
        return organisations->ListOrganisations(&context, request, &response);
      }
      case 1: {
        welfare::v1::ListCampaignsResponse response;
        return campaigns->ListCampaigns(&context, {}, &response);
      }
      case 2: {
        democracy::v1::ListCongressTermsResponse response;
        return congress->ListCongressTerms(&context, {}, &response);
      }
      case 3: {
        reporting::v1::GetFiguresRequest request;
        request.set_year(year);
        request.add_indicator_codes("members.active");
        reporting::v1::GetFiguresResponse response;
        return figures->GetFigures(&context, request, &response);
      }
      default: {
        gateway::v1::WhoAmIResponse response;
        return auth->WhoAmI(&context, {}, &response);
      }
    }
  };
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(call(i).ok()) << "call " << i;

  std::atomic<int64_t> reconnected{0};
  std::atomic<bool> stop{false};
  std::atomic<int64_t> answered{0};
  std::mutex mu;
  std::vector<std::string> failures;
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&, t] {
      for (int i = t; !stop; ++i) {
        grpc::Status status = call(i);
        // The caller's own connection closing under a call (seen once in
        // ~100,000 calls, while the gateway rolled) is retried, as a gRPC
        // client retries UNAVAILABLE, and counted; everything else fails.
        if (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
            status.error_message() == "Socket closed") {
          ++reconnected;
          status = call(i);
        }
        if (status.ok()) {
          ++answered;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        failures.push_back(absl::StrCat("call ", i % 5, ": ",
                                        status.error_code(), " ",
                                        status.error_message()));
      }
    });
  }
  for (const char* service :
       {"membership", "welfare", "democracy", "reporting", "gateway"}) {
    const int64_t before = answered;
    const absl::Time started_at = absl::Now();
    absl::Status rolled = suite.RollingRestart(service);
    EXPECT_TRUE(rolled.ok()) << service << ": " << rolled;
    const int64_t during = answered - before;
    EXPECT_GT(during, 0) << "no call was answered while " << service
                         << " rolled";
    std::cout << service << " rolled in " << absl::Now() - started_at << ", "
              << during << " calls answered meanwhile\n";
  }
  absl::SleepFor(absl::Milliseconds(300));
  stop = true;
  for (std::thread& t : callers) t.join();
  std::cout << answered << " calls answered in all, " << reconnected
            << " retried after the caller's connection closed\n";
  EXPECT_TRUE(failures.empty())
      << failures.size() << " calls failed, first: " << failures.front();
  // And the suite still answers every kind of call.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(call(i).ok()) << "call " << i;
}

UNIONHUB_ON_BOTH_BACKENDS(RollingRestartTest);

// A backend standing in for membership that cancels calls unstarted, as one
// shutting down does: the first `cancel` calls of each round, then answers.
class CancellingBackend final : public grpc::CallbackGenericService {
  // Cancels, or echoes an empty answer.
  class Reactor final : public grpc::ServerGenericBidiReactor {
   public:
    explicit Reactor(bool cancel) {
      if (cancel) {
        Finish(grpc::Status(grpc::StatusCode::CANCELLED, "shutting down"));
        return;
      }
      StartRead(&request_);
    }
    void OnReadDone(bool ok) override {
      if (!ok) return Finish(grpc::Status::OK);
      grpc::Slice empty("");  // An empty message: the default response.
      response_ = grpc::ByteBuffer(&empty, 1);
      StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
    }
    void OnDone() override { delete this; }

   private:
    grpc::ByteBuffer request_, response_;
  };

 public:
  std::atomic<int> calls{0};
  std::atomic<int> cancel{0};

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override {
    // Only the test's calls (the gateway checks on its backends too).
    if (!absl::EndsWith(context->method(), "/GetOrganisation"))
      return new Reactor(false);
    ++calls;
    return new Reactor(cancel-- > 0);
  }
};

TEST(GatewayRetryTest, ACallTheBackendNeverStartedIsSentAgainOnce) {
  CancellingBackend backend;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterCallbackGenericService(&backend);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(port, 0);
  testing::SuiteOptions options;  // Its gateway sends membership's calls here.
  options.gateway_flags = {
      absl::StrCat("--backends=membership=127.0.0.1:", port)};
  auto suite = testing::Suite::Start(options);
  ASSERT_TRUE(suite.ok()) << suite.status();
  grpc::GenericStub stub(grpc::CreateChannel(
      (*suite)->gateway_address(), grpc::InsecureChannelCredentials()));
  auto call = [&](size_t request_bytes) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + (*suite)->bootstrap_key());
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    grpc::Slice slice(std::string(request_bytes, 'x'));
    grpc::ByteBuffer in(&slice, 1), out;
    grpc::Status status;
    absl::Notification done;
    stub.UnaryCall(
        &context, "/unionhub.membership.v1.OrganisationService/GetOrganisation",
        grpc::StubOptions(), &in, &out, [&](grpc::Status s) {
          status = std::move(s);
          done.Notify();
        });
    done.WaitForNotification();
    return status;
  };

  // Cancelled once: sent again, and the caller never knows.
  backend.cancel = 1;
  grpc::Status status = call(100);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(backend.calls, 2);

  // Cancelled every time: sent once more only, then UNAVAILABLE ("retry").
  backend.calls = 0;
  backend.cancel = 1000;
  status = call(100);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(backend.calls, 2);

  // A request too big to keep (over 64 KiB) is not sent again.
  backend.calls = 0;
  status = call(100 << 10);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(backend.calls, 1);

  // And calls go on as usual.
  backend.cancel = 0;
  EXPECT_TRUE(call(100).ok());
  // Operators see the retries.
  int code = 0;
  std::string metrics = testing::RunCommand(
      absl::StrCat("curl -s ", (*suite)->gateway_http(), "/metrics"), &code);
  EXPECT_TRUE(
      absl::StrContains(metrics, "\nunionhub_gateway_retried_calls_total 2\n"))
      << metrics;
  server->Shutdown();
}

}  // namespace
}  // namespace unionhub
