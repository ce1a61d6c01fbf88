// The gateway against hostile and broken clients, as separate processes on
// loopback: stalled readers, zero windows, cancels after the first DATA
// frame, disconnects, rapid resets, slow and silent connections, idle floods,
// oversize metadata, SIGTERM in the middle. Attackers connect from
// 127.0.0.2 and up; after each scenario a new, ordinary client on 127.0.0.1
// must be served within 1 s (gRPC and Connect), the gateway must hold no
// call and no buffered byte, and its memory must stay bounded.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "libs/testing/id_numbers.h"
#include "tests/h2_client.h"
#include "tests/suite.h"
#include "unionhub/gateway/v1/auth.grpc.pb.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"

namespace unionhub {
namespace {

using testing::GrpcFrame;
using testing::RawH2Client;
using testing::RawH2Options;

constexpr char kReflection[] =
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
constexpr char kListMembers[] =
    "/unionhub.membership.v1.MemberService/ListMembers";
constexpr char kListOrganisations[] =
    "/unionhub.membership.v1.OrganisationService/ListOrganisations";

// A reflection request for the file of a large service: tens of KB back,
// and no key needed.
std::string ReflectionRequest() {
  std::string symbol = "unionhub.membership.v1.MemberService";
  return GrpcFrame(std::string("\x22", 1) + static_cast<char>(symbol.size()) +
                   symbol);
}

std::string Source(int i) { return absl::StrCat("127.0.0.", 2 + i); }

// The gateway's memory bound; a build under sanitizers (./unionhub test)
// adds shadow memory and keeps freed memory a while.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define UNIONHUB_SANITIZED 1
#endif
#if __has_feature(thread_sanitizer)
#define UNIONHUB_THREAD_SANITIZER 1
#endif
#endif
#if defined(UNIONHUB_SANITIZED) || defined(__SANITIZE_ADDRESS__)
constexpr double kMaxRssMb = 1500;
constexpr absl::Duration kServedWithin = absl::Seconds(3);  // Slower code.
#else
constexpr double kMaxRssMb = 400;
constexpr absl::Duration kServedWithin = absl::Seconds(1);
#endif

class GatewayAbuseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::SuiteOptions options;
    options.gateway_flags = {
        "--handshake_timeout_seconds=2",     "--idle_timeout_seconds=3",
        "--max_connections_per_address=200", "--default_deadline_seconds=2",
        "--max_deadline_seconds=4",          "--http_body_timeout_seconds=2"};
    auto suite = testing::Suite::Start(options);
    ASSERT_TRUE(suite.ok()) << suite.status();
    suite_ = *std::move(suite);
    key_ = suite_->bootstrap_key();
    bearer_ = {{"authorization", "Bearer " + key_}};
    port_ = std::stoi(std::string(
        absl::StripPrefix(suite_->gateway_address(), "127.0.0.1:")));
  }

