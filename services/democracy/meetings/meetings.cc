#include "services/democracy/meetings/meetings.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
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
constexpr size_t kMaxDescription = 1000;
constexpr size_t kMaxNote = 200;
constexpr size_t kMaxQuestion = 200;
constexpr size_t kMaxResolution = 2000;
constexpr size_t kMaxEntries = 1000;

absl::Status RecordVote(sql::Session& s, const auth::Caller& caller,
                        const Clock& clock, const char* type, const Vote& v,
                        std::string detail = "") {
  v1::Vote payload = ToProto(v);
  return outbox::Record(
      s, caller, clock,
      {type, v.id, v.organisation_path, &payload, std::move(detail)});
}

}  // namespace

absl::StatusOr<Vote> Meetings::VisibleVote(sql::Session& s,
                                           const auth::Caller& caller,
                                           absl::string_view field,
                                           absl::string_view id) {
  return auth::FindVisible(
      caller, "vote", field, id, &Vote::organisation_path,
      [&](absl::string_view id) { return store_.FindVote(s, id); });
}

absl::StatusOr<AgendaItem> Meetings::AddItem(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewAgendaItem& request) {
  const NewAgendaItem& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("item.session_id", CheckId("item.session_id", n.session_id));
  if (n.kind == AgendaItemKind::kUnspecified) v.Add("item.kind", "is required");
  v.Merge("item.title",
          CheckText("item.title", n.title, kMaxTitle, Required::kYes));
  v.Merge("item.description", CheckText("item.description", n.description,
                                        kMaxDescription, Required::kNo));
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<AgendaItem> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<AgendaItem> {
          ASSIGN_OR_RETURN(CongressSession c,
                           VisibleSession(congress_, s, caller,
                                          "item.session_id", n.session_id));
          if (c.status == SessionStatus::kClosed) {
            return absl::FailedPreconditionError("the session is closed");
          }
          AgendaItem a;
          a.id = NewId();
          a.session_id = c.id;
          a.organisation_id = c.organisation_id;
          a.organisation_path = c.organisation_path;
          ASSIGN_OR_RETURN(a.position, store_.PlaceNextItem(s, c.id));
          a.kind = n.kind;
          a.title = n.title;
          a.description = n.description;
          a.create_time = clock_->Now();
          RETURN_IF_ERROR(store_.InsertItem(s, a));
          v1::AgendaItem payload = ToProto(a);
          RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                         {"democracy.agenda_item.added", a.id,
                                          a.organisation_path, &payload, ""}));
          return a;
        },
        [](const AgendaItem& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(store_.FindItem(s, id));
        });
  });
}

absl::StatusOr<Page<AgendaItem>> Meetings::ListItems(
    const auth::Caller& caller, absl::string_view session_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'a', 1);
  v.Merge("session_id", CheckId("session_id", session_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(int after, page.after_number());
  ASSIGN_OR_RETURN(
      std::vector<AgendaItem> rows,
      db_->Read(
          [&](sql::Session& s) -> absl::StatusOr<std::vector<AgendaItem>> {
            RETURN_IF_ERROR(
                VisibleSession(congress_, s, caller, "session_id", session_id)
                    .status());
            return store_.ListItems(s, session_id, after, page.limit());
          }));
  return MakePage(std::move(rows), page.size, 'a', [](const AgendaItem& a) {
    return std::vector<std::string>{absl::StrCat(a.position)};
  });
}

absl::StatusOr<AttendanceSummary> Meetings::RecordAttendance(
    const auth::Caller& caller, absl::string_view session_id,
    const std::vector<Attendance>& entries) {
  Violations v;
  v.Merge("session_id", CheckId("session_id", session_id));
  if (entries.empty() || entries.size() > kMaxEntries) {
    v.Add("entries", absl::StrCat("must hold 1 to ", kMaxEntries, " entries"));
  }
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i < entries.size() && i < kMaxEntries; ++i) {
    const Attendance& a = entries[i];
    std::string at = absl::StrCat("entries[", i, "]");
    v.Merge(at + ".representative_id",
            CheckId(at + ".representative_id", a.representative_id));
    if (!seen.insert(a.representative_id).second)
      v.Add(at + ".representative_id", "is given twice");
    if (a.status == AttendanceStatus::kUnspecified)
      v.Add(at + ".status", "is required");
    v.Merge(at + ".note",
            CheckText(at + ".note", a.note, kMaxNote, Required::kNo));
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<AttendanceSummary> {
    ASSIGN_OR_RETURN(
        CongressSession c,
        VisibleSession(congress_, s, caller, "session_id", session_id));
    if (c.status != SessionStatus::kOpen) {
      return absl::FailedPreconditionError(
          "attendance is taken while the session is open");
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      ASSIGN_OR_RETURN(std::optional<Representative> r,
                       representatives_.Find(s, entries[i].representative_id));
      if (!r || r->term_id != c.term_id || !r->seated()) {
        return InvalidField(
            absl::StrCat("entries[", i, "].representative_id"),
            "is not a seated representative of the session's term");
      }
      RETURN_IF_ERROR(store_.PutAttendance(s, c.id, entries[i]));
    }
    ASSIGN_OR_RETURN(AttendanceSummary summary,
                     store_.Summarize(s, c.id, c.term_id));
    v1::AttendanceSummary payload = ToProto(summary);
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {"democracy.attendance.recorded", c.id, c.organisation_path, &payload,
         absl::StrCat(entries.size(), " entries")}));
    return summary;
  });
}

