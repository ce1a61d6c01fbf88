#include "services/membership/committees/committees.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/membership/convert.h"
#include "services/membership/scope.h"

namespace unionhub::membership {
namespace {

constexpr int kMaxVoters = 1000000;

std::string PositionName(OfficerPosition p) {
  return v1::OfficerPosition_Name(static_cast<v1::OfficerPosition>(p));
}

}  // namespace

absl::StatusOr<CommitteeTerm> Committees::VisibleTerm(
    sql::Session& s, const auth::Caller& caller, absl::string_view field,
    absl::string_view id) {
  return auth::FindVisible(
      caller, "committee term", field, id, &CommitteeTerm::organisation_path,
      [&](absl::string_view id) { return terms_.FindTerm(s, id); });
}

absl::StatusOr<CommitteeTerm> Committees::CreateTerm(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewTerm& request) {
  absl::CivilDay today = clock_->Today();
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("term.organisation_id",
          CheckId("term.organisation_id", request.organisation_id));
  auto start = ParseDate("term.start_date", request.start_date);
  v.Merge("term.start_date", start.status());
  if (request.length_years != 3 && request.length_years != 5) {
    v.Add("term.length_years",
          "must be 3 or 5 (the union constitution's terms)");
  }
  auto election_date = ParsePastDate("term.election.election_date",
                                     request.election_date, today);
  v.Merge("term.election.election_date", election_date.status());
  if (request.eligible_voters <= 0 || request.eligible_voters > kMaxVoters) {
    v.Add("term.election.eligible_voters",
          "must be a positive number of voters");
  }
  if (request.voters_present < 0 ||
      request.voters_present > request.eligible_voters) {
    v.Add("term.election.voters_present",
          "must be between 0 and eligible_voters");
  } else if (int64_t{request.voters_present} * 3 <
             int64_t{request.eligible_voters} * 2) {
    v.Add("term.election.voters_present",
          "fewer than two thirds of the eligible voters were present: the "
          "election "
          "is not valid");
  }
  v.Merge(
      "term.election.method",
      CheckText("term.election.method", request.method, 200, Required::kNo));
  if (start.ok() && election_date.ok() && *start < *election_date) {
    v.Add("term.start_date", "is before the election");
  }
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CommitteeTerm> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<CommitteeTerm> {
          CommitteeTerm t;
          ASSIGN_OR_RETURN(
              Organisation org,
              VisibleOrganisation(*store_, s, caller, "term.organisation_id",
                                  request.organisation_id));
          if (org.state != OrganisationState::kActive ||
              org.type == OrganisationType::kUnionGroup) {
            return absl::FailedPreconditionError(
                "only an open union with a committee (not a union group) "
                "elects one");
          }
          ASSIGN_OR_RETURN(std::optional<CommitteeTerm> sitting,
                           terms_.FindCurrentTerm(s, org.id));
          if (sitting && *start <= sitting->start_date) {
            return InvalidField("term.start_date",
                                "must be after the sitting term's start");
          }
          t.id = NewId();
          t.organisation_id = org.id;
          t.organisation_path = org.path;
          t.term_number = sitting ? sitting->term_number + 1 : 1;
          if (!sitting) {
            // Terms recorded earlier may have ended; count on from the last.
            ASSIGN_OR_RETURN(std::vector<CommitteeTerm> all,
                             terms_.ListTerms(s, org.id));
            if (!all.empty()) t.term_number = all.front().term_number + 1;
          }
          t.start_date = *start;
          t.length_years = request.length_years;
          t.election = {*election_date, request.eligible_voters,
                        request.voters_present, request.method};
          t.state = CommitteeTermState::kCurrent;
          t.create_time = clock_->Now();
          if (sitting) RETURN_IF_ERROR(terms_.EndTerm(s, sitting->id, *start));
          RETURN_IF_ERROR(terms_.InsertTerm(s, t));
          v1::CommitteeTerm payload = ToProto(t);
          RETURN_IF_ERROR(outbox::Record(
              s, caller, *clock_,
              {"membership.committee_term.created", t.id, t.organisation_path,
               &payload,
               absl::StrCat("term ", t.term_number,
                            sitting ? absl::StrCat(" replaces term ",
                                                   sitting->term_number)
                                    : std::string())}));
          return t;
        },
        [](const CommitteeTerm& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleTerm(s, caller, "request_id", id);
        });
  });
}