  // A new client (its own connection) calls `path` within kServedWithin.
  grpc::Status Call(const std::string& path, const std::string& request) {
    grpc::ChannelArguments args;
    args.SetInt("unionhub.test.fresh", ++fresh_);  // No shared connection.
    auto channel = grpc::CreateCustomChannel(
        suite_->gateway_address(), grpc::InsecureChannelCredentials(), args);
    grpc::GenericStub stub(channel);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + key_);
    context.set_deadline(absl::ToChronoTime(absl::Now() + kServedWithin));
    grpc::Slice slice(request);
    grpc::ByteBuffer in(&slice, 1), out;
    grpc::Status status;
    absl::Notification done;
    stub.UnaryCall(&context, path, grpc::StubOptions(), &in, &out,
                   [&](grpc::Status s) {
                     status = std::move(s);
                     done.Notify();
                   });
    done.WaitForNotification();
    return status;
  }

  // An ordinary client is served within 1 s, over gRPC (the gateway's own
  // service and membership's) and over Connect.
  void ExpectServed(const std::string& when) {
    SCOPED_TRACE(when);
    grpc::Status who = Call("/unionhub.gateway.v1.AuthService/WhoAmI", "");
    EXPECT_TRUE(who.ok()) << who.error_code() << " " << who.error_message();
    grpc::Status list = Call(kListOrganisations, "");
    EXPECT_TRUE(list.ok()) << list.error_code() << " " << list.error_message();
    httplib::Client http("127.0.0.1", suite_->gateway_http_port());
    http.set_connection_timeout(absl::ToChronoSeconds(kServedWithin));
    http.set_read_timeout(absl::ToChronoSeconds(kServedWithin));
    auto res = http.Post("/unionhub.gateway.v1.AuthService/WhoAmI",
                         {{"authorization", "Bearer " + key_}}, "{}",
                         "application/json");
    ASSERT_TRUE(res) << "Connect: " << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200) << res->body;
  }

  std::string Metrics() {
    httplib::Client http("127.0.0.1", suite_->gateway_http_port());
    auto res = http.Get("/metrics");
    return res ? res->body : "";
  }

  // The value of the first series starting with `series` in /metrics.
  static double Value(const std::string& metrics, const std::string& series) {
    for (absl::string_view line : absl::StrSplit(metrics, '\n')) {
      if (absl::StartsWith(line, series + " ") ||
          absl::StartsWith(line, series + "{")) {
        double v = -1;
        (void)absl::SimpleAtod(line.substr(line.rfind(' ') + 1), &v);
        return v;
      }
    }
    return -1;
  }

  // Within `time`, the gateway holds no call and no byte, its connection to
  // membership has its window and no stream, and its memory is bounded.
  void ExpectDrained(absl::Duration time = absl::Seconds(8)) {
    std::string m;
    absl::Time until = absl::Now() + time;
    do {
      m = Metrics();
      if (Value(m, "unionhub_gateway_calls_in_progress") == 0 &&
          Value(m, "unionhub_gateway_buffered_bytes") == 0 &&
          Value(m,
                "unionhub_gateway_backend_streams{backend=\"membership\"}") ==
              0)
        break;
      absl::SleepFor(absl::Milliseconds(100));
    } while (absl::Now() < until);
    EXPECT_EQ(Value(m, "unionhub_gateway_calls_in_progress"), 0) << m;
    EXPECT_EQ(Value(m, "unionhub_gateway_buffered_bytes"), 0) << m;
    EXPECT_EQ(Value(m, "unionhub_gateway_backend_up{backend=\"membership\"}"),
              1)
        << m;
    // nghttp2 returns window once half of it was used: at least 8 MiB left
    // of 16 means nothing leaked.
    EXPECT_GE(Value(m,
                    "unionhub_gateway_backend_window_bytes{backend="
                    "\"membership\",direction=\"receive\"}"),
              8 << 20)
        << m;
    EXPECT_LT(RssMb(), kMaxRssMb) << "the gateway's memory grew";
  }

  double RssMb() {
    std::ifstream status(
        absl::StrCat("/proc/", suite_->gateway().pid(), "/status"));
    std::string line;
    while (std::getline(status, line)) {
      if (absl::StartsWith(line, "VmRSS:")) {
        double kb = 0;
        (void)absl::SimpleAtod(
            absl::StripSuffix(absl::StripAsciiWhitespace(line.substr(6)),
                              " kB"),
            &kb);
        return kb / 1024;
      }
    }
    return 0;
  }

  std::unique_ptr<RawH2Client> Raw(RawH2Options options) {
    auto c = RawH2Client::Connect(port_, options);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *std::move(c) : nullptr;
  }

  // What the gateway answers on its HTTP port to `request`, sent raw from
  // 127.0.0.1: the status line and the rest, as read within 2 s.
  std::string RawHttp(const std::string& request) {
    int fd = testing::ConnectTcp(suite_->gateway_http_port(), "127.0.0.1");
    EXPECT_GE(fd, 0);
    send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string answer;
    char buf[4096];
    absl::Time until = absl::Now() + absl::Seconds(2);
    while (absl::Now() < until) {
      ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n == 0) break;
      if (n > 0) answer.append(buf, n);
      if (n < 0) absl::SleepFor(absl::Milliseconds(5));
    }
    close(fd);
    return answer;
  }

  // True when the peer closed `fd` (after whatever it sent).
  static bool ClosedByPeer(int fd) {
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0) {
    }
    return fd >= 0 && n == 0;
  }

  // CPU seconds the gateway has used.
  double CpuSeconds() {
    std::ifstream stat(
        absl::StrCat("/proc/", suite_->gateway().pid(), "/stat"));
    std::string text((std::istreambuf_iterator<char>(stat)),
                     std::istreambuf_iterator<char>());
    std::vector<std::string> fields =
        absl::StrSplit(text.substr(text.rfind(')') + 2), ' ');
    double ticks = std::stod(fields[11]) + std::stod(fields[12]);
    return ticks / sysconf(_SC_CLK_TCK);
  }

  // `n` connections that each open 100 reflection calls (no key needed,
  // tens of KB back) with a zero window, and never read.
  std::vector<std::unique_ptr<RawH2Client>> ZeroWindowReflectionCallers(int n) {
    std::vector<std::unique_ptr<RawH2Client>> callers;
    for (int i = 0; i < n; ++i) {
      RawH2Options o;
      o.source = Source(i);
      o.initial_window = 0;
      o.consume = false;
      callers.push_back(Raw(o));
      for (int s = 0; s < 100; ++s)
        callers.back()->Call(kReflection, {}, ReflectionRequest());
    }
    for (auto& c : callers) c->Pump(absl::Milliseconds(100));
    return callers;
  }

  // A grassroots union with `n` members, for answers of some size.
  std::string UnionWithMembers(int n) {
    auto channel = grpc::CreateChannel(suite_->gateway_address(),
                                       grpc::InsecureChannelCredentials());
    auto orgs = membership::v1::OrganisationService::NewStub(channel);
    grpc::ClientContext who_context;
    who_context.AddMetadata("authorization", "Bearer " + key_);
    gateway::v1::WhoAmIResponse me;
    EXPECT_TRUE(gateway::v1::AuthService::NewStub(channel)
                    ->WhoAmI(&who_context, {}, &me)
                    .ok());
    std::string parent = me.api_key().organisation_id();
    std::string id;
    for (auto type : {membership::v1::ORGANISATION_TYPE_DISTRICT,
                      membership::v1::ORGANISATION_TYPE_GRASSROOTS}) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + key_);
      membership::v1::CreateOrganisationRequest create;
      create.mutable_organisation()->set_parent_id(parent);
      create.mutable_organisation()->set_name(
          type == membership::v1::ORGANISATION_TYPE_DISTRICT ? "东区总工会"
                                                             : "第一中学工会");
      create.mutable_organisation()->set_type(type);
      membership::v1::CreateOrganisationResponse made;
      grpc::Status s = orgs->CreateOrganisation(&context, create, &made);
      EXPECT_TRUE(s.ok()) << s.error_message();
      parent = id = made.organisation().id();
    }
    auto members = membership::v1::MemberService::NewStub(channel);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + key_);
    membership::v1::ImportMembersResponse imported;
    auto writer = members->ImportMembers(&context, &imported);
    std::string csv = "姓名,身份证号,手机号码,用工性质,入会日期\n";
    for (int i = 0; i < n; ++i) {
      absl::StrAppend(&csv, "职工", i, ",",
                      testing::MakeIdNumber(100 + i, "19800101"), ",138",
                      10000000 + i, ",在编,2012-09-01\n");
    }
    membership::v1::ImportMembersRequest request;
    request.set_organisation_id(id);
    request.set_csv_chunk(csv);
    EXPECT_TRUE(writer->Write(request));
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(imported.rows_imported(), n);
    return id;
  }

  std::unique_ptr<testing::Suite> suite_;
  std::string key_;
  std::vector<std::pair<std::string, std::string>> bearer_;
  int port_ = 0;
  int fresh_ = 0;
};

