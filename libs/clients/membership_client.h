// What the other services ask membership, on behalf of the caller they are
// serving: is this organisation open and where is it in the tree; does this
// member exist, is it active, in which organisation, which person is it. Each
// call forwards the caller's principal (membership applies the caller's own
// subtree and role) and the caller's remaining deadline.
//
// Errors name the asking service's field: an id that is not one is
// INVALID_ARGUMENT, one outside the caller's subtree NOT_FOUND; membership
// unreachable or too slow is UNAVAILABLE (or DEADLINE_EXCEEDED when the
// caller's own deadline ran out) with a message that says membership is.
#ifndef UNIONHUB_LIBS_CLIENTS_MEMBERSHIP_CLIENT_H_
#define UNIONHUB_LIBS_CLIENTS_MEMBERSHIP_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"

namespace unionhub::clients {

struct OrganisationRef {
  std::string id;
  std::string path;  // "/<root>/.../<id>/"
  std::string name;
  membership::v1::OrganisationType type =
      membership::v1::ORGANISATION_TYPE_UNSPECIFIED;
  bool open = false;
};

struct MemberRef {
  std::string id;
  std::string person_id;  // Stable across transfers: refer to people by it.
  std::string organisation_id;
  std::string name;
  membership::v1::MemberStatus status =
      membership::v1::MEMBER_STATUS_UNSPECIFIED;
  membership::v1::Sex sex = membership::v1::SEX_UNSPECIFIED;
  std::string birth_date;  // YYYY-MM-DD
  membership::v1::EmploymentType employment_type =
      membership::v1::EMPLOYMENT_TYPE_UNSPECIFIED;

  bool active() const { return status == membership::v1::MEMBER_STATUS_ACTIVE; }
  // Active or retired: the membership is held.
  bool holds_membership() const {
    return active() || status == membership::v1::MEMBER_STATUS_RETIRED;
  }
};

class MembershipClient {
 public:
  // `max_wait` bounds each call even when the caller set no deadline.
  explicit MembershipClient(std::shared_ptr<grpc::ChannelInterface> channel,
                            absl::Duration max_wait = absl::Seconds(10));

  // `field` is the asking request's field that holds the id.
  absl::StatusOr<OrganisationRef> GetOrganisation(const auth::Caller& caller,
                                                  absl::string_view field,
                                                  absl::string_view id);
  absl::StatusOr<MemberRef> GetMember(const auth::Caller& caller,
                                      absl::string_view field,
                                      absl::string_view member_id);
  // The person's memberships in the caller's subtree, whatever their status
  // (each transfer leaves one behind); NOT_FOUND when there is none there.
  absl::StatusOr<std::vector<MemberRef>> Memberships(
      const auth::Caller& caller, absl::string_view field,
      absl::string_view person_id);
  // Whether the person is in the model-worker archive (劳模), as far as the
  // caller may see.
  absl::StatusOr<bool> IsModelWorker(const auth::Caller& caller,
                                     absl::string_view field,
                                     absl::string_view person_id);
  // The membership the person holds now (active or retired) in the caller's
  // subtree; NOT_FOUND when there is none there.
  absl::StatusOr<MemberRef> CurrentMembership(const auth::Caller& caller,
                                              absl::string_view field,
                                              absl::string_view person_id);

 private:
  std::unique_ptr<grpc::ClientContext> ContextFor(
      const auth::Caller& caller) const;

  std::unique_ptr<membership::v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<membership::v1::MemberService::Stub> members_;
  absl::Duration max_wait_;
};

}  // namespace unionhub::clients

#endif  // UNIONHUB_LIBS_CLIENTS_MEMBERSHIP_CLIENT_H_
