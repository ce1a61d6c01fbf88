#include "services/democracy/proposals/proposal_store.h"

#include <array>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::democracy {
namespace {

constexpr int kAuthor = 1;
constexpr int kCoSigner = 2;

constexpr char kColumns[] =
    "id, session_id, term_id, organisation_id, organisation_path, number, "
    "title, content, proposer_id, status, triage_reason, merged_into_id, "
    "department, reply_deadline, reply, reply_date, replied_on_time, rating, "
    "reopened, published_date, submitted_date, create_time, etag";

absl::StatusOr<Proposal> Read(sql::Statement& st) {
  Proposal p;
  p.id = st.Text(0);
  p.session_id = st.Text(1);
  p.term_id = st.Text(2);
  p.organisation_id = st.Text(3);
  p.organisation_path = st.Text(4);
  p.number = static_cast<int>(st.Int(5));
  p.title = st.Text(6);
  p.content = st.Text(7);
  p.proposer_id = st.Text(8);
  p.status = static_cast<ProposalStatus>(st.Int(9));
  p.triage_reason = st.Text(10);
  p.merged_into_id = st.Text(11);
  p.department = st.Text(12);
  ASSIGN_OR_RETURN(p.reply_deadline, st.OptionalDate(13));
  p.reply = st.Text(14);
  ASSIGN_OR_RETURN(p.reply_date, st.OptionalDate(15));
  p.replied_on_time = st.Int(16) != 0;
  p.rating = static_cast<ProposalRating>(st.Int(17));
  p.reopened = st.Int(18) != 0;
  ASSIGN_OR_RETURN(p.published_date, st.OptionalDate(19));
  ASSIGN_OR_RETURN(p.submitted_date, st.Date(20));
  ASSIGN_OR_RETURN(p.create_time, st.Timestamp(21));
  p.etag = st.Text(22);
  return p;
}

// Fills the signers of `proposals` in one query.
absl::Status LoadSigners(sql::Session& s, std::vector<Proposal>& proposals) {
  if (proposals.empty()) return absl::OkStatus();
  std::string sql =
      "SELECT proposal_id, representative_id, role FROM proposal_signers "
      "WHERE proposal_id IN (";
  for (size_t i = 0; i < proposals.size(); ++i) sql += i ? ", ?" : "?";
  sql += ") ORDER BY proposal_id, position";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  absl::flat_hash_map<std::string, Proposal*> by_id;
  for (size_t i = 0; i < proposals.size(); ++i) {
    st->BindText(static_cast<int>(i) + 1, proposals[i].id);
    by_id[proposals[i].id] = &proposals[i];
  }
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    Proposal* p = by_id[st->Text(0)];
    (st->Int(2) == kAuthor ? p->author_ids : p->co_signer_ids)
        .push_back(st->Text(1));
  }
  return absl::OkStatus();
}

constexpr std::array<ProposalStatus, 3> kFinished = {
    ProposalStatus::kRated, ProposalStatus::kSuggestion,
    ProposalStatus::kRejected};

}  // namespace

absl::StatusOr<int> ProposalStore::NumberNext(sql::Session& s,
                                              absl::string_view session_id) {
  RETURN_IF_ERROR(s.Execute("UPDATE congress_sessions SET proposals_numbered "
                            "= proposals_numbered + 1 WHERE id = ?",
                            session_id)
                      .status());
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT proposals_numbered FROM congress_sessions "
                           "WHERE id = ?",
                           session_id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::InternalError("the session went away");
  return static_cast<int>(st->Int(0));
}

absl::StatusOr<std::optional<Proposal>> ProposalStore::Find(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kColumns, " FROM proposals WHERE id = ?"),
              id));
  ASSIGN_OR_RETURN(std::optional<Proposal> found, sql::ReadOne(*st, Read));
  if (!found) return found;
  std::vector<Proposal> one = {*std::move(found)};
  RETURN_IF_ERROR(LoadSigners(s, one));
  return std::move(one[0]);
}