TEST_F(GatewayAbuseTest, ZeroWindowStreamsThatDisconnectLeakNothing) {
  // Without any key: reflection answers are large and need none.
  for (int round = 0; round < 3; ++round) {
    auto attackers = ZeroWindowReflectionCallers(8);
    ExpectServed(absl::StrCat("while round ", round, " holds its streams"));
  }  // They disconnect.
  ExpectDrained();
  ExpectServed("after the disconnects");
}

TEST_F(GatewayAbuseTest, CallersThatNeverReadLargeAnswersStarveNobody) {
#ifdef UNIONHUB_THREAD_SANITIZER
  // Since membership runs calls on 8 workers, 640 large lists under TSan's
  // 10-20x slowdown keep an ordinary call waiting past any bound here; the
  // normal and ASan builds run it (open question: see issue 8's notes).
  GTEST_SKIP() << "timing-bound scenario; run in the normal and ASan builds";
#endif
  std::string school = UnionWithMembers(300);
  membership::v1::ListMembersRequest list;
  list.set_organisation_id(school);
  list.set_page_size(500);
  std::vector<std::unique_ptr<RawH2Client>> attackers;
  for (int i = 0; i < 10; ++i) {
    RawH2Options o;
    o.source = Source(i);
    o.consume = false;  // Takes 64 KiB, then nothing.
    attackers.push_back(Raw(o));
    for (int s = 0; s < 64; ++s)
      attackers.back()->Call(kListMembers, bearer_,
                             GrpcFrame(list.SerializeAsString()));
  }
  for (auto& a : attackers) a->Pump(absl::Milliseconds(200));
  ExpectServed("while 640 answers wait to be read");
  // Past the deadline (2 s) and the time to take the answer (1 s), the
  // gateway resets the streams; the callers are still connected.
  absl::Time until = absl::Now() + absl::Seconds(4);
  while (absl::Now() < until)
    for (auto& a : attackers) a->Pump(absl::Milliseconds(20));
  int closed = 0;
  for (auto& a : attackers) {
    for (auto& [id, s] : a->streams()) closed += s.closed;
  }
  EXPECT_EQ(closed, 640);
  ExpectDrained();
  EXPECT_GE(Value(Metrics(), "unionhub_gateway_reset_streams_total"), 1);
  ExpectServed("after the resets");
}

