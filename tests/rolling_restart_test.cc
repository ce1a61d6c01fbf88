// A rolling restart, as Kubernetes does one (deploy/k8s: maxSurge 1,
// maxUnavailable 0, a preStop delay, then SIGTERM): with callers making calls
// through the gateway all along, each service in turn, then the gateway
// itself, gets a new process that becomes ready and takes the Service's new
// connections, while the old one drains its calls and exits. No call may
// fail, and calls must go on being answered while each service rolls.
//
// The callers retry UNAVAILABLE, as gRPC asks of clients and the gateway's
// answer says ("retry"): a backend that receives a call in the instant it
// starts shutting down cancels it unstarted (grpc/grpc#41785), and the
// gateway passes that on as UNAVAILABLE rather than retrying itself. About 1
// call in 10,000 here; the test prints how many were retried.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
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

  // Up to three attempts while the answer is UNAVAILABLE, as a gRPC retry
  // policy would make them.
  std::atomic<int64_t> retried{0};
  auto call_retrying = [&](int which) {
    grpc::Status status = call(which);
    for (int attempt = 1;
         attempt < 3 && status.error_code() == grpc::StatusCode::UNAVAILABLE;
         ++attempt) {
      ++retried;
      absl::SleepFor(absl::Milliseconds(50));
      status = call(which);
    }
    return status;
  };

  std::atomic<bool> stop{false};
  std::atomic<int64_t> answered{0};
  std::mutex mu;
  std::vector<std::string> failures;
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&, t] {
      for (int i = t; !stop; ++i) {
        grpc::Status status = call_retrying(i);
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
  std::cout << answered << " calls answered in all, " << retried
            << " attempts retried\n";
  EXPECT_TRUE(failures.empty())
      << failures.size() << " calls failed, first: " << failures.front();
  // And the suite still answers every kind of call.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(call(i).ok()) << "call " << i;
}

UNIONHUB_ON_BOTH_BACKENDS(RollingRestartTest);

}  // namespace
}  // namespace unionhub