absl::StatusOr<std::vector<CommitteeTerm>> Committees::ListTerms(
    const auth::Caller& caller, absl::string_view organisation_id) {
  std::string id(organisation_id.empty() ? caller.organisation_id
                                         : organisation_id);
  std::vector<CommitteeTerm> out;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(
        Organisation org,
        VisibleOrganisation(*store_, s, caller, "organisation_id", id));
    ASSIGN_OR_RETURN(out, terms_.ListTerms(s, org.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Officer> Committees::ElectOfficer(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    absl::string_view term_id, absl::string_view member_id,
    OfficerPosition position, int votes_for) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("term_id", CheckId("term_id", term_id));
  v.Merge("member_id", CheckId("member_id", member_id));
  if (position < OfficerPosition::kChair ||
      position > OfficerPosition::kCommitteeMember) {
    v.Add("position", "is required");
  }
  if (votes_for < 0) v.Add("votes_for", "must not be negative");
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Officer> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Officer> {
          Officer o;
          ASSIGN_OR_RETURN(CommitteeTerm term,
                           VisibleTerm(s, caller, "term_id", term_id));
          if (term.state != CommitteeTermState::kCurrent) {
            return absl::FailedPreconditionError(
                "officers are elected to the sitting term");
          }
          if (votes_for > term.election.voters_present) {
            return InvalidField("votes_for", "is more than the voters present");
          }
          if (int64_t{votes_for} * 2 <= term.election.eligible_voters) {
            return InvalidField("votes_for",
                                absl::StrCat("must be more than half of the ",
                                             term.election.eligible_voters,
                                             " eligible voters to be elected"));
          }
          ASSIGN_OR_RETURN(Member m, VisibleMember(*store_, s, caller,
                                                   "member_id", member_id));
          if (!absl::StartsWith(m.organisation_path, term.organisation_path)) {
            return absl::FailedPreconditionError(
                "the member does not belong to this union or its sub-unions");
          }
          if (m.status != MemberStatus::kActive) {
            return absl::FailedPreconditionError(
                "only an active member can be elected");
          }
          if (position == OfficerPosition::kWomenCommitteeDirector &&
              m.sex != Sex::kFemale) {
            return absl::FailedPreconditionError(
                "the women workers' committee director must be a woman");
          }
          ASSIGN_OR_RETURN(
              std::vector<Officer> sitting,
              terms_.ListOfficers(s, term.id, /*include_ended=*/false));
          for (const Officer& other : sitting) {
            if (other.member_id == m.id) {
              return absl::AlreadyExistsError(
                  absl::StrCat("the member already holds ",
                               PositionName(other.position), " in this term"));
            }
            if (other.position == position && SinglePosition(position)) {
              return absl::AlreadyExistsError(absl::StrCat(
                  PositionName(position), " is already filled in this term"));
            }
          }
          o.id = NewId();
          o.term_id = term.id;
          o.member_id = m.id;
          o.member_name = m.name;
          o.position = position;
          o.votes_for = votes_for;
          o.start_date = term.start_date;
          RETURN_IF_ERROR(terms_.InsertOfficer(s, o, clock_->Now()));
          v1::Officer payload = ToProto(o);
          RETURN_IF_ERROR(outbox::Record(
              s, caller, *clock_,
              {"membership.officer.elected", o.id, term.organisation_path,
               &payload, PositionName(position)}));
          return o;
        },
        [](const Officer& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(terms_.FindOfficer(s, id));
        });
  });
}

absl::StatusOr<std::vector<Officer>> Committees::ListOfficers(
    const auth::Caller& caller, absl::string_view term_id, bool include_ended) {
  std::vector<Officer> out;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(CommitteeTerm term,
                     VisibleTerm(s, caller, "term_id", term_id));
    ASSIGN_OR_RETURN(out, terms_.ListOfficers(s, term.id, include_ended));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Officer> Committees::EndOfficer(const auth::Caller& caller,
                                               absl::string_view id,
                                               absl::string_view end_date,
                                               absl::string_view reason) {
  Violations v;
  v.Merge("id", CheckId("id", id));
  auto date = ParsePastDate("end_date", end_date, clock_->Today());
  v.Merge("end_date", date.status());
  v.Merge("reason", CheckText("reason", reason, 500, Required::kYes, true));
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Officer> {
    ASSIGN_OR_RETURN(std::optional<Officer> found, terms_.FindOfficer(s, id));
    if (!found)
      return absl::NotFoundError(absl::StrCat("officer ", id, " not found"));
    ASSIGN_OR_RETURN(CommitteeTerm term,
                     VisibleTerm(s, caller, "id", found->term_id));
    Officer o = *found;
    if (o.end_date)
      return absl::FailedPreconditionError("the officer has already left");
    if (*date < o.start_date) {
      return InvalidField("end_date", "is before the officer took office");
    }
    o.end_date = *date;
    o.end_reason = std::string(reason);
    RETURN_IF_ERROR(terms_.EndOfficer(s, o));
    v1::Officer payload = ToProto(o);
    RETURN_IF_ERROR(
        outbox::Record(s, caller, *clock_,
                       {"membership.officer.ended", o.id,
                        term.organisation_path, &payload, o.end_reason}));
    return o;
  });
}

}  // namespace unionhub::membership