absl::StatusOr<std::pair<std::vector<Attendance>, AttendanceSummary>>
Meetings::GetAttendance(const auth::Caller& caller,
                        absl::string_view session_id) {
  using Result = std::pair<std::vector<Attendance>, AttendanceSummary>;
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<Result> {
    ASSIGN_OR_RETURN(
        CongressSession c,
        VisibleSession(congress_, s, caller, "session_id", session_id));
    Result out;
    ASSIGN_OR_RETURN(out.first, store_.ListAttendance(s, c.id));
    ASSIGN_OR_RETURN(out.second, store_.Summarize(s, c.id, c.term_id));
    return out;
  });
}

absl::StatusOr<Vote> Meetings::OpenVote(const auth::Caller& caller,
                                        const outbox::RequestKey& idempotency,
                                        absl::string_view agenda_item_id,
                                        absl::string_view question) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("agenda_item_id", CheckId("agenda_item_id", agenda_item_id));
  v.Merge("question",
          CheckText("question", question, kMaxQuestion, Required::kYes));
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Vote> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Vote> {
          ASSIGN_OR_RETURN(
              AgendaItem item,
              auth::FindVisible(caller, "agenda item", "agenda_item_id",
                                agenda_item_id, &AgendaItem::organisation_path,
                                [&](absl::string_view id) {
                                  return store_.FindItem(s, id);
                                }));
          ASSIGN_OR_RETURN(CongressSession c,
                           VisibleSession(congress_, s, caller,
                                          "agenda_item_id", item.session_id));
          if (c.status != SessionStatus::kOpen) {
            return absl::FailedPreconditionError(
                "votes are taken while the session is open");
          }
          ASSIGN_OR_RETURN(bool open, store_.ItemHasOpenVote(s, item.id));
          if (open) {
            return absl::FailedPreconditionError(
                "a vote on this agenda item is open already");
          }
          ASSIGN_OR_RETURN(AttendanceSummary at,
                           store_.Summarize(s, c.id, c.term_id));
          if (!at.quorum) {
            return absl::FailedPreconditionError(absl::StrCat(
                "no quorum: ", at.present, " of ", at.representatives,
                " representatives present, two thirds (",
                QuorumOf(at.representatives), ") needed"));
          }
          Vote vote;
          vote.id = NewId();
          vote.agenda_item_id = item.id;
          vote.session_id = c.id;
          vote.term_id = c.term_id;
          vote.organisation_id = c.organisation_id;
          vote.organisation_path = c.organisation_path;
          vote.question = std::string(question);
          vote.status = VoteStatus::kOpen;
          vote.representatives = at.representatives;
          vote.present = at.present;
          vote.open_time = clock_->Now();
          RETURN_IF_ERROR(store_.InsertVote(s, vote));
          RETURN_IF_ERROR(
              RecordVote(s, caller, *clock_, "democracy.vote.opened", vote));
          return vote;
        },
        [](const Vote& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(store_.FindVote(s, id));
        });
  });
}

absl::StatusOr<Ballot> Meetings::Cast(const auth::Caller& caller,
                                      absl::string_view vote_id,
                                      absl::string_view representative_id,
                                      VoteChoice choice) {
  Violations v;
  v.Merge("vote_id", CheckId("vote_id", vote_id));
  v.Merge("representative_id", CheckId("representative_id", representative_id));
  if (choice == VoteChoice::kUnspecified) v.Add("choice", "is required");
  RETURN_IF_ERROR(v.Status());
  const Ballot ballot{std::string(vote_id), std::string(representative_id),
                      choice};
  // One read checks everything and the ballot goes in at commit: a vote is
  // three round trips on MySQL (begin, read, commit).
  absl::StatusOr<Ballot> cast =
      db_->Write([&](sql::Session& s) -> absl::StatusOr<Ballot> {
        ASSIGN_OR_RETURN(
            MeetingStore::BallotContext c,
            auth::FindVisible(caller, "vote", "vote_id", vote_id,
                              &MeetingStore::BallotContext::organisation_path,
                              [&](absl::string_view id) {
                                return store_.FindBallotContext(
                                    s, id, representative_id);
                              }));
        if (c.vote.status != VoteStatus::kOpen) {
          // A retry that comes after the close still answers as its first
          // run did (no one inserts into a closed vote: no gap to lock).
          ASSIGN_OR_RETURN(std::optional<VoteChoice> earlier,
                           store_.FindBallot(s, c.vote.id, representative_id));
          if (earlier == choice) return ballot;
          return absl::FailedPreconditionError(
              "the vote is closed; its result never changes");
        }
        if (c.term_id != c.vote.term_id ||
            c.status != RepresentativeStatus::kQualified) {
          return InvalidField("representative_id",
                              "is not a seated representative of the term");
        }
        if (c.attendance != AttendanceStatus::kPresent) {
          return absl::FailedPreconditionError(
              "the representative is not recorded present at the session");
        }
        RETURN_IF_ERROR(store_.DeferBallot(s, ballot));
        v1::Ballot payload = ToProto(ballot);
        RETURN_IF_ERROR(
            outbox::Record(s, caller, *clock_,
                           {"democracy.vote.cast", c.vote.id,
                            c.vote.organisation_path, &payload, ""}));
        return ballot;
      });
  if (cast.status().code() != absl::StatusCode::kAlreadyExists) return cast;
  // The representative had voted: the same vote again is a retry and
  // answers as the first did.
  ASSIGN_OR_RETURN(std::optional<VoteChoice> earlier,
                   db_->Read([&](sql::Session& s) {
                     return store_.FindBallot(s, vote_id, representative_id);
                   }));
  if (earlier != choice) {
    return absl::AlreadyExistsError(
        "the representative has voted already, otherwise");
  }
  return ballot;
}

