// Democracy votes benchmark driver (bench/democracy.sh runs it).
//
// --phase=service: against a running democracy (asking a running
// membership), as the gateway would call it: seats a congress of
// --representatives in a fresh union (members, elections, review, a session
// open with everyone present and a vote open; not timed), then casts every
// representative's vote with --clients calls in flight, each with its own
// request_id, and closes the vote.
// --phase=raw: the same ballot rows inserted straight into a democracy
// database (--db), one transaction each, with --clients threads.
// Prints democracy_votes_<backend>_c<clients>_per_s=<rate> and
// democracy_close_vote_<backend>_c<clients>_ms=<ms>, or
// raw_votes_<backend>_c<clients>_per_s=<rate>.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_common.h"
#include "democracy_lib_migrations.h"
#include "libs/base/clock.h"
#include "libs/base/ids.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/server.h"
#include "libs/sql/database.h"
#include "unionhub/democracy/v1/congress.grpc.pb.h"
#include "unionhub/democracy/v1/meetings.grpc.pb.h"
#include "unionhub/democracy/v1/representatives.grpc.pb.h"

ABSL_FLAG(std::string, phase, "service", "service or raw");
ABSL_FLAG(std::string, backend, "sqlite", "Label of the democracy database.");
ABSL_FLAG(int, clients, 16, "Calls (or raw inserts) in flight at once.");
ABSL_FLAG(int, representatives, 500, "Representatives who vote.");
ABSL_FLAG(std::string, democracy, "127.0.0.1:7103", "Democracy's host:port.");
ABSL_FLAG(std::string, membership, "127.0.0.1:7101", "Membership's host:port.");
ABSL_FLAG(std::string, gateway_key_file, "",
          "The gateway's private key, to sign principals as it does.");
ABSL_FLAG(std::string, root_path, "", "The root organisation's path.");
ABSL_FLAG(int, first_member, 1, "ID numbers are made from this on.");
ABSL_FLAG(std::string, db, "", "--phase=raw: the database URL.");

namespace unionhub {
namespace {

namespace dv1 = democracy::v1;
using bench::Ok;

// A congress seated and in session, with a vote open.
struct OpenVote {
  std::string vote_id;
  std::vector<std::string> representatives;
};

class Congress {
 public:
  explicit Congress(const bench::RootCaller* caller) : caller_(caller) {
    auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_democracy),
                                       grpc::InsecureChannelCredentials());
    congress_ = dv1::CongressService::NewStub(channel);
    representatives_ = dv1::RepresentativeService::NewStub(channel);
    meetings_ = dv1::MeetingService::NewStub(channel);
  }

  std::unique_ptr<grpc::ClientContext> As() const {
    return caller_->As("bench");
  }