TEST_F(GatewayAbuseTest, CancellingAfterTheFirstDataFrameLeaksNothing) {
  RawH2Options o;
  o.initial_window = 16 << 10;
  o.reset_after_first_data = true;
  auto client = Raw(o);
  for (int batch = 0; batch < 10; ++batch) {
    std::vector<int32_t> ids;
    for (int s = 0; s < 50; ++s)
      ids.push_back(client->Call(kReflection, {}, ReflectionRequest()));
    client->Pump(absl::Seconds(2), [&] {
      for (int32_t id : ids)
        if (!client->streams()[id].closed) return false;
      return true;
    });
  }
  ExpectServed("after 500 cancels");
  ExpectDrained();
}

TEST_F(GatewayAbuseTest, RapidResetsAndDisconnectsMidCall) {
  std::vector<std::unique_ptr<RawH2Client>> attackers;
  for (int i = 0; i < 4; ++i) {
    RawH2Options o;
    o.source = Source(i);
    attackers.push_back(Raw(o));
  }
  for (int burst = 0; burst < 20; ++burst) {
    for (auto& a : attackers) {
      for (int s = 0; s < 50 && a->open(); ++s)
        a->Reset(a->Call(kListOrganisations, bearer_, GrpcFrame("")));
      a->Pump(absl::Milliseconds(5));
    }
  }
  ExpectServed("after rapid resets");
  // Calls in flight whose caller goes away are counted as cancelled.
  suite_->membership().Pause();
  auto leaving = Raw({});
  for (int s = 0; s < 20; ++s)
    leaving->Call(kListOrganisations, bearer_, GrpcFrame(""));
  leaving->Pump(absl::Milliseconds(300));
  leaving->Close();
  absl::SleepFor(absl::Milliseconds(200));
  suite_->membership().Resume();
  ExpectDrained();
  std::string m = Metrics();
  const std::string series =
      "unionhub_gateway_calls_total{method=\"unionhub.membership.v1."
      "OrganisationService.ListOrganisations\",code=\"";
  EXPECT_EQ(Value(m, series + "UNAVAILABLE\"}"), -1) << m;
  EXPECT_GE(Value(m, series + "CANCELLED\"}"), 20) << m;
  ExpectServed("after the disconnects");
}

TEST_F(GatewayAbuseTest, SlowSilentAndIdleConnectionsAreCappedAndTimedOut) {
  // Silent (no preface), slow (a byte of it every 300 ms) and idle
  // (handshake done, no call) connections, over the per-address cap.
  std::vector<int> silent, slow;
  for (int i = 0; i < 300; ++i)
    silent.push_back(testing::ConnectTcp(port_, Source(0)));
  for (int i = 0; i < 150; ++i)
    slow.push_back(testing::ConnectTcp(port_, Source(1)));
  std::vector<std::unique_ptr<RawH2Client>> idle;
  for (int i = 0; i < 2000; ++i) {
    RawH2Options o;
    o.source = Source(2 + i / 200);
    idle.push_back(Raw(o));
    idle.back()->Pump(absl::ZeroDuration());
  }
  const char kPreface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  for (int step = 0; step < 4; ++step) {
    for (int fd : slow) send(fd, kPreface + step, 1, MSG_NOSIGNAL);
    absl::SleepFor(absl::Milliseconds(300));
  }
  ExpectServed("among 2,450 open connections");
  std::string m = Metrics();
  EXPECT_GE(Value(m, "unionhub_gateway_refused_connections_total"), 100)
      << "300 silent connections from one address, 200 allowed";
  // After the handshake timeout (2 s) and the idle timeout (3 s) the gateway
  // has closed them all.
  absl::SleepFor(absl::Milliseconds(4500));
  int closed = 0;
  for (int fd : silent) closed += ClosedByPeer(fd);  // Our SETTINGS, then EOF.
  EXPECT_GE(closed, 200);
  m = Metrics();
  EXPECT_LE(Value(m, "unionhub_gateway_connections"), 5) << m;
  EXPECT_GE(Value(m, "unionhub_gateway_timed_out_connections_total"), 2000)
      << m;
  for (int fd : silent) close(fd);
  for (int fd : slow) close(fd);
  ExpectServed("after the timeouts");
  ExpectDrained();
}

