// The welfare service: flags and wiring only.
#include <grpcpp/grpcpp.h>

#include "absl/flags/flag.h"
#include "libs/clients/membership_client.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/event_feed_service.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/log.h"
#include "libs/rpc/server.h"
#include "services/welfare/aid/application_handler.h"
#include "services/welfare/aid/campaign_handler.h"
#include "services/welfare/aid/fund_handler.h"
#include "services/welfare/audit_handler.h"
#include "services/welfare/cases/case_handler.h"
#include "services/welfare/condolences/condolence_handler.h"
#include "services/welfare/donations/donation_handler.h"
#include "services/welfare/hardship/hardship_handler.h"
#include "services/welfare/insurance/insurance_handler.h"
#include "services/welfare/students/student_handler.h"
#include "welfare_lib_migrations.h"

ABSL_FLAG(std::string, data_key_file, "",
          "File with the 32-byte key for personal data (or UNIONHUB_DATA_KEY / "
          "UNIONHUB_DATA_KEY_FILE): students' names.");
ABSL_FLAG(int64_t, stacking_alert_total_fen,
          unionhub::rpc::IntEnvOr("UNIONHUB_STACKING_ALERT_TOTAL_FEN",
                                  1'000'000),
          "A household's aid in a year above this many fen, from all "
          "campaigns and levels, flags the payment for review.");
ABSL_FLAG(std::string, membership_address,
          unionhub::rpc::EnvOr("UNIONHUB_MEMBERSHIP_ADDRESS", "127.0.0.1:7101"),
          "host:port of the membership service, asked about members and "
          "organisations on the caller's behalf.");

// Read by crypto::DataKeys::Load.
static const bool kReadsDataKey = unionhub::rpc::DeclareEnvironment(
    {"UNIONHUB_DATA_KEY", "UNIONHUB_DATA_KEY_FILE"});

int main(int argc, char** argv) {
  using namespace unionhub;
  rpc::ServerSettings settings = rpc::InitServerProcess(
      argc, argv, "welfare",
      {"127.0.0.1:7102", "127.0.0.1:7192", "sqlite://var/welfare.db"});

  auto db = rpc::OpenAndMigrate(settings.database_url,
                                outbox::WithPlatform(welfare_lib_migrations()));
  if (!db.ok()) return rpc::Fail(db.status(), "cannot open the database");
  auto keys = crypto::DataKeys::Load(absl::GetFlag(FLAGS_data_key_file));
  if (!keys.ok()) return rpc::Fail(keys.status(), "no data key");
  auto verifier =
      rpc::LoadPrincipalVerifier(settings.principal_public_keys_file);
  if (!verifier.ok())
    return rpc::Fail(verifier.status(), "no principal public keys");

  // Membership is asked as the caller; the channel connects lazily, so
  // welfare starts (and reports membership unavailable per call) without it.
  clients::MembershipClient membership(
      grpc::CreateChannel(absl::GetFlag(FLAGS_membership_address),
                          grpc::InsecureChannelCredentials()));
  const Clock& clock = Clock::System();
  welfare::Hardship hardship(db->get(), &membership, &clock);
  welfare::Funds funds(db->get(), &membership, &clock);
  welfare::Campaigns campaigns(db->get(), &membership, &clock);
  welfare::AidApplications applications(
      db->get(), &membership, &clock,
      {absl::GetFlag(FLAGS_stacking_alert_total_fen)});
  welfare::Condolences condolences(db->get(), &membership, &clock);
  welfare::Cases cases(db->get(), &membership, &clock);
  welfare::Donations donations(db->get(), &membership, &clock);
  welfare::Insurance insurance(db->get(), &membership, &clock);
  welfare::Students students(db->get(), &membership, &*keys, &clock);

  rpc::Serving serving(&*verifier, &clock, settings.executor);
  outbox::AddOutboxGauges(serving.metrics(), db->get());
  auto metrics_port =
      rpc::ServeMetrics(settings.metrics_listen, &serving.metrics(), db->get());
  if (!metrics_port.ok())
    return rpc::Fail(metrics_port.status(), "cannot serve metrics");
  rpc::CallEnv env = serving.env();
  welfare::HardshipHandler hardship_handler(&hardship, env);
  welfare::FundHandler fund_handler(&funds, env);
  welfare::CampaignHandler campaign_handler(&campaigns, env);
  welfare::AidApplicationHandler application_handler(&applications, env);
  welfare::CondolenceHandler condolence_handler(&condolences, env);
  welfare::CaseHandler case_handler(&cases, env);
  welfare::DonationHandler donation_handler(&donations, env);
  welfare::InsuranceHandler insurance_handler(&insurance, env);
  welfare::StudentHandler student_handler(&students, &applications, env);
  welfare::AuditHandler audit_handler(
      db->get(), clients::OrganisationPaths(&membership), env);
  outbox::EventFeedService event_feed(db->get(), env);
  auto server =
      rpc::Server::Start(settings.listen,
                         {&hardship_handler, &fund_handler, &campaign_handler,
                          &application_handler, &condolence_handler,
                          &case_handler, &donation_handler, &insurance_handler,
                          &student_handler, &audit_handler, &event_feed},
                         db->get());
  if (!server.ok()) return rpc::Fail(server.status(), "cannot start");
  rpc::LogEvent(
      "info", "welfare listening",
      {{"address", settings.listen},
       {"port", std::to_string((*server)->port())},
       {"metrics_port",
        *metrics_port ? std::to_string((*metrics_port)->port()) : "none"},
       {"membership_address", absl::GetFlag(FLAGS_membership_address)}});
  (*server)->WaitForTerminationSignal(
      absl::Seconds(settings.shutdown_grace_seconds));
  return 0;
}