  absl::StatusOr<OpenVote> Seat(const bench::BenchUnion& u, int clients) {
    const absl::CivilDay today = Clock::System().Today();
    dv1::CreateCongressTermRequest term;
    term.mutable_term()->set_organisation_id(u.id);
    term.mutable_term()->set_kind(dv1::CONGRESS_KIND_TEACHERS);
    term.mutable_term()->set_number(1);
    term.mutable_term()->set_start_date(absl::StrCat(today.year(), "-01-01"));
    term.mutable_term()->set_end_date(absl::StrCat(today.year() + 2, "-12-31"));
    dv1::CreateCongressTermResponse made;
    if (!Ok(congress_->CreateCongressTerm(As().get(), term, &made),
            "CreateCongressTerm"))
      return absl::InternalError("no term");
    const std::string term_id = made.term().id();
    OpenVote out;
    out.representatives.resize(u.persons.size());
    double rate =
        bench::Timed(static_cast<int>(u.persons.size()), clients, [&](int i) {
          dv1::ElectRepresentativeRequest elect;
          dv1::Representative* r = elect.mutable_representative();
          r->set_term_id(term_id);
          r->set_person_id(u.persons[i]);
          r->set_group(dv1::REPRESENTATIVE_GROUP_TEACHER);
          r->set_delegation(absl::StrCat("第", i % 10 + 1, "代表团"));
          r->set_elected_date(FormatDate(today));
          dv1::ElectRepresentativeResponse elected;
          if (!Ok(representatives_->ElectRepresentative(As().get(), elect,
                                                        &elected),
                  "ElectRepresentative"))
            return false;
          dv1::ReviewRepresentativeRequest review;
          review.set_id(elected.representative().id());
          review.set_qualified(true);
          dv1::ReviewRepresentativeResponse reviewed;
          if (!Ok(representatives_->ReviewRepresentative(As().get(), review,
                                                         &reviewed),
                  "ReviewRepresentative"))
            return false;
          out.representatives[i] = elected.representative().id();
          return true;
        });
    if (rate < 0) return absl::InternalError("representatives not seated");
    dv1::CompleteQualificationReviewRequest complete;
    complete.set_term_id(term_id);
    complete.set_review_date(FormatDate(today));
    complete.set_report("代表资格均有效");
    dv1::CompleteQualificationReviewResponse completed;
    dv1::CreateCongressSessionRequest plan;
    plan.mutable_session()->set_term_id(term_id);
    plan.mutable_session()->set_start_date(FormatDate(today));
    plan.mutable_session()->set_end_date(FormatDate(today));
    dv1::CreateCongressSessionResponse planned;
    if (!Ok(representatives_->CompleteQualificationReview(As().get(), complete,
                                                          &completed),
            "CompleteQualificationReview") ||
        !Ok(congress_->CreateCongressSession(As().get(), plan, &planned),
            "CreateCongressSession"))
      return absl::InternalError("no session");
    const std::string session_id = planned.session().id();
    dv1::OpenCongressSessionRequest open;
    open.set_id(session_id);
    dv1::OpenCongressSessionResponse opened;
    dv1::AddAgendaItemRequest add;
    add.mutable_item()->set_session_id(session_id);
    add.mutable_item()->set_kind(dv1::AGENDA_ITEM_KIND_PLAN);
    add.mutable_item()->set_title("《绩效工资分配方案》");
    dv1::AddAgendaItemResponse added;
    if (!Ok(congress_->OpenCongressSession(As().get(), open, &opened),
            "OpenCongressSession"))
      return absl::InternalError("no session in progress");
    // Everyone present, in requests of at most 1,000 entries.
    for (size_t first = 0; first < out.representatives.size(); first += 1000) {
      dv1::RecordAttendanceRequest attendance;
      attendance.set_session_id(session_id);
      for (size_t i = first;
           i < std::min(out.representatives.size(), first + 1000); ++i) {
        dv1::Attendance* a = attendance.add_entries();
        a->set_representative_id(out.representatives[i]);
        a->set_status(dv1::ATTENDANCE_STATUS_PRESENT);
      }
      dv1::RecordAttendanceResponse recorded;
      if (!Ok(meetings_->RecordAttendance(As().get(), attendance, &recorded),
              "RecordAttendance"))
        return absl::InternalError("attendance not recorded");
    }
    if (!Ok(meetings_->AddAgendaItem(As().get(), add, &added), "AddAgendaItem"))
      return absl::InternalError("no agenda item");
    dv1::OpenVoteRequest vote;
    vote.set_agenda_item_id(added.item().id());
    vote.set_question("是否通过");
    dv1::OpenVoteResponse voting;
    if (!Ok(meetings_->OpenVote(As().get(), vote, &voting), "OpenVote"))
      return absl::InternalError("no vote");
    out.vote_id = voting.vote().id();
    return out;
  }

  bool Cast(const std::string& vote_id, const std::string& representative_id,
            int i) {
    dv1::CastVoteRequest cast;
    cast.set_vote_id(vote_id);
    cast.set_representative_id(representative_id);
    cast.set_choice(i % 5 == 0 ? dv1::VOTE_CHOICE_AGAINST
                               : dv1::VOTE_CHOICE_FOR);
    dv1::CastVoteResponse cast_response;
    return Ok(meetings_->CastVote(As().get(), cast, &cast_response),
              "CastVote");
  }

