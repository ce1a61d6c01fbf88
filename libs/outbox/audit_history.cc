#include "libs/outbox/audit_history.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/proto_time.h"

namespace unionhub::outbox {
namespace {

constexpr char kTokenKind = 'A';

// The query as SQL: conditions joined by AND, with their arguments in order.
struct Filter {
  std::string where;
  std::vector<std::string> args;
  void Add(absl::string_view condition, std::vector<std::string> values) {
    absl::StrAppend(&where, where.empty() ? " WHERE " : " AND ", condition);
    for (auto& v : values) args.push_back(std::move(v));
  }
};

absl::StatusOr<std::string> TimeOf(const google::protobuf::Timestamp& t,
                                   absl::string_view field) {
  if (t.nanos() < 0 || t.nanos() > 999'999'999 || t.seconds() < 0 ||
      t.seconds() > 253'402'300'799) {  // 1970 .. 9999, as stored.
    return InvalidField(field, "is not a valid time");
  }
  return FormatTimestamp(rpc::FromProtoTime(t));
}

}  // namespace

absl::StatusOr<Page<audit::v1::AuditRecord>> ListAuditRecords(
    sql::Database& db, const OrganisationPathOf& path_of,
    const auth::Caller& caller, const audit::v1::AuditQuery& query,
    int page_size, const std::string& page_token) {
  if (!caller.MayWrite() || caller.organisation_path.empty()) {
    return absl::PermissionDeniedError(
        "audit records are for union and federation admins");
  }
  Violations v;
  if (!query.subject_id().empty() && !IsValidId(query.subject_id()))
    v.Add("query.subject_id", "is not a valid id");
  if (!query.organisation_id().empty() && !IsValidId(query.organisation_id()))
    v.Add("query.organisation_id", "is not a valid id");
  // As stored; none: that end of the range is open.
  auto stored_time =
      [&](bool given, const google::protobuf::Timestamp& t,
          absl::string_view field) -> std::optional<std::string> {
    if (!given) return std::nullopt;
    absl::StatusOr<std::string> stored = TimeOf(t, field);
    if (stored.ok()) return *std::move(stored);
    v.Merge(field, stored.status());
    return std::nullopt;
  };
  std::optional<std::string> start = stored_time(
      query.has_start_time(), query.start_time(), "query.start_time");
  std::optional<std::string> end =
      stored_time(query.has_end_time(), query.end_time(), "query.end_time");
  if (start && end && *end <= *start)
    v.Add("query.end_time", "must be after query.start_time");
  PageRequest page = ReadPageRequest(v, page_size, page_token, kTokenKind, 2);
  RETURN_IF_ERROR(v.Status());
  // The subtree asked for (NOT_FOUND when outside the caller's), else theirs.
  std::string subtree = caller.organisation_path;
  if (!query.organisation_id().empty()) {
    ASSIGN_OR_RETURN(subtree, path_of(caller, "query.organisation_id",
                                      query.organisation_id()));
    if (!caller.Covers(subtree)) {
      return absl::NotFoundError(
          absl::StrCat("query.organisation_id: organisation ",
                       query.organisation_id(), " not found"));
    }
  }

  // Paths hold ids and slashes only, so they are safe in LIKE patterns.
  Filter f;
  f.Add("organisation_path LIKE ?", {subtree + "%"});
  if (!query.subject_id().empty())
    f.Add("subject_id = ?", {query.subject_id()});
  if (start) f.Add("occurred_at >= ?", {*start});
  if (end) f.Add("occurred_at < ?", {*end});
  if (!page.after.empty()) {
    f.Add("(occurred_at < ? OR (occurred_at = ? AND id < ?))",
          {page.after[0], page.after[0], page.after[1]});
  }
  std::string sql = absl::StrCat(
      "SELECT id, occurred_at, actor_key_id, actor_organisation_id, "
      "actor_role, action, subject_id, organisation_path, detail "
      "FROM audit_log",
      f.where, " ORDER BY occurred_at DESC, id DESC LIMIT ?");

  ASSIGN_OR_RETURN(
      std::vector<audit::v1::AuditRecord> rows,
      db.Read([&](sql::Session& s)
                  -> absl::StatusOr<std::vector<audit::v1::AuditRecord>> {
        ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
        int i = 0;
        for (const std::string& arg : f.args) st->BindText(++i, arg);
        st->BindInt(++i, page.limit());
        return sql::ReadRows<audit::v1::AuditRecord>(
            *st,
            [](sql::Statement& r) -> absl::StatusOr<audit::v1::AuditRecord> {
              audit::v1::AuditRecord a;
              a.set_id(r.Text(0));
              ASSIGN_OR_RETURN(absl::Time occurred, r.Timestamp(1));
              rpc::SetProtoTime(occurred, a.mutable_occur_time());
              a.set_actor_key_id(r.Text(2));
              a.set_actor_organisation_id(r.Text(3));
              a.set_actor_role(r.Text(4));
              a.set_action(r.Text(5));
              a.set_subject_id(r.Text(6));
              a.set_organisation_path(r.Text(7));
              a.set_detail(r.Text(8));
              return a;
            });
      }));
  return MakePage(std::move(rows), page.size, kTokenKind,
                  [](const audit::v1::AuditRecord& last) {
                    return std::vector<std::string>{
                        FormatTimestamp(rpc::FromProtoTime(last.occur_time())),
                        last.id()};
                  });
}

}  // namespace unionhub::outbox
