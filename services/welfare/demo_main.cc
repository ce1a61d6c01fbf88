// welfare-demo: loads welfare's demo data (demo.h) into a welfare database,
// for `./unionhub run`. It finds membership's demo unions (区教育工会 and its
// schools) and their active members by asking membership, as their admins,
// with principals signed by the gateway's key: a development tool, for a
// machine whose gateway key is a development key. Loading again changes
// nothing.
#include <grpcpp/grpcpp.h>

#include <cstdio>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/server.h"
#include "services/welfare/demo.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"
#include "welfare_lib_migrations.h"

// Welfare's database: --database_url, as the services take it (libs/rpc).
ABSL_DECLARE_FLAG(std::string, database_url);
ABSL_FLAG(std::string, membership_address, "127.0.0.1:7101",
          "host:port of the membership service holding its demo data.");
ABSL_FLAG(std::string, gateway_key_file, "",
          "The gateway's signing key (development only).");
ABSL_FLAG(
    std::string, data_key_file, "",
    "Welfare's data key (or UNIONHUB_DATA_KEY / UNIONHUB_DATA_KEY_FILE).");

namespace unionhub::welfare {
namespace {

namespace mv1 = membership::v1;

class Finder {
 public:
  Finder(const auth::PrincipalSigner* signer,
         std::shared_ptr<grpc::Channel> channel)
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

absl::Status Run() {
  ASSIGN_OR_RETURN(
      auth::PrincipalSigner signer,
      rpc::LoadPrincipalSigner(absl::GetFlag(FLAGS_gateway_key_file)));
  ASSIGN_OR_RETURN(crypto::DataKeys keys,
                   crypto::DataKeys::Load(absl::GetFlag(FLAGS_data_key_file)));
  ASSIGN_OR_RETURN(
      std::unique_ptr<sql::Database> db,
      rpc::OpenAndMigrate(absl::GetFlag(FLAGS_database_url),
                          outbox::WithPlatform(welfare_lib_migrations())));
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_membership_address),
                                     grpc::InsecureChannelCredentials());
  ASSIGN_OR_RETURN(DemoUnions unions, Finder(&signer, channel).Find());

  // The domain on a clock the loader moves to each record's date.
  FakeClock clock(absl::Now());
  const absl::CivilDay today = Clock::System().Today();
  clients::MembershipClient membership(channel);
  Hardship hardship(db.get(), &membership, &clock);
  Funds funds(db.get(), &membership, &clock);
  Campaigns campaigns(db.get(), &membership, &clock);
  AidApplications applications(db.get(), &membership, &clock);
  Students students(db.get(), &membership, &keys, &clock);
  Condolences condolences(db.get(), &membership, &clock);
  Cases cases(db.get(), &membership, &clock);
  Donations donations(db.get(), &membership, &clock);
  return LoadDemoData({&hardship, &funds, &campaigns, &applications, &students,
                       &condolences, &cases, &donations},
                      unions, &clock, today);
}

}  // namespace
}  // namespace unionhub::welfare

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  absl::Status done = unionhub::welfare::Run();
  if (!done.ok()) {
    std::fprintf(stderr, "welfare-demo: %s\n",
                 std::string(done.message()).c_str());
    return 1;
  }
  std::printf("welfare demo loaded\n");
  return 0;
}
