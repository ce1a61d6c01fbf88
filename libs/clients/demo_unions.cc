#include "libs/clients/demo_unions.h"

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"

namespace unionhub::clients {
namespace {

namespace mv1 = membership::v1;

class Finder {
 public:
  Finder(const auth::PrincipalSigner* signer,
         std::shared_ptr<grpc::ChannelInterface> channel)
      : signer_(signer),
        organisations_(mv1::OrganisationService::NewStub(channel)),
        members_(mv1::MemberService::NewStub(channel)) {}

  // A union admin of `org`, signed; `suffix` tells apart two keys of one
  // union (the one that applies from the one that approves).
  auth::Caller AdminOf(const mv1::Organisation& org,
                       const std::string& suffix = "") const {
    auth::Caller c;
    c.key_id = absl::StrCat("demo-", org.id(), suffix);
    c.organisation_id = org.id();
    c.organisation_path = org.path();
    c.role = auth::Role::kUnionAdmin;
    c.expires = absl::Now() + absl::Hours(1);
    c.token = signer_->Sign(c);
    return c;
  }

  absl::StatusOr<DemoUnions> Find() {
    auth::Caller gateway = auth::ServiceCaller("welfare-demo");
    gateway.expires = absl::Now() + absl::Hours(1);
    mv1::GetRootOrganisationResponse root;
    RETURN_IF_ERROR(Check(
        organisations_->GetRootOrganisation(Context(gateway).get(), {}, &root),
        "GetRootOrganisation"));
    auth::Caller federation = AdminOf(root.organisation());
    federation.role = auth::Role::kFederationAdmin;
    federation.token = signer_->Sign(federation);
    mv1::ListOrganisationsRequest request;
    request.set_include_descendants(true);
    request.set_page_size(500);
    mv1::ListOrganisationsResponse all;
    RETURN_IF_ERROR(Check(organisations_->ListOrganisations(
                              Context(federation).get(), request, &all),
                          "ListOrganisations"));
    const mv1::Organisation* district = nullptr;
    for (const mv1::Organisation& o : all.organisations())
      if (o.name() == "区教育工会") district = &o;
    if (district == nullptr) {
      return absl::FailedPreconditionError(
          "membership has no 区教育工会: load membership's demo first");
    }
    DemoUnions unions;
    unions.district_id = district->id();
    unions.district_admin = AdminOf(*district);
    unions.district_approver = AdminOf(*district, "-approver");
    for (const mv1::Organisation& o : all.organisations()) {
      if (o.parent_id() != district->id()) continue;
      DemoUnions::School school{o.id(), AdminOf(o), {}};
      mv1::ListMembersRequest members;
      members.set_organisation_id(o.id());
      members.set_include_descendants(true);
      members.set_status(mv1::MEMBER_STATUS_ACTIVE);
      members.set_page_size(500);
      mv1::ListMembersResponse found;
      RETURN_IF_ERROR(Check(
          members_->ListMembers(Context(school.admin).get(), members, &found),
          "ListMembers"));
      for (const mv1::Member& m : found.members())
        school.person_ids.push_back(m.person_id());
      unions.schools.push_back(std::move(school));
    }
    return unions;
  }

 private:
  std::unique_ptr<grpc::ClientContext> Context(const auth::Caller& c) const {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata(auth::kPrincipalMetadataKey,
                         c.token.empty() ? signer_->Sign(c) : c.token);
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::seconds(30));
    return context;
  }
  static absl::Status Check(const grpc::Status& s, const char* what) {
    if (s.ok()) return absl::OkStatus();
    return absl::UnavailableError(absl::StrCat(what, ": ", s.error_message()));
  }

  const auth::PrincipalSigner* signer_;
  std::unique_ptr<mv1::OrganisationService::Stub> organisations_;
  std::unique_ptr<mv1::MemberService::Stub> members_;
};

}  // namespace

absl::StatusOr<DemoUnions> FindDemoUnions(
    const auth::PrincipalSigner& signer,
    std::shared_ptr<grpc::ChannelInterface> channel, absl::Duration wait) {
  const absl::Time deadline = absl::Now() + wait;
  for (;;) {
    absl::StatusOr<DemoUnions> unions = Finder(&signer, channel).Find();
    bool not_yet = absl::IsUnavailable(unions.status()) ||
                   absl::IsFailedPrecondition(unions.status());
    if (!not_yet || absl::Now() >= deadline) return unions;
    absl::SleepFor(absl::Seconds(1));
  }
}

}  // namespace unionhub::clients
