// Welfare payments benchmark driver (bench/welfare.sh runs it).
//
// --phase=service: against a running welfare (asking a running membership),
// as the gateway would call it: sets up a union with --payments members, a
// fund and a campaign, an approved application per member (not timed), then
// pays them all with --clients calls in flight, each with its own request_id.
// --phase=raw: the same payment rows inserted straight into a welfare
// database (--db), one transaction each, with --clients threads.
// Prints welfare_payments_<backend>_c<clients>_per_s=<rate> or
// raw_payments_<backend>_c<clients>_per_s=<rate>.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_common.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/server.h"
#include "libs/sql/database.h"
#include "unionhub/welfare/v1/applications.grpc.pb.h"
#include "unionhub/welfare/v1/campaigns.grpc.pb.h"
#include "unionhub/welfare/v1/funds.grpc.pb.h"
#include "welfare_lib_migrations.h"

ABSL_FLAG(std::string, phase, "service", "service or raw");
ABSL_FLAG(std::string, backend, "sqlite", "Label of the welfare database.");
ABSL_FLAG(int, clients, 16, "Calls (or raw inserts) in flight at once.");
ABSL_FLAG(int, payments, 1000, "Payments to make.");
ABSL_FLAG(std::string, welfare, "127.0.0.1:7102", "Welfare's host:port.");
ABSL_FLAG(std::string, membership, "127.0.0.1:7101", "Membership's host:port.");
ABSL_FLAG(std::string, gateway_key_file, "",
          "The gateway's private key, to sign principals as it does.");
ABSL_FLAG(std::string, root_path, "", "The root organisation's path.");
ABSL_FLAG(int, first_member, 1, "ID numbers are made from this on.");
ABSL_FLAG(std::string, db, "", "--phase=raw: the database URL.");

namespace unionhub {
namespace {

namespace wv1 = welfare::v1;

class Service {
 public:
  explicit Service(const bench::RootCaller* caller) : caller_(caller) {
    auto welfare = grpc::CreateChannel(absl::GetFlag(FLAGS_welfare),
                                       grpc::InsecureChannelCredentials());
    funds_ = wv1::FundService::NewStub(welfare);
    campaigns_ = wv1::CampaignService::NewStub(welfare);
    applications_ = wv1::AidApplicationService::NewStub(welfare);
  }

  std::unique_ptr<grpc::ClientContext> As(const std::string& key) const {
    return caller_->As(key);
  }

  // An approved application per person in a fresh campaign; their ids.
  absl::StatusOr<std::vector<std::string>> Approved(
      const std::vector<std::string>& persons, int clients) {
    const int year = absl::ToCivilYear(absl::Now(), BeijingTime()).year();
    wv1::CreateFundRequest fund;
    fund.mutable_fund()->set_organisation_id(caller_->root_id());
    fund.mutable_fund()->set_year(year);
    fund.mutable_fund()->set_name(absl::StrCat("压测专项", NewId()));
    fund.mutable_fund()->set_budget_fen(int64_t{1000} * 100 * 100000);
    wv1::CreateFundResponse made_fund;
    if (!bench::Ok(funds_->CreateFund(As("bench").get(), fund, &made_fund),
                   "CreateFund"))
      return absl::InternalError("no fund");
    wv1::CreateCampaignRequest campaign;
    wv1::Campaign* c = campaign.mutable_campaign();
    c->set_name("压测慰问");
    c->set_kind(wv1::CAMPAIGN_KIND_OTHER);
    c->set_start_date(absl::StrCat(year, "-01-01"));
    c->set_end_date(absl::StrCat(year, "-12-31"));
    c->set_fund_id(made_fund.fund().id());
    c->set_eligibility(wv1::ELIGIBILITY_ACTIVE_MEMBERS);
    c->set_min_amount_fen(10000);
    c->set_max_amount_fen(100000);
    wv1::CreateCampaignResponse made_campaign;
    if (!bench::Ok(campaigns_->CreateCampaign(As("bench").get(), campaign,
                                              &made_campaign),
                   "CreateCampaign"))
      return absl::InternalError("no campaign");
    std::vector<std::string> ids(persons.size());
    double rate =
        bench::Timed(static_cast<int>(persons.size()), clients, [&](int i) {
          wv1::CreateAidApplicationRequest apply;
          apply.mutable_application()->set_campaign_id(
              made_campaign.campaign().id());
          apply.mutable_application()->set_person_id(persons[i]);
          apply.mutable_application()->set_requested_fen(50000);
          apply.mutable_application()->set_reason("压测");
          wv1::CreateAidApplicationResponse applied;
          if (!bench::Ok(applications_->CreateAidApplication(As("bench").get(),
                                                             apply, &applied),
                         "CreateAidApplication"))
            return false;
          wv1::ReviewAidApplicationRequest review;
          review.set_id(applied.application().id());
          wv1::ReviewAidApplicationResponse reviewed;
          if (!bench::Ok(applications_->ReviewAidApplication(As("bench").get(),
                                                             review, &reviewed),
                         "ReviewAidApplication"))
            return false;
          wv1::ApproveAidApplicationRequest approve;
          approve.set_id(applied.application().id());
          wv1::ApproveAidApplicationResponse approved;
          if (!bench::Ok(applications_->ApproveAidApplication(
                             As("approver").get(), approve, &approved),
                         "ApproveAidApplication"))
            return false;
          ids[i] = applied.application().id();
          return true;
        });
    if (rate < 0) return absl::InternalError("applications not approved");
    return ids;
  }

