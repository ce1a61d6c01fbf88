// Repository of a session's agenda, attendance, votes and ballots.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETING_STORE_H_
#define UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETING_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/democracy/domain.h"

namespace unionhub::democracy {

class MeetingStore final {
 public:
  // The next agenda position of the session, taken under its row's lock.
  absl::StatusOr<int> PlaceNextItem(sql::Session& s,
                                    absl::string_view session_id);
  absl::StatusOr<std::optional<AgendaItem>> FindItem(sql::Session& s,
                                                     absl::string_view id);
  absl::Status InsertItem(sql::Session& s, const AgendaItem& a);
  absl::StatusOr<std::vector<AgendaItem>> ListItems(
      sql::Session& s, absl::string_view session_id, int after_position,
      int limit);

  // Replaces the representative's entry for the session.
  absl::Status PutAttendance(sql::Session& s, absl::string_view session_id,
                             const Attendance& a);
  absl::StatusOr<std::vector<Attendance>> ListAttendance(
      sql::Session& s, absl::string_view session_id);
  // The session's attendance among the term's seated representatives.
  absl::StatusOr<AttendanceSummary> Summarize(sql::Session& s,
                                              absl::string_view session_id,
                                              absl::string_view term_id);

  absl::StatusOr<std::optional<Vote>> FindVote(sql::Session& s,
                                               absl::string_view id);
  absl::Status InsertVote(sql::Session& s, const Vote& v);
  // Status, counts, outcome, resolution and close time.
  absl::Status UpdateVote(sql::Session& s, const Vote& v);
  absl::StatusOr<std::vector<Vote>> ListVotes(sql::Session& s,
                                              absl::string_view session_id,
                                              absl::string_view after_id,
                                              int limit);
  absl::StatusOr<bool> ItemHasOpenVote(sql::Session& s,
                                       absl::string_view agenda_item_id);

  // What a ballot is checked against, in one read: the vote, and the
  // representative's term, status and attendance at the vote's session.
  // (Not their ballot: on MySQL, reading where it would go locks the gap
  // every other ballot of the vote goes into, and concurrent voters
  // deadlock. The ballot's primary key refuses a second one at commit.)
  struct BallotContext {
    Vote vote;
    std::string organisation_path;       // The vote's, for visibility.
    std::optional<std::string> term_id;  // None: no such representative.
    RepresentativeStatus status = RepresentativeStatus::kUnspecified;
    std::optional<AttendanceStatus> attendance;
  };
  absl::StatusOr<std::optional<BallotContext>> FindBallotContext(
      sql::Session& s, absl::string_view vote_id,
      absl::string_view representative_id);
  // Inserted at commit: a second ballot of a representative fails the
  // commit with ALREADY_EXISTS (a storage error).
  absl::Status DeferBallot(sql::Session& s, const Ballot& b);
  // The representative's choice in the vote, if they voted.
  absl::StatusOr<std::optional<VoteChoice>> FindBallot(
      sql::Session& s, absl::string_view vote_id,
      absl::string_view representative_id);
  // Fills the vote's votes_for, votes_against and abstentions.
  absl::Status CountBallots(sql::Session& s, Vote& v);
  absl::StatusOr<std::vector<Ballot>> ListBallots(
      sql::Session& s, absl::string_view vote_id,
      absl::string_view after_representative_id, int limit);
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETING_STORE_H_
