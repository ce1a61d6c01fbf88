// Roster import throughput: a generated roster of N members streamed through
// the real ImportMembers RPC (in-process server on loopback), against a raw
// loop of prepared INSERTs of the same rows into the same schema, on SQLite and
// on MySQL/MariaDB.
//
//   import_bench --phase=import|raw --db=URL [--rows=100000]
//
// Prints the phase's rows per second and its peak RSS; bench/import.sh runs the
// four phases (import and raw, on SQLite and on MariaDB) and the ratio.
#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/base/clock.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/log.h"
#include "libs/rpc/server.h"
#include "membership_lib_migrations.h"
#include "services/membership/id_number.h"
#include "services/membership/member_handler.h"
#include "services/membership/organisations.h"

ABSL_FLAG(int, rows, 100000, "Members in the generated roster.");
ABSL_FLAG(std::string, phase, "import",
          "import (through the RPC) or raw (INSERT loop).");
ABSL_FLAG(
    std::string, db, "",
    "Where to run: sqlite://PATH or a MySQL URL naming a database to create.");

namespace unionhub::membership {
namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

long PeakRssMb() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Row i of the roster: a valid, distinct 身份证号 and plausible values.
struct GeneratedRow {
  std::string name, id_number, phone, join_date;
};
GeneratedRow Row(int i) {
  absl::CivilDay birth = absl::CivilDay(1965, 1, 1) + i / 500;
  std::string first17 =
      absl::StrFormat("110105%04d%02d%02d%03d", birth.year(), birth.month(),
                      birth.day(), 2 * (i % 500) + 1);
  return {absl::StrCat("会员", i), first17 + IdNumberCheckCharacter(first17),
          absl::StrFormat("138%08d", i), "2015-09-01"};
}

struct Setup {
  std::unique_ptr<sql::Database> db;
  std::unique_ptr<Store> store;
  std::unique_ptr<Members> members;
  Organisation school;
  auth::Caller admin;
};

absl::StatusOr<Setup> Prepare(const std::string& url,
                              const crypto::DataKeys& keys) {
  Setup s;
  ASSIGN_OR_RETURN(s.db, sql::Database::Open(url));
  RETURN_IF_ERROR(
      sql::Migrate(*s.db, outbox::WithPlatform(membership_lib_migrations())));
  s.store = std::make_unique<Store>(&keys);
  Organisations organisations(s.db.get(), s.store.get(), &Clock::System());
  s.members =
      std::make_unique<Members>(s.db.get(), s.store.get(), &Clock::System());
  ASSIGN_OR_RETURN(Organisation root, organisations.EnsureRoot("市总工会"));
  s.admin.key_id = "bench";
  s.admin.organisation_id = root.id;
  s.admin.organisation_path = root.path;
  s.admin.role = auth::Role::kFederationAdmin;
  s.admin.expires = absl::Now() + absl::Hours(1);
  ASSIGN_OR_RETURN(
      s.school, organisations.CreateOrganisation(
                    s.admin, {},
                    {root.id, "第一中学工会", OrganisationType::kGrassroots}));
  return s;
}

// Streams the roster through ImportMembers; returns rows per second.
absl::StatusOr<double> ImportThroughRpc(const std::string& url, int rows) {
  auto keys = *crypto::DataKeys::FromMaster(std::string(32, 'k'));
  auth::PrincipalSigner signer(crypto::SigningKey::Generate());
  auth::PrincipalVerifier verifier(
      {{signer.public_key(), auth::KeyKind::kGateway}});
  ASSIGN_OR_RETURN(Setup setup, Prepare(url, keys));
  rpc::Serving serving(&verifier, &Clock::System());
  MemberHandler handler(setup.members.get(), serving.env());
  ASSIGN_OR_RETURN(auto server,
                   rpc::Server::Start("127.0.0.1:0", {&handler}, nullptr));
  auto stub = v1::MemberService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", server->port()),
                          grpc::InsecureChannelCredentials()));

  auto start = std::chrono::steady_clock::now();
  grpc::ClientContext ctx;
  ctx.AddMetadata(auth::kPrincipalMetadataKey, signer.Sign(setup.admin));
  v1::ImportMembersResponse response;
  auto writer = stub->ImportMembers(&ctx, &response);
  v1::ImportMembersRequest message;
  message.set_request_id(NewId());
  message.set_organisation_id(setup.school.id);
  std::string chunk = "姓名,身份证号,手机号码,用工性质,入会日期\n";
  for (int i = 0; i < rows; ++i) {
    GeneratedRow r = Row(i);
    absl::StrAppend(&chunk, r.name, ",", r.id_number, ",", r.phone, ",在编,",
                    r.join_date, "\n");
    if (chunk.size() > (256 << 10) || i + 1 == rows) {
      message.set_csv_chunk(chunk);
      writer->Write(message);
      message.Clear();
      chunk.clear();
    }
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  double seconds = Seconds(start);
  server->Shutdown(absl::Seconds(1));
  if (!status.ok()) return absl::InternalError(status.error_message());
  if (response.rows_imported() != rows) {
    return absl::InternalError(absl::StrCat(
        "imported ", response.rows_imported(), " of ", rows, "; first error: ",
        response.errors_size() ? response.errors(0).description() : ""));
  }
  return rows / seconds;
}