  bool Pay(const std::string& application_id, const std::string& today) {
    wv1::PayAidApplicationRequest pay;
    pay.set_request_id(NewId());
    pay.set_application_id(application_id);
    pay.set_paid_date(today);
    wv1::PayAidApplicationResponse paid;
    return bench::Ok(
        applications_->PayAidApplication(As("bench").get(), pay, &paid),
        "PayAidApplication");
  }

 private:
  const bench::RootCaller* caller_;
  std::unique_ptr<wv1::FundService::Stub> funds_;
  std::unique_ptr<wv1::CampaignService::Stub> campaigns_;
  std::unique_ptr<wv1::AidApplicationService::Stub> applications_;
};

int ServicePhase(int n, int clients, const std::string& label) {
  auto signer = rpc::LoadPrincipalSigner(absl::GetFlag(FLAGS_gateway_key_file));
  if (!signer.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(signer.status().message()).c_str());
    return 1;
  }
  bench::RootCaller caller(&*signer, absl::GetFlag(FLAGS_root_path));
  Service service(&caller);
  auto members = bench::CreateUnionWithMembers(
      caller,
      grpc::CreateChannel(absl::GetFlag(FLAGS_membership),
                          grpc::InsecureChannelCredentials()),
      n, absl::GetFlag(FLAGS_first_member), 16);
  if (!members.ok()) return 1;
  auto approved = service.Approved(members->persons, 16);
  if (!approved.ok()) return 1;
  const std::string today = FormatDate(Clock::System().Today());
  double rate = bench::Timed(
      n, clients, [&](int i) { return service.Pay((*approved)[i], today); });
  if (rate < 0) return 1;
  std::printf("welfare_payments_%s_c%d_per_s=%.0f\n", label.c_str(), clients,
              rate);
  return 0;
}

// The payment rows the service writes, inserted straight, one transaction
// each.
int RawPhase(int n, int clients, const std::string& label) {
  auto db = rpc::OpenAndMigrate(absl::GetFlag(FLAGS_db),
                                outbox::WithPlatform(welfare_lib_migrations()));
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", std::string(db.status().message()).c_str());
    return 1;
  }
  const std::string today = FormatDate(Clock::System().Today());
  const std::string now = FormatTimestamp(absl::Now());
  double rate =
      bench::TimedWrites(**db, n, clients, [&](sql::Session& session, int) {
        return session
            .Execute(
                "INSERT INTO aid_payments (id, application_id, campaign_id, "
                "campaign_kind, fund_id, organisation_id, organisation_path, "
                "recipient_path, person_id, amount_fen, paid_date, paid_year, "
                "flagged, flag_reasons, paid_by_key_id, create_time) VALUES "
                "(?, ?, ?, 5, ?, ?, ?, ?, ?, 50000, ?, 2026, 0, '', 'bench', "
                "?)",
                NewId(), NewId(), "0123456789abcdef", "0123456789abcdef",
                "0123456789abcdef", "/0123456789abcdef/",
                "/0123456789abcdef/fedcba9876543210/", NewId(), today, now)
            .status();
      });
  if (rate < 0) return 1;
  std::printf("raw_payments_%s_c%d_per_s=%.0f\n", label.c_str(), clients, rate);
  return 0;
}

}  // namespace
}  // namespace unionhub

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int n = absl::GetFlag(FLAGS_payments);
  const int clients = absl::GetFlag(FLAGS_clients);
  const std::string label = absl::GetFlag(FLAGS_backend);
  return absl::GetFlag(FLAGS_phase) == "raw"
             ? unionhub::RawPhase(n, clients, label)
             : unionhub::ServicePhase(n, clients, label);
}
