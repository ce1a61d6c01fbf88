// The membership service: flags and wiring only.
#include <iostream>

#include "absl/flags/flag.h"
#include "libs/crypto/crypto.h"
#include "libs/outbox/event_feed_service.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/log.h"
#include "libs/rpc/server.h"
#include "membership_lib_migrations.h"
#include "services/membership/activities/activity_handler.h"
#include "services/membership/audit_handler.h"
#include "services/membership/committees/committee_handler.h"
#include "services/membership/demo.h"
#include "services/membership/enterprises/enterprise_handler.h"
#include "services/membership/member_handler.h"
#include "services/membership/model_workers/model_worker_handler.h"
#include "services/membership/organisation_handler.h"

ABSL_FLAG(std::string, data_key_file, "",
          "File with the 32-byte key for personal data (or UNIONHUB_DATA_KEY / "
          "UNIONHUB_DATA_KEY_FILE).");
ABSL_FLAG(
    bool, load_demo, unionhub::rpc::EnvOr("UNIONHUB_LOAD_DEMO", "") == "1",
    "Load the demo data set at start-up (loading it again changes nothing).");
ABSL_FLAG(std::string, root_organisation_name,
          unionhub::rpc::EnvOr("UNIONHUB_ROOT_ORGANISATION_NAME", "市总工会"),
          "Name of the root federation created on a fresh install.");

// Read by crypto::DataKeys::Load.
static const bool kReadsDataKey = unionhub::rpc::DeclareEnvironment(
    {"UNIONHUB_DATA_KEY", "UNIONHUB_DATA_KEY_FILE"});

int main(int argc, char** argv) {
  using namespace unionhub;
  rpc::ServerSettings settings = rpc::InitServerProcess(
      argc, argv, "membership",
      {"127.0.0.1:7101", "127.0.0.1:7191", "sqlite://var/membership.db"});

  auto db = rpc::OpenAndMigrate(
      settings.database_url, outbox::WithPlatform(membership_lib_migrations()));
  if (!db.ok())
    return unionhub::rpc::Fail(db.status(), "cannot open the database");
  auto keys = crypto::DataKeys::Load(absl::GetFlag(FLAGS_data_key_file));
  if (!keys.ok()) return unionhub::rpc::Fail(keys.status(), "no data key");
  auto verifier =
      rpc::LoadPrincipalVerifier(settings.principal_public_keys_file);
  if (!verifier.ok())
    return unionhub::rpc::Fail(verifier.status(), "no principal public keys");

  // The domain: one service per area over one repository of members and
  // organisations.
  const Clock& clock = Clock::System();
  membership::Store store(&*keys);
  membership::Organisations organisations(db->get(), &store, &clock);
  membership::Members members(db->get(), &store, &clock);
  membership::Committees committees(db->get(), &store, &clock);
  membership::Enterprises enterprises(db->get(), &store, &clock);
  membership::ModelWorkers model_workers(db->get(), &store, &clock);
  membership::Activities activities(db->get(), &store, &clock);

  auto root =
      organisations.EnsureRoot(absl::GetFlag(FLAGS_root_organisation_name));
  if (!root.ok())
    return unionhub::rpc::Fail(root.status(),
                               "cannot create the root organisation");
  if (absl::GetFlag(FLAGS_load_demo)) {
    absl::Status loaded =
        membership::LoadDemoData({&organisations, &members, &committees,
                                  &enterprises, &model_workers, &activities},
                                 *root);
    if (!loaded.ok())
      return unionhub::rpc::Fail(loaded, "cannot load the demo data");
    rpc::LogEvent("info", "demo data loaded");
  }

  // The gRPC front. `serving` (metrics, gate, executor) outlives the server.
  rpc::Serving serving(&*verifier, &clock, settings.executor);
  outbox::AddOutboxGauges(serving.metrics(), db->get());
  auto metrics_port =
      rpc::ServeMetrics(settings.metrics_listen, &serving.metrics(), db->get());
  if (!metrics_port.ok())
    return rpc::Fail(metrics_port.status(), "cannot serve metrics");
  rpc::CallEnv env = serving.env();
  membership::OrganisationHandler organisation_handler(&organisations, env);
  membership::MemberHandler member_handler(&members, env);
  membership::CommitteeHandler committee_handler(&committees, env);
  membership::EnterpriseHandler enterprise_handler(&enterprises, env);
  membership::ModelWorkerHandler model_worker_handler(&model_workers, env);
  membership::ActivityHandler activity_handler(&activities, env);
  membership::AuditHandler audit_handler(
      db->get(), membership::OrganisationPaths(&organisations), env);
  outbox::EventFeedService event_feed(db->get(), env);
  auto server = rpc::Server::Start(
      settings.listen,
      {&organisation_handler, &member_handler, &committee_handler,
       &enterprise_handler, &model_worker_handler, &activity_handler,
       &audit_handler, &event_feed},
      db->get());
  if (!server.ok()) return unionhub::rpc::Fail(server.status(), "cannot start");
  rpc::LogEvent(
      "info", "membership listening",
      {{"address", settings.listen},
       {"port", std::to_string((*server)->port())},
       {"metrics_port",
        *metrics_port ? std::to_string((*metrics_port)->port()) : "none"},
       {"root_organisation_id", root->id},
       {"root_organisation_path", root->path}});
  (*server)->WaitForTerminationSignal(
      absl::Seconds(settings.shutdown_grace_seconds));
  return 0;
}
