#include "services/democracy/proposals/proposals.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/democracy/congress/congress.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

constexpr size_t kMaxTitle = 100;
constexpr size_t kMaxContent = 4000;
constexpr size_t kMaxReason = 200;
constexpr size_t kMaxDepartment = 50;
constexpr size_t kMaxDepartments = 100;
constexpr size_t kMaxSigners = 50;

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Today or later, for a deadline.
absl::StatusOr<absl::CivilDay> ParseDeadline(absl::string_view field,
                                             absl::string_view text,
                                             absl::CivilDay today) {
  ASSIGN_OR_RETURN(absl::CivilDay day, ParseDate(field, text));
  if (day < today) return InvalidField(field, "is in the past");
  return day;
}

}  // namespace

absl::StatusOr<Proposal> Proposals::VisibleProposal(sql::Session& s,
                                                    const auth::Caller& caller,
                                                    absl::string_view field,
                                                    absl::string_view id) {
  return auth::FindVisible(
      caller, "proposal", field, id, &Proposal::organisation_path,
      [&](absl::string_view id) { return store_.Find(s, id); });
}

absl::Status Proposals::Record(sql::Session& s, const auth::Caller& caller,
                               const Proposal& p, absl::string_view action,
                               absl::string_view note) {
  RETURN_IF_ERROR(
      store_.AppendStep(s, p.id,
                        {std::string(action), p.status, std::string(note),
                         caller.key_id, clock_->Now()}));
  v1::Proposal payload = ToProto(p);
  return outbox::Record(s, caller, *clock_,
                        {absl::StrCat("democracy.proposal.", action), p.id,
                         p.organisation_path, &payload, std::string(note)});
}

template <typename Step>
absl::StatusOr<Proposal> Proposals::Change(const auth::Caller& caller,
                                           absl::string_view id,
                                           absl::string_view etag, Step step) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Proposal> {
    ASSIGN_OR_RETURN(Proposal p, VisibleProposal(s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, p.etag));
    ASSIGN_OR_RETURN(StepDone done, step(s, p));
    p.etag = NewId();
    RETURN_IF_ERROR(store_.Update(s, p));
    RETURN_IF_ERROR(Record(s, caller, p, done.action, done.note));
    return p;
  });
}

