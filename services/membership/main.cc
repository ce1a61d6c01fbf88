// The membership service: flags and wiring only.
#include <iostream>

#include "absl/flags/flag.h"
#include "libs/crypto/crypto.h"
#include "libs/outbox/event_feed_service.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/log.h"
#include "libs/rpc/server.h"
#include "services/membership/grpc_handler.h"
#include "services/membership/membership_service.h"

const std::vector<unionhub::sql::Migration>& membership_lib_migrations();

ABSL_FLAG(std::string, data_key_file, "",
          "File with the 32-byte key for personal data (or UNIONHUB_DATA_KEY / "
          "UNIONHUB_DATA_KEY_FILE).");
ABSL_FLAG(std::string, root_organisation_name,
          unionhub::rpc::EnvOr("UNIONHUB_ROOT_ORGANISATION_NAME", "市总工会"),
          "Name of the root federation created on a fresh install.");

namespace {

int Fail(const absl::Status& status, const char* what) {
  unionhub::rpc::LogEvent("error", what,
                          {{"error", std::string(status.message())}});
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace unionhub;
  rpc::ServerSettings settings = rpc::InitServerProcess(
      argc, argv, "membership", "127.0.0.1:7101", "sqlite://var/membership.db");

  auto db = rpc::OpenAndMigrate(
      settings.database_url, outbox::WithPlatform(membership_lib_migrations()));
  if (!db.ok()) return Fail(db.status(), "cannot open the database");
  auto master = crypto::LoadSecret("UNIONHUB_DATA_KEY",
                                   absl::GetFlag(FLAGS_data_key_file));
  if (!master.ok()) return Fail(master.status(), "no data key");
  auto keys = crypto::DataKeys::FromMaster(*master);
  if (!keys.ok()) return Fail(keys.status(), "bad data key");
  auto signer = rpc::LoadPrincipalSigner(settings.principal_secret_file);
  if (!signer.ok()) return Fail(signer.status(), "no principal secret");

  membership::MembershipService service(db->get(), &*keys, &Clock::System());
  auto root = service.EnsureRoot(absl::GetFlag(FLAGS_root_organisation_name));
  if (!root.ok())
    return Fail(root.status(), "cannot create the root organisation");

  rpc::CallEnv env{&*signer, &Clock::System()};
  membership::OrganisationHandler organisations(&service, env);
  membership::MemberHandler members(&service, env);
  membership::Store store(&*keys);
  membership::CommitteeService committee_service(db->get(), &store,
                                                 &Clock::System());
  membership::CommitteeHandler committees(&committee_service, env);
  membership::EnterpriseService enterprise_service(db->get(), &store,
                                                   &Clock::System());
  membership::EnterpriseHandler enterprises(&enterprise_service, env);
  membership::ModelWorkerService model_worker_service(db->get(), &store,
                                                      &Clock::System());
  membership::ModelWorkerHandler model_workers(&model_worker_service, env);
  membership::ActivityService activity_service(db->get(), &store,
                                               &Clock::System());
  membership::ActivityHandler activities(&activity_service, env);
  outbox::EventFeedService events(db->get(), env);
  auto server =
      rpc::Server::Start(settings.listen,
                         {&organisations, &members, &committees, &enterprises,
                          &model_workers, &activities, &events},
                         db->get());
  if (!server.ok()) return Fail(server.status(), "cannot start");
  rpc::LogEvent("info", "membership listening",
                {{"address", settings.listen},
                 {"port", std::to_string((*server)->port())},
                 {"root_organisation_id", root->id},
                 {"root_organisation_path", root->path}});
  (*server)->WaitForTerminationSignal(
      absl::Seconds(settings.shutdown_grace_seconds));
  return 0;
}
