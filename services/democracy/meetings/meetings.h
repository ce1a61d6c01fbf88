// A congress session's agenda, attendance and votes. Attendance is taken at
// an open session for the term's seated representatives. A vote opens on an
// agenda item only with two thirds of ALL seated representatives present, and
// freezes that count: it passes with more than half of all of them voting for
// (IsQuorum and Passes in domain.h). Each present representative votes once;
// a closed vote never changes, and its resolution is recorded as it closed.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETINGS_H_
#define UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETINGS_H_

#include <string>
#include <utility>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/democracy/congress/congress_store.h"
#include "services/democracy/meetings/meeting_store.h"
#include "services/democracy/representatives/representative_store.h"

namespace unionhub::democracy {

struct NewAgendaItem {
  std::string session_id;
  AgendaItemKind kind = AgendaItemKind::kUnspecified;
  std::string title;
  std::string description;
};

class Meetings final {
 public:
  Meetings(sql::Database* db, const Clock* clock) : db_(db), clock_(clock) {}

  absl::StatusOr<AgendaItem> AddItem(const auth::Caller& caller,
                                     const outbox::RequestKey& idempotency,
                                     const NewAgendaItem& request);
  absl::StatusOr<Page<AgendaItem>> ListItems(const auth::Caller& caller,
                                             absl::string_view session_id,
                                             int page_size,
                                             absl::string_view page_token);
  absl::StatusOr<AttendanceSummary> RecordAttendance(
      const auth::Caller& caller, absl::string_view session_id,
      const std::vector<Attendance>& entries);
  absl::StatusOr<std::pair<std::vector<Attendance>, AttendanceSummary>>
  GetAttendance(const auth::Caller& caller, absl::string_view session_id);

  absl::StatusOr<Vote> OpenVote(const auth::Caller& caller,
                                const outbox::RequestKey& idempotency,
                                absl::string_view agenda_item_id,
                                absl::string_view question);
  // The same ballot again (a retry) answers as the first did; another
  // choice of a representative who voted is ALREADY_EXISTS.
  absl::StatusOr<Ballot> Cast(const auth::Caller& caller,
                              absl::string_view vote_id,
                              absl::string_view representative_id,
                              VoteChoice choice);
  absl::StatusOr<Vote> CloseVote(const auth::Caller& caller,
                                 absl::string_view id,
                                 absl::string_view resolution_text);
  // An open vote comes with its counts so far.
  absl::StatusOr<Vote> GetVote(const auth::Caller& caller,
                               absl::string_view id);
  absl::StatusOr<Page<Vote>> ListVotes(const auth::Caller& caller,
                                       absl::string_view session_id,
                                       int page_size,
                                       absl::string_view page_token);
  absl::StatusOr<Page<Ballot>> ListBallots(const auth::Caller& caller,
                                           absl::string_view vote_id,
                                           int page_size,
                                           absl::string_view page_token);

 private:
  absl::StatusOr<Vote> VisibleVote(sql::Session& s, const auth::Caller& caller,
                                   absl::string_view field,
                                   absl::string_view id);

  sql::Database* db_;
  CongressStore congress_;
  RepresentativeStore representatives_;
  MeetingStore store_;
  const Clock* clock_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETINGS_H_
