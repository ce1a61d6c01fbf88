#include "tests/suite.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "libs/base/ids.h"

namespace unionhub::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The value of "field":"..." in the first log line holding `msg`.
std::string LogField(const std::string& log, const std::string& msg,
                     const std::string& field) {
  size_t line = log.find(absl::StrCat("\"msg\":\"", msg, "\""));
  if (line == std::string::npos) return "";
  size_t at = log.find(absl::StrCat("\"", field, "\":\""), line);
  if (at == std::string::npos) return "";
  at += field.size() + 4;
  return log.substr(at, log.find('"', at) - at);
}

// Waits until the process logs `msg` and returns its "port" fields (if any).
absl::Status AwaitListening(ChildProcess& process, const std::string& log_path,
                            const std::string& msg,
                            std::vector<std::pair<std::string, int*>> ports) {
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  const std::string line = absl::StrCat("\"msg\":\"", msg, "\"");
  while (absl::Now() < deadline) {
    std::string log = ReadFile(log_path);
    bool all = absl::StrContains(log, line);
    for (auto& [field, port] : ports) {
      all = all && absl::SimpleAtoi(LogField(log, msg, field), port);
    }
    if (all) return absl::OkStatus();
    if (!process.Running()) {
      return absl::InternalError(
          absl::StrCat("process exited before '", msg, "':\n", log));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return absl::DeadlineExceededError(absl::StrCat("no '", msg, "' in time"));
}

// Polls `url` until it answers 200, or `timeout` passes.
absl::Status AwaitReady(const std::string& url, absl::Duration timeout) {
  const absl::Time give_up = absl::Now() + timeout;
  std::string answer;
  while (absl::Now() < give_up) {
    int code = 0;
    answer = RunCommand(
        absl::StrCat("curl -s -w '\\n%{http_code}' ", url, " 2>&1"), &code);
    if (code == 0 && absl::EndsWith(answer, "\n200")) return absl::OkStatus();
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(url, " was not ready in time: ", answer));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Start(
    const std::vector<std::string>& argv, const std::string& stdout_path,
    const std::string& stderr_path) {
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    int out = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    // The test runner may block signals; the child must not inherit that.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    // A test that crashes takes its servers with it.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    execv(args[0], args.data());
    _exit(127);
  }
  auto process = std::make_unique<ChildProcess>();
  process->pid_ = pid;
  return process;
}

bool ChildProcess::Running() {
  if (status_ != -1) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    status_ = status;
    return false;
  }
  return true;
}

void ChildProcess::Pause() {
  kill(pid_, SIGSTOP);
  const std::string tasks = absl::StrCat("/proc/", pid_, "/task");
  for (int i = 0; i < 500; ++i) {
    bool all_stopped = true;
    for (const auto& task : std::filesystem::directory_iterator(tasks)) {
      std::string stat = ReadFile(task.path().string() + "/stat");
      // The state follows the command name in parentheses.
      size_t close = stat.rfind(')');
      if (close == std::string::npos || close + 2 >= stat.size() ||
          stat[close + 2] != 'T') {
        all_stopped = false;
      }
    }
    if (all_stopped) return;
    absl::SleepFor(absl::Milliseconds(2));
  }
}

void ChildProcess::Resume() { kill(pid_, SIGCONT); }

int ChildProcess::Terminate(absl::Duration grace) {
  if (Running()) {
    kill(pid_, SIGTERM);
    absl::Time deadline = absl::Now() + grace;
    while (Running() && absl::Now() < deadline)
      absl::SleepFor(absl::Milliseconds(10));
    if (Running()) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status_, 0);
    }
  }
  if (WIFEXITED(status_)) return WEXITSTATUS(status_);
  return 128 + WTERMSIG(status_);
}

int ChildProcess::Wait(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (Running() && absl::Now() < deadline)
    absl::SleepFor(absl::Milliseconds(10));
  return Terminate();
}

ChildProcess::~ChildProcess() {
  if (Running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
  }
}