absl::StatusOr<Proposal> Proposals::Submit(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewProposal& request) {
  const NewProposal& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("proposal.session_id", CheckId("proposal.session_id", n.session_id));
  v.Merge("proposal.title",
          CheckText("proposal.title", n.title, kMaxTitle, Required::kYes));
  v.Merge("proposal.content", CheckText("proposal.content", n.content,
                                        kMaxContent, Required::kYes));
  v.Merge("proposal.proposer_id",
          CheckId("proposal.proposer_id", n.proposer_id));
  if (n.co_signer_ids.size() > kMaxSigners) {
    v.Add("proposal.co_signer_ids",
          absl::StrCat("holds at most ", kMaxSigners, " co-signers"));
  }
  absl::flat_hash_set<std::string> seen = {n.proposer_id};
  for (size_t i = 0; i < n.co_signer_ids.size() && i < kMaxSigners; ++i) {
    std::string field = absl::StrCat("proposal.co_signer_ids[", i, "]");
    v.Merge(field, CheckId(field, n.co_signer_ids[i]));
    if (!seen.insert(n.co_signer_ids[i]).second)
      v.Add(field, "is the proposer or another co-signer again");
  }
  RETURN_IF_ERROR(v.Status());
  const absl::CivilDay today = clock_->Today();
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Proposal> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Proposal> {
          ASSIGN_OR_RETURN(CongressSession c,
                           VisibleSession(congress_, s, caller,
                                          "proposal.session_id", n.session_id));
          if (!c.proposal_window_start_date) {
            return absl::FailedPreconditionError(
                "the session collects no proposals");
          }
          if (today < *c.proposal_window_start_date ||
              today > *c.proposal_window_end_date) {
            return absl::FailedPreconditionError(
                absl::StrCat("proposals are collected from ",
                             FormatDate(*c.proposal_window_start_date), " to ",
                             FormatDate(*c.proposal_window_end_date)));
          }
          auto seated = [&](const std::string& field,
                            const std::string& id) -> absl::Status {
            ASSIGN_OR_RETURN(std::optional<Representative> r,
                             representatives_.Find(s, id));
            if (!r || r->term_id != c.term_id || !r->seated()) {
              return InvalidField(field,
                                  "is not a seated representative of the term");
            }
            return absl::OkStatus();
          };
          RETURN_IF_ERROR(seated("proposal.proposer_id", n.proposer_id));
          for (size_t i = 0; i < n.co_signer_ids.size(); ++i) {
            RETURN_IF_ERROR(
                seated(absl::StrCat("proposal.co_signer_ids[", i, "]"),
                       n.co_signer_ids[i]));
          }
          ASSIGN_OR_RETURN(CongressTerm t,
                           VisibleTerm(congress_, s, caller,
                                       "proposal.session_id", c.term_id));
          if (static_cast<int>(n.co_signer_ids.size()) <
              t.co_signers_required) {
            return InvalidField(
                "proposal.co_signer_ids",
                absl::StrCat("needs at least ", t.co_signers_required,
                             " co-signers (附议)"));
          }
          Proposal p;
          p.id = NewId();
          p.session_id = c.id;
          p.term_id = c.term_id;
          p.organisation_id = c.organisation_id;
          p.organisation_path = c.organisation_path;
          ASSIGN_OR_RETURN(p.number, store_.NumberNext(s, c.id));
          p.title = n.title;
          p.content = n.content;
          p.proposer_id = n.proposer_id;
          p.author_ids = {n.proposer_id};
          p.co_signer_ids = n.co_signer_ids;
          p.status = ProposalStatus::kSubmitted;
          p.submitted_date = today;
          p.create_time = clock_->Now();
          p.etag = NewId();
          RETURN_IF_ERROR(store_.Insert(s, p));
          RETURN_IF_ERROR(Record(s, caller, p, "submitted",
                                 absl::StrCat("第", p.number, "号")));
          return p;
        },
        [](const Proposal& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleProposal(s, caller, "id", id);
        });
  });
}

absl::StatusOr<Proposal> Proposals::Get(const auth::Caller& caller,
                                        absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return VisibleProposal(s, caller, "id", id); });
}

