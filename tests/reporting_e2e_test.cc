// Reporting against the whole suite with the run command's demo data:
// figures at every level equal the counts the source services' own list
// APIs (and democracy's disclosure completeness) give through the gateway,
// last year's included; and a reporting
// process killed (-9) while catching up loses and double-counts nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/feed_consumer.h"
#include "libs/sql/database.h"
#include "libs/testing/backends.h"
#include "services/reporting/read_model/read_model.h"
#include "tests/suite.h"
#include "unionhub/democracy/v1/congress.grpc.pb.h"
#include "unionhub/democracy/v1/disclosure.grpc.pb.h"
#include "unionhub/democracy/v1/proposals.grpc.pb.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"
#include "unionhub/reporting/v1/exports.grpc.pb.h"
#include "unionhub/reporting/v1/feeds.grpc.pb.h"
#include "unionhub/reporting/v1/figures.grpc.pb.h"
#include "unionhub/welfare/v1/applications.grpc.pb.h"
#include "unionhub/welfare/v1/condolences.grpc.pb.h"

namespace unionhub {
namespace {

namespace mv1 = membership::v1;
namespace wv1 = welfare::v1;
namespace dv1 = democracy::v1;
namespace rv1 = reporting::v1;

class ReportingE2eTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  void SetUp() override {
    testing::SuiteOptions options;
    options.backend = GetParam();
    options.demo = true;
    auto suite = testing::Suite::Start(options);
    if (suite.status().code() == absl::StatusCode::kNotFound)
      GTEST_SKIP() << suite.status().message();
    ASSERT_TRUE(suite.ok()) << suite.status();
    suite_ = *std::move(suite);
    gateway_ = grpc::CreateChannel(suite_->gateway_address(),
                                   grpc::InsecureChannelCredentials());
    this_year_ =
        static_cast<int>(absl::ToCivilYear(absl::Now(), BeijingTime()).year());
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto c = std::make_unique<grpc::ClientContext>();
    c->AddMetadata("authorization", "Bearer " + suite_->bootstrap_key());
    c->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    return c;
  }

  // Waits until reporting has applied every event the producers had when
  // asked, twice in a row a second apart.
  void AwaitCaughtUp(const std::string& address) {
    auto stub = rv1::FeedStatusService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    int settled = 0;
    for (int i = 0; i < 600 && settled < 2; ++i) {
      rv1::GetFeedStatusResponse status;
      bool caught_up = stub->GetFeedStatus(Context().get(), {}, &status).ok() &&
                       status.feeds_size() == 3;
      for (const auto& f : status.feeds()) {
        caught_up = caught_up && f.head_sequence() > 0 &&
                    f.applied_sequence() == f.head_sequence();
      }
      settled = caught_up ? settled + 1 : 0;
      absl::SleepFor(absl::Milliseconds(caught_up ? 1100 : 100));
    }
    ASSERT_EQ(settled, 2) << "reporting did not catch up";
  }

