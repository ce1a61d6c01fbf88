// The server bootstrap all services share: flags with environment fallbacks,
// the database opened and migrated, health tied to database readiness,
// reflection, and a graceful stop on SIGTERM (NOT_SERVING first, then Shutdown
// with a deadline).
#ifndef UNIONHUB_LIBS_RPC_SERVER_H_
#define UNIONHUB_LIBS_RPC_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <condition_variable>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"
#include "libs/http/server.h"
#include "libs/rpc/executor.h"
#include "libs/rpc/metrics.h"
#include "libs/sql/database.h"
#include "libs/sql/migrate.h"

namespace unionhub::rpc {

// Settings every service takes. Each is a flag whose default comes from the
// environment variable named beside it, so Kubernetes can set either.
struct ServerSettings {
  std::string listen;        // --listen, UNIONHUB_LISTEN
  std::string database_url;  // --database_url, UNIONHUB_DATABASE_URL
  // The public keys whose principals are trusted: --principal_public_keys_file
  // (or UNIONHUB_PRINCIPAL_PUBLIC_KEYS[_FILE]); see auth::PrincipalVerifier.
  std::string principal_public_keys_file;
  // This process's own private key, for the calls it signs (the gateway's
  // callers, a service calling as itself): --signing_key_file (or
  // UNIONHUB_SIGNING_KEY[_FILE]).
  std::string signing_key_file;
  int shutdown_grace_seconds;  // --shutdown_grace_seconds
  std::string metrics_listen;  // --metrics_listen, UNIONHUB_METRICS_LISTEN
  ExecutorOptions executor;    // --workers, --max_queued_calls
};

// Where a service listens unless told otherwise.
struct ServiceDefaults {
  std::string listen;          // gRPC, e.g. "127.0.0.1:7101"
  std::string metrics_listen;  // Prometheus, e.g. "127.0.0.1:7191"
  std::string database_url;    // e.g. "sqlite://var/membership.db"
};

// The environment variable `name`, or `fallback` when unset or empty. Every
// name read is recorded for --print_environment: read names in flag defaults,
// or declare them (DeclareEnvironment) before InitServerProcess.
std::string EnvOr(const char* name, absl::string_view fallback);
// The integer in `name`, else `fallback` (also when it is not a number).
int64_t IntEnvOr(const char* name, int64_t fallback);
// Records environment variables read elsewhere (by crypto::LoadSecret, say);
// returns true, so a namespace-scope constant can declare them.
bool DeclareEnvironment(std::initializer_list<const char*> names);
// Every variable recorded so far, sorted: what --print_environment prints.
std::vector<std::string> KnownEnvironment();

// Parses flags (also --help; --print_environment prints and exits), blocks
// SIGTERM/SIGINT for the signal thread, starts logging. Call first in main,
// before any thread exists.
ServerSettings InitServerProcess(int argc, char** argv,
                                 absl::string_view service,
                                 const ServiceDefaults& defaults);

// The database URL: --database_url or UNIONHUB_DATABASE_URL, else the text of
// the file named by --database_url_file or UNIONHUB_DATABASE_URL_FILE, else
// `fallback` (an error if empty). InitServerProcess calls it; tools that open
// a service's database (the demo loaders) call it too.
absl::StatusOr<std::string> DatabaseUrl(absl::string_view fallback);

// Opens `url` and applies `migrations`.
absl::StatusOr<std::unique_ptr<sql::Database>> OpenAndMigrate(
    absl::string_view url, const std::vector<sql::Migration>& migrations);

// The verifier of principals, from the public keys in
// UNIONHUB_PRINCIPAL_PUBLIC_KEYS (the text), else the file named by
// UNIONHUB_PRINCIPAL_PUBLIC_KEYS_FILE, else `file`.
absl::StatusOr<auth::PrincipalVerifier> LoadPrincipalVerifier(
    absl::string_view file);
// The signer with this process's private key (UNIONHUB_SIGNING_KEY, base64;
// else the file named by UNIONHUB_SIGNING_KEY_FILE, else `file`).
absl::StatusOr<auth::PrincipalSigner> LoadPrincipalSigner(
    absl::string_view file);

// The database pool's use as gauges in `metrics`.
void AddPoolGauges(Metrics& metrics, sql::Database* db);

// Serves `metrics` at http://`listen`/metrics (Prometheus text format), with
// the database pool's use added to them (when `db` is given). An empty
// `listen` (--metrics_listen=none) serves nothing: null.
absl::StatusOr<std::unique_ptr<http::Server>> ServeMetrics(
    absl::string_view listen, Metrics* metrics, sql::Database* db);

// A running gRPC server with health and reflection; used by main and by tests.
class Server final {
 public:
  // Starts on `listen` ("127.0.0.1:0" picks a free port). Requests up to
  // `max_receive_message_bytes` are accepted (0 keeps gRPC's 4 MiB).
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      absl::string_view listen, const std::vector<grpc::Service*>& services,
      sql::Database* db, int max_receive_message_bytes = 0);
  ~Server();

  int port() const { return port_; }
  // Whether health says SERVING (database ready, not shutting down).
  bool serving() const { return serving_; }
  // Marks NOT_SERVING, waits out in-flight calls up to `grace`, then stops.
  void Shutdown(absl::Duration grace);
  // Blocks until SIGTERM or SIGINT (blocked by InitServerProcess), then shuts
  // down.
  void WaitForTerminationSignal(absl::Duration grace);

 private:
  Server() = default;
  void WatchReadiness();

  std::unique_ptr<grpc::Server> server_;
  sql::Database* db_ = nullptr;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> serving_{false};
  std::mutex mu_;
  std::condition_variable stop_cv_;
  std::thread readiness_;
};

// Blocks until SIGTERM or SIGINT (blocked by InitServerProcess) arrives.
void AwaitTerminationSignal();

// For mains: logs `what` went wrong (with the status's message) and returns
// the process's exit code, 1.
int Fail(const absl::Status& status, absl::string_view what);

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_SERVER_H_
