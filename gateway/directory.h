// The organisation tree as the membership service tells it, asked over gRPC
// with principals the gateway signs.
#ifndef UNIONHUB_GATEWAY_DIRECTORY_H_
#define UNIONHUB_GATEWAY_DIRECTORY_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "gateway/key_service.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"

namespace unionhub::gateway {

class MembershipDirectory final : public OrganisationDirectory {
 public:
  MembershipDirectory(std::shared_ptr<grpc::Channel> channel,
                      const auth::PrincipalSigner* signer, const Clock* clock)
      : stub_(membership::v1::OrganisationService::NewStub(std::move(channel))),
        signer_(signer),
        clock_(clock) {}

  absl::StatusOr<OrganisationRef> Root() override;
  absl::StatusOr<OrganisationRef> Find(const auth::Caller& caller,
                                       absl::string_view id) override;

 private:
  std::unique_ptr<grpc::ClientContext> ContextFor(auth::Caller caller) const;

  std::unique_ptr<membership::v1::OrganisationService::Stub> stub_;
  const auth::PrincipalSigner* signer_;
  const Clock* clock_;
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_DIRECTORY_H_