absl::StatusOr<Vote> Meetings::CloseVote(const auth::Caller& caller,
                                         absl::string_view id,
                                         absl::string_view resolution_text) {
  RETURN_IF_ERROR(CheckText("resolution_text", resolution_text, kMaxResolution,
                            Required::kNo));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Vote> {
    ASSIGN_OR_RETURN(Vote vote, VisibleVote(s, caller, "id", id));
    if (vote.status != VoteStatus::kOpen) {
      return absl::FailedPreconditionError(
          "the vote is closed; its result never changes");
    }
    RETURN_IF_ERROR(store_.CountBallots(s, vote));
    const bool passed = Passes(vote.votes_for, vote.representatives);
    if (passed && resolution_text.empty()) {
      return InvalidField("resolution_text",
                          "is required: the vote passed, record the "
                          "resolution adopted");
    }
    vote.status = VoteStatus::kClosed;
    vote.outcome = passed ? VoteOutcome::kPassed : VoteOutcome::kRejected;
    vote.resolution_text = passed ? std::string(resolution_text) : "";
    vote.close_time = clock_->Now();
    RETURN_IF_ERROR(store_.UpdateVote(s, vote));
    RETURN_IF_ERROR(RecordVote(
        s, caller, *clock_, "democracy.vote.closed", vote,
        absl::StrCat(passed ? "passed " : "rejected ", vote.votes_for, " for, ",
                     vote.votes_against, " against, ", vote.abstentions,
                     " abstaining of ", vote.representatives)));
    return vote;
  });
}

absl::StatusOr<Vote> Meetings::GetVote(const auth::Caller& caller,
                                       absl::string_view id) {
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<Vote> {
    ASSIGN_OR_RETURN(Vote vote, VisibleVote(s, caller, "id", id));
    if (vote.status == VoteStatus::kOpen)
      RETURN_IF_ERROR(store_.CountBallots(s, vote));
    return vote;
  });
}

absl::StatusOr<Page<Vote>> Meetings::ListVotes(const auth::Caller& caller,
                                               absl::string_view session_id,
                                               int page_size,
                                               absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'v', 1);
  v.Merge("session_id", CheckId("session_id", session_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<Vote> rows,
      db_->Read([&](sql::Session& s) -> absl::StatusOr<std::vector<Vote>> {
        RETURN_IF_ERROR(
            VisibleSession(congress_, s, caller, "session_id", session_id)
                .status());
        ASSIGN_OR_RETURN(
            std::vector<Vote> votes,
            store_.ListVotes(s, session_id, page.after_id(), page.limit()));
        for (Vote& vote : votes) {
          if (vote.status == VoteStatus::kOpen)
            RETURN_IF_ERROR(store_.CountBallots(s, vote));
        }
        return votes;
      }));
  return MakePageById(std::move(rows), page.size, 'v');
}

absl::StatusOr<Page<Ballot>> Meetings::ListBallots(
    const auth::Caller& caller, absl::string_view vote_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'b', 1);
  v.Merge("vote_id", CheckId("vote_id", vote_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<Ballot> rows,
      db_->Read([&](sql::Session& s) -> absl::StatusOr<std::vector<Ballot>> {
        ASSIGN_OR_RETURN(Vote vote, VisibleVote(s, caller, "vote_id", vote_id));
        if (vote.status != VoteStatus::kClosed) {
          return absl::FailedPreconditionError(
              "the ballots are shown once the vote is closed");
        }
        return store_.ListBallots(s, vote.id, page.after_id(), page.limit());
      }));
  return MakePage(std::move(rows), page.size, 'b', [](const Ballot& b) {
    return std::vector<std::string>{b.representative_id};
  });
}

}  // namespace unionhub::democracy
