// Runs unionhub as it runs in production, for cross-service tests: the
// membership and welfare services and the gateway as separate processes on
// loopback, each with its own database (SQLite files or MariaDB databases).
// The gateway signs principals with its private key; the services trust its
// public key, and a service key (as reporting's would be) for service
// principals. Welfare asks membership as the caller.
#ifndef UNIONHUB_TESTS_SUITE_H_
#define UNIONHUB_TESTS_SUITE_H_

#include <sys/types.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/sql/testing.h"
#include "tests/service_proxy.h"

namespace unionhub::testing {

// A child process with its stdout and stderr in files.
class ChildProcess final {
 public:
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Start(
      const std::vector<std::string>& argv, const std::string& stdout_path,
      const std::string& stderr_path);
  ~ChildProcess();  // Kills it if it still runs.

  pid_t pid() const { return pid_; }
  // SIGTERM, then waits up to `grace` (then SIGKILL). Returns the exit code,
  // or 128 + signal when a signal ended it.
  int Terminate(absl::Duration grace = absl::Seconds(10));
  // Waits up to `timeout` for it to end by itself, then as Terminate.
  int Wait(absl::Duration timeout);
  bool Running();
  // SIGSTOP, returning once every thread has stopped (so nothing it had
  // received gets answered); Resume sends SIGCONT.
  void Pause();
  void Resume();

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

struct SuiteOptions {
  sql::Backend backend = sql::Backend::kSqlite;
  // Extra gateway flags, e.g. "--rate_limit_per_second=1".
  std::vector<std::string> gateway_flags;
  // Loads the run command's demo data: membership's at its start, then
  // welfare's and democracy's demo tools, as ./unionhub run does.
  bool demo = false;
  // Each service (and the gateway's gRPC port) is reached through a
  // ServiceProxy standing in for its Kubernetes Service, so that
  // RollingRestart can replace its process as a rollout replaces a pod.
  bool behind_services = false;
};

class Suite final {
 public:
  // NOT_FOUND when MySQL is asked for and no test server is configured.
  static absl::StatusOr<std::unique_ptr<Suite>> Start(SuiteOptions options);
  ~Suite();

  std::string gateway_address() const;     // gRPC, "127.0.0.1:P"
  std::string gateway_http() const;        // "http://127.0.0.1:P"
  std::string membership_address() const;  // gRPC, straight to the service
  std::string welfare_address() const;     // gRPC, straight to the service
  std::string democracy_address() const;   // gRPC, straight to the service
  std::string reporting_address() const;   // gRPC, straight to the service
  int gateway_http_port() const { return gateway_http_port_; }
  // Membership's Prometheus port (/metrics).
  int membership_metrics_port() const { return membership_metrics_port_; }
  // The root federation-admin key the gateway printed at first start.
  const std::string& bootstrap_key() const { return bootstrap_key_; }
  // The gateway's key (for forging tests), and a service's key that
  // membership trusts for service principals only.
  const auth::PrincipalSigner& gateway_signer() const {
    return *gateway_signer_;
  }
  const auth::PrincipalSigner& service_signer() const {
    return *service_signer_;
  }
  // That service key's private half, for a service run as a process.
  std::string service_key_file() const { return dir_ + "/service.key"; }
  ChildProcess& gateway() { return *gateway_; }
  ChildProcess& membership() { return *membership_; }
  ChildProcess& welfare() { return *welfare_; }
  ChildProcess& democracy() { return *democracy_; }
  ChildProcess& reporting() { return *reporting_; }
  const std::string& dir() const { return dir_; }
  // A service's database: "membership", "gateway", "welfare", "democracy"
  // or "reporting".
  std::string database_url(absl::string_view service) const;
  // As a Deployment's rolling update replaces a pod (behind_services only):
  // starts a second process of `service` ("membership", ..., "gateway") with
  // the same flags, waits until it is ready, sends new connections to it,
  // waits a moment (the endpoints' update reaching every node; the pod's
  // preStop), then stops the old one with SIGTERM, which must drain its calls
  // and exit 0.
  absl::Status RollingRestart(const std::string& service);
  std::string GatewayLog() const;
  // The log of a process the suite started: "democracy", "gateway", ...
  std::string LogOf(const std::string& process) const;

 private:
  Suite() = default;

  std::string dir_;
  std::vector<sql::TestDatabase> databases_;
  std::optional<auth::PrincipalSigner> gateway_signer_;
  std::optional<auth::PrincipalSigner> service_signer_;
  std::unique_ptr<ChildProcess> membership_;
  std::unique_ptr<ChildProcess> welfare_;
  std::unique_ptr<ChildProcess> democracy_;
  std::unique_ptr<ChildProcess> reporting_;
  std::unique_ptr<ChildProcess> gateway_;
  // Records a started process's flags; behind_services, puts a Service in
  // front of its `port` and makes `port` the Service's.
  absl::Status Expose(const std::string& name, std::vector<std::string> argv,
                      int* port);
  bool behind_services_ = false;
  // Each process's flags and Service, by name, for RollingRestart.
  std::map<std::string, std::vector<std::string>> argv_;
  std::map<std::string, std::unique_ptr<ServiceProxy>> services_;
  int restarts_ = 0;
  int membership_port_ = 0;
  int membership_metrics_port_ = 0;
  int welfare_port_ = 0;
  int democracy_port_ = 0;
  int reporting_port_ = 0;
  int gateway_port_ = 0;
  int gateway_http_port_ = 0;
  std::string bootstrap_key_;
};

// Runs a shell command; its stdout, and its exit code in `exit_code`.
std::string RunCommand(const std::string& command, int* exit_code);

}  // namespace unionhub::testing

#endif  // UNIONHUB_TESTS_SUITE_H_
