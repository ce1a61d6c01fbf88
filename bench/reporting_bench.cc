// Reporting benchmark (bench/reporting.sh): a federation of --members members
// in about 3,000 unions four levels deep (root, districts, industry unions,
// grassroots unions), with aid payments, congress sessions, representatives
// and proposals, written as the services write them (records and outbox
// events, SQLite). Measures the read model catching up from the three feeds
// (events applied per second), then figures for the root and for a school
// (p50/p99) beside a naive computation of the same figures from the raw
// records, which it also checks they equal.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/feed_consumer.h"
#include "libs/outbox/outbox.h"
#include "reporting_lib_migrations.h"
#include "services/reporting/figures/figures.h"
#include "services/reporting/read_model/read_model.h"
#include "unionhub/democracy/v1/congress.pb.h"
#include "unionhub/democracy/v1/proposals.pb.h"
#include "unionhub/democracy/v1/representatives.pb.h"
#include "unionhub/membership/v1/members.pb.h"
#include "unionhub/membership/v1/organisations.pb.h"
#include "unionhub/welfare/v1/applications.pb.h"

ABSL_FLAG(std::string, work_dir, "/tmp/reporting-bench",
          "Where the databases go.");
ABSL_FLAG(int, members, 1'000'000, "Members in the federation.");
ABSL_FLAG(int, districts, 15, "Districts under the root.");
ABSL_FLAG(int, industries, 10, "Industry unions per district.");
ABSL_FLAG(int, grassroots, 19, "Grassroots unions per industry union.");
ABSL_FLAG(int, payments, 100'000, "Aid payments over two years.");
ABSL_FLAG(int, reads, 200, "Reads timed per organisation.");
ABSL_FLAG(int, year, 2026, "The year read (and the one before).");

namespace unionhub::bench {
namespace {

namespace mv1 = membership::v1;
namespace wv1 = welfare::v1;
namespace dv1 = democracy::v1;
using reporting::FigureLine;

std::string Id(int kind, int n) {
  return absl::StrFormat("%02x%014x", kind, n);
}

struct Org {
  std::string id, path, parent;
  int district = 0;  // Index of its district (for payers).
};

struct Tree {
  std::vector<Org> all;         // Root first.
  std::vector<int> districts;   // Indexes into all.
  std::vector<int> grassroots;  // Indexes into all.
};

Tree MakeTree() {
  Tree t;
  t.all.push_back({Id(1, 0), "/" + Id(1, 0) + "/", "", 0});
  int n = 1;
  for (int d = 0; d < absl::GetFlag(FLAGS_districts); ++d) {
    Org district{Id(1, n++), "", t.all[0].id, 0};
    district.path = t.all[0].path + district.id + "/";
    district.district = static_cast<int>(t.all.size());
    t.districts.push_back(district.district);
    t.all.push_back(district);
    for (int i = 0; i < absl::GetFlag(FLAGS_industries); ++i) {
      Org industry{Id(1, n++), "", district.id, district.district};
      industry.path = district.path + industry.id + "/";
      t.all.push_back(industry);
      for (int g = 0; g < absl::GetFlag(FLAGS_grassroots); ++g) {
        Org school{Id(1, n++), "", industry.id, district.district};
        school.path = industry.path + school.id + "/";
        t.grassroots.push_back(static_cast<int>(t.all.size()));
        t.all.push_back(school);
      }
    }
  }
  return t;
}

absl::StatusOr<std::unique_ptr<sql::Database>> OpenFresh(
    const std::string& dir, const std::string& name,
    const std::vector<sql::Migration>& migrations) {
  std::string path = absl::StrCat(dir, "/", name, ".db");
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
  ASSIGN_OR_RETURN(auto db, sql::Database::Open("sqlite://" + path));
  RETURN_IF_ERROR(sql::Migrate(*db, migrations));
  return db;
}

const std::vector<sql::Migration>& RawMigrations() {
  static const auto* all = new std::vector<sql::Migration>(outbox::WithPlatform(
      {{100, "raw",
        "CREATE TABLE raw_members (path VARCHAR(255) NOT NULL, woman INT NOT "
        "NULL, migrant INT NOT NULL, join_date VARCHAR(10) NOT NULL, active "
        "INT NOT NULL, status_date VARCHAR(10) NOT NULL);\n"
        "CREATE INDEX raw_members_path ON raw_members (path);\n"
        "CREATE TABLE raw_payments (payer_path VARCHAR(255) NOT NULL, "
        "recipient_path VARCHAR(255) NOT NULL, amount BIGINT NOT NULL, "
        "paid_date VARCHAR(10) NOT NULL);\n"
        "CREATE INDEX raw_payments_payer ON raw_payments (payer_path);\n"
        "CREATE INDEX raw_payments_recipient ON raw_payments "
        "(recipient_path);\n"
        "CREATE TABLE raw_proposals (path VARCHAR(255) NOT NULL, "
        "submitted_date VARCHAR(10) NOT NULL, rated INT NOT NULL, satisfied "
        "INT NOT NULL);\n"
        "CREATE INDEX raw_proposals_path ON raw_proposals (path);\n"
        "CREATE TABLE raw_representatives (path VARCHAR(255) NOT NULL, "
        "woman INT NOT NULL, elected_date VARCHAR(10) NOT NULL);\n"
        "CREATE INDEX raw_representatives_path ON raw_representatives "
        "(path);\n"}}));
  return *all;
}

// Writes `n` records in transactions of 2,000, each as `write(s, i)` does
// (its raw row and its event).
absl::Status Batches(
    sql::Database& db, int n,
    const std::function<absl::Status(sql::Session&, int)>& write) {
  for (int start = 0; start < n; start += 2000) {
    RETURN_IF_ERROR(db.Write([&](sql::Session& s) -> absl::Status {
      for (int i = start; i < std::min(n, start + 2000); ++i)
        RETURN_IF_ERROR(write(s, i));
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

// Each producer's database holds its outbox and its records (the raw
// tables the naive computation reads), as the services' databases do.
struct Producers {
  std::unique_ptr<sql::Database> membership, welfare, democracy;
  int64_t events = 0;
};

std::string Date(int year, int month, int day) {
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

absl::Status Generate(const Tree& t, Producers& p) {
  const int year = absl::GetFlag(FLAGS_year);
  auth::Caller service = auth::ServiceCaller("bench");
  const Clock& clock = Clock::System();
  auto record = [&](sql::Session& s, const char* type, const std::string& id,
                    const std::string& path,
                    const google::protobuf::Message& payload) {
    return outbox::Record(s, service, clock, {type, id, path, &payload, ""});
  };
  // The tree.
  RETURN_IF_ERROR(Batches(
      *p.membership, static_cast<int>(t.all.size()),
      [&](sql::Session& s, int i) {
        const Org& o = t.all[i];
        mv1::Organisation m;
        m.set_id(o.id);
        m.set_parent_id(o.parent);
        m.set_path(o.path);
        m.set_name(absl::StrCat("工会", i));
        m.set_type(i == 0 ? mv1::ORGANISATION_TYPE_FEDERATION
                   : std::count(t.grassroots.begin(), t.grassroots.end(), i)
                       ? mv1::ORGANISATION_TYPE_GRASSROOTS
                       : mv1::ORGANISATION_TYPE_DISTRICT);
        m.set_state(mv1::ORGANISATION_STATE_ACTIVE);
        m.mutable_create_time()->set_seconds(1'420'000'000);  // 2014.
        return record(s, "membership.organisation.created", o.id, o.path, m);
      }));
  p.events += t.all.size();
  // Members: joined 1990 to this year; one in twenty retired since last year.
  const int members = absl::GetFlag(FLAGS_members);
  RETURN_IF_ERROR(Batches(*p.membership, members, [&](sql::Session& s, int i) {
    const Org& o = t.all[t.grassroots[i % t.grassroots.size()]];
    mv1::Member m;
    m.set_id(Id(2, i));
    m.set_organisation_id(o.id);
    m.set_sex(i % 5 < 3 ? mv1::SEX_FEMALE : mv1::SEX_MALE);
    m.set_employment_type(i % 7 == 0 ? mv1::EMPLOYMENT_TYPE_MIGRANT
                                     : mv1::EMPLOYMENT_TYPE_STAFF);
    m.set_join_date(Date(1990 + i % (year - 1989), 1 + i % 12, 1 + i % 28));
    const bool retired = i % 20 == 0 && 1990 + i % (year - 1989) < year - 1;
    m.set_status(retired ? mv1::MEMBER_STATUS_RETIRED
                         : mv1::MEMBER_STATUS_ACTIVE);
    m.set_status_date(retired ? Date(year - 1 + i % 2, 1 + i % 12, 15)
                              : m.join_date());
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO raw_members VALUES (?, ?, ?, ?, ?, ?)", o.path,
                  m.sex() == mv1::SEX_FEMALE ? 1 : 0, i % 7 == 0 ? 1 : 0,
                  m.join_date(), retired ? 0 : 1, m.status_date())
            .status());
    return record(s, "membership.member.created", m.id(), o.path, m);
  }));
  p.events += members;
  // Aid payments: paid by the district, to a member of a grassroots union.
  const int payments = absl::GetFlag(FLAGS_payments);
  RETURN_IF_ERROR(Batches(*p.welfare, payments, [&](sql::Session& s, int i) {
    const Org& to = t.all[t.grassroots[(i * 7) % t.grassroots.size()]];
    const Org& payer = t.all[to.district];
    RETURN_IF_ERROR(s.Execute("INSERT INTO raw_payments VALUES (?, ?, ?, ?)",
                              payer.path, to.path,
                              int64_t{50'000 + (i % 10) * 10'000},
                              Date(year - 1 + i % 2, 1 + i % 12, 1 + i % 28))
                        .status());
    wv1::AidPayment pay;
    pay.set_id(Id(3, i));
    pay.set_campaign_kind(i % 3 ? wv1::CAMPAIGN_KIND_SPRING_WARMTH
                                : wv1::CAMPAIGN_KIND_STUDENT_AID);
    pay.set_organisation_id(payer.id);
    pay.set_recipient_organisation_id(to.id);
    pay.set_amount_fen(50'000 + (i % 10) * 10'000);
    pay.set_paid_date(Date(year - 1 + i % 2, 1 + i % 12, 1 + i % 28));
    return record(s, "welfare.aid_payment.made", pay.id(), payer.path, pay);
  }));
  p.events += payments;
  // Each grassroots union: a session held, 30 representatives, 10
  // proposals (half rated, two thirds of those satisfied).
  const int unions = static_cast<int>(t.grassroots.size());
  RETURN_IF_ERROR(Batches(*p.democracy, unions, [&](sql::Session& s, int u) {
    const Org& o = t.all[t.grassroots[u]];
    dv1::CongressSession session;
    session.set_id(Id(4, u));
    session.set_status(dv1::SESSION_STATUS_CLOSED);
    session.set_start_date(Date(year - u % 2, 4, 10));
    RETURN_IF_ERROR(
        record(s, "democracy.session.closed", session.id(), o.path, session));
    for (int r = 0; r < 30; ++r) {
      dv1::Representative rep;
      rep.set_id(Id(5, u * 30 + r));
      rep.set_status(dv1::REPRESENTATIVE_STATUS_QUALIFIED);
      rep.set_woman(r % 3 != 0);
      rep.set_elected_date(Date(year - 2, 3, 1));
      RETURN_IF_ERROR(
          s.Execute("INSERT INTO raw_representatives VALUES (?, ?, ?)", o.path,
                    rep.woman() ? 1 : 0, rep.elected_date())
              .status());
      RETURN_IF_ERROR(record(s, "democracy.representative.qualified", rep.id(),
                             o.path, rep));
    }
    for (int k = 0; k < 10; ++k) {
      dv1::Proposal prop;
      prop.set_id(Id(6, u * 10 + k));
      prop.set_submitted_date(Date(year - k % 2, 3, 1 + k));
      const bool rated = k % 2 == 0, satisfied = rated && k % 3 != 0;
      prop.set_status(rated ? dv1::PROPOSAL_STATUS_RATED
                            : dv1::PROPOSAL_STATUS_ACCEPTED);
      if (rated)
        prop.set_rating(satisfied ? dv1::PROPOSAL_RATING_SATISFIED
                                  : dv1::PROPOSAL_RATING_UNSATISFIED);
      RETURN_IF_ERROR(s.Execute("INSERT INTO raw_proposals VALUES (?, ?, ?, ?)",
                                o.path, prop.submitted_date(), rated ? 1 : 0,
                                satisfied ? 1 : 0)
                          .status());
      RETURN_IF_ERROR(
          record(s, "democracy.proposal.rated", prop.id(), o.path, prop));
    }
    return absl::OkStatus();
  }));
  p.events += unions * 41;
  return absl::OkStatus();
}

const std::vector<std::string>& Codes() {
  static const auto* codes =
      new std::vector<std::string>{"members.active",
                                   "members.women",
                                   "members.migrant",
                                   "aid.people",
                                   "aid.fen",
                                   "proposals.received",
                                   "proposals.rated",
                                   "proposals.satisfied",
                                   "representatives.seated",
                                   "representatives.women"};
  return *codes;
}

// The same figures (subtree, `year`, in Codes() order) straight from the
// records in the producers' databases.
absl::StatusOr<std::vector<int64_t>> Naive(Producers& p,
                                           const std::string& path, int year) {
  // The subtree as a key range (paths end in "/", and "0" follows it), so
  // the path indexes serve it.
  const std::string lo = path, hi = path.substr(0, path.size() - 1) + "0";
  const std::string first = Date(year, 1, 1), last = Date(year, 12, 31);
  std::vector<int64_t> out;
  // Appends the first `columns` columns of the query's one row.
  auto sums = [&](sql::Database& db, int columns, absl::string_view sql,
                  auto... args) -> absl::Status {
    return db.Read([&](sql::Session& s) -> absl::Status {
      ASSIGN_OR_RETURN(sql::Statement * st, s.Query(sql, args...));
      ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return absl::InternalError("no row");
      for (int c = 0; c < columns; ++c) out.push_back(st->Int(c));
      return absl::OkStatus();
    });
  };
  {
    RETURN_IF_ERROR(sums(
        *p.membership, 3,
        "SELECT COUNT(*), COALESCE(SUM(woman), 0), COALESCE(SUM(migrant), 0) "
        "FROM raw_members WHERE path >= ? AND path < ? AND join_date <= ? AND "
        "(active = 1 "
        "OR status_date > ?)",
        lo, hi, last, last));
    RETURN_IF_ERROR(sums(*p.welfare, 1,
                         "SELECT COUNT(*) FROM raw_payments WHERE "
                         "recipient_path >= ? AND recipient_path < ? AND "
                         "paid_date BETWEEN ? AND ?",
                         lo, hi, first, last));
    RETURN_IF_ERROR(sums(*p.welfare, 1,
                         "SELECT COALESCE(SUM(amount), 0) FROM raw_payments "
                         "WHERE payer_path >= ? AND payer_path < ? AND "
                         "paid_date BETWEEN ? AND ?",
                         lo, hi, first, last));
    RETURN_IF_ERROR(sums(
        *p.democracy, 3,
        "SELECT COUNT(*), COALESCE(SUM(rated), 0), COALESCE(SUM(satisfied), "
        "0) FROM raw_proposals WHERE path >= ? AND path < ? AND submitted_date "
        "BETWEEN ? "
        "AND ?",
        lo, hi, first, last));
    RETURN_IF_ERROR(sums(*p.democracy, 2,
                         "SELECT COUNT(*), COALESCE(SUM(woman), 0) FROM "
                         "raw_representatives WHERE path >= ? AND path < ? AND "
                         "elected_date <= ?",
                         lo, hi, last));
  }
  return out;
}

struct Percentiles {
  double p50 = 0, p99 = 0;
};

Percentiles Time(int n, const std::function<bool()>& once) {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    auto start = std::chrono::steady_clock::now();
    if (!once()) return {-1, -1};
    ms.push_back(std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "%s\n", status.ToString().c_str());
  return 1;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

int Run() {
  const std::string dir = absl::GetFlag(FLAGS_work_dir);
  const int year = absl::GetFlag(FLAGS_year);
  std::filesystem::create_directories(dir);
  Tree tree = MakeTree();
  Producers p;
  for (auto [name, db] : {std::pair{"membership", &p.membership},
                          {"welfare", &p.welfare},
                          {"democracy", &p.democracy}}) {
    auto opened = OpenFresh(dir, name, RawMigrations());
    if (!opened.ok()) return Fail(opened.status());
    *db = *std::move(opened);
  }
  auto started = std::chrono::steady_clock::now();
  if (absl::Status made = Generate(tree, p); !made.ok()) return Fail(made);
  std::printf(
      "unions=%zu (4 levels) grassroots=%zu members=%d events=%lld "
      "generated_in_s=%.1f\n",
      tree.all.size(), tree.grassroots.size(), absl::GetFlag(FLAGS_members),
      static_cast<long long>(p.events), SecondsSince(started));

  // Catching up: the three feeds from their start, pages of 500, as the
  // follower applies them (membership first, as at a first start).
  auto reporting = OpenFresh(dir, "reporting",
                             outbox::WithPlatform(reporting_lib_migrations()));
  if (!reporting.ok()) return Fail(reporting.status());
  started = std::chrono::steady_clock::now();
  int64_t applied = 0;
  for (auto [name, producer] : {std::pair{"membership", p.membership.get()},
                                {"welfare", p.welfare.get()},
                                {"democracy", p.democracy.get()}}) {
    outbox::DatabaseFeedSource feed(producer);
    outbox::FeedConsumerOptions o;
    o.feed = name;
    o.page_size = 500;
    auto consumer = outbox::FeedConsumer::ForPages(
        reporting->get(), &feed, reporting::ApplyEventsOn(Clock::System()), o);
    while (true) {
      absl::StatusOr<int> page = consumer->PollOnce();
      if (!page.ok()) return Fail(page.status());
      if (*page == 0) break;
      applied += *page;
    }
  }
  const double apply_s = SecondsSince(started);
  std::printf("applied_events=%lld apply_s=%.1f\n",
              static_cast<long long>(applied), apply_s);

  // Reads: the root and a school, this year beside the last, checked
  // against the naive computation.
  reporting::Figures figures(reporting->get(), {10});
  auth::Caller federation;
  federation.key_id = "bench";
  federation.organisation_id = tree.all[0].id;
  federation.organisation_path = tree.all[0].path;
  federation.role = auth::Role::kFederationAdmin;
  double read_p50 = 0, naive_p50 = 0;
  for (const auto& [name, where] :
       {std::pair{"root", &tree.all[0]},
        {"school", &tree.all[tree.grassroots[7]]}}) {
    const Org* org = where;  // A plain variable: lambdas below capture it.
    for (int y : {year - 1, year}) {
      auto got = figures.Get(federation, org->id, y, reporting::YearKind::kWork,
                             Codes());
      auto naive = Naive(p, org->path, y);
      if (!got.ok()) return Fail(got.status());
      if (!naive.ok()) return Fail(naive.status());
      for (size_t i = 0; i < Codes().size(); ++i) {
        if (got->figures[i].subtree.value != (*naive)[i]) {
          std::fprintf(stderr, "%s %d %s: read model %lld, records %lld\n",
                       name, y, Codes()[i].c_str(),
                       static_cast<long long>(got->figures[i].subtree.value),
                       static_cast<long long>((*naive)[i]));
          return 1;
        }
      }
    }
    const int reads = absl::GetFlag(FLAGS_reads);
    Percentiles read = Time(reads, [&] {
      return figures
          .Get(federation, org->id, year, reporting::YearKind::kWork, Codes())
          .ok();
    });
    // The naive side computes both years too, as the read gives both.
    Percentiles naive = Time(std::max(3, reads / 20), [&] {
      return Naive(p, org->path, year).ok() &&
             Naive(p, org->path, year - 1).ok();
    });
    std::printf(
        "%s: read_p50_ms=%.3f read_p99_ms=%.3f naive_p50_ms=%.3f "
        "naive_p99_ms=%.3f\n",
        name, read.p50, read.p99, naive.p50, naive.p99);
    read_p50 += read.p50;
    naive_p50 += naive.p50;
  }
  std::printf("reporting_apply_events_per_s=%.0f\n", applied / apply_s);
  std::printf("reporting_read_vs_naive=%.4f\n", read_p50 / naive_p50);
  return 0;
}

}  // namespace
}  // namespace unionhub::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return unionhub::bench::Run();
}