absl::StatusOr<Page<Proposal>> Proposals::List(const auth::Caller& caller,
                                               absl::string_view session_id,
                                               ProposalStatus status,
                                               bool only_overdue, int page_size,
                                               absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'p', 1);
  v.Merge("session_id", CheckId("session_id", session_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(int after, page.after_number());
  std::optional<absl::CivilDay> overdue_on;
  if (only_overdue) overdue_on = clock_->Today();
  ASSIGN_OR_RETURN(
      std::vector<Proposal> rows,
      db_->Read([&](sql::Session& s) -> absl::StatusOr<std::vector<Proposal>> {
        RETURN_IF_ERROR(
            VisibleSession(congress_, s, caller, "session_id", session_id)
                .status());
        return store_.List(s, session_id, status, overdue_on, after,
                           page.limit());
      }));
  return MakePage(std::move(rows), page.size, 'p', [](const Proposal& p) {
    return std::vector<std::string>{absl::StrCat(p.number)};
  });
}

absl::StatusOr<Proposal> Proposals::Triage(const auth::Caller& caller,
                                           absl::string_view id,
                                           TriageOutcome outcome,
                                           absl::string_view reason,
                                           absl::string_view etag) {
  Violations v;
  if (outcome == TriageOutcome::kUnspecified) v.Add("outcome", "is required");
  v.Merge("reason",
          CheckText("reason", reason, kMaxReason,
                    outcome == TriageOutcome::kReject ? Required::kYes
                                                      : Required::kNo));
  RETURN_IF_ERROR(v.Status());
  return Change(caller, id, etag,
                [&](sql::Session&, Proposal& p) -> absl::StatusOr<StepDone> {
                  if (p.status != ProposalStatus::kSubmitted) {
                    return absl::FailedPreconditionError(
                        "the proposal is triaged already");
                  }
                  p.triage_reason = std::string(reason);
                  switch (outcome) {
                    case TriageOutcome::kAccept:
                      p.status = ProposalStatus::kAccepted;
                      return StepDone{"accepted", p.triage_reason};
                    case TriageOutcome::kSuggestion:
                      p.status = ProposalStatus::kSuggestion;
                      return StepDone{"suggestion", p.triage_reason};
                    default:
                      p.status = ProposalStatus::kRejected;
                      return StepDone{"rejected", p.triage_reason};
                  }
                });
}

absl::StatusOr<Proposal> Proposals::Merge(const auth::Caller& caller,
                                          absl::string_view into_id,
                                          const std::vector<std::string>& ids) {
  Violations v;
  v.Merge("into_id", CheckId("into_id", into_id));
  if (ids.empty() || ids.size() > kMaxSigners)
    v.Add("ids", absl::StrCat("must name 1 to ", kMaxSigners, " proposals"));
  absl::flat_hash_set<std::string> seen = {std::string(into_id)};
  for (size_t i = 0; i < ids.size() && i < kMaxSigners; ++i) {
    std::string field = absl::StrCat("ids[", i, "]");
    v.Merge(field, CheckId(field, ids[i]));
    if (!seen.insert(ids[i]).second)
      v.Add(field, "is the proposal merged into or named twice");
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Proposal> {
    ASSIGN_OR_RETURN(Proposal into,
                     VisibleProposal(s, caller, "into_id", into_id));
    if (into.status != ProposalStatus::kSubmitted &&
        into.status != ProposalStatus::kAccepted) {
      return absl::FailedPreconditionError(
          "proposals merge into one submitted or accepted");
    }
    std::vector<std::string> numbers;
    for (size_t i = 0; i < ids.size(); ++i) {
      std::string field = absl::StrCat("ids[", i, "]");
      ASSIGN_OR_RETURN(Proposal merged,
                       VisibleProposal(s, caller, field, ids[i]));
      if (merged.session_id != into.session_id)
        return InvalidField(field, "is a proposal of another session");
      if (merged.status != ProposalStatus::kSubmitted) {
        return absl::FailedPreconditionError(
            absl::StrCat("proposal ", merged.number, " is triaged already"));
      }
      for (const std::string& a : merged.author_ids) {
        if (!Contains(into.author_ids, a)) into.author_ids.push_back(a);
      }
      for (const std::string& c : merged.co_signer_ids) {
        if (!Contains(into.author_ids, c) && !Contains(into.co_signer_ids, c))
          into.co_signer_ids.push_back(c);
      }
      // An author of the merged proposal who co-signed this one is an author.
      into.co_signer_ids.erase(
          std::remove_if(into.co_signer_ids.begin(), into.co_signer_ids.end(),
                         [&](const std::string& c) {
                           return Contains(into.author_ids, c);
                         }),
          into.co_signer_ids.end());
      merged.status = ProposalStatus::kMerged;
      merged.merged_into_id = into.id;
      merged.etag = NewId();
      RETURN_IF_ERROR(store_.Update(s, merged));
      RETURN_IF_ERROR(Record(s, caller, merged, "merged",
                             absl::StrCat("并入第", into.number, "号")));
      numbers.push_back(absl::StrCat(merged.number));
    }
    into.etag = NewId();
    RETURN_IF_ERROR(store_.Update(s, into));
    RETURN_IF_ERROR(store_.ReplaceSigners(s, into));
    RETURN_IF_ERROR(
        Record(s, caller, into, "merged_in",
               absl::StrCat("并入第", absl::StrJoin(numbers, "、"), "号")));
    return into;
  });
}

absl::StatusOr<Proposal> Proposals::Assign(const auth::Caller& caller,
                                           absl::string_view id,
                                           absl::string_view department,
                                           absl::string_view reply_deadline,
                                           absl::string_view etag) {
  Violations v;
  v.Merge("department",
          CheckText("department", department, kMaxDepartment, Required::kYes));
  auto deadline =
      ParseDeadline("reply_deadline", reply_deadline, clock_->Today());
  v.Merge("reply_deadline", deadline.status());
  RETURN_IF_ERROR(v.Status());
  return Change(
      caller, id, etag,
      [&](sql::Session& s, Proposal& p) -> absl::StatusOr<StepDone> {
        if (p.status != ProposalStatus::kAccepted) {
          return absl::FailedPreconditionError(
              "only an accepted proposal (立案) is given to a department");
        }
        ASSIGN_OR_RETURN(std::vector<std::string> departments,
                         store_.Departments(s, p.organisation_id));
        if (!departments.empty() &&
            !Contains(departments, std::string(department))) {
          return InvalidField("department",
                              absl::StrCat("is not one of the union's: ",
                                           absl::StrJoin(departments, "、")));
        }
        p.department = std::string(department);
        p.reply_deadline = *deadline;
        p.status = ProposalStatus::kAssigned;
        return StepDone{"assigned", absl::StrCat(p.department, " by ",
                                                 FormatDate(*deadline))};
      });
}

absl::StatusOr<Proposal> Proposals::Reply(const auth::Caller& caller,
                                          absl::string_view id,
                                          absl::string_view reply,
                                          absl::string_view reply_date,
                                          absl::string_view etag) {
  Violations v;
  v.Merge("reply", CheckText("reply", reply, kMaxContent, Required::kYes));
  auto date = ParsePastDate("reply_date", reply_date, clock_->Today());
  v.Merge("reply_date", date.status());
  RETURN_IF_ERROR(v.Status());
  return Change(
      caller, id, etag,
      [&](sql::Session&, Proposal& p) -> absl::StatusOr<StepDone> {
        if (p.status != ProposalStatus::kAssigned) {
          return absl::FailedPreconditionError("the proposal awaits no reply");
        }
        if (*date < p.submitted_date)
          return InvalidField("reply_date", "is before submission");
        p.reply = std::string(reply);
        p.reply_date = *date;
        p.replied_on_time = *date <= *p.reply_deadline;
        p.status = ProposalStatus::kReplied;
        return StepDone{"replied", p.replied_on_time ? "on time" : "late"};
      });
}

absl::StatusOr<Proposal> Proposals::Rate(const auth::Caller& caller,
                                         absl::string_view id,
                                         ProposalRating rating,
                                         absl::string_view note,
                                         absl::string_view new_reply_deadline,
                                         absl::string_view etag) {
  Violations v;
  if (rating == ProposalRating::kUnspecified) v.Add("rating", "is required");
  v.Merge("note", CheckText("note", note, kMaxReason, Required::kNo));
  RETURN_IF_ERROR(v.Status());
  const absl::CivilDay today = clock_->Today();
  return Change(
      caller, id, etag,
      [&](sql::Session&, Proposal& p) -> absl::StatusOr<StepDone> {
        if (p.status != ProposalStatus::kReplied) {
          return absl::FailedPreconditionError(
              "the proposal has no reply to rate");
        }
        if (rating == ProposalRating::kUnsatisfied && !p.reopened) {
          ASSIGN_OR_RETURN(
              absl::CivilDay deadline,
              ParseDeadline("new_reply_deadline", new_reply_deadline, today));
          p.reopened = true;
          p.reply_deadline = deadline;
          p.reply.clear();
          p.reply_date.reset();
          p.replied_on_time = false;
          p.status = ProposalStatus::kAssigned;
          return StepDone{"reopened",
                          absl::StrCat("不满意, due ", FormatDate(deadline),
                                       note.empty() ? "" : ": ", note)};
        }
        p.rating = rating;
        p.status = ProposalStatus::kRated;
        return StepDone{"rated", std::string(note)};
      });
}

absl::StatusOr<std::vector<ProposalStep>> Proposals::ListSteps(
    const auth::Caller& caller, absl::string_view proposal_id) {
  return db_->Read(
      [&](sql::Session& s) -> absl::StatusOr<std::vector<ProposalStep>> {
        ASSIGN_OR_RETURN(
            Proposal p, VisibleProposal(s, caller, "proposal_id", proposal_id));
        return store_.ListSteps(s, p.id);
      });
}

absl::StatusOr<std::vector<std::string>> Proposals::SetDepartments(
    const auth::Caller& caller, absl::string_view organisation_id,
    const std::vector<std::string>& departments) {
  Violations v;
  v.Merge("organisation_id", CheckId("organisation_id", organisation_id));
  if (departments.size() > kMaxDepartments) {
    v.Add("departments",
          absl::StrCat("holds at most ", kMaxDepartments, " departments"));
  }
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i < departments.size() && i < kMaxDepartments; ++i) {
    std::string field = absl::StrCat("departments[", i, "]");
    v.Merge(field,
            CheckText(field, departments[i], kMaxDepartment, Required::kYes));
    if (!seen.insert(departments[i]).second) v.Add(field, "is named twice");
  }
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      clients::OrganisationRef org,
      membership_->GetOrganisation(caller, "organisation_id", organisation_id));
  return db_->Write(
      [&](sql::Session& s) -> absl::StatusOr<std::vector<std::string>> {
        RETURN_IF_ERROR(store_.SetDepartments(s, org.id, departments));
        v1::SetProposalDepartmentsResponse payload;
        for (const std::string& d : departments) payload.add_departments(d);
        RETURN_IF_ERROR(outbox::Record(
            s, caller, *clock_,
            {"democracy.proposal_departments.set", org.id, org.path, &payload,
             absl::StrCat(departments.size(), " departments")}));
        return departments;
      });
}

