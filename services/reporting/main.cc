// The reporting service: flags and wiring only. It follows the other
// services' event feeds into its own read model and serves figures from it.
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "libs/outbox/event_feed_service.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/log.h"
#include "libs/rpc/server.h"
#include "reporting_lib_migrations.h"
#include "services/reporting/exports/export_handler.h"
#include "services/reporting/feeds/feed_status_handler.h"
#include "services/reporting/feeds/follower.h"
#include "services/reporting/figures/figure_handler.h"
#include "services/reporting/read_model/read_model.h"
#include "services/reporting/statistics/statistics_handler.h"
#include "services/reporting/summaries/work_summary_handler.h"

ABSL_FLAG(std::string, membership_address,
          unionhub::rpc::EnvOr("UNIONHUB_MEMBERSHIP_ADDRESS", "127.0.0.1:7101"),
          "host:port of the membership service, whose event feed is followed.");
ABSL_FLAG(std::string, welfare_address,
          unionhub::rpc::EnvOr("UNIONHUB_WELFARE_ADDRESS", "127.0.0.1:7102"),
          "host:port of the welfare service, whose event feed is followed.");
ABSL_FLAG(std::string, democracy_address,
          unionhub::rpc::EnvOr("UNIONHUB_DEMOCRACY_ADDRESS", "127.0.0.1:7103"),
          "host:port of the democracy service, whose event feed is followed.");
ABSL_FLAG(int, statistics_first_month,
          static_cast<int>(
              unionhub::rpc::IntEnvOr("UNIONHUB_STATISTICS_FIRST_MONTH", 10)),
          "First month of the statistics year (10: October to September, as "
          "the national union statistics run; 1: the calendar year).");
ABSL_FLAG(int, statistics_variance_basis_points,
          static_cast<int>(unionhub::rpc::IntEnvOr(
              "UNIONHUB_STATISTICS_VARIANCE_BASIS_POINTS", 2000)),
          "A statistics form line that moved more than this share of last "
          "year's approved value (basis points: 2000 is 20%) needs an "
          "explanation before the form is submitted.");
ABSL_FLAG(std::string, replica, unionhub::rpc::EnvOr("UNIONHUB_REPLICA", ""),
          "This replica's name in the consumer lease (default: host name and "
          "pid; on Kubernetes, the pod's name).");
ABSL_FLAG(int, feed_page_size, 500,
          "Events asked of a feed, and applied in one transaction, at a time.");
ABSL_FLAG(bool, rebuild, false,
          "Clear the read model, replay every feed from its start, and exit "
          "(run with the replicas stopped, or against a fresh database).");

namespace {

std::string DefaultReplica() {
  char host[256] = {0};
  gethostname(host, sizeof(host) - 1);
  return absl::StrCat(host, "/", getpid());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace unionhub;
  rpc::ServerSettings settings = rpc::InitServerProcess(
      argc, argv, "reporting",
      {"127.0.0.1:7104", "127.0.0.1:7194", "sqlite://var/reporting.db"});
  const int first_month = absl::GetFlag(FLAGS_statistics_first_month);
  if (first_month < 1 || first_month > 12) {
    return rpc::Fail(absl::InvalidArgumentError("must be 1 to 12"),
                     "bad --statistics_first_month");
  }
  auto db = rpc::OpenAndMigrate(
      settings.database_url, outbox::WithPlatform(reporting_lib_migrations()));
  if (!db.ok()) return rpc::Fail(db.status(), "cannot open the database");
  auto verifier =
      rpc::LoadPrincipalVerifier(settings.principal_public_keys_file);
  if (!verifier.ok())
    return rpc::Fail(verifier.status(), "no principal public keys");
  // Reporting reads the feeds as itself, with its own key.
  auto signer = rpc::LoadPrincipalSigner(settings.signing_key_file);
  if (!signer.ok()) return rpc::Fail(signer.status(), "no signing key");

  auto source = [&](absl::string_view producer, const std::string& address) {
    return std::make_unique<outbox::GrpcFeedSource>(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()),
        std::string(producer), &*signer, "reporting");
  };
  auto membership =
      source("membership", absl::GetFlag(FLAGS_membership_address));
  auto welfare = source("welfare", absl::GetFlag(FLAGS_welfare_address));
  auto democracy = source("democracy", absl::GetFlag(FLAGS_democracy_address));
  reporting::FollowerOptions follow;
  follow.replica = absl::GetFlag(FLAGS_replica);
  if (follow.replica.empty()) follow.replica = DefaultReplica();
  follow.page_size = absl::GetFlag(FLAGS_feed_page_size);
  reporting::FeedFollower follower(db->get(),
                                   {{"membership", membership.get()},
                                    {"welfare", welfare.get()},
                                    {"democracy", democracy.get()}},
                                   follow);

  if (absl::GetFlag(FLAGS_rebuild)) {
    absl::Status cleared = reporting::ClearReadModel(**db);
    if (!cleared.ok()) return rpc::Fail(cleared, "cannot clear the read model");
    absl::StatusOr<int64_t> applied = follower.CatchUp();
    if (!applied.ok()) return rpc::Fail(applied.status(), "rebuild failed");
    rpc::LogEvent("info", "read model rebuilt",
                  {{"events", absl::StrCat(*applied)}});
    return 0;
  }

  reporting::Figures figures(db->get(), {first_month});
  reporting::Statistics statistics(
      db->get(),
      {first_month, absl::GetFlag(FLAGS_statistics_variance_basis_points)},
      &Clock::System());
  reporting::WorkSummaries summaries(db->get(), &Clock::System());
  reporting::Exports exports(&figures, &statistics);
  rpc::Serving serving(&*verifier, &Clock::System(), settings.executor);
  follower.AddGauges(serving.metrics());
  outbox::AddOutboxGauges(serving.metrics(), db->get());
  auto metrics_port =
      rpc::ServeMetrics(settings.metrics_listen, &serving.metrics(), db->get());
  if (!metrics_port.ok())
    return rpc::Fail(metrics_port.status(), "cannot serve metrics");
  rpc::CallEnv env = serving.env();
  reporting::FigureHandler figure_handler(&figures, env);
  reporting::IndicatorHandler indicator_handler(env);
  reporting::FeedStatusHandler feed_status_handler(&follower, env);
  reporting::StatisticsHandler statistics_handler(&statistics, env);
  reporting::WorkSummaryHandler summary_handler(&summaries, env);
  reporting::ExportHandler export_handler(&exports, env);
  // Its own changes (the statistics forms) are events too.
  outbox::EventFeedService event_feed(db->get(), env);
  auto server = rpc::Server::Start(
      settings.listen,
      {&figure_handler, &indicator_handler, &feed_status_handler,
       &statistics_handler, &summary_handler, &export_handler, &event_feed},
      db->get());
  if (!server.ok()) return rpc::Fail(server.status(), "cannot start");
  follower.Start();
  rpc::LogEvent(
      "info", "reporting listening",
      {{"address", settings.listen},
       {"port", std::to_string((*server)->port())},
       {"metrics_port",
        *metrics_port ? std::to_string((*metrics_port)->port()) : "none"},
       {"replica", follow.replica},
       {"statistics_first_month", std::to_string(first_month)}});
  (*server)->WaitForTerminationSignal(
      absl::Seconds(settings.shutdown_grace_seconds));
  follower.Stop();
  return 0;
}