  rv1::GetFiguresResponse Figures(const std::string& organisation_id,
                                  int year) {
    auto stub = rv1::FigureService::NewStub(gateway_);
    rv1::GetFiguresRequest request;
    request.set_organisation_id(organisation_id);
    request.set_year(year);
    rv1::GetFiguresResponse response;
    grpc::Status s = stub->GetFigures(Context().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  static rv1::Figure FigureOf(const rv1::GetFiguresResponse& r,
                              const std::string& code) {
    for (const rv1::Figure& f : r.figures())
      if (f.code() == code) return f;
    ADD_FAILURE() << "no figure " << code;
    return {};
  }

  std::vector<mv1::Organisation> Grassroots() {
    auto stub = mv1::OrganisationService::NewStub(gateway_);
    std::vector<mv1::Organisation> out;
    mv1::ListOrganisationsRequest request;
    request.set_include_descendants(true);
    request.set_page_size(100);
    do {
      mv1::ListOrganisationsResponse page;
      EXPECT_TRUE(
          stub->ListOrganisations(Context().get(), request, &page).ok());
      for (const auto& o : page.organisations())
        if (o.type() == mv1::ORGANISATION_TYPE_GRASSROOTS) out.push_back(o);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return out;
  }

  // Active members of `org`'s subtree, and how many are women.
  std::pair<int64_t, int64_t> ActiveMembers(const std::string& org) {
    auto stub = mv1::MemberService::NewStub(gateway_);
    mv1::ListMembersRequest request;
    request.set_organisation_id(org);
    request.set_include_descendants(true);
    request.set_status(mv1::MEMBER_STATUS_ACTIVE);
    request.set_page_size(500);
    std::pair<int64_t, int64_t> counts{0, 0};
    do {
      mv1::ListMembersResponse page;
      EXPECT_TRUE(stub->ListMembers(Context().get(), request, &page).ok());
      for (const auto& m : page.members()) {
        ++counts.first;
        if (m.sex() == mv1::SEX_FEMALE) ++counts.second;
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return counts;
  }

  // `org` and every organisation below it.
  std::set<std::string> SubtreeIds(const std::string& org) {
    auto stub = mv1::OrganisationService::NewStub(gateway_);
    std::set<std::string> ids = {org};
    mv1::ListOrganisationsRequest request;
    request.set_parent_id(org);
    request.set_include_descendants(true);
    request.set_include_closed(true);
    request.set_page_size(100);
    do {
      mv1::ListOrganisationsResponse page;
      EXPECT_TRUE(
          stub->ListOrganisations(Context().get(), request, &page).ok());
      for (const auto& o : page.organisations()) ids.insert(o.id());
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return ids;
  }

  // Payments dated in `year` as welfare lists them for `org`: the people
  // helped in its subtree, and the money its subtree paid.
  std::pair<int64_t, int64_t> Payments(const std::string& org, int year) {
    const std::set<std::string> subtree = SubtreeIds(org);
    auto stub = wv1::AidApplicationService::NewStub(gateway_);
    wv1::ListAidPaymentsRequest request;
    request.set_organisation_id(org);
    request.set_year(year);
    request.set_page_size(500);
    std::pair<int64_t, int64_t> sums{0, 0};
    do {
      wv1::ListAidPaymentsResponse page;
      EXPECT_TRUE(stub->ListAidPayments(Context().get(), request, &page).ok());
      for (const auto& p : page.payments()) {
        if (!p.reversed_date().empty()) continue;  // Counts no more.
        if (subtree.count(p.recipient_organisation_id())) ++sums.first;
        if (subtree.count(p.organisation_id())) sums.second += p.amount_fen();
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return sums;
  }

  std::pair<int64_t, int64_t> Visits(const std::string& org, int year) {
    auto stub = wv1::CondolenceService::NewStub(gateway_);
    wv1::ListCondolenceVisitsRequest request;
    request.set_organisation_id(org);
    request.set_year(year);
    request.set_page_size(500);
    std::pair<int64_t, int64_t> sums{0, 0};
    do {
      wv1::ListCondolenceVisitsResponse page;
      EXPECT_TRUE(
          stub->ListCondolenceVisits(Context().get(), request, &page).ok());
      for (const auto& v : page.visits()) {
        ++sums.first;
        sums.second += v.amount_fen();
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return sums;
  }

  // The union's congress sessions held in `year`, and its proposals
  // submitted in `year`: received and rated satisfied / rated.
  struct Congress {
    int64_t sessions = 0, received = 0, satisfied = 0, rated = 0;
  };
  Congress CongressOf(const std::string& org, int year) {
    auto congress = dv1::CongressService::NewStub(gateway_);
    auto proposals = dv1::ProposalService::NewStub(gateway_);
    const std::string prefix = absl::StrCat(year, "-");
    Congress c;
    dv1::ListCongressTermsRequest terms_request;
    terms_request.set_organisation_id(org);
    terms_request.set_page_size(100);
    dv1::ListCongressTermsResponse terms;
    EXPECT_TRUE(
        congress->ListCongressTerms(Context().get(), terms_request, &terms)
            .ok());
    for (const auto& term : terms.terms()) {
      dv1::ListCongressSessionsRequest sr;
      sr.set_term_id(term.id());
      sr.set_page_size(100);
      dv1::ListCongressSessionsResponse sessions;
      EXPECT_TRUE(
          congress->ListCongressSessions(Context().get(), sr, &sessions).ok());
      for (const auto& session : sessions.sessions()) {
        if (session.status() != dv1::SESSION_STATUS_PLANNED &&
            absl::StartsWith(session.start_date(), prefix))
          ++c.sessions;
        dv1::ListProposalsRequest pr;
        pr.set_session_id(session.id());
        pr.set_page_size(500);
        dv1::ListProposalsResponse listed;
        EXPECT_TRUE(
            proposals->ListProposals(Context().get(), pr, &listed).ok());
        for (const auto& p : listed.proposals()) {
          if (!absl::StartsWith(p.submitted_date(), prefix)) continue;
          ++c.received;
          if (p.status() != dv1::PROPOSAL_STATUS_RATED) continue;
          ++c.rated;
          if (p.rating() == dv1::PROPOSAL_RATING_SATISFIED ||
              p.rating() == dv1::PROPOSAL_RATING_BASICALLY_SATISFIED)
            ++c.satisfied;
        }
      }
    }
    return c;
  }

  // What democracy says the union owed of its disclosure catalogue in
  // `year` (due dates in the year, up to today).
  dv1::GetDisclosureCompletenessResponse Completeness(const std::string& org,
                                                      int year) {
    auto stub = dv1::DisclosureService::NewStub(gateway_);
    dv1::GetDisclosureCompletenessRequest request;
    request.set_organisation_id(org);
    request.set_from_date(absl::StrCat(year, "-01-01"));
    request.set_to_date(absl::StrCat(year, "-12-31"));
    dv1::GetDisclosureCompletenessResponse response;
    grpc::Status s =
        stub->GetDisclosureCompleteness(Context().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  // Every non-zero figure row of a reporting database, in order.
  static std::vector<std::string> FigureTable(const std::string& url) {
    auto db = sql::Database::Open(url);
    EXPECT_TRUE(db.ok()) << db.status();
    if (!db.ok()) return {};
    auto rows = reporting::FigureTableText(**db);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.value_or(std::vector<std::string>{});
  }

  std::unique_ptr<testing::Suite> suite_;
  std::shared_ptr<grpc::Channel> gateway_;
  int this_year_ = 0;
};

TEST_P(ReportingE2eTest, DemoFiguresEqualTheSourcesListsAtEveryLevel) {
  AwaitCaughtUp(suite_->gateway_address());
  std::vector<mv1::Organisation> unions = Grassroots();
  ASSERT_GE(unions.size(), 3u);
  int64_t helped_last_year = 0, disclosures_due = 0, disclosures_late = 0;
  for (const mv1::Organisation& g : unions) {
    SCOPED_TRACE(g.name());
    auto [members, women] = ActiveMembers(g.id());
    rv1::GetFiguresResponse now = Figures(g.id(), this_year_);
    EXPECT_EQ(FigureOf(now, "members.active").subtree().value(), members);
    EXPECT_EQ(FigureOf(now, "members.women").subtree().value(), women);
    for (int year : {this_year_ - 1, this_year_}) {
      SCOPED_TRACE(year);
      rv1::GetFiguresResponse f = Figures(g.id(), year);
      auto [payments, paid] = Payments(g.id(), year);
      EXPECT_EQ(FigureOf(f, "aid.people").subtree().value(), payments);
      EXPECT_EQ(FigureOf(f, "aid.fen").subtree().value(), paid);
      auto [visits, given] = Visits(g.id(), year);
      EXPECT_EQ(FigureOf(f, "condolence.visits").subtree().value(), visits);
      EXPECT_EQ(FigureOf(f, "condolence.fen").subtree().value(), given);
      Congress c = CongressOf(g.id(), year);
      EXPECT_EQ(FigureOf(f, "congress.sessions_held").own().value(),
                c.sessions);
      EXPECT_EQ(FigureOf(f, "proposals.received").own().value(), c.received);
      EXPECT_EQ(FigureOf(f, "rate.satisfaction").own().value(), c.satisfied);
      EXPECT_EQ(FigureOf(f, "rate.satisfaction").own().denominator(), c.rated);
      dv1::GetDisclosureCompletenessResponse d = Completeness(g.id(), year);
      EXPECT_EQ(FigureOf(f, "disclosure.due").own().value(), d.due());
      EXPECT_EQ(FigureOf(f, "disclosure.on_time").own().value(), d.on_time());
      EXPECT_EQ(FigureOf(f, "disclosure.late").own().value(), d.late());
      EXPECT_EQ(FigureOf(f, "disclosure.missing").own().value(), d.missing());
      disclosures_due += d.due();
      disclosures_late += d.late();
      if (year < this_year_) helped_last_year += payments;
    }
  }
  // The demo reaches back a year: last year's figures are there to compare.
  EXPECT_GT(helped_last_year, 0);
  // Its catalogue owes periods, one of them disclosed late.
  EXPECT_GT(disclosures_due, 0);
  EXPECT_GT(disclosures_late, 0);

  // The root sees the whole tree at once.
  rv1::GetFiguresResponse root = Figures("", this_year_);
  EXPECT_EQ(FigureOf(root, "members.active").subtree().value(),
            ActiveMembers(root.organisation_id()).first);
  const int64_t paid_last_year =
      Payments(root.organisation_id(), this_year_ - 1).second;
  EXPECT_GT(paid_last_year, 0);
  EXPECT_EQ(FigureOf(root, "aid.fen").previous_subtree().value(),
            paid_last_year);
  EXPECT_EQ(FigureOf(root, "organisations.grassroots").subtree().value(),
            static_cast<int64_t>(unions.size()));
}

TEST_P(ReportingE2eTest, KilledWhileCatchingUpItLosesAndDoublesNothing) {
  AwaitCaughtUp(suite_->gateway_address());
  auto fresh = sql::CreateTestDatabase(GetParam());
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  const std::string d = suite_->dir();
  auto start = [&](int run) {
    auto child = testing::ChildProcess::Start(
        {UNIONHUB_REPORTING_BIN, "--listen=127.0.0.1:0",
         "--metrics_listen=none", "--database_url=" + fresh->url,
         "--principal_public_keys_file=" + d + "/principal_public_keys",
         "--signing_key_file=" + suite_->service_key_file(),
         "--membership_address=" + suite_->membership_address(),
         "--welfare_address=" + suite_->welfare_address(),
         "--democracy_address=" + suite_->democracy_address(),
         // Restarted under its name (as a pod is), it takes its lease back.
         "--feed_page_size=7", "--replica=second"},
        absl::StrCat(d, "/second-", run, ".out"),
        absl::StrCat(d, "/second-", run, ".log"));
    EXPECT_TRUE(child.ok()) << child.status();
    return child.ok() ? *std::move(child) : nullptr;
  };
  auto applied = [&](const std::string& url) -> int64_t {
    auto db = sql::Database::Open(url);
    if (!db.ok()) return 0;
    int64_t sum = 0;
    for (const char* feed : {"membership", "welfare", "democracy"}) {
      sum += outbox::FeedConsumer::StoredCursor(**db, feed).value_or(0);
    }
    return sum;
  };
  // Killed three times part way, each time after more was applied.
  int64_t before = 0;
  for (int run = 1; run <= 3; ++run) {
    auto second = start(run);
    ASSERT_NE(second, nullptr);
    for (int i = 0; i < 400 && applied(fresh->url) < before + 100; ++i)
      absl::SleepFor(absl::Milliseconds(10));
    second.reset();  // kill -9
    before = applied(fresh->url);
  }
  // The kills came part way: something applied, not everything.
  EXPECT_GT(before, 0);
  EXPECT_LT(before, applied(suite_->database_url("reporting")));
  auto last = start(4);
  ASSERT_NE(last, nullptr);
  std::vector<std::string> expected =
      FigureTable(suite_->database_url("reporting"));
  ASSERT_FALSE(expected.empty());
  std::vector<std::string> got;
  for (int i = 0; i < 600 && got != expected; ++i) {
    absl::SleepFor(absl::Milliseconds(200));
    got = FigureTable(fresh->url);
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(last->Terminate(), 0);
}

// Downloads cancelled before they start and abandoned after their first
// piece, sixty at a time: the service answers the next download in full.
TEST_P(ReportingE2eTest, CancelledAndAbandonedDownloadsLeaveItWell) {
  AwaitCaughtUp(suite_->gateway_address());
  auto stub = rv1::ExportService::NewStub(gateway_);
  rv1::ExportStatisticsFormsRequest request;
  request.set_year(this_year_);
  std::vector<std::thread> clients;
  for (int i = 0; i < 60; ++i) {
    clients.emplace_back([&, i] {
      auto context = Context();
      auto reader = stub->ExportStatisticsForms(context.get(), request);
      rv1::ExportStatisticsFormsResponse piece;
      if (i % 2 == 0) {
        context->TryCancel();  // Gone before anything came.
      } else if (reader->Read(&piece)) {
        context->TryCancel();  // Gone after the first piece.
      }
      while (reader->Read(&piece)) {
      }
      reader->Finish();
    });
  }
  for (std::thread& t : clients) t.join();
  auto context = Context();
  auto reader = stub->ExportStatisticsForms(context.get(), request);
  rv1::ExportStatisticsFormsResponse piece;
  std::string file;
  while (reader->Read(&piece)) file += piece.chunk().data();
  grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(file.substr(0, 2), "PK");
  EXPECT_GT(file.size(), 1000u);
}

UNIONHUB_ON_BOTH_BACKENDS(ReportingE2eTest);

}  // namespace
}  // namespace unionhub
