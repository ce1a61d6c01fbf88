#include "bench/bench_common.h"

#include <atomic>
#include <cstdio>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "libs/testing/id_numbers.h"

namespace unionhub::bench {

namespace mv1 = membership::v1;

double Timed(int n, int clients, const std::function<bool(int)>& work) {
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      for (int i = next++; i < n && !failed; i = next++) {
        if (!work(i)) failed = true;
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failed) return -1;
  return n / absl::ToDoubleSeconds(absl::Now() - start);
}

double TimedWrites(
    sql::Database& db, int n, int clients,
    const std::function<absl::Status(sql::Session&, int)>& write) {
  return Timed(n, clients, [&](int i) {
    absl::Status s =
        db.Write([&](sql::Session& session) { return write(session, i); });
    if (!s.ok()) {
      std::fprintf(stderr, "raw write %d: %s\n", i,
                   std::string(s.message()).c_str());
    }
    return s.ok();
  });
}

std::string IdNumber(int n) {
  absl::CivilDay birth = absl::CivilDay(1970, 1, 1) + n / 1000;
  return testing::MakeIdNumber(
      n % 1000, absl::FormatCivilTime(birth).erase(7, 1).erase(4, 1));
}

bool Ok(const grpc::Status& s, const char* what) {
  if (!s.ok())
    std::fprintf(stderr, "%s: %s\n", what, s.error_message().c_str());
  return s.ok();
}

RootCaller::RootCaller(auth::PrincipalSigner* signer, std::string root_path)
    : signer_(signer),
      root_path_(std::move(root_path)),
      root_id_(root_path_.substr(1, 16)) {}

std::unique_ptr<grpc::ClientContext> RootCaller::As(
    const std::string& key) const {
  std::string principal;
  {
    absl::MutexLock lock(&mu_);
    std::string& token = signed_[key];
    if (token.empty()) {
      auth::Caller c;
      c.key_id = key;
      c.organisation_id = root_id_;
      c.organisation_path = root_path_;
      c.role = auth::Role::kFederationAdmin;
      c.expires = absl::Now() + absl::Hours(2);
      token = signer_->Sign(c);
    }
    principal = token;
  }
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata(auth::kPrincipalMetadataKey, principal);
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  return context;
}

absl::StatusOr<BenchUnion> CreateUnionWithMembers(
    const RootCaller& caller, std::shared_ptr<grpc::Channel> membership, int n,
    int first, int clients) {
  auto organisations = mv1::OrganisationService::NewStub(membership);
  auto members = mv1::MemberService::NewStub(membership);
  mv1::CreateOrganisationRequest org;
  org.mutable_organisation()->set_parent_id(caller.root_id());
  org.mutable_organisation()->set_name(absl::StrCat("压测工会", first));
  org.mutable_organisation()->set_type(mv1::ORGANISATION_TYPE_GRASSROOTS);
  mv1::CreateOrganisationResponse made;
  if (!Ok(organisations->CreateOrganisation(caller.As("bench").get(), org,
                                            &made),
          "CreateOrganisation"))
    return absl::InternalError("no union");
  BenchUnion out;
  out.id = made.organisation().id();
  out.persons.resize(n);
  double rate = Timed(n, clients, [&](int i) {
    mv1::CreateMemberRequest request;
    mv1::Member* m = request.mutable_member();
    m->set_organisation_id(out.id);
    m->set_name("职工");
    m->set_id_number(IdNumber(first + i));
    m->set_employment_type(mv1::EMPLOYMENT_TYPE_STAFF);
    m->set_join_date("2015-09-01");
    mv1::CreateMemberResponse response;
    if (!Ok(members->CreateMember(caller.As("bench").get(), request, &response),
            "CreateMember"))
      return false;
    out.persons[i] = response.member().person_id();
    return true;
  });
  if (rate < 0) return absl::InternalError("members not made");
  return out;
}

}  // namespace unionhub::bench