TEST_F(GatewayAbuseTest, SlowAndIdleHttpClientsAreCappedAndTimedOut) {
  const int http = suite_->gateway_http_port();
  const std::string head =
      "POST /unionhub.gateway.v1.AuthService/WhoAmI HTTP/1.1\r\n"
      "Host: gateway\r\nContent-Type: application/json\r\n";
  // Slow headers (a byte every 300 ms), silent connections over the
  // per-address cap, bodies that trickle, and kept-alive connections left
  // idle after one call.
  std::vector<int> slow, silent, trickle, kept;
  for (int i = 0; i < 150; ++i)
    slow.push_back(testing::ConnectTcp(http, Source(0)));
  for (int i = 0; i < 2000; ++i)
    silent.push_back(testing::ConnectTcp(http, Source(1 + i / 250)));
  for (int i = 0; i < 50; ++i) {
    trickle.push_back(testing::ConnectTcp(http, Source(11)));
    std::string start = head + "Content-Length: 1000\r\n\r\n{";
    send(trickle.back(), start.data(), start.size(), MSG_NOSIGNAL);
  }
  for (int i = 0; i < 50; ++i) {
    kept.push_back(testing::ConnectTcp(http, Source(12)));
    std::string call = head + "Content-Length: 2\r\n\r\n{}";
    send(kept.back(), call.data(), call.size(), MSG_NOSIGNAL);
  }
  for (int step = 0; step < 5; ++step) {
    for (int fd : slow) send(fd, head.data() + step, 1, MSG_NOSIGNAL);
    for (int fd : trickle) send(fd, " ", 1, MSG_NOSIGNAL);
    absl::SleepFor(absl::Milliseconds(300));
  }
  ExpectServed("among 2,250 slow and idle HTTP connections");
  std::string m = Metrics();
  EXPECT_GE(Value(m, "unionhub_gateway_http_refused_connections_total"), 100)
      << "2,000 from 8 addresses, 200 allowed each";
  EXPECT_GE(Value(m, "unionhub_gateway_http_connections"), 1850) << m;
  // Past the header timeout (2 s from the start), the body timeout (2 s)
  // and the idle timeout (3 s), every one of them was closed.
  absl::SleepFor(absl::Milliseconds(2500));
  int closed = 0;
  for (const auto* fds : {&slow, &silent, &trickle, &kept})
    for (int fd : *fds) closed += ClosedByPeer(fd);
  EXPECT_EQ(closed, 150 + 2000 + 50 + 50);
  m = Metrics();
  EXPECT_LE(Value(m, "unionhub_gateway_http_connections"), 2) << m;
  EXPECT_GE(Value(m, "unionhub_gateway_http_timed_out_connections_total"),
            150 + 1600 + 50 + 50)
      << m;
  for (const auto* fds : {&slow, &silent, &trickle, &kept})
    for (int fd : *fds) close(fd);
  ExpectServed("after the HTTP timeouts");
  ExpectDrained();
}