// The same member rows by a plain loop of one prepared INSERT, in one
// transaction. Rows get what the import gives them, random ids, keyed-hash
// indexes and ciphertext, all computed before the clock starts: the loop
// measures the database alone.
absl::StatusOr<double> RawInserts(const std::string& url, int rows) {
  ASSIGN_OR_RETURN(auto db, sql::Database::Open(url));
  RETURN_IF_ERROR(
      sql::Migrate(*db, outbox::WithPlatform(membership_lib_migrations())));
  auto keys = *crypto::DataKeys::FromMaster(std::string(32, 'r'));
  struct Prepared {
    std::string id, name, id_cipher, index, phone_cipher;
  };
  std::vector<Prepared> prepared(rows);
  for (int i = 0; i < rows; ++i) {
    GeneratedRow r = Row(i);
    prepared[i] = {NewId(), r.name,
                   keys.Encrypt(r.id_number, "member.id_number"),
                   keys.BlindIndex(r.id_number, "member.id_number"),
                   keys.Encrypt(r.phone, "member.phone")};
  }
  auto start = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(db->Write([&](sql::Session& s) -> absl::Status {
    for (const Prepared& p : prepared) {
      RETURN_IF_ERROR(
          s.Execute(
               "INSERT INTO members (id, organisation_id, organisation_path, "
               "name, "
               "id_number_cipher, id_number_index, holder_index, phone_cipher, "
               "sex, "
               "birth_date, employment_type, join_date, status, status_date, "
               "created_by_key_id, create_time, update_time, etag) VALUES (?, "
               "?, ?, "
               "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               p.id, "0000000000000001", "/0000000000000000/0000000000000001/",
               p.name, sql::Blob{p.id_cipher}, p.index, p.index,
               sql::Blob{p.phone_cipher}, 1, "1965-01-01", 1, "2015-09-01", 1,
               "2015-09-01", "bench", "2026-01-01T00:00:00.000000Z",
               "2026-01-01T00:00:00.000000Z", "0000000000000000")
              .status());
    }
    return absl::OkStatus();
  }));
  return rows / Seconds(start);
}

// One phase per process, so that each peak RSS is that phase's own.
int Main() {
  int rows = absl::GetFlag(FLAGS_rows);
  std::string url = absl::GetFlag(FLAGS_db);
  std::string phase = absl::GetFlag(FLAGS_phase);
  std::string backend = absl::StartsWith(url, "mysql://") ? "mysql" : "sqlite";
  absl::StatusOr<double> rate =
      phase == "raw" ? RawInserts(url, rows) : ImportThroughRpc(url, rows);
  if (!rate.ok()) {
    std::fprintf(stderr, "%s on %s failed: %s\n", phase.c_str(),
                 backend.c_str(), std::string(rate.status().message()).c_str());
    return 1;
  }
  std::printf("%s_%s_rows_per_s=%.0f\n", phase.c_str(), backend.c_str(), *rate);
  std::printf("%s_%s_peak_rss_mb=%ld\n", phase.c_str(), backend.c_str(),
              PeakRssMb());
  return 0;
}

}  // namespace
}  // namespace unionhub::membership

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  unionhub::rpc::InitLogging("bench");
  spdlog::set_level(spdlog::level::warn);
  return unionhub::membership::Main();
}
