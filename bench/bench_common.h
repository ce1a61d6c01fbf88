// What the service benchmark drivers share: a timed loop on N threads, ID
// numbers for as many people as asked, principals signed as the gateway signs
// them, and a union of N members made through membership.
#ifndef UNIONHUB_BENCH_BENCH_COMMON_H_
#define UNIONHUB_BENCH_BENCH_COMMON_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/auth/principal.h"
#include "libs/sql/database.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"

namespace unionhub::bench {

// Runs `work(i)` for i in [0, n) on `clients` threads; items per second, or
// -1 when any work failed.
double Timed(int n, int clients, const std::function<bool(int)>& work);

// Runs `write(session, i)` for i in [0, n), each in a write transaction of
// `db` of its own, on `clients` threads: the raw loop a service is compared
// with. Transactions per second, or -1 (and the error on stderr).
double TimedWrites(
    sql::Database& db, int n, int clients,
    const std::function<absl::Status(sql::Session&, int)>& write);

// A valid ID number for the n-th person: a thousand per birth date.
std::string IdNumber(int n);

// False (and the message on stderr) for a failed call.
bool Ok(const grpc::Status& s, const char* what);

// Calls as the root's federation admin, signed as the gateway signs: once
// per key, the principal reused by every call (front_door.cc does the same
// for half its lifetime), so services verify each key's signature once.
class RootCaller {
 public:
  RootCaller(auth::PrincipalSigner* signer, std::string root_path);
  // `key` tells two keys apart (one applies, another approves).
  std::unique_ptr<grpc::ClientContext> As(const std::string& key) const;
  const std::string& root_id() const { return root_id_; }

 private:
  auth::PrincipalSigner* signer_;
  std::string root_path_, root_id_;
  mutable absl::Mutex mu_;
  mutable absl::flat_hash_map<std::string, std::string> signed_
      ABSL_GUARDED_BY(mu_);
};

// A grassroots union under the root with `n` members (ID numbers from
// `first`); its id and the members' person ids.
struct BenchUnion {
  std::string id;
  std::vector<std::string> persons;
};
absl::StatusOr<BenchUnion> CreateUnionWithMembers(
    const RootCaller& caller, std::shared_ptr<grpc::Channel> membership, int n,
    int first, int clients);

}  // namespace unionhub::bench

#endif  // UNIONHUB_BENCH_BENCH_COMMON_H_
