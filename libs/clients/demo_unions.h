// Who the development demo data is about: membership's demo district
// education union (区教育工会) and its schools, with their active members, and
// callers membership accepts (principals signed with the gateway's key). For
// the demo loaders of the services that keep records about them (welfare,
// democracy); a development tool only, for a machine whose gateway key is a
// development key.
#ifndef UNIONHUB_LIBS_CLIENTS_DEMO_UNIONS_H_
#define UNIONHUB_LIBS_CLIENTS_DEMO_UNIONS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"

namespace unionhub::clients {

struct DemoUnions {
  std::string district_id;
  auth::Caller district_admin;     // Runs the district's business.
  auth::Caller district_approver;  // A second district key (approves).
  struct School {
    std::string id;
    auth::Caller admin;
    std::vector<std::string> person_ids;  // Its active members (subtree).
  };
  std::vector<School> schools;
};

// Asks membership (on `channel`) for the demo unions; FAILED_PRECONDITION
// when membership holds no demo data. While membership is unavailable or has
// no demo data yet, asks again each second for up to `wait` (a loader started
// beside membership, as a Kubernetes init container is).
absl::StatusOr<DemoUnions> FindDemoUnions(
    const auth::PrincipalSigner& signer,
    std::shared_ptr<grpc::ChannelInterface> channel,
    absl::Duration wait = absl::ZeroDuration());

}  // namespace unionhub::clients

#endif  // UNIONHUB_LIBS_CLIENTS_DEMO_UNIONS_H_
