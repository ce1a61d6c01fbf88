// democracy-demo: loads democracy's demo data (demo.h) into a democracy
// database, for `./unionhub run`, about membership's demo unions
// (libs/clients/demo_unions.h). Loading again changes nothing.
#include <grpcpp/grpcpp.h>

#include <cstdio>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "democracy_lib_migrations.h"
#include "libs/base/status_macros.h"
#include "libs/clients/demo_unions.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/server.h"
#include "services/democracy/demo.h"

ABSL_FLAG(std::string, membership_address, "127.0.0.1:7101",
          "host:port of the membership service holding its demo data.");
ABSL_FLAG(int, wait_for_membership_seconds, 0,
          "How long to wait for membership to answer with its demo data.");
ABSL_FLAG(std::string, gateway_key_file, "",
          "The gateway's signing key (development only).");

namespace unionhub::democracy {
namespace {

absl::Status Run() {
  ASSIGN_OR_RETURN(std::string url, rpc::DatabaseUrl(""));
  ASSIGN_OR_RETURN(
      auth::PrincipalSigner signer,
      rpc::LoadPrincipalSigner(absl::GetFlag(FLAGS_gateway_key_file)));
  ASSIGN_OR_RETURN(std::unique_ptr<sql::Database> db,
                   rpc::OpenAndMigrate(
                       url, outbox::WithPlatform(democracy_lib_migrations())));
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
  Congress congress(db.get(), &membership, &clock);
  Representatives representatives(db.get(), &membership, &clock);
  Meetings meetings(db.get(), &clock);
  Proposals proposals(db.get(), &membership, &clock);
  Evaluations evaluations(db.get(), &clock);
  Disclosure disclosure(db.get(), &membership, &clock);
  Contracts contracts(db.get(), &membership, &clock);
  return LoadDemoData({&congress, &representatives, &meetings, &proposals,
                       &evaluations, &disclosure, &contracts},
                      unions, &clock, today);
}

}  // namespace
}  // namespace unionhub::democracy

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  absl::Status done = unionhub::democracy::Run();
  if (!done.ok()) {
    std::fprintf(stderr, "democracy-demo: %s\n",
                 std::string(done.message()).c_str());
    return 1;
  }
  std::printf("democracy demo loaded\n");
  return 0;
}