absl::StatusOr<std::unique_ptr<Suite>> Suite::Start(SuiteOptions options) {
  std::unique_ptr<Suite> suite(new Suite());
  char dir[] = "/tmp/unionhub-suite-XXXXXX";
  if (mkdtemp(dir) == nullptr) return absl::InternalError("mkdtemp failed");
  suite->dir_ = dir;
  const std::string& d = suite->dir_;

  std::vector<std::string> urls;
  // Membership, gateway, welfare, democracy, reporting.
  for (int i = 0; i < 5; ++i) {
    absl::StatusOr<sql::TestDatabase> db =
        sql::CreateTestDatabase(options.backend);
    if (!db.ok()) return db.status();
    urls.push_back(db->url);
    suite->databases_.push_back(*std::move(db));
  }
  crypto::SigningKey gateway_key = crypto::SigningKey::Generate();
  crypto::SigningKey service_key = crypto::SigningKey::Generate();
  std::ofstream(d + "/gateway.key") << absl::Base64Escape(gateway_key.Seed());
  std::ofstream(d + "/principal_public_keys")
      << auth::PublicKeyLine(auth::KeyKind::kGateway, gateway_key.public_key())
      << "\n"
      << auth::PublicKeyLine(auth::KeyKind::kService, service_key.public_key())
      << "\n";
  std::ofstream(d + "/service.key") << absl::Base64Escape(service_key.Seed());
  suite->gateway_signer_.emplace(std::move(gateway_key));
  suite->service_signer_.emplace(std::move(service_key));
  std::ofstream(d + "/data.key") << absl::Base64Escape(RandomBytes(32));

  suite->behind_services_ = options.behind_services;
  std::vector<std::string> argv = {
      UNIONHUB_MEMBERSHIP_BIN,
      "--listen=127.0.0.1:0",
      "--metrics_listen=127.0.0.1:0",
      "--database_url=" + urls[0],
      "--principal_public_keys_file=" + d + "/principal_public_keys",
      "--data_key_file=" + d + "/data.key",
      options.demo ? "--load_demo=true" : "--load_demo=false"};
  auto membership =
      ChildProcess::Start(argv, d + "/membership.out", d + "/membership.log");
  if (!membership.ok()) return membership.status();
  suite->membership_ = *std::move(membership);
  absl::Status up = AwaitListening(
      *suite->membership_, d + "/membership.log", "membership listening",
      {{"port", &suite->membership_port_},
       {"metrics_port", &suite->membership_metrics_port_}});
  if (!up.ok()) return up;
  up = suite->Expose("membership", argv, &suite->membership_port_);
  if (!up.ok()) return up;

  argv = {UNIONHUB_WELFARE_BIN,
          "--listen=127.0.0.1:0",
          "--metrics_listen=127.0.0.1:0",
          "--database_url=" + urls[2],
          "--principal_public_keys_file=" + d + "/principal_public_keys",
          "--membership_address=" + suite->membership_address(),
          "--data_key_file=" + d + "/data.key"};
  auto welfare =
      ChildProcess::Start(argv, d + "/welfare.out", d + "/welfare.log");
  if (!welfare.ok()) return welfare.status();
  suite->welfare_ = *std::move(welfare);
  up = AwaitListening(*suite->welfare_, d + "/welfare.log", "welfare listening",
                      {{"port", &suite->welfare_port_}});
  if (!up.ok()) return up;
  up = suite->Expose("welfare", argv, &suite->welfare_port_);
  if (!up.ok()) return up;

  argv = {UNIONHUB_DEMOCRACY_BIN,
          "--listen=127.0.0.1:0",
          "--metrics_listen=127.0.0.1:0",
          "--database_url=" + urls[3],
          "--principal_public_keys_file=" + d + "/principal_public_keys",
          "--membership_address=" + suite->membership_address()};
  auto democracy =
      ChildProcess::Start(argv, d + "/democracy.out", d + "/democracy.log");
  if (!democracy.ok()) return democracy.status();
  suite->democracy_ = *std::move(democracy);
  up = AwaitListening(*suite->democracy_, d + "/democracy.log",
                      "democracy listening",
                      {{"port", &suite->democracy_port_}});
  if (!up.ok()) return up;
  up = suite->Expose("democracy", argv, &suite->democracy_port_);
  if (!up.ok()) return up;

  if (options.demo) {
    for (const std::vector<std::string>& demo :
         std::vector<std::vector<std::string>>{
             {UNIONHUB_WELFARE_DEMO_BIN, "--database_url=" + urls[2],
              "--data_key_file=" + d + "/data.key"},
             {UNIONHUB_DEMOCRACY_DEMO_BIN, "--database_url=" + urls[3]}}) {
      std::vector<std::string> tool_argv = demo;
      tool_argv.push_back("--membership_address=" +
                          suite->membership_address());
      tool_argv.push_back("--gateway_key_file=" + d + "/gateway.key");
      auto tool =
          ChildProcess::Start(tool_argv, d + "/demo.out", d + "/demo.log");
      if (!tool.ok()) return tool.status();
      if (int code = (*tool)->Wait(absl::Minutes(5)); code != 0) {
        return absl::InternalError(absl::StrCat(tool_argv[0], " ended with ",
                                                code, ": ",
                                                ReadFile(d + "/demo.log")));
      }
    }
  }

  // Reporting follows the three feeds as itself, signed with the service key
  // the producers trust.
  argv = {UNIONHUB_REPORTING_BIN,
          "--listen=127.0.0.1:0",
          "--metrics_listen=127.0.0.1:0",
          "--database_url=" + urls[4],
          "--principal_public_keys_file=" + d + "/principal_public_keys",
          "--signing_key_file=" + d + "/service.key",
          "--membership_address=" + suite->membership_address(),
          "--welfare_address=" + suite->welfare_address(),
          "--democracy_address=" + suite->democracy_address()};
  auto reporting =
      ChildProcess::Start(argv, d + "/reporting.out", d + "/reporting.log");
  if (!reporting.ok()) return reporting.status();
  suite->reporting_ = *std::move(reporting);
  up = AwaitListening(*suite->reporting_, d + "/reporting.log",
                      "reporting listening",
                      {{"port", &suite->reporting_port_}});
  if (!up.ok()) return up;
  up = suite->Expose("reporting", argv, &suite->reporting_port_);
  if (!up.ok()) return up;

  argv = {UNIONHUB_GATEWAY_BIN,
          "--listen=127.0.0.1:0",
          "--http_listen=127.0.0.1:0",
          "--database_url=" + urls[1],
          "--signing_key_file=" + d + "/gateway.key",
          "--backends=membership=" + suite->membership_address() +
              ",welfare=" + suite->welfare_address() +
              ",democracy=" + suite->democracy_address() +
              ",reporting=" + suite->reporting_address(),
          "--rate_limit_per_second=0",
          "--shutdown_grace_seconds=5"};
  for (const std::string& flag : options.gateway_flags) argv.push_back(flag);
  auto gateway =
      ChildProcess::Start(argv, d + "/gateway.out", d + "/gateway.log");
  if (!gateway.ok()) return gateway.status();
  suite->gateway_ = *std::move(gateway);
  up = AwaitListening(*suite->gateway_, d + "/gateway.log", "gateway listening",
                      {{"port", &suite->gateway_port_},
                       {"http_port", &suite->gateway_http_port_}});
  if (!up.ok()) return up;
  // Listening is not yet ready: its links to the backends come up just after
  // (slowly under ThreadSanitizer). Tests start, as a load balancer would,
  // once /healthz says ready.
  up = AwaitReady(suite->gateway_http() + "/healthz", absl::Seconds(30));
  if (!up.ok()) return up;
  up = suite->Expose("gateway", argv, &suite->gateway_port_);
  if (!up.ok()) return up;
  std::string out = ReadFile(d + "/gateway.out");
  size_t at = out.find("uhk_");
  if (at == std::string::npos)
    return absl::InternalError("the gateway printed no bootstrap key");
  suite->bootstrap_key_ = out.substr(at, out.find_first_of(" \n", at) - at);
  return suite;
}