TEST_F(GatewayAbuseTest, HttpRequestsOverTheLimitsGetConnectErrors) {
  std::string big_header = RawHttp(
      "POST /unionhub.gateway.v1.AuthService/WhoAmI HTTP/1.1\r\nHost: g\r\n"
      "X-Big: " +
      std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(absl::StartsWith(big_header, "HTTP/1.1 431")) << big_header;
  EXPECT_TRUE(absl::StrContains(big_header, "\"resource_exhausted\""));
  std::string big_body = RawHttp(
      "POST /unionhub.gateway.v1.AuthService/WhoAmI HTTP/1.1\r\nHost: g\r\n"
      "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{");
  EXPECT_TRUE(absl::StartsWith(big_body, "HTTP/1.1 413")) << big_body;
  EXPECT_TRUE(absl::StrContains(big_body, "\"resource_exhausted\""));
  std::string garbage = RawHttp("HELLO\r\n\r\n");
  EXPECT_TRUE(absl::StartsWith(garbage, "HTTP/1.1 400")) << garbage;
  EXPECT_TRUE(absl::StrContains(garbage, "\"invalid_argument\""));
  // Connect's pairing of HTTP status and code: not a method path is 404
  // not_found; a method that does not exist is 501 unimplemented.
  std::string nowhere =
      RawHttp("GET /nowhere HTTP/1.1\r\nHost: g\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(absl::StartsWith(nowhere, "HTTP/1.1 404")) << nowhere;
  EXPECT_TRUE(absl::StrContains(nowhere, "\"not_found\"")) << nowhere;
  std::string no_method = RawHttp(
      "POST /unionhub.gateway.v1.AuthService/Nothing HTTP/1.1\r\nHost: g\r\n"
      "Connection: close\r\nContent-Type: application/json\r\nContent-Length: "
      "2\r\n\r\n{}");
  EXPECT_TRUE(absl::StartsWith(no_method, "HTTP/1.1 501")) << no_method;
  EXPECT_TRUE(absl::StrContains(no_method, "\"unimplemented\"")) << no_method;
  ExpectServed("after refused HTTP requests");
}

TEST_F(GatewayAbuseTest, OutOfDescriptorsTheGatewayBacksOffAndServes) {
  int pid = suite_->gateway().pid();
  int open_now = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(absl::StrCat("/proc/", pid, "/fd")))
    open_now += !entry.path().empty();
  int limit = open_now + 300;
  int code = 0;
  std::string out = testing::RunCommand(
      absl::StrCat("prlimit --pid ", pid, " --nofile=", limit, ":", limit,
                   " 2>&1"),
      &code);
  ASSERT_EQ(code, 0) << out;
  // Four times what it can hold, on both ports.
  std::vector<int> attackers;
  for (int i = 0; i < 600; ++i) {
    attackers.push_back(testing::ConnectTcp(port_, Source(i / 150)));
    attackers.push_back(
        testing::ConnectTcp(suite_->gateway_http_port(), Source(4 + i / 150)));
  }
  double cpu = CpuSeconds();
  absl::SleepFor(absl::Seconds(1));
  EXPECT_LT(CpuSeconds() - cpu, 0.5) << "the gateway spins on accept";
  // (Connections that never finish their handshake make room for new ones,
  // but a caller's turn may come only after the queue of attackers.)
  for (int fd : attackers) close(fd);
  ExpectServed("after the attackers left");
  ExpectDrained();
}

TEST_F(GatewayAbuseTest, OversizeMetadataIsResourceExhausted) {
  auto client = Raw({});
  auto big = bearer_;
  big.push_back({"x-big", std::string(60000, 'a')});
  auto many = bearer_;
  for (int i = 0; i < 5000; ++i) many.push_back({absl::StrCat("x-", i), "1"});
  int32_t one = client->Call(kListOrganisations, big, GrpcFrame(""));
  int32_t other = client->Call(kListOrganisations, many, GrpcFrame(""));
  int32_t fine = client->Call(kListOrganisations, bearer_, GrpcFrame(""));
  client->Pump(absl::Seconds(2), [&] {
    return client->streams()[one].closed && client->streams()[other].closed &&
           client->streams()[fine].closed;
  });
  EXPECT_EQ(client->streams()[one].status, "8")
      << client->streams()[one].message << " open=" << client->open()
      << " closed=" << client->streams()[one].closed
      << " error=" << client->streams()[one].close_error;
  EXPECT_EQ(client->streams()[other].status, "8")
      << " other=" << other << " closed=" << client->streams()[other].closed
      << " error=" << client->streams()[other].close_error;
  EXPECT_EQ(client->streams()[fine].status, "0")
      << "the connection stays usable";
  ExpectServed("after oversize metadata");
  ExpectDrained();
}

TEST_F(GatewayAbuseTest, SigtermUnderAbuseStopsWithinTheGracePeriod) {
  auto attackers = ZeroWindowReflectionCallers(4);
  std::vector<int> silent;
  for (int i = 0; i < 100; ++i) {
    silent.push_back(testing::ConnectTcp(port_, Source(5)));
    silent.push_back(
        testing::ConnectTcp(suite_->gateway_http_port(), Source(6)));
  }
  absl::Time start = absl::Now();
  EXPECT_EQ(suite_->gateway().Terminate(absl::Seconds(8)), 0);
  EXPECT_LT(absl::Now() - start, absl::Seconds(6)) << "grace is 5 s";
  for (int fd : silent) close(fd);
}

TEST_F(GatewayAbuseTest, ABackendStoppingUnderLoadFailsCallsAsUnavailable) {
  // 16 callers keep membership busy through the gateway while it is told to
  // stop: calls it had begun finish, the rest are UNAVAILABLE (which callers
  // retry elsewhere), and none comes back CANCELLED, which they would not.
  auto channel = grpc::CreateChannel(suite_->gateway_address(),
                                     grpc::InsecureChannelCredentials());
  auto orgs = membership::v1::OrganisationService::NewStub(channel);
  std::atomic<bool> stop{false};
  absl::Mutex mu;
  std::map<grpc::StatusCode, int> codes;
  std::vector<std::thread> callers;
  for (int i = 0; i < 16; ++i) {
    callers.emplace_back([&] {
      while (!stop) {
        grpc::ClientContext context;
        context.AddMetadata("authorization", "Bearer " + key_);
        context.set_deadline(
            absl::ToChronoTime(absl::Now() + absl::Seconds(3)));
        membership::v1::ListOrganisationsResponse out;
        grpc::Status s = orgs->ListOrganisations(&context, {}, &out);
        absl::MutexLock lock(&mu);
        ++codes[s.error_code()];
      }
    });
  }
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_EQ(suite_->membership().Terminate(absl::Seconds(12)), 0);
  absl::SleepFor(absl::Milliseconds(300));
  stop = true;
  for (auto& t : callers) t.join();
  absl::MutexLock lock(&mu);
  std::string seen;
  for (auto& [code, n] : codes) absl::StrAppend(&seen, code, ": ", n, " ");
  EXPECT_GT(codes[grpc::StatusCode::OK], 100) << seen;
  EXPECT_GT(codes[grpc::StatusCode::UNAVAILABLE], 0) << seen;
  EXPECT_EQ(codes[grpc::StatusCode::OK] + codes[grpc::StatusCode::UNAVAILABLE],
            std::accumulate(codes.begin(), codes.end(), 0,
                            [](int sum, auto& c) { return sum + c.second; }))
      << seen;
}

TEST_F(GatewayAbuseTest, ASecondProcessCannotTakeTheSamePorts) {
  for (const std::string& flag :
       {absl::StrCat("--listen=", suite_->gateway_address(),
                     " --http_listen=127.0.0.1:0"),
        absl::StrCat("--listen=127.0.0.1:0 --http_listen=127.0.0.1:",
                     suite_->gateway_http_port())}) {
    int code = 0;
    std::string out = testing::RunCommand(
        absl::StrCat(
            UNIONHUB_GATEWAY_BIN, " ", flag, " --database_url=sqlite://",
            suite_->dir(), "/second.db --signing_key_file=", suite_->dir(),
            "/gateway.key --backends=membership=", suite_->membership_address(),
            " 2>&1"),
        &code);
    EXPECT_NE(code, 0) << flag << ": " << out;
    EXPECT_TRUE(absl::StrContains(out, "in use")) << flag << ": " << out;
  }
  int code = 0;
  std::string out = testing::RunCommand(
      absl::StrCat(UNIONHUB_MEMBERSHIP_BIN,
                   " --listen=", suite_->membership_address(),
                   " --database_url=sqlite://", suite_->dir(),
                   "/second-m.db --principal_public_keys_file=", suite_->dir(),
                   "/principal_public_keys --data_key_file=", suite_->dir(),
                   "/data.key 2>&1"),
      &code);
  EXPECT_NE(code, 0) << out;
  ExpectServed("after the second processes");
}

// Attackers and broken clients chosen at random, from a seed printed first
// (and in any failure): UNIONHUB_ABUSE_SEED=<seed> replays the same
// sequence of moves, UNIONHUB_ABUSE_SECONDS runs it longer (default 20).
// Every few seconds, and at the end, an ordinary client must be served; at
// the end the gateway must hold nothing.
TEST_F(GatewayAbuseTest, RandomisedClientsKeepTheInvariants) {
  uint64_t seed = std::random_device()();
  if (const char* s = std::getenv("UNIONHUB_ABUSE_SEED")) seed = std::stoull(s);
  int seconds = 20;
  if (const char* s = std::getenv("UNIONHUB_ABUSE_SECONDS"))
    seconds = std::stoi(s);
  std::cout << "UNIONHUB_ABUSE_SEED=" << seed << std::endl;
  SCOPED_TRACE(absl::StrCat("UNIONHUB_ABUSE_SEED=", seed));
  std::mt19937_64 rng(seed);
  auto pick = [&](size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };

  // The attackers' own key, so their calls do not spend the ordinary
  // client's rate limit.
  grpc::ClientContext issue_context;
  issue_context.AddMetadata("authorization", "Bearer " + key_);
  gateway::v1::IssueApiKeyRequest issue;
  issue.set_request_id(absl::StrCat("abuse-", seed));
  issue.set_role(auth::v1::ROLE_UNION_ADMIN);
  issue.set_display_name("randomised attackers");
  gateway::v1::IssueApiKeyResponse issued;
  ASSERT_TRUE(gateway::v1::AuthService::NewStub(
                  grpc::CreateChannel(suite_->gateway_address(),
                                      grpc::InsecureChannelCredentials()))
                  ->IssueApiKey(&issue_context, issue, &issued)
                  .ok());
  const std::vector<std::pair<std::string, std::string>> attacker_key = {
      {"authorization", "Bearer " + issued.secret()}};
  membership::v1::ListMembersRequest list;
  list.set_organisation_id(UnionWithMembers(200));
  list.set_page_size(200);
  const std::string kCalls[][2] = {
      {kListMembers, GrpcFrame(list.SerializeAsString())},
      {kListOrganisations, GrpcFrame("")},
      {kReflection, ReflectionRequest()},
      {"/unionhub.gateway.v1.AuthService/WhoAmI", GrpcFrame("")},
      {kListMembers, GrpcFrame("\x0a\xff")},  // Not a message.
  };

  std::vector<std::unique_ptr<RawH2Client>> clients;
  std::vector<int> sockets;  // Raw TCP: silent, slow or garbage.
  const char kPreface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  const std::string kHttpStart =
      "POST /unionhub.gateway.v1.AuthService/WhoAmI HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
  int moves = 0;
  absl::Time end = absl::Now() + absl::Seconds(seconds);
  absl::Time next_check = absl::Now() + absl::Seconds(5);
  while (absl::Now() < end) {
    ++moves;
    switch (pick(10)) {
      case 0: {  // A new client, well or badly behaved.
        if (clients.size() >= 12) break;
        RawH2Options o;
        o.source = Source(pick(8));
        const int32_t windows[] = {0, 1, 16 << 10, 65535, 1 << 20};
        o.initial_window = windows[pick(5)];
        o.consume = pick(3) != 0;
        o.reset_after_first_data = pick(4) == 0;
        if (auto c = RawH2Client::Connect(port_, o); c.ok())
          clients.push_back(*std::move(c));
        break;
      }
      case 1:
      case 2: {  // Calls, with or without a key.
        if (clients.empty()) break;
        auto& c = clients[pick(clients.size())];
        const auto& call = kCalls[pick(std::size(kCalls))];
        for (size_t n = 1 + pick(20); n > 0 && c->open(); --n)
          c->Call(call[0], pick(4) ? attacker_key : decltype(attacker_key){},
                  call[1]);
        break;
      }
      case 3: {  // Rapid reset: open and cancel at once.
        if (clients.empty()) break;
        auto& c = clients[pick(clients.size())];
        for (size_t n = 1 + pick(50); n > 0 && c->open(); --n)
          c->Reset(c->Call(kListOrganisations, attacker_key, GrpcFrame("")));
        break;
      }
      case 4: {  // Cancel what one client has open.
        if (clients.empty()) break;
        auto& c = clients[pick(clients.size())];
        for (auto& [id, stream] : c->streams())
          if (!stream.closed && pick(2)) c->Reset(id);
        break;
      }
      case 5:  // Disconnect, whatever is in flight.
        if (!clients.empty())
          clients.erase(clients.begin() + pick(clients.size()));
        break;
      case 6:
      case 7:  // Some clients make progress; the rest stall meanwhile.
        for (auto& c : clients)
          if (pick(2)) c->Pump(absl::Milliseconds(pick(20)));
        break;
      case 8: {  // Raw bytes: part of a preface or request, or garbage.
        if (sockets.size() >= 200) {
          close(sockets[0]);
          sockets.erase(sockets.begin());
        }
        bool http = pick(2);
        int fd = testing::ConnectTcp(http ? suite_->gateway_http_port() : port_,
                                     Source(8 + pick(4)));
        if (fd < 0) break;
        std::string bytes = http ? kHttpStart : std::string(kPreface, 24);
        bytes.resize(pick(bytes.size() + 1));
        for (size_t n = pick(3) ? 0 : pick(64); n > 0; --n)
          bytes += static_cast<char>(pick(256));
        send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (pick(2)) {
          close(fd);
        } else {
          sockets.push_back(fd);
        }
        break;
      }
      case 9:  // Drop some raw connections.
        for (size_t n = pick(sockets.size() + 1); n > 0; --n) {
          size_t i = pick(sockets.size());
          close(sockets[i]);
          sockets.erase(sockets.begin() + i);
        }
        break;
    }
    // A mix of clients at a pace a loopback gateway should take, not a SYN
    // flood from this process.
    absl::SleepFor(absl::Microseconds(pick(2000)));
    if (absl::Now() >= next_check) {
      ExpectServed(absl::StrCat("during the attack, after ", moves, " moves"));
      next_check = absl::Now() + absl::Seconds(5);
    }
    if (HasFailure()) break;
  }
  std::cout << moves << " moves" << std::endl;
  clients.clear();
  for (int fd : sockets) close(fd);
  ExpectDrained(absl::Seconds(10));
  ExpectServed("after the attack");
}

}  // namespace
}  // namespace unionhub
