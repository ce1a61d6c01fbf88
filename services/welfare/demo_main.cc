// welfare-demo: loads welfare's demo data (demo.h) into a welfare database,
// for `./unionhub run`, about membership's demo unions
// (libs/clients/demo_unions.h). Loading again changes nothing.
#include <grpcpp/grpcpp.h>

#include <cstdio>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "libs/clients/demo_unions.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/server.h"
#include "services/welfare/demo.h"
#include "welfare_lib_migrations.h"

ABSL_FLAG(std::string, membership_address, "127.0.0.1:7101",
          "host:port of the membership service holding its demo data.");
ABSL_FLAG(int, wait_for_membership_seconds, 0,
          "How long to wait for membership to answer with its demo data.");
ABSL_FLAG(std::string, gateway_key_file, "",
          "The gateway's signing key (development only).");
ABSL_FLAG(
    std::string, data_key_file, "",
    "Welfare's data key (or UNIONHUB_DATA_KEY / UNIONHUB_DATA_KEY_FILE).");

namespace unionhub::welfare {
namespace {

absl::Status Run() {
  ASSIGN_OR_RETURN(std::string url, rpc::DatabaseUrl(""));
  ASSIGN_OR_RETURN(
      auth::PrincipalSigner signer,
      rpc::LoadPrincipalSigner(absl::GetFlag(FLAGS_gateway_key_file)));
  ASSIGN_OR_RETURN(crypto::DataKeys keys,
                   crypto::DataKeys::Load(absl::GetFlag(FLAGS_data_key_file)));
  ASSIGN_OR_RETURN(
      std::unique_ptr<sql::Database> db,
      rpc::OpenAndMigrate(url, outbox::WithPlatform(welfare_lib_migrations())));
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_membership_address),
                                     grpc::InsecureChannelCredentials());
  ASSIGN_OR_RETURN(
      clients::DemoUnions unions,
      clients::FindDemoUnions(
          signer, channel,
          absl::Seconds(absl::GetFlag(FLAGS_wait_for_membership_seconds))));

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