absl::StatusOr<std::vector<std::string>> Proposals::GetDepartments(
    const auth::Caller& caller, absl::string_view organisation_id) {
  RETURN_IF_ERROR(CheckId("organisation_id", organisation_id));
  ASSIGN_OR_RETURN(
      clients::OrganisationRef org,
      membership_->GetOrganisation(caller, "organisation_id", organisation_id));
  return db_->Read(
      [&](sql::Session& s) { return store_.Departments(s, org.id); });
}

absl::StatusOr<int> Proposals::Publish(const auth::Caller& caller,
                                       absl::string_view session_id,
                                       absl::string_view published_date) {
  Violations v;
  v.Merge("session_id", CheckId("session_id", session_id));
  auto date = ParsePastDate("published_date", published_date, clock_->Today());
  v.Merge("published_date", date.status());
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<int> {
    ASSIGN_OR_RETURN(
        CongressSession c,
        VisibleSession(congress_, s, caller, "session_id", session_id));
    ASSIGN_OR_RETURN(int64_t published, store_.Publish(s, c.id, *date));
    v1::PublishProposalsResponse payload;
    payload.set_published(static_cast<int>(published));
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {"democracy.proposals.published", c.id, c.organisation_path, &payload,
         absl::StrCat(published, " published on ", FormatDate(*date))}));
    return static_cast<int>(published);
  });
}

