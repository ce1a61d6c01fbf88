#include "gateway/key_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"

namespace unionhub::gateway {
namespace {

constexpr char kSelect[] =
    "SELECT id, secret_hash, display_name, organisation_id, "
    "organisation_path, role, create_time, created_by_key_id, expire_time, "
    "revoke_time, revoked_by_key_id, revoke_reason FROM api_keys ";

absl::StatusOr<std::optional<absl::Time>> OptionalTime(sql::Statement& st,
                                                       int column) {
  if (st.IsNull(column)) return std::nullopt;
  ASSIGN_OR_RETURN(absl::Time t, st.Timestamp(column));
  return t;
}

absl::StatusOr<ApiKey> Read(sql::Statement& st) {
  ApiKey k;
  k.id = st.Text(0);
  k.secret_hash = st.Text(1);
  k.display_name = st.Text(2);
  k.organisation_id = st.Text(3);
  k.organisation_path = st.Text(4);
  k.role = static_cast<auth::Role>(st.Int(5));
  ASSIGN_OR_RETURN(k.create_time, st.Timestamp(6));
  k.created_by_key_id = st.Text(7);
  ASSIGN_OR_RETURN(k.expire_time, OptionalTime(st, 8));
  ASSIGN_OR_RETURN(k.revoke_time, OptionalTime(st, 9));
  k.revoked_by_key_id = st.Text(10);
  k.revoke_reason = st.Text(11);
  return k;
}

std::optional<std::string> OptionalTimestamp(std::optional<absl::Time> t) {
  if (!t) return std::nullopt;
  return FormatTimestamp(*t);
}

}  // namespace

absl::Status KeyStore::Insert(sql::Session& s, const ApiKey& k) {
  return s
      .Execute(
          "INSERT INTO api_keys (id, secret_hash, display_name, "
          "organisation_id, organisation_path, role, create_time, "
          "created_by_key_id, expire_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          k.id, k.secret_hash, k.display_name, k.organisation_id,
          k.organisation_path, static_cast<int>(k.role),
          FormatTimestamp(k.create_time), k.created_by_key_id,
          OptionalTimestamp(k.expire_time))
      .status();
}

absl::StatusOr<std::optional<ApiKey>> KeyStore::Find(sql::Session& s,
                                                     absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat(kSelect, "WHERE id = ?"), id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return Read(*st);
}

absl::StatusOr<std::vector<ApiKey>> KeyStore::List(sql::Session& s,
                                                   const KeyListQuery& q) {
  // Paths hold only hex digits and '/', so a prefix range needs no LIKE
  // escaping: everything from the prefix up to the prefix followed by '0'
  // ('/' + 1).
  std::string upper = q.path_prefix;
  upper.back() = '0';
  std::string sql = absl::StrCat(
      kSelect,
      "WHERE organisation_path >= ? AND organisation_path < ? "
      "AND (organisation_path > ? OR (organisation_path = ? AND id > ?)) ");
  if (!q.include_inactive) {
    sql +=
        "AND revoke_time IS NULL AND (expire_time IS NULL OR expire_time > ?) ";
  }
  sql += "ORDER BY organisation_path, id LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  if (q.include_inactive) {
    st->Bind(q.path_prefix, upper, q.after_path, q.after_path, q.after_id,
             q.limit);
  } else {
    st->Bind(q.path_prefix, upper, q.after_path, q.after_path, q.after_id,
             FormatTimestamp(q.now), q.limit);
  }
  return sql::ReadRows<ApiKey>(*st, Read);
}

absl::Status KeyStore::Revoke(sql::Session& s, const ApiKey& k) {
  return s
      .Execute(
          "UPDATE api_keys SET revoke_time = ?, revoked_by_key_id = ?, "
          "revoke_reason = ? WHERE id = ?",
          OptionalTimestamp(k.revoke_time), k.revoked_by_key_id,
          k.revoke_reason, k.id)
      .status();
}

absl::StatusOr<bool> KeyStore::Any(sql::Session& s) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT id FROM api_keys LIMIT 1"));
  return st->Step();
}

absl::StatusOr<int64_t> KeyStore::CountActiveAdmins(
    sql::Session& s, absl::string_view organisation_id, absl::Time now) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(*) FROM api_keys WHERE organisation_id = ? AND "
              "role = ? AND revoke_time IS NULL AND (expire_time IS NULL OR "
              "expire_time > ?)",
              organisation_id, static_cast<int>(auth::Role::kFederationAdmin),
              FormatTimestamp(now)));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

}  // namespace unionhub::gateway
