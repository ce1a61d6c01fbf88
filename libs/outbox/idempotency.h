// Idempotent writes, the same way in every service. A request that carries a
// request_id runs once per caller's organisation: a retry (the client timed
// out, the connection broke) gets back what the first run answered, without
// running again; the same request_id with another request, or on another
// method, is INVALID_ARGUMENT. The method is taken from the request's type,
// never typed by hand, and the check runs inside the change's own write
// transaction, so a change and its key commit together or not at all.
#ifndef UNIONHUB_LIBS_OUTBOX_IDEMPOTENCY_H_
#define UNIONHUB_LIBS_OUTBOX_IDEMPOTENCY_H_

#include <google/protobuf/message.h>

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/database.h"

namespace unionhub::outbox {

struct RequestKey {
  std::string request_id;   // As sent; empty when the client asked for none.
  std::string fingerprint;  // Hash of the request without its request_id.
  std::string method;       // Full name, e.g. "...MemberService.CreateMember".
};

// The key of `request`, a request message with a request_id field.
RequestKey RequestKeyOf(const google::protobuf::Message& request);
// The key of a request that arrives in pieces (an upload): its type, the
// request_id of its first message and a fingerprint of all of it.
RequestKey RequestKeyOf(const google::protobuf::Descriptor& request_type,
                        std::string request_id, std::string fingerprint);

// OK for an empty request_id (no idempotency asked) or 1..100 printable ASCII.
absl::Status CheckRequestId(absl::string_view request_id);

namespace internal {
// Claims the key for this transaction: true when no earlier run holds it.
// Claiming first (an INSERT, waiting for a twin in flight) rather than looking
// first keeps MySQL's serializable reads from taking gap locks that two
// concurrent requests then deadlock on.
absl::StatusOr<bool> Claim(sql::Session& s, absl::string_view scope,
                           const RequestKey& key, const Clock& clock);
// The answer of the earlier run that holds the key; INVALID_ARGUMENT when it
// was another request or method.
absl::StatusOr<std::string> EarlierAnswer(sql::Session& s,
                                          absl::string_view scope,
                                          const RequestKey& key);
absl::Status StoreAnswer(sql::Session& s, absl::string_view scope,
                         const RequestKey& key, absl::string_view answer);
}  // namespace internal

// For creates, whose answer is the id of what they made: what
// `find(id) -> StatusOr<optional<T>>` finds again on a retry.
template <typename T>
absl::StatusOr<T> MadeEarlier(absl::StatusOr<std::optional<T>> found) {
  return sql::MustExist(std::move(found),
                        "an idempotency key points at nothing");
}

// Runs `make() -> StatusOr<T>` once for `key` in the caller's organisation,
// inside the write transaction `s`. A first run stores `answer_of(made)` (a
// string: the id of what was made, or a serialized report); a retry returns
// `load(answer) -> StatusOr<T>` instead of running `make`. Without a
// request_id, `make` just runs.
template <typename Make, typename AnswerOf, typename Load,
          typename Result = std::invoke_result_t<Make&>>
Result Once(sql::Session& s, const auth::Caller& caller, const RequestKey& key,
            const Clock& clock, Make make, AnswerOf answer_of, Load load) {
  if (key.request_id.empty()) return make();
  ASSIGN_OR_RETURN(bool first,
                   internal::Claim(s, caller.organisation_id, key, clock));
  if (!first) {
    ASSIGN_OR_RETURN(std::string earlier,
                     internal::EarlierAnswer(s, caller.organisation_id, key));
    return load(earlier);
  }
  Result made = make();  // On failure the transaction, and the claim, go.
  if (!made.ok()) return made;
  RETURN_IF_ERROR(
      internal::StoreAnswer(s, caller.organisation_id, key, answer_of(*made)));
  return made;
}

}  // namespace unionhub::outbox

#endif  // UNIONHUB_LIBS_OUTBOX_IDEMPOTENCY_H_