absl::Status Suite::Expose(const std::string& name,
                           std::vector<std::string> argv, int* port) {
  argv_[name] = std::move(argv);
  if (!behind_services_) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<ServiceProxy>> service =
      ServiceProxy::Start(*port);
  if (!service.ok()) return service.status();
  *port = (*service)->port();
  services_[name] = *std::move(service);
  return absl::OkStatus();
}

absl::Status Suite::RollingRestart(const std::string& name) {
  auto service = services_.find(name);
  if (service == services_.end())
    return absl::FailedPreconditionError(
        absl::StrCat(name, " is not behind a Service (behind_services)"));
  std::unique_ptr<ChildProcess>& old = name == "membership"  ? membership_
                                       : name == "welfare"   ? welfare_
                                       : name == "democracy" ? democracy_
                                       : name == "reporting" ? reporting_
                                                             : gateway_;
  const std::string base = absl::StrCat(dir_, "/", name, "-", ++restarts_);
  auto next = ChildProcess::Start(argv_[name], base + ".out", base + ".log");
  if (!next.ok()) return next.status();
  int port = 0, http_port = 0;
  std::vector<std::pair<std::string, int*>> ports = {{"port", &port}};
  if (name == "gateway") ports.push_back({"http_port", &http_port});
  absl::Status ready =
      AwaitListening(**next, base + ".log", name + " listening", ports);
  // Ready as its readiness probe would say: health SERVING (logged as
  // "database ready"); the gateway's /healthz (every backend linked).
  if (ready.ok())
    ready = AwaitListening(**next, base + ".log", "database ready", {});
  if (ready.ok() && name == "gateway")
    ready = AwaitReady(absl::StrCat("http://127.0.0.1:", http_port, "/healthz"),
                       absl::Seconds(30));
  if (!ready.ok()) return ready;
  service->second->SetTarget(port);
  absl::SleepFor(absl::Milliseconds(500));
  int code = old->Terminate(absl::Seconds(30));
  old = *std::move(next);
  if (name == "gateway") gateway_http_port_ = http_port;
  if (code != 0)
    return absl::InternalError(absl::StrCat(
        "the replaced ", name, " ended with ", code, ", not 0 after draining"));
  return absl::OkStatus();
}