absl::StatusOr<ProposalFigures> Proposals::Summarize(
    const auth::Caller& caller, absl::string_view session_id) {
  RETURN_IF_ERROR(CheckId("session_id", session_id));
  const absl::CivilDay today = clock_->Today();
  ASSIGN_OR_RETURN(
      std::vector<Proposal> all,
      db_->Read([&](sql::Session& s) -> absl::StatusOr<std::vector<Proposal>> {
        RETURN_IF_ERROR(
            VisibleSession(congress_, s, caller, "session_id", session_id)
                .status());
        return store_.ListAll(s, session_id);
      }));
  ProposalFigures f;
  for (const Proposal& p : all) {
    ++f.received;
    switch (p.status) {
      case ProposalStatus::kSubmitted:
        ++f.awaiting_triage;
        break;
      case ProposalStatus::kSuggestion:
        ++f.suggestions;
        break;
      case ProposalStatus::kRejected:
        ++f.rejected;
        break;
      case ProposalStatus::kMerged:
        ++f.merged;
        break;
      default:
        ++f.accepted;
    }
    if (p.reply_date) {
      ++f.replied;
      if (p.replied_on_time) ++f.replied_on_time;
    }
    if (p.status == ProposalStatus::kAssigned && *p.reply_deadline < today)
      ++f.overdue;
    if (p.status == ProposalStatus::kRated) {
      ++f.rated;
      if (p.rating == ProposalRating::kSatisfied) ++f.satisfied;
      if (p.rating == ProposalRating::kBasicallySatisfied)
        ++f.basically_satisfied;
      if (p.rating == ProposalRating::kUnsatisfied) ++f.unsatisfied;
    }
  }
  return f;
}

}  // namespace unionhub::democracy
