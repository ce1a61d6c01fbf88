// The democracy service: flags and wiring only.
#include <grpcpp/grpcpp.h>

#include "absl/flags/flag.h"
#include "democracy_lib_migrations.h"
#include "libs/clients/membership_client.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/event_feed_service.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/log.h"
#include "libs/rpc/server.h"
#include "services/democracy/audit_handler.h"
#include "services/democracy/congress/congress_handler.h"
#include "services/democracy/contracts/contract_handler.h"
#include "services/democracy/disclosure/disclosure_handler.h"
#include "services/democracy/evaluations/evaluation_handler.h"
#include "services/democracy/meetings/meeting_handler.h"
#include "services/democracy/proposals/proposal_handler.h"
#include "services/democracy/representatives/representative_handler.h"

ABSL_FLAG(std::string, membership_address,
          unionhub::rpc::EnvOr("UNIONHUB_MEMBERSHIP_ADDRESS", "127.0.0.1:7101"),
          "host:port of the membership service, asked about members and "
          "organisations on the caller's behalf.");

int main(int argc, char** argv) {
  using namespace unionhub;
  rpc::ServerSettings settings = rpc::InitServerProcess(
      argc, argv, "democracy",
      {"127.0.0.1:7103", "127.0.0.1:7193", "sqlite://var/democracy.db"});

  auto db = rpc::OpenAndMigrate(
      settings.database_url, outbox::WithPlatform(democracy_lib_migrations()));
  if (!db.ok()) return rpc::Fail(db.status(), "cannot open the database");
  auto verifier =
      rpc::LoadPrincipalVerifier(settings.principal_public_keys_file);
  if (!verifier.ok())
    return rpc::Fail(verifier.status(), "no principal public keys");

  // Membership is asked as the caller; the channel connects lazily, so
  // democracy starts (and reports membership unavailable per call) without it.
  clients::MembershipClient membership(
      grpc::CreateChannel(absl::GetFlag(FLAGS_membership_address),
                          grpc::InsecureChannelCredentials()));
  const Clock& clock = Clock::System();
  democracy::Congress congress(db->get(), &membership, &clock);
  democracy::Representatives representatives(db->get(), &membership, &clock);
  democracy::Meetings meetings(db->get(), &clock);
  democracy::Proposals proposals(db->get(), &membership, &clock);
  democracy::Evaluations evaluations(db->get(), &clock);
  democracy::Disclosure disclosure(db->get(), &membership, &clock);
  democracy::Contracts contracts(db->get(), &membership, &clock);

  rpc::Serving serving(&*verifier, &clock, settings.executor);
  outbox::AddOutboxGauges(serving.metrics(), db->get());
  auto metrics_port =
      rpc::ServeMetrics(settings.metrics_listen, &serving.metrics(), db->get());
  if (!metrics_port.ok())
    return rpc::Fail(metrics_port.status(), "cannot serve metrics");
  rpc::CallEnv env = serving.env();
  democracy::CongressHandler congress_handler(&congress, env);
  democracy::RepresentativeHandler representative_handler(&representatives,
                                                          env);
  democracy::MeetingHandler meeting_handler(&meetings, env);
  democracy::ProposalHandler proposal_handler(&proposals, env);
  democracy::EvaluationHandler evaluation_handler(&evaluations, env);
  democracy::DisclosureHandler disclosure_handler(&disclosure, &clock, env);
  democracy::ContractHandler contract_handler(&contracts, &clock, env);
  democracy::AuditHandler audit_handler(
      db->get(), clients::OrganisationPaths(&membership), env);
  outbox::EventFeedService event_feed(db->get(), env);
  auto server = rpc::Server::Start(
      settings.listen,
      {&congress_handler, &representative_handler, &meeting_handler,
       &proposal_handler, &evaluation_handler, &disclosure_handler,
       &contract_handler, &audit_handler, &event_feed},
      db->get());
  if (!server.ok()) return rpc::Fail(server.status(), "cannot start");
  rpc::LogEvent(
      "info", "democracy listening",
      {{"address", settings.listen},
       {"port", std::to_string((*server)->port())},
       {"metrics_port",
        *metrics_port ? std::to_string((*metrics_port)->port()) : "none"},
       {"membership_address", absl::GetFlag(FLAGS_membership_address)}});
  (*server)->WaitForTerminationSignal(
      absl::Seconds(settings.shutdown_grace_seconds));
  return 0;
}