  absl::StatusOr<dv1::Vote> Close(const std::string& vote_id) {
    dv1::CloseVoteRequest close;
    close.set_id(vote_id);
    close.set_resolution_text("通过《绩效工资分配方案》");
    dv1::CloseVoteResponse closed;
    if (!Ok(meetings_->CloseVote(As().get(), close, &closed), "CloseVote"))
      return absl::InternalError("not closed");
    return closed.vote();
  }

 private:
  const bench::RootCaller* caller_;
  std::unique_ptr<dv1::CongressService::Stub> congress_;
  std::unique_ptr<dv1::RepresentativeService::Stub> representatives_;
  std::unique_ptr<dv1::MeetingService::Stub> meetings_;
};

int ServicePhase(int n, int clients, const std::string& label) {
  auto signer = rpc::LoadPrincipalSigner(absl::GetFlag(FLAGS_gateway_key_file));
  if (!signer.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(signer.status().message()).c_str());
    return 1;
  }
  bench::RootCaller caller(&*signer, absl::GetFlag(FLAGS_root_path));
  auto members = bench::CreateUnionWithMembers(
      caller,
      grpc::CreateChannel(absl::GetFlag(FLAGS_membership),
                          grpc::InsecureChannelCredentials()),
      n, absl::GetFlag(FLAGS_first_member), 16);
  if (!members.ok()) return 1;
  Congress congress(&caller);
  auto seated = congress.Seat(*members, 16);
  if (!seated.ok()) return 1;
  double rate = bench::Timed(n, clients, [&](int i) {
    return congress.Cast(seated->vote_id, seated->representatives[i], i);
  });
  if (rate < 0) return 1;
  absl::Time start = absl::Now();
  auto closed = congress.Close(seated->vote_id);
  if (!closed.ok()) return 1;
  double close_ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  if (closed->votes_for() + closed->votes_against() != n ||
      closed->outcome() != dv1::VOTE_OUTCOME_PASSED) {
    std::fprintf(stderr, "the vote counted %d for, %d against of %d\n",
                 closed->votes_for(), closed->votes_against(), n);
    return 1;
  }
  std::printf("democracy_votes_%s_c%d_per_s=%.0f\n", label.c_str(), clients,
              rate);
  std::printf("democracy_close_vote_%s_c%d_ms=%.1f\n", label.c_str(), clients,
              close_ms);
  return 0;
}

// The ballot rows the service writes, inserted straight, one transaction
// each.
int RawPhase(int n, int clients, const std::string& label) {
  auto db =
      rpc::OpenAndMigrate(absl::GetFlag(FLAGS_db),
                          outbox::WithPlatform(democracy_lib_migrations()));
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", std::string(db.status().message()).c_str());
    return 1;
  }
  const std::string vote_id = NewId();
  double rate =
      bench::TimedWrites(**db, n, clients, [&](sql::Session& session, int i) {
        return session
            .Execute(
                "INSERT INTO ballots (vote_id, representative_id, choice) "
                "VALUES (?, ?, ?)",
                vote_id, NewId(), i % 5 == 0 ? 2 : 1)
            .status();
      });
  if (rate < 0) return 1;
  std::printf("raw_votes_%s_c%d_per_s=%.0f\n", label.c_str(), clients, rate);
  return 0;
}

}  // namespace
}  // namespace unionhub

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int n = absl::GetFlag(FLAGS_representatives);
  const int clients = absl::GetFlag(FLAGS_clients);
  const std::string label = absl::GetFlag(FLAGS_backend);
  return absl::GetFlag(FLAGS_phase) == "raw"
             ? unionhub::RawPhase(n, clients, label)
             : unionhub::ServicePhase(n, clients, label);
}