absl::Status ProposalStore::Insert(sql::Session& s, const Proposal& p) {
  RETURN_IF_ERROR(
      s.Execute(absl::StrCat("INSERT INTO proposals (", kColumns,
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                p.id, p.session_id, p.term_id, p.organisation_id,
                p.organisation_path, p.number, p.title, p.content,
                p.proposer_id, static_cast<int>(p.status), p.triage_reason,
                p.merged_into_id, p.department,
                sql::DateOrNull(p.reply_deadline), p.reply,
                sql::DateOrNull(p.reply_date), p.replied_on_time ? 1 : 0,
                static_cast<int>(p.rating), p.reopened ? 1 : 0,
                sql::DateOrNull(p.published_date), FormatDate(p.submitted_date),
                FormatTimestamp(p.create_time), p.etag)
          .status());
  return ReplaceSigners(s, p);
}

absl::Status ProposalStore::Update(sql::Session& s, const Proposal& p) {
  return s
      .Execute(
          "UPDATE proposals SET status = ?, triage_reason = ?, "
          "merged_into_id = ?, department = ?, reply_deadline = ?, reply = ?, "
          "reply_date = ?, replied_on_time = ?, rating = ?, reopened = ?, "
          "published_date = ?, etag = ? WHERE id = ?",
          static_cast<int>(p.status), p.triage_reason, p.merged_into_id,
          p.department, sql::DateOrNull(p.reply_deadline), p.reply,
          sql::DateOrNull(p.reply_date), p.replied_on_time ? 1 : 0,
          static_cast<int>(p.rating), p.reopened ? 1 : 0,
          sql::DateOrNull(p.published_date), p.etag, p.id)
      .status();
}

absl::Status ProposalStore::ReplaceSigners(sql::Session& s, const Proposal& p) {
  RETURN_IF_ERROR(
      s.Execute("DELETE FROM proposal_signers WHERE proposal_id = ?", p.id)
          .status());
  int position = 0;
  for (const auto& [ids, role] :
       {std::pair{&p.author_ids, kAuthor}, {&p.co_signer_ids, kCoSigner}}) {
    for (const std::string& id : *ids) {
      RETURN_IF_ERROR(s.Execute("INSERT INTO proposal_signers (proposal_id, "
                                "representative_id, role, position) VALUES "
                                "(?, ?, ?, ?)",
                                p.id, id, role, ++position)
                          .status());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Proposal>> ProposalStore::List(
    sql::Session& s, absl::string_view session_id, ProposalStatus status,
    std::optional<absl::CivilDay> overdue_on, int after_number, int limit) {
  std::string sql = absl::StrCat("SELECT ", kColumns,
                                 " FROM proposals WHERE session_id = ? AND "
                                 "number > ?");
  if (status != ProposalStatus::kUnspecified) sql += " AND status = ?";
  if (overdue_on) sql += " AND status = ? AND reply_deadline < ?";
  sql += " ORDER BY number LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, session_id);
  st->BindInt(++i, after_number);
  if (status != ProposalStatus::kUnspecified)
    st->BindInt(++i, static_cast<int>(status));
  if (overdue_on) {
    st->BindInt(++i, static_cast<int>(ProposalStatus::kAssigned));
    st->BindText(++i, FormatDate(*overdue_on));
  }
  st->BindInt(++i, limit);
  ASSIGN_OR_RETURN(std::vector<Proposal> rows,
                   sql::ReadRows<Proposal>(*st, Read));
  RETURN_IF_ERROR(LoadSigners(s, rows));
  return rows;
}

absl::StatusOr<std::vector<Proposal>> ProposalStore::ListAll(
    sql::Session& s, absl::string_view session_id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kColumns,
                                        " FROM proposals WHERE session_id = ?"),
                           session_id));
  return sql::ReadRows<Proposal>(*st, Read);
}

absl::StatusOr<int64_t> ProposalStore::Publish(sql::Session& s,
                                               absl::string_view session_id,
                                               absl::CivilDay day) {
  return s.Execute(
      "UPDATE proposals SET published_date = ? WHERE session_id = ? AND "
      "published_date IS NULL AND status IN (?, ?, ?)",
      FormatDate(day), session_id, static_cast<int>(kFinished[0]),
      static_cast<int>(kFinished[1]), static_cast<int>(kFinished[2]));
}

absl::Status ProposalStore::AppendStep(sql::Session& s,
                                       absl::string_view proposal_id,
                                       const ProposalStep& step) {
  return s.Defer(
      "INSERT INTO proposal_steps (proposal_id, id, action, status, note, "
      "key_id, record_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
      proposal_id, NewId(), step.action, static_cast<int>(step.status),
      step.note, step.key_id, FormatTimestamp(step.time));
}

absl::StatusOr<std::vector<ProposalStep>> ProposalStore::ListSteps(
    sql::Session& s, absl::string_view proposal_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT action, status, note, key_id, record_time FROM "
              "proposal_steps WHERE proposal_id = ? ORDER BY id",
              proposal_id));
  return sql::ReadRows<ProposalStep>(
      *st, [](sql::Statement& st) -> absl::StatusOr<ProposalStep> {
        ProposalStep step;
        step.action = st.Text(0);
        step.status = static_cast<ProposalStatus>(st.Int(1));
        step.note = st.Text(2);
        step.key_id = st.Text(3);
        ASSIGN_OR_RETURN(step.time, st.Timestamp(4));
        return step;
      });
}

absl::StatusOr<std::vector<std::string>> ProposalStore::Departments(
    sql::Session& s, absl::string_view organisation_id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT name FROM proposal_departments WHERE "
                           "organisation_id = ? ORDER BY position",
                           organisation_id));
  return sql::ReadRows<std::string>(
      *st, [](sql::Statement& st) -> absl::StatusOr<std::string> {
        return st.Text(0);
      });
}

absl::Status ProposalStore::SetDepartments(
    sql::Session& s, absl::string_view organisation_id,
    const std::vector<std::string>& names) {
  RETURN_IF_ERROR(s.Execute("DELETE FROM proposal_departments WHERE "
                            "organisation_id = ?",
                            organisation_id)
                      .status());
  for (size_t i = 0; i < names.size(); ++i) {
    RETURN_IF_ERROR(s.Execute("INSERT INTO proposal_departments "
                              "(organisation_id, position, name) VALUES (?, "
                              "?, ?)",
                              organisation_id, static_cast<int>(i + 1),
                              names[i])
                        .status());
  }
  return absl::OkStatus();
}

}  // namespace unionhub::democracy