// What a sanitizer printed, if anything: a build under sanitizers (see
// ./unionhub) runs the same tests, and a finding in a child process must fail
// the test that caused it.
std::string SanitizerReport(const std::string& log) {
  for (const char* marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                             "WARNING: ThreadSanitizer", "runtime error:"}) {
    size_t at = log.find(marker);
    if (at != std::string::npos)
      return log.substr(at > 200 ? at - 200 : 0, 8000);
  }
  return "";
}

Suite::~Suite() {
  // Gracefully, so that a leak checker gets to run at exit.
  for (ChildProcess* child :
       {gateway_.get(), reporting_.get(), democracy_.get(), welfare_.get(),
        membership_.get()}) {
    if (child == nullptr) continue;
    child->Resume();  // In case a test left it paused.
    bool running = child->Running();
    int code = child->Terminate(absl::Seconds(10));
    if (!running && code != 0)  // Not stopped by the test: it crashed.
      ADD_FAILURE() << "pid " << child->pid() << " ended on its own, code "
                    << code << " (128 + signal when a signal ended it)";
  }
  // Every process's output, replaced replicas' included.
  for (const auto& file : std::filesystem::directory_iterator(dir_)) {
    std::string ext = file.path().extension();
    if (ext != ".log" && ext != ".out") continue;
    std::string report = SanitizerReport(ReadFile(file.path()));
    if (!report.empty())
      ADD_FAILURE() << file.path().filename() << ": " << report;
  }
  gateway_.reset();
  reporting_.reset();
  democracy_.reset();
  welfare_.reset();
  membership_.reset();
  // UNIONHUB_KEEP_SUITE=1 keeps the logs and databases for a look.
  if (!dir_.empty() && std::getenv("UNIONHUB_KEEP_SUITE") == nullptr)
    std::system(("rm -rf '" + dir_ + "'").c_str());
}

std::string Suite::gateway_address() const {
  return absl::StrCat("127.0.0.1:", gateway_port_);
}
std::string Suite::gateway_http() const {
  return absl::StrCat("http://127.0.0.1:", gateway_http_port_);
}
std::string Suite::membership_address() const {
  return absl::StrCat("127.0.0.1:", membership_port_);
}
std::string Suite::welfare_address() const {
  return absl::StrCat("127.0.0.1:", welfare_port_);
}
std::string Suite::democracy_address() const {
  return absl::StrCat("127.0.0.1:", democracy_port_);
}

std::string Suite::database_url(absl::string_view service) const {
  const char* order[] = {"membership", "gateway", "welfare", "democracy",
                         "reporting"};
  for (size_t i = 0; i < databases_.size() && i < 5; ++i)
    if (service == order[i]) return databases_[i].url;
  return "";
}

std::string Suite::reporting_address() const {
  return absl::StrCat("127.0.0.1:", reporting_port_);
}
std::string Suite::GatewayLog() const { return LogOf("gateway"); }
std::string Suite::LogOf(const std::string& process) const {
  return ReadFile(dir_ + "/" + process + ".log");
}

std::string RunCommand(const std::string& command, int* exit_code) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *exit_code = -1;
    return out;
  }
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int status = pclose(pipe);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace unionhub::testing
