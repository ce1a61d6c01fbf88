#include "libs/outbox/idempotency.h"

#include "libs/base/errors.h"
#include "libs/rpc/call.h"
#include "libs/sql/pool.h"

namespace unionhub::outbox {

RequestKey RequestKeyOf(const google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  std::string request_id =
      field ? request.GetReflection()->GetString(request, field) : "";
  return RequestKeyOf(*request.GetDescriptor(), std::move(request_id),
                      rpc::RequestFingerprint(request));
}

RequestKey RequestKeyOf(const google::protobuf::Descriptor& request_type,
                        std::string request_id, std::string fingerprint) {
  const google::protobuf::MethodDescriptor* method =
      rpc::MethodForRequest(&request_type);
  return {std::move(request_id), std::move(fingerprint),
          method ? method->full_name() : request_type.full_name()};
}

absl::Status CheckRequestId(absl::string_view request_id) {
  if (request_id.size() > 100) {
    return InvalidField("request_id", "is longer than 100 characters");
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7E) {
      return InvalidField("request_id", "may hold only printable ASCII");
    }
  }
  return absl::OkStatus();
}

namespace internal {

absl::StatusOr<bool> Claim(sql::Session& s, absl::string_view scope,
                           const RequestKey& key, const Clock& clock) {
  absl::Status inserted =
      s.Execute(
           "INSERT INTO idempotency_keys (scope, request_id, method, "
           "fingerprint, resource_id, answer, created_at) "
           "VALUES (?, ?, ?, ?, '', ?, ?)",
           scope, key.request_id, key.method, key.fingerprint, sql::Blob{""},
           FormatTimestamp(clock.Now()))
          .status();
  if (inserted.code() == absl::StatusCode::kAlreadyExists &&
      IsStorageError(inserted)) {
    return false;  // An earlier run committed it.
  }
  RETURN_IF_ERROR(inserted);
  return true;
}

absl::StatusOr<std::string> EarlierAnswer(sql::Session& s,
                                          absl::string_view scope,
                                          const RequestKey& key) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT method, fingerprint, resource_id, answer FROM "
              "idempotency_keys WHERE scope = ? AND request_id = ?",
              scope, key.request_id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) {
    // Refused as a duplicate, yet gone: its run was rolled back meanwhile.
    return sql::LockConflict("an earlier run of the request was undone");
  }
  if (st->Text(0) != key.method || st->Text(1) != key.fingerprint) {
    return InvalidField("request_id",
                        "was already used for a different request");
  }
  // Keys stored before answers were kept hold the resource id alone.
  return st->IsNull(3) ? st->Text(2) : st->Text(3);
}

absl::Status StoreAnswer(sql::Session& s, absl::string_view scope,
                         const RequestKey& key, absl::string_view answer) {
  return s.Defer(
      "UPDATE idempotency_keys SET answer = ? WHERE scope = ? AND "
      "request_id = ?",
      sql::Blob{answer}, scope, key.request_id);
}

}  // namespace internal
}  // namespace unionhub::outbox
